import CKernels

/// Register-blocked complex products over planar half spectra: for every bin v,
///
///     out[p][v] (+)= Σ_q  op(U[q][v], V[p][q][v]),   p < P, q < Q,
///
/// with `op` one of conj(V)·U (correlation with kernel V), conj(U)·V (weight gradient) or V·U
/// (transposed correlation), for bins v in `0..<count` counted from the given pointers.
/// U[q] is `u[q]`, V[p][q] is `v[q] + p·vStride`, out[p] is `out + p·outStride`; each operand's
/// imaginary values sit `uPlane`/`vPlane`/`outPlane` floats after its real values (the full
/// planar layout of `DFTGrid`, or the blocked layout of `SpectrumBlocks`).
///
/// Four outputs are accumulated in registers, 8 bins wide, while the Q terms stream through (10
/// vector loads per 16 multiply-adds). The loop is C (`ck_spectral_product`, Sources/CKernels),
/// built twice — AVX2/FMA and portable — and chosen at load time; until 2026-12-02 it was Swift
/// SIMD4 code, which the default x86-64 target compiles to SSE2 without FMA (30–40 GFLOP/s).
enum SpectralProduct {
    enum Mode: Int32 { case conjV = 0, conjU = 1, plain = 2 }

    /// Runs the product on `count` bins (all P outputs). `accumulate` adds to `out`, otherwise
    /// overwrites it.
    static func run(_ mode: Mode, p P: Int, q Q: Int, count: Int,
                    u: UnsafePointer<UnsafePointer<Float>>, uPlane: Int,
                    v: UnsafePointer<UnsafePointer<Float>>, vStride: Int, vPlane: Int,
                    out: UnsafeMutablePointer<Float>, outStride: Int, outPlane: Int, accumulate: Bool) {
        guard P > 0, count > 0 else { return }
        u.withMemoryRebound(to: UnsafePointer<Float>?.self, capacity: Q) { uu in
            v.withMemoryRebound(to: UnsafePointer<Float>?.self, capacity: Q) { vv in
                ck_spectral_product(mode.rawValue, Int32(P), Int32(Q), Int32(count), uu, uPlane, vv, vStride, vPlane,
                                    out, outStride, outPlane, accumulate ? 1 : 0)
            }
        }
    }

    /// ``run(_:p:q:count:u:uPlane:v:vStride:vPlane:out:outStride:outPlane:accumulate:)`` for two sets of U
    /// (`u0`, `u1`) sharing V, written to `out0` and `out1`: each V value loaded serves both
    /// (`ck_spectral_product_pair`; twice the rate of two single calls when V streams from L2, as in
    /// conv1 with its C1·T kernel spectra).
    static func runPair(_ mode: Mode, p P: Int, q Q: Int, count: Int,
                        u0: UnsafePointer<UnsafePointer<Float>>, u1: UnsafePointer<UnsafePointer<Float>>, uPlane: Int,
                        v: UnsafePointer<UnsafePointer<Float>>, vStride: Int, vPlane: Int,
                        out0: UnsafeMutablePointer<Float>, out1: UnsafeMutablePointer<Float>, outStride: Int, outPlane: Int,
                        accumulate: Bool) {
        guard P > 0, count > 0 else { return }
        u0.withMemoryRebound(to: UnsafePointer<Float>?.self, capacity: Q) { a in
            u1.withMemoryRebound(to: UnsafePointer<Float>?.self, capacity: Q) { b in
                v.withMemoryRebound(to: UnsafePointer<Float>?.self, capacity: Q) { vv in
                    ck_spectral_product_pair(mode.rawValue, Int32(P), Int32(Q), Int32(count), a, b, uPlane, vv, vStride, vPlane,
                                             out0, out1, outStride, outPlane, accumulate ? 1 : 0)
                }
            }
        }
    }
}
