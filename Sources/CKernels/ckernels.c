#include "ckernels.h"
#include <string.h>

// CK_PORTABLE_ONLY builds only the portable versions (to check them on an AVX2 machine).
#if defined(__x86_64__) && defined(__clang__) && !defined(CK_PORTABLE_ONLY)
#define CK_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CK_CLONES
#endif

typedef float ck_v8 __attribute__((vector_size(32), aligned(4)));

// Unaligned 8-float load and store (macros: a function returning a 256-bit vector would change the
// portable clone's ABI).
#define ck_ld(p) (*(const ck_v8 *)(const void *)(p))
#define ck_st(p, x) (*(ck_v8 *)(void *)(p) = (x))

// One self-sorting Stockham pass of radix p over a sequence of current length len = p·m with
// stride s (the product of the earlier radices): for t < m, q < s,
//   out row q + s(p·t + k) = w^{t·k} · Σ_r in row q + s(t + r·m) · ω_p^{r·k},  w = e^{sign·2πi/len}.
// A row is `segments` runs of `lanes` floats (one run per map): row j, map g of a layout starts at
// re + j·rowStride + g·mapStride (imaginary parts at im + the same offset). Input rows ≥ validRows
// read as zeros; output rows outside [firstRow, firstRow + rowCount) are computed and dropped.
// A run is 8-wide vectors, the last one overlapping the previous when lanes is not a multiple of 8
// (outputs never alias inputs, so a lane computed twice is written twice with the same value);
// runs shorter than 8 go scalar.

typedef struct {
    const float *re, *im;
    long rowStride, mapStride;
    int validRows;
} ck_in_layout;

typedef struct {
    float *re, *im;
    long rowStride, mapStride;
    int firstRow, rowCount;
} ck_out_layout;

#define CK_LANES(BODY)                                                            \
    if (lanes >= 8) {                                                             \
        for (int l = 0;;) {                                                       \
            BODY(ck_v8, ck_ld, ck_st, l)                                          \
            if (l == lanes - 8) break;                                            \
            l = l + 16 <= lanes ? l + 8 : lanes - 8;                              \
        }                                                                         \
    } else {                                                                      \
        for (int l = 0; l < lanes; l++) { BODY(float, CK_SLD, CK_SST, l) }       \
    }
#define CK_SLD(p) (*(p))
#define CK_SST(p, x) (*(p) = (x))
// (a + i·b)·(wr + i·wi) into (a, b)
#define CK_TW(T, a, b, wr, wi) { T ta_ = (a) * (wr) - (b) * (wi); (b) = (a) * (wi) + (b) * (wr); (a) = ta_; }

#define BF2(T, LD, ST, l) {                                                       \
    T r0 = LD(ir[0] + l), i0 = LD(ii[0] + l), r1 = LD(ir[1] + l), i1 = LD(ii[1] + l); \
    T dr = r0 - r1, di = i0 - i1;                                                 \
    if (tw) CK_TW(T, dr, di, w[0], w[1])                                          \
    ST(or_[0] + l, r0 + r1); ST(oi[0] + l, i0 + i1); ST(or_[1] + l, dr); ST(oi[1] + l, di); }

#define BF3(T, LD, ST, l) {                                                       \
    T r0 = LD(ir[0] + l), i0 = LD(ii[0] + l);                                     \
    T sr = LD(ir[1] + l) + LD(ir[2] + l), si = LD(ii[1] + l) + LD(ii[2] + l);     \
    T dr = LD(ir[1] + l) - LD(ir[2] + l), di = LD(ii[1] + l) - LD(ii[2] + l);     \
    T mr = r0 - 0.5f * sr, mi = i0 - 0.5f * si;                                   \
    T t1r = mr - h3 * di, t1i = mi + h3 * dr, t2r = mr + h3 * di, t2i = mi - h3 * dr; \
    if (tw) { CK_TW(T, t1r, t1i, w[0], w[1]) CK_TW(T, t2r, t2i, w[2], w[3]) }     \
    ST(or_[0] + l, r0 + sr); ST(oi[0] + l, i0 + si);                              \
    ST(or_[1] + l, t1r); ST(oi[1] + l, t1i); ST(or_[2] + l, t2r); ST(oi[2] + l, t2i); }

