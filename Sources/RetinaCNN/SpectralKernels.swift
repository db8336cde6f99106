/// Element-wise complex multiply–accumulate on planar half spectra (see `DFTGrid`).
///
/// A spectrum pointer `p` holds real parts at `p[0..<planeStride]` and imaginary parts at
/// `p[planeStride..<2·planeStride]`. Every function works on the bin range `lo..<hi`, so callers
/// can block the bins to keep operands in cache or split them across workers. Plain `*` and `+`
/// (no `addProduct`): without an FMA target those become libm calls (docs/toolchain.md §6.3).
enum SpectralKernels {
    typealias V = SIMD4<Float>

    @inline(__always) private static func load(_ p: UnsafePointer<Float>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }
    @inline(__always) private static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// acc += conj(a) · b over bins `lo..<hi` (cross-correlation in the frequency domain).
    @inline(__always)
    static func conjMultiplyAdd(_ acc: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>,
                                _ b: UnsafePointer<Float>, planeStride n: Int, lo: Int, hi: Int) {
        var i = lo
        while i + 4 <= hi {
            let ar = load(a + i), ai = load(a + n + i), br = load(b + i), bi = load(b + n + i)
            store(load(acc + i) + (ar * br + ai * bi), acc + i)
            store(load(acc + n + i) + (ar * bi - ai * br), acc + n + i)
            i += 4
        }
        while i < hi {
            let ar = a[i], ai = a[n + i], br = b[i], bi = b[n + i]
            acc[i] += ar * br + ai * bi
            acc[n + i] += ar * bi - ai * br
            i += 1
        }
    }

    /// acc += a · b over bins `lo..<hi` (convolution in the frequency domain).
    @inline(__always)
    static func multiplyAdd(_ acc: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>,
                            _ b: UnsafePointer<Float>, planeStride n: Int, lo: Int, hi: Int) {
        var i = lo
        while i + 4 <= hi {
            let ar = load(a + i), ai = load(a + n + i), br = load(b + i), bi = load(b + n + i)
            store(load(acc + i) + (ar * br - ai * bi), acc + i)
            store(load(acc + n + i) + (ar * bi + ai * br), acc + n + i)
            i += 4
        }
        while i < hi {
            let ar = a[i], ai = a[n + i], br = b[i], bi = b[n + i]
            acc[i] += ar * br - ai * bi
            acc[n + i] += ar * bi + ai * br
            i += 1
        }
    }

    /// Multi-channel correlation for one sample:
    /// `out[o] = Σ_i conj(kernel[o, i]) · input[i]` for `outputs` × `inputs` planar spectra
    /// (kernel spectra stored `[outputs][inputs]`, input spectra at `input(i)`).
    static func correlate(outputs: Int, inputs: Int, grid: DFTGrid,
                          kernel: UnsafePointer<Float>, input: (Int) -> UnsafePointer<Float>,
                          output: UnsafeMutablePointer<Float>) {
        let s = grid.spectrumFloats
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 2 * inputs) { buf in
            let u = buf.baseAddress!, v = u + inputs
            for i in 0..<inputs { u[i] = input(i); v[i] = kernel + i * s }
            SpectralProduct.run(.conjV, p: outputs, q: inputs, count: grid.bins, u: u, uPlane: grid.bins, v: v,
                                vStride: inputs * s, vPlane: grid.bins, out: output, outStride: s, outPlane: grid.bins,
                                accumulate: false)
        }
    }

    /// Transposed multi-channel operation for one sample (gradient w.r.t. the input of a
    /// correlation): `out[i] = Σ_o kernel[o, i] · gradient[o]`.
    static func convolveTransposed(outputs: Int, inputs: Int, grid: DFTGrid,
                                   kernel: UnsafePointer<Float>, gradient: UnsafePointer<Float>,
                                   output: UnsafeMutablePointer<Float>) {
        let s = grid.spectrumFloats
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 2 * outputs) { buf in
            let u = buf.baseAddress!, v = u + outputs
            for o in 0..<outputs { u[o] = gradient + o * s; v[o] = kernel + o * inputs * s }
            SpectralProduct.run(.plain, p: inputs, q: outputs, count: grid.bins, u: u, uPlane: grid.bins, v: v,
                                vStride: s, vPlane: grid.bins, out: output, outStride: s, outPlane: grid.bins,
                                accumulate: false)
        }
    }
}
