// Checks the C kernels (Sources/CKernels) against plain Double arithmetic. Built twice by
// Tools/portable_kernels_check.sh: once as shipped (the CPU picks the AVX2/FMA or the portable
// version) and once with -DCK_PORTABLE_ONLY, so the portable versions are exercised on an AVX2
// machine too. Exit status 1 and a line per failure when a result is off.
#include "ckernels.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int failures = 0;
static unsigned long long state = 88172645463325252ull;
static float uniform(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return (float)(state % 20001) / 10000.0f - 1.0f; }

// Column FFT of `maps` maps (strided input, zero padding, cropped output) against a Double DFT.
static void check_fft(int n, int lanes, int maps, int valid, int first, int count, int np, const int *radices) {
    float *twr = malloc(sizeof(float) * 4 * n * 8), *twi = malloc(sizeof(float) * 4 * n * 8);
    int len = n, o = 0;
    for (int p = 0; p < np; p++) {
        int m = len / radices[p];
        for (int t = 0; t < m; t++) for (int k = 0; k < radices[p]; k++) {
            double a = -2 * M_PI * (double)((t * k) % len) / len; twr[o] = (float)cos(a); twi[o] = (float)sin(a); o++;
        }
        if (radices[p] > 5) for (int j = 0; j < radices[p]; j++) {
            double a = -2 * M_PI * j / radices[p]; twr[o] = (float)cos(a); twi[o] = (float)sin(a); o++;
        }
        len = m;
    }
    long irs = 2 * lanes, ims = (long)valid * irs + 3, ors = lanes, oms = 2L * count * lanes + 5;
    float *in = malloc(sizeof(float) * (maps * ims + 8)), *out = malloc(sizeof(float) * (maps * oms + 8));
    float *scratch = malloc(sizeof(float) * (4L * n * maps * lanes + 2 * lanes));
    for (long i = 0; i < maps * ims + 8; i++) in[i] = uniform();
    ck_fft_maps(n, np, radices, twr, twi, -1, in, in + lanes, irs, ims, valid, out, out + (long)count * lanes, ors, oms,
                first, count, maps, lanes, scratch);
    double worst = 0, scale = 0;
    for (int g = 0; g < maps; g++) for (int k = first; k < first + count; k++) for (int l = 0; l < lanes; l++) {
        double sr = 0, si = 0;
        for (int j = 0; j < valid; j++) {
            double a = -2 * M_PI * (double)((j * k) % n) / n, xr = in[g * ims + j * irs + l], xi = in[g * ims + j * irs + lanes + l];
            sr += xr * cos(a) - xi * sin(a); si += xr * sin(a) + xi * cos(a);
        }
        const float *y = out + g * oms + (long)(k - first) * ors + l;
        worst = fmax(worst, fmax(fabs(sr - y[0]), fabs(si - y[(long)count * lanes])));
        scale = fmax(scale, fabs(sr));
    }
    if (!(worst <= 2e-6 * fmax(1, scale) * valid)) { printf("FFT n=%d lanes=%d: error %.3g\n", n, lanes, worst); failures++; }
    free(twr); free(twi); free(in); free(out); free(scratch);
}