#define BF4(T, LD, ST, l) {                                                       \
    T a0r = LD(ir[0] + l), a0i = LD(ii[0] + l), a1r = LD(ir[1] + l), a1i = LD(ii[1] + l); \
    T a2r = LD(ir[2] + l), a2i = LD(ii[2] + l), a3r = LD(ir[3] + l), a3i = LD(ii[3] + l); \
    T s02r = a0r + a2r, s02i = a0i + a2i, d02r = a0r - a2r, d02i = a0i - a2i;     \
    T s13r = a1r + a3r, s13i = a1i + a3i, d13r = a1r - a3r, d13i = a1i - a3i;     \
    T er = -sign * d13i, ei = sign * d13r;                                        \
    T t1r = d02r + er, t1i = d02i + ei, t2r = s02r - s13r, t2i = s02i - s13i;     \
    T t3r = d02r - er, t3i = d02i - ei;                                           \
    if (tw) { CK_TW(T, t1r, t1i, w[0], w[1]) CK_TW(T, t2r, t2i, w[2], w[3]) CK_TW(T, t3r, t3i, w[4], w[5]) } \
    ST(or_[0] + l, s02r + s13r); ST(oi[0] + l, s02i + s13i);                      \
    ST(or_[1] + l, t1r); ST(oi[1] + l, t1i); ST(or_[2] + l, t2r); ST(oi[2] + l, t2i); \
    ST(or_[3] + l, t3r); ST(oi[3] + l, t3i); }

#define BF5(T, LD, ST, l) {                                                       \
    T x0r = LD(ir[0] + l), x0i = LD(ii[0] + l);                                   \
    T a1r = LD(ir[1] + l), a1i = LD(ii[1] + l), a4r = LD(ir[4] + l), a4i = LD(ii[4] + l); \
    T a2r = LD(ir[2] + l), a2i = LD(ii[2] + l), a3r = LD(ir[3] + l), a3i = LD(ii[3] + l); \
    T p1r = a1r + a4r, p1i = a1i + a4i, q1r = a1r - a4r, q1i = a1i - a4i;         \
    T p2r = a2r + a3r, p2i = a2i + a3i, q2r = a2r - a3r, q2i = a2i - a3i;         \
    T m1r = x0r + c51 * p1r + c52 * p2r, m1i = x0i + c51 * p1i + c52 * p2i;       \
    T m2r = x0r + c52 * p1r + c51 * p2r, m2i = x0i + c52 * p1i + c51 * p2i;       \
    T n1r = s51 * q1r + s52 * q2r, n1i = s51 * q1i + s52 * q2i;                   \
    T n2r = s52 * q1r - s51 * q2r, n2i = s52 * q1i - s51 * q2i;                   \
    T t1r = m1r - n1i, t1i = m1i + n1r, t4r = m1r + n1i, t4i = m1i - n1r;         \
    T t2r = m2r - n2i, t2i = m2i + n2r, t3r = m2r + n2i, t3i = m2i - n2r;         \
    if (tw) { CK_TW(T, t1r, t1i, w[0], w[1]) CK_TW(T, t2r, t2i, w[2], w[3])       \
              CK_TW(T, t3r, t3i, w[4], w[5]) CK_TW(T, t4r, t4i, w[6], w[7]) }     \
    ST(or_[0] + l, x0r + p1r + p2r); ST(oi[0] + l, x0i + p1i + p2i);              \
    ST(or_[1] + l, t1r); ST(oi[1] + l, t1i); ST(or_[2] + l, t2r); ST(oi[2] + l, t2i); \
    ST(or_[3] + l, t3r); ST(oi[3] + l, t3i); ST(or_[4] + l, t4r); ST(oi[4] + l, t4i); }

