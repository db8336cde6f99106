// Float32 kernels of the CNN engine written in C so that one binary carries an AVX2/FMA version and
// a portable (x86-64 baseline / generic) version of each, chosen once at load time by the CPU's
// features (clang `target_clones`, an ifunc resolver; docs/toolchain.md §4). Both versions compute
// the same formulas; they may differ in the last bits (FMA contraction, vector summation order).
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>

/// Complex DFT of length `n` down the columns of `maps` maps at once:
///
///     out[k][g][l] = Σ_j in[j][g][l] · exp(sign · 2πi · j·k / n),   sign = −1 (forward), +1 (inverse),
///
/// for maps g < `maps` and lanes l < `lanes`, no normalisation. Row j of map g starts at
/// `inRe + j·inRowStride + g·inMapStride` (imaginary parts likewise from `inIm`); rows j ≥
/// `inValidRows` read as zeros (implicit zero padding). Output row k of map g is written at
/// `outRe/outIm + (k − outFirstRow)·outRowStride + g·outMapStride` for k in [outFirstRow,
/// outFirstRow + outRowCount); other rows are dropped (a cropped inverse). Outputs must not overlap
/// inputs. Self-sorting Stockham passes, one per entry of `radices` (their product is `n`; radices 2,
/// 3, 4, 5 have vector butterflies, any other radix p ≥ 2 a direct O(p²) scalar one); the first pass
/// reads the caller's layout and the last writes it, the others run on `scratch` with the maps'
/// lanes side by side. `twiddleRe/Im` hold, for each pass in order, exp(sign·2πi·t·k/len) for
/// t = 0 ..< len/p, k = 0 ..< p (row-major [t][k]), len = n / (product of the earlier radices); a pass
/// whose radix has no vector butterfly is followed by its p roots exp(sign·2πi·j/p), j = 0 ..< p.
/// `scratch` holds 4·n·maps·lanes + 2·lanes floats. Returns 0, or −1 for a radix below 2.
int ck_fft_maps(int n, int passes, const int *radices, const float *twiddleRe, const float *twiddleIm, float sign,
                const float *inRe, const float *inIm, long inRowStride, long inMapStride, int inValidRows,
                float *outRe, float *outIm, long outRowStride, long outMapStride, int outFirstRow, int outRowCount,
                int maps, int lanes, float *scratch);

/// Register-blocked complex products over planar spectra, for every bin x < count:
///
///     out[p][x] (+)= Σ_q op(U[q][x], V[p][q][x]),   p < P, q < Q,
///
/// mode 0: conj(V)·U (correlation), 1: conj(U)·V (weight gradient), 2: V·U (transposed correlation).
/// U[q] = u[q]; V[p][q] = v[q] + p·vStride; out[p] = out + p·outStride; each operand's imaginary
/// values sit uPlane / vPlane / outPlane floats after its real values. accumulate = 0 overwrites.
void ck_spectral_product(int mode, int P, int Q, int count, const float *const *u, long uPlane,
                         const float *const *v, long vStride, long vPlane, float *out, long outStride,
                         long outPlane, int accumulate);

/// Copies `blocks` runs of `length` floats: run b from `src + b·srcStride` to `dst + b·dstStride`
/// (the regroupings between per-map spectra and map-interleaved FFT lanes; runs too short for a
/// `memcpy` call to pay).
void ck_copy_runs(float *dst, long dstStride, const float *src, long srcStride, long blocks, int length);

/// ``ck_spectral_product`` for two sets of U sharing the same V, in one pass over V:
/// out0[p] (+)= Σ_q op(U0[q], V[p][q]) and out1[p] (+)= Σ_q op(U1[q], V[p][q]). Each V value loaded
/// serves both sets (half the V traffic, which bounds the single product when V is in L2).
void ck_spectral_product_pair(int mode, int P, int Q, int count, const float *const *u0, const float *const *u1,
                              long uPlane, const float *const *v, long vStride, long vPlane, float *out0, float *out1,
                              long outStride, long outPlane, int accumulate);

/// Folded batch norm and ReLU over `count` rows of `units` values: out[b][i] = max(0, scale[i]·x[b][i] +
/// shift[i]). `out` may be `x` (in place).
void ck_affine_relu(long count, long units, const float *x, const float *scale, const float *shift, float *out);

/// The ReLU's and the folded batch norm's backward step over `count` rows of `units` values:
/// g[b][i] = h[b][i] > 0 ? g[b][i]·scale[i] : 0, with h the ReLU's output.
void ck_relu_scale_backward(long count, long units, float *g, const float *h, const float *scale);

/// 1 when the AVX2/FMA versions run on this CPU, 0 when the portable ones do.
int ck_uses_avx2(void);

/// 1 when this CPU has AVX2 and FMA (whatever this library was built to use), else 0.
int ck_cpu_has_avx2_fma(void);
#endif