// Spectral products (three modes, accumulate or not) and the paired product against Double sums.
static void check_products(int P, int Q, int count) {
    int plane = count + 3;
    float *U0 = malloc(sizeof(float) * Q * 2 * plane), *U1 = malloc(sizeof(float) * Q * 2 * plane);
    float *V = malloc(sizeof(float) * P * Q * 2 * plane);
    float *A = malloc(sizeof(float) * P * 2 * plane), *B = malloc(sizeof(float) * P * 2 * plane);
    const float **u0 = malloc(sizeof(float *) * Q), **u1 = malloc(sizeof(float *) * Q), **v = malloc(sizeof(float *) * Q);
    for (int i = 0; i < Q * 2 * plane; i++) { U0[i] = uniform(); U1[i] = uniform(); }
    for (int i = 0; i < P * Q * 2 * plane; i++) V[i] = uniform();
    for (int q = 0; q < Q; q++) { u0[q] = U0 + q * 2 * plane; u1[q] = U1 + q * 2 * plane; v[q] = V + q * 2 * plane; }
    for (int mode = 0; mode < 3; mode++) for (int acc = 0; acc < 2; acc++) for (int paired = 0; paired < 2; paired++) {
        for (int i = 0; i < P * 2 * plane; i++) { A[i] = 0.25f * (i % 4); B[i] = 0.5f * (i % 3); }
        if (paired) ck_spectral_product_pair(mode, P, Q, count, u0, u1, plane, v, (long)Q * 2 * plane, plane, A, B, 2 * plane, plane, acc);
        else ck_spectral_product(mode, P, Q, count, u0, plane, v, (long)Q * 2 * plane, plane, A, 2 * plane, plane, acc);
        for (int set = 0; set < 1 + paired; set++) {
            const float **u = set ? u1 : u0; float *out = set ? B : A; double start = set ? 0.5 : 0.25; int period = set ? 3 : 4;
            for (int p = 0; p < P; p++) for (int x = 0; x < count; x++) {
                double re = acc ? start * ((p * 2 * plane + x) % period) : 0, im = acc ? start * ((p * 2 * plane + plane + x) % period) : 0;
                for (int q = 0; q < Q; q++) {
                    double ur = u[q][x], ui = u[q][x + plane], vr = v[q][p * Q * 2 * plane + x], vi = v[q][p * Q * 2 * plane + x + plane];
                    if (mode == 0) { re += ur * vr + ui * vi; im += ui * vr - ur * vi; }
                    else if (mode == 1) { re += ur * vr + ui * vi; im += ur * vi - ui * vr; }
                    else { re += ur * vr - ui * vi; im += ur * vi + ui * vr; }
                }
                double e = fmax(fabs(re - out[p * 2 * plane + x]), fabs(im - out[p * 2 * plane + plane + x]));
                if (!(e <= 1e-5 * Q)) { printf("product P=%d Q=%d mode %d acc %d paired %d set %d: error %.3g\n", P, Q, mode, acc, paired, set, e); failures++; return; }
            }
        }
    }
    free(U0); free(U1); free(V); free(A); free(B); free(u0); free(u1); free(v);
}

// Folded BN + ReLU and its backward step.
static void check_bn(void) {
    enum { N = 3, U = 37 };
    float x[N * U], s[U], t[U], y[N * U], g[N * U], g0[N * U];
    for (int i = 0; i < N * U; i++) { x[i] = uniform(); g[i] = g0[i] = uniform(); }
    for (int i = 0; i < U; i++) { s[i] = uniform(); t[i] = uniform(); }
    ck_affine_relu(N, U, x, s, t, y);
    ck_relu_scale_backward(N, U, g, y, s);
    for (int b = 0; b < N; b++) for (int i = 0; i < U; i++) {
        float v = s[i] * x[b * U + i] + t[i], want = v > 0 ? v : 0;
        if (fabsf(y[b * U + i] - want) > 1e-6f || fabsf(g[b * U + i] - (want > 0 ? g0[b * U + i] * s[i] : 0)) > 1e-6f) {
            printf("BN/ReLU: unit %d off\n", i); failures++; return;
        }
    }
}

int main(void) {
    const int r36[] = {4, 3, 3}, r50[] = {2, 5, 5}, r14[] = {2, 7}, r7[] = {7}, r5[] = {5}, r8[] = {4, 2};
    check_fft(36, 19, 16, 36, 0, 36, 3, r36);
    check_fft(36, 19, 5, 26, 5, 26, 3, r36);
    check_fft(50, 26, 17, 50, 0, 36, 3, r50);
    check_fft(14, 9, 3, 10, 1, 12, 2, r14);
    check_fft(7, 5, 2, 7, 2, 3, 1, r7);
    check_fft(5, 3, 2, 5, 0, 5, 1, r5);
    check_fft(8, 1, 4, 8, 0, 8, 2, r8);
    check_products(8, 40, 64); check_products(4, 64, 61); check_products(7, 5, 19); check_products(3, 2, 5);
    check_bn();
    printf("C kernels (%s versions): %s\n", ck_uses_avx2() ? "AVX2/FMA" : "portable", failures ? "FAILED" : "all checks passed");
    return failures ? 1 : 0;
}