// Any radix p: out_k = Σ_r in_r·ω_p^{(r·k) mod p}, then the twiddle; scalar per lane (long primes
// only occur for grids no network here uses).
static void ck_butterfly_any(int p, int lanes, int tw, const float *w, const float *rootRe, const float *rootIm,
                             const float *const *ir, const float *const *ii, float *const *or_, float *const *oi) {
    for (int l = 0; l < lanes; l++) {
        for (int k = 0; k < p; k++) {
            float sr = 0, si = 0;
            for (int r = 0; r < p; r++) {
                int j = (r * k) % p;
                float xr = ir[r][l], xi = ii[r][l];
                sr += xr * rootRe[j] - xi * rootIm[j];
                si += xr * rootIm[j] + xi * rootRe[j];
            }
            if (tw && k > 0) CK_TW(float, sr, si, w[2 * (k - 1)], w[2 * (k - 1) + 1])
            or_[k][l] = sr; oi[k][l] = si;
        }
    }
}

// One pass with a dedicated butterfly (radix 2–5): the p input and output rows of (t, q) are
// located once, then the maps' runs follow at fixed strides (a zero or trash row stays put).
#define CK_PASS_SMALL(NAME, P, BODY)                                                                  \
CK_CLONES                                                                                            \
static void NAME(int m, int s, int segments, int lanes, float sign, const float *twr, const float *twi, \
                 ck_in_layout in, ck_out_layout out, const float *zero, float *trash) {              \
    const float h3 = 0.86602540378443864676f * sign;                                                 \
    const float c51 = 0.30901699437494742410f, c52 = -0.80901699437494742410f;                       \
    const float s51 = 0.95105651629515357212f * sign, s52 = 0.58778525229247312917f * sign;          \
    (void)h3; (void)c51; (void)c52; (void)s51; (void)s52;                                            \
    const float *ir[P], *ii[P]; float *or_[P], *oi[P];                                               \
    long si[P], so[P];                                                                               \
    float w[2 * P];                                                                                  \
    for (int t = 0; t < m; t++) {                                                                    \
        const int tw = t > 0;                                                                        \
        for (int k = 1; k < P; k++) { w[2 * (k - 1)] = twr[P * t + k]; w[2 * (k - 1) + 1] = twi[P * t + k]; } \
        for (int q = 0; q < s; q++) {                                                                \
            for (int r = 0; r < P; r++) {                                                            \
                int j = q + s * (t + r * m);                                                         \
                if (j < in.validRows) {                                                              \
                    ir[r] = in.re + (long)j * in.rowStride; ii[r] = in.im + (long)j * in.rowStride; si[r] = in.mapStride; \
                } else { ir[r] = zero; ii[r] = zero; si[r] = 0; }                                     \
            }                                                                                        \
            for (int k = 0; k < P; k++) {                                                            \
                int j = q + s * (P * t + k) - out.firstRow;                                          \
                if (j >= 0 && j < out.rowCount) {                                                    \
                    or_[k] = out.re + (long)j * out.rowStride; oi[k] = out.im + (long)j * out.rowStride; so[k] = out.mapStride; \
                } else { or_[k] = trash; oi[k] = trash; so[k] = 0; }                                  \
            }                                                                                        \
            for (int g = 0; g < segments; g++) {                                                     \
                CK_LANES(BODY)                                                                       \
                for (int r = 0; r < P; r++) { ir[r] += si[r]; ii[r] += si[r]; }                      \
                for (int k = 0; k < P; k++) { or_[k] += so[k]; oi[k] += so[k]; }                     \
            }                                                                                        \
        }                                                                                            \
    }                                                                                                \
}
CK_PASS_SMALL(ck_pass2, 2, BF2)
CK_PASS_SMALL(ck_pass3, 3, BF3)
CK_PASS_SMALL(ck_pass4, 4, BF4)
CK_PASS_SMALL(ck_pass5, 5, BF5)

// One pass of any other radix p (direct scalar butterfly); twr/twi: this pass's [t][k] twiddles
// followed by the p roots.
static void ck_pass_any(int p, int m, int s, int segments, int lanes, const float *twr, const float *twi,
                        ck_in_layout in, ck_out_layout out, const float *zero, float *trash) {
    const float **ir = __builtin_alloca(sizeof(float *) * (size_t)p), **ii = __builtin_alloca(sizeof(float *) * (size_t)p);
    float **or_ = __builtin_alloca(sizeof(float *) * (size_t)p), **oi = __builtin_alloca(sizeof(float *) * (size_t)p);
    float *w = __builtin_alloca(sizeof(float) * (size_t)(2 * p));
    for (int t = 0; t < m; t++) {
        for (int k = 1; k < p; k++) { w[2 * (k - 1)] = twr[p * t + k]; w[2 * (k - 1) + 1] = twi[p * t + k]; }
        for (int q = 0; q < s; q++) {
            for (int g = 0; g < segments; g++) {
                for (int r = 0; r < p; r++) {
                    int j = q + s * (t + r * m);
                    if (j < in.validRows) {
                        ir[r] = in.re + (long)j * in.rowStride + g * in.mapStride;
                        ii[r] = in.im + (long)j * in.rowStride + g * in.mapStride;
                    } else { ir[r] = zero; ii[r] = zero; }
                }
                for (int k = 0; k < p; k++) {
                    int j = q + s * (p * t + k) - out.firstRow;
                    if (j >= 0 && j < out.rowCount) {
                        or_[k] = out.re + (long)j * out.rowStride + g * out.mapStride;
                        oi[k] = out.im + (long)j * out.rowStride + g * out.mapStride;
                    } else { or_[k] = trash; oi[k] = trash; }
                }
                ck_butterfly_any(p, lanes, t > 0, w, twr + p * m, twi + p * m, ir, ii, or_, oi);
            }
        }
    }
}

int ck_fft_maps(int n, int passes, const int *radices, const float *twiddleRe, const float *twiddleIm, float sign,
                const float *inRe, const float *inIm, long inRowStride, long inMapStride, int inValidRows,
                float *outRe, float *outIm, long outRowStride, long outMapStride, int outFirstRow, int outRowCount,
                int maps, int lanes, float *scratch) {
    for (int i = 0; i < passes; i++) if (radices[i] < 2) return -1;
    const long width = (long)maps * lanes, plane = (long)n * width;
    float *zero = scratch + 4 * plane, *trash = zero + lanes;
    memset(zero, 0, sizeof(float) * (size_t)lanes);
    ck_in_layout src = {inRe, inIm, inRowStride, inMapStride, inValidRows};
    if (passes == 0) {   // n = 1: a copy
        ck_out_layout dst = {outRe, outIm, outRowStride, outMapStride, outFirstRow, outRowCount};
        if (outFirstRow <= 0 && outRowCount > -outFirstRow) {
            for (int g = 0; g < maps; g++) for (int l = 0; l < lanes; l++) {
                float *dr = dst.re - (long)outFirstRow * outRowStride + g * outMapStride;
                float *di = dst.im - (long)outFirstRow * outRowStride + g * outMapStride;
                dr[l] = inValidRows > 0 ? inRe[g * inMapStride + l] : 0;
                di[l] = inValidRows > 0 ? inIm[g * inMapStride + l] : 0;
            }
        }
        return 0;
    }
    int len = n, s = 1;
    const float *twr = twiddleRe, *twi = twiddleIm;
    int segments = maps, runLanes = lanes;   // the caller's layout: one run per map
    for (int i = 0; i < passes; i++) {
        int p = radices[i], m = len / p;
        float *bre = scratch + (long)(2 * (i % 2)) * plane, *bim = bre + plane;
        ck_out_layout dst = i == passes - 1
            ? (ck_out_layout){outRe, outIm, outRowStride, outMapStride, outFirstRow, outRowCount}
            : (ck_out_layout){bre, bim, width, lanes, 0, n};
        // A pass touching the caller's layout runs map by map; between scratch buffers a row is one
        // contiguous run of maps·lanes floats.
        if (i == 0 || i == passes - 1) { segments = maps; runLanes = lanes; }
        else { segments = 1; runLanes = (int)width; src.mapStride = 0; dst.mapStride = 0; }
        switch (p) {
        case 2: ck_pass2(m, s, segments, runLanes, sign, twr, twi, src, dst, zero, trash); break;
        case 3: ck_pass3(m, s, segments, runLanes, sign, twr, twi, src, dst, zero, trash); break;
        case 4: ck_pass4(m, s, segments, runLanes, sign, twr, twi, src, dst, zero, trash); break;
        case 5: ck_pass5(m, s, segments, runLanes, sign, twr, twi, src, dst, zero, trash); break;
        default: ck_pass_any(p, m, s, segments, runLanes, twr, twi, src, dst, zero, trash); break;
        }
        twr += len + (p > 5 ? p : 0); twi += len + (p > 5 ? p : 0);
        src = (ck_in_layout){bre, bim, width, lanes, n};
        len = m; s *= p;
    }
    return 0;
}

// Four outputs per register block; one mode (CK_CMAC0/1/2 below).
#define CK_SINGLE_BODY(CMAC)                                                                             \
    for (int p0 = 0; p0 < P; p0 += 4) {                                                                   \
        const int np = P - p0 < 4 ? P - p0 : 4;                                                           \
        if (np == 4) {                                                                                    \
            for (int x = 0; x < vecHi; x += 8) {                                                          \
                float *o = out + p0 * os + x;                                                             \
                ck_v8 r0 = {0}, i0 = {0}, r1 = {0}, i1 = {0}, r2 = {0}, i2 = {0}, r3 = {0}, i3 = {0};       \
                if (accumulate) {                                                                         \
                    r0 = ck_ld(o); i0 = ck_ld(o + on); r1 = ck_ld(o + os); i1 = ck_ld(o + os + on);        \
                    r2 = ck_ld(o + 2 * os); i2 = ck_ld(o + 2 * os + on); r3 = ck_ld(o + 3 * os); i3 = ck_ld(o + 3 * os + on); \
                }                                                                                         \
                for (int q = 0; q < Q; q++) {                                                             \
                    const float *up = u[q] + x, *vp = v[q] + p0 * vs + x;                                 \
                    ck_v8 ur = ck_ld(up), ui = ck_ld(up + un);                                            \
                    ck_v8 vr = ck_ld(vp), vi = ck_ld(vp + vn);                                            \
                    CMAC(r0, i0, ur, ui, vr, vi)                                                          \
                    vr = ck_ld(vp + vs); vi = ck_ld(vp + vs + vn);                                         \
                    CMAC(r1, i1, ur, ui, vr, vi)                                                          \
                    vr = ck_ld(vp + 2 * vs); vi = ck_ld(vp + 2 * vs + vn);                                 \
                    CMAC(r2, i2, ur, ui, vr, vi)                                                          \
                    vr = ck_ld(vp + 3 * vs); vi = ck_ld(vp + 3 * vs + vn);                                 \
                    CMAC(r3, i3, ur, ui, vr, vi)                                                          \
                }                                                                                         \
                ck_st(o, r0); ck_st(o + on, i0); ck_st(o + os, r1); ck_st(o + os + on, i1);               \
                ck_st(o + 2 * os, r2); ck_st(o + 2 * os + on, i2); ck_st(o + 3 * os, r3); ck_st(o + 3 * os + on, i3); \
            }                                                                                             \
        } else {                                                                                          \
            for (int x = 0; x < vecHi; x += 8) {                                                          \
                for (int j = 0; j < np; j++) {                                                            \
                    float *o = out + (p0 + j) * os + x;                                                   \
                    ck_v8 r = {0}, i = {0};                                                               \
                    if (accumulate) { r = ck_ld(o); i = ck_ld(o + on); }                                  \
                    for (int q = 0; q < Q; q++) {                                                         \
                        const float *up = u[q] + x, *vp = v[q] + (p0 + j) * vs + x;                       \
                        ck_v8 ur = ck_ld(up), ui = ck_ld(up + un), vr = ck_ld(vp), vi = ck_ld(vp + vn);   \
                        CMAC(r, i, ur, ui, vr, vi)                                                        \
                    }                                                                                     \
                    ck_st(o, r); ck_st(o + on, i);                                                        \
                }                                                                                         \
            }                                                                                             \
        }                                                                                                 \
    }

// acc_re/acc_im += op(u, v) for one mode, with plain multiply-adds (no sign temporaries):
//   0 conj(V)·U: re += ur·vr + ui·vi, im += ui·vr − ur·vi
//   1 conj(U)·V: re += ur·vr + ui·vi, im += ur·vi − ui·vr
//   2 V·U:       re += ur·vr − ui·vi, im += ur·vi + ui·vr
#define CK_CMAC0(re, im, ur, ui, vr, vi) { re += ur * vr + ui * vi; im += ui * vr - ur * vi; }
#define CK_CMAC1(re, im, ur, ui, vr, vi) { re += ur * vr + ui * vi; im += ur * vi - ui * vr; }
#define CK_CMAC2(re, im, ur, ui, vr, vi) { re += ur * vr - ui * vi; im += ur * vi + ui * vr; }

// The scalar tail x in [vecHi, count) of one U set.
static void ck_product_tail(int mode, int P, int Q, int vecHi, int count, const float *const *u, long un,
                            const float *const *v, long vs, long vn, float *out, long os, long on, int accumulate) {
    const float sRe = mode == 2 ? -1.0f : 1.0f, sIm = mode == 0 ? -1.0f : 1.0f, sUi = mode == 1 ? -1.0f : 1.0f;
    for (int x = vecHi; x < count; x++) {
        for (int p = 0; p < P; p++) {
            float *o = out + p * os + x;
            float re = accumulate ? o[0] : 0.0f, im = accumulate ? o[on] : 0.0f;
            for (int q = 0; q < Q; q++) {
                float ur = u[q][x], ui = u[q][x + un];
                const float *vp = v[q] + p * vs + x;
                float vr = vp[0], vi = vp[vn];
                re += ur * vr + sRe * ui * vi;
                im += sIm * ur * vi + sUi * ui * vr;
            }
            o[0] = re; o[on] = im;
        }
    }
}

CK_CLONES
void ck_spectral_product(int mode, int P, int Q, int count, const float *const *u, long uPlane,
                         const float *const *v, long vStride, long vPlane, float *out, long outStride,
                         long outPlane, int accumulate) {
    const long vs = vStride, os = outStride, un = uPlane, vn = vPlane, on = outPlane;
    const int vecHi = count / 8 * 8;
    switch (mode) {
    case 0: CK_SINGLE_BODY(CK_CMAC0) break;
    case 1: CK_SINGLE_BODY(CK_CMAC1) break;
    default: CK_SINGLE_BODY(CK_CMAC2) break;
    }
    ck_product_tail(mode, P, Q, vecHi, count, u, un, v, vs, vn, out, os, on, accumulate);
}


// Two outputs × two U sets per register block; one mode.
#define CK_PAIR_BODY(CMAC)                                                                               \
    for (int p0 = 0; p0 < P; p0 += 2) {                                                                   \
        const int two = P - p0 >= 2;                                                                      \
        for (int x = 0; x < vecHi; x += 8) {                                                              \
            float *a = out0 + p0 * os + x, *b = out1 + p0 * os + x;                                       \
            ck_v8 ar0 = {0}, ai0 = {0}, ar1 = {0}, ai1 = {0}, br0 = {0}, bi0 = {0}, br1 = {0}, bi1 = {0};   \
            if (accumulate) {                                                                             \
                ar0 = ck_ld(a); ai0 = ck_ld(a + on); br0 = ck_ld(b); bi0 = ck_ld(b + on);                  \
                if (two) { ar1 = ck_ld(a + os); ai1 = ck_ld(a + os + on); br1 = ck_ld(b + os); bi1 = ck_ld(b + os + on); } \
            }                                                                                             \
            for (int q = 0; q < Q; q++) {                                                                 \
                const float *pu = u0[q] + x, *pw = u1[q] + x, *vp = v[q] + p0 * vs + x;                   \
                ck_v8 xr = ck_ld(pu), xi = ck_ld(pu + un), yr = ck_ld(pw), yi = ck_ld(pw + un);           \
                ck_v8 vr = ck_ld(vp), vi = ck_ld(vp + vn);                                                \
                CMAC(ar0, ai0, xr, xi, vr, vi) CMAC(br0, bi0, yr, yi, vr, vi)                             \
                if (two) {                                                                                \
                    vr = ck_ld(vp + vs); vi = ck_ld(vp + vs + vn);                                         \
                    CMAC(ar1, ai1, xr, xi, vr, vi) CMAC(br1, bi1, yr, yi, vr, vi)                         \
                }                                                                                         \
            }                                                                                             \
            ck_st(a, ar0); ck_st(a + on, ai0); ck_st(b, br0); ck_st(b + on, bi0);                          \
            if (two) { ck_st(a + os, ar1); ck_st(a + os + on, ai1); ck_st(b + os, br1); ck_st(b + os + on, bi1); } \
        }                                                                                                 \
    }

CK_CLONES
void ck_spectral_product_pair(int mode, int P, int Q, int count, const float *const *u0, const float *const *u1,
                              long uPlane, const float *const *v, long vStride, long vPlane, float *out0, float *out1,
                              long outStride, long outPlane, int accumulate) {
    const long vs = vStride, os = outStride, un = uPlane, vn = vPlane, on = outPlane;
    const int vecHi = count / 8 * 8;
    switch (mode) {
    case 0: CK_PAIR_BODY(CK_CMAC0) break;
    case 1: CK_PAIR_BODY(CK_CMAC1) break;
    default: CK_PAIR_BODY(CK_CMAC2) break;
    }
    ck_product_tail(mode, P, Q, vecHi, count, u0, un, v, vs, vn, out0, os, on, accumulate);
    ck_product_tail(mode, P, Q, vecHi, count, u1, un, v, vs, vn, out1, os, on, accumulate);
}

CK_CLONES
void ck_copy_runs(float *dst, long dstStride, const float *src, long srcStride, long blocks, int length) {
    const int vec = length / 8 * 8;
    for (long b = 0; b < blocks; b++) {
        float *d = dst + b * dstStride;
        const float *s = src + b * srcStride;
        int k = 0;
        for (; k < vec; k += 8) ck_st(d + k, ck_ld(s + k));
        for (; k < length; k++) d[k] = s[k];
    }
}

CK_CLONES
void ck_affine_relu(long count, long units, const float *x, const float *scale, const float *shift, float *out) {
    for (long b = 0; b < count; b++) {
        const float *xi = x + b * units;
        float *oi = out + b * units;
        for (long i = 0; i < units; i++) {
            float v = scale[i] * xi[i] + shift[i];
            oi[i] = v > 0 ? v : 0;
        }
    }
}

CK_CLONES
void ck_relu_scale_backward(long count, long units, float *g, const float *h, const float *scale) {
    for (long b = 0; b < count; b++) {
        float *restrict gi = g + b * units;
        const float *restrict hi = h + b * units;
        for (long i = 0; i < units; i++) gi[i] = hi[i] > 0 ? gi[i] * scale[i] : 0;
    }
}

int ck_cpu_has_avx2_fma(void) {
#if defined(__x86_64__) && defined(__clang__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

int ck_uses_avx2(void) {
#if defined(__x86_64__) && defined(__clang__) && !defined(CK_PORTABLE_ONLY)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}
