import Foundation

/// The grid of a real 2-D discrete Fourier transform: `height × width` samples and the half
/// spectrum `height × (width/2 + 1)` bins that represents them (the other half is the complex
/// conjugate). A spectrum is stored *planar*: `bins` real parts, then `bins` imaginary parts,
/// bin index `ky * halfWidth + kx`.
///
/// Convolutions in the engine are valid cross-correlations of an `H × W` map with a `K × K`
/// kernel. Computed circularly on the `H × W` grid itself (no padding to a power of two) they are
/// exact: every output position y ≤ H − K reads inputs y + u ≤ H − 1 < H, so nothing wraps; the
/// same holds for the weight gradient (correlation of the input with the output gradient) and the
/// input gradient (full convolution, whose negative lags land on kernel taps that are zero).
struct DFTGrid: Equatable, Sendable {
    let height: Int
    let width: Int
    var halfWidth: Int { width / 2 + 1 }
    var bins: Int { height * halfWidth }
    /// Floats per planar spectrum (real and imaginary planes).
    var spectrumFloats: Int { 2 * bins }
}

/// Forward real 2-D DFT of maps whose non-zero part is the top-left `inputRows × inputCols` block
/// of the grid (zero padding is implicit: the DFT matrices only have those rows):
/// `X[ky, kx] = Σ_{y,x} x[y, x] · exp(−2πi (ky·y/H + kx·x/W))`.
///
/// Computed as two matrix products, which OpenBLAS runs at 80–100 GFLOP/s even at these small
/// sizes (measured on the project machine; a hand-written SSE2 FFT would do fewer flops at a
/// fraction of that rate, and the DFT matrices serve any grid size, not only powers of two):
/// 1. rows: `T = x · [cos | −sin]`, all maps in one product `(maps·rows) × cols · cols × 2Kx`;
/// 2. columns, per map: `[Re; Im] = [[C, S], [−S, C]] · [T_re; T_im]`, as two products so the
///    output lands directly in the planar layout.
///
/// Accuracy: Float32 arithmetic on Double-computed twiddles; relative error ~1e-6 of the
/// spectrum's norm for grids up to 64.
struct ForwardRealDFT: Sendable {
    let grid: DFTGrid
    let inputRows: Int
    let inputCols: Int
    /// `[inputCols × 2·halfWidth]`: cos | −sin of 2π·kx·x/W.
    private let rowMatrix: [Float]
    /// `[2·height × 2·inputRows]`: [[C, S], [−S, C]] with C = cos, S = sin of 2π·ky·y/H.
    private let columnMatrix: [Float]

    init(grid: DFTGrid, inputRows: Int, inputCols: Int) {
        precondition(inputRows >= 1 && inputRows <= grid.height && inputCols >= 1 && inputCols <= grid.width)
        self.grid = grid; self.inputRows = inputRows; self.inputCols = inputCols
        let kx = grid.halfWidth, h = grid.height, w = grid.width
        var r = [Float](repeating: 0, count: inputCols * 2 * kx)
        for x in 0..<inputCols {
            for k in 0..<kx {
                let phase = 2 * Double.pi * Double((k * x) % w) / Double(w)
                r[x * 2 * kx + k] = Float(cos(phase))
                r[x * 2 * kx + kx + k] = Float(-sin(phase))
            }
        }
        var c = [Float](repeating: 0, count: 2 * h * 2 * inputRows)
        let ld = 2 * inputRows
        for ky in 0..<h {
            for y in 0..<inputRows {
                let phase = 2 * Double.pi * Double((ky * y) % h) / Double(h)
                let cs = Float(cos(phase)), sn = Float(sin(phase))
                c[ky * ld + y] = cs
                c[ky * ld + inputRows + y] = sn
                c[(h + ky) * ld + y] = -sn
                c[(h + ky) * ld + inputRows + y] = cs
            }
        }
        rowMatrix = r; columnMatrix = c
    }

    /// Maps processed per pass (bounds the scratch size).
    static let chunk = 256

    /// Scratch floats needed by `transform`.
    var scratchCount: Int { Self.chunk * inputRows * 2 * grid.halfWidth }

    /// Transforms `maps` maps. Map m is read at `input + m·mapStride` (rows of `inputCols`
    /// contiguous floats, `inputRows` rows with stride `inputCols`); its planar spectrum is written
    /// at `output + m·grid.spectrumFloats`.
    func transform(maps: Int, input: UnsafePointer<Float>, mapStride: Int? = nil,
                   output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let stride = mapStride ?? inputRows * inputCols
        let kx = grid.halfWidth, h = grid.height, rows = inputRows
        rowMatrix.withUnsafeBufferPointer { rm in
            columnMatrix.withUnsafeBufferPointer { cm in
                var start = 0
                while start < maps {
                    let n = min(Self.chunk, maps - start)
                    let src = input + start * stride
                    if stride == rows * inputCols {
                        BLAS.sgemm(m: n * rows, n: 2 * kx, k: inputCols, a: src, lda: inputCols,
                                   b: rm.baseAddress!, ldb: 2 * kx, c: scratch, ldc: 2 * kx)
                    } else {
                        for m in 0..<n {
                            BLAS.sgemm(m: rows, n: 2 * kx, k: inputCols, a: src + m * stride, lda: inputCols,
                                       b: rm.baseAddress!, ldb: 2 * kx,
                                       c: scratch + m * rows * 2 * kx, ldc: 2 * kx)
                        }
                    }
                    for m in 0..<n {
                        let t = scratch + m * rows * 2 * kx
                        let out = output + (start + m) * grid.spectrumFloats
                        BLAS.sgemm(m: 2 * h, n: kx, k: rows, a: cm.baseAddress!, lda: 2 * rows,
                                   b: t, ldb: 2 * kx, c: out, ldc: kx)
                        BLAS.sgemm(m: 2 * h, n: kx, k: rows, a: cm.baseAddress! + rows, lda: 2 * rows,
                                   b: t + kx, ldb: 2 * kx, beta: 1, c: out, ldc: kx)
                    }
                    start += n
                }
            }
        }
    }
}

/// Inverse real 2-D DFT evaluated only on the output block `outputRows × outputCols` starting at
/// (`rowOffset`, `colOffset`) of the grid (cropping is free: only those rows of the DFT matrices
/// exist): `x[y, x] = (1/HW) Σ_{ky, kx} X[ky, kx] · exp(+2πi (ky·y/H + kx·x/W))`, with the half
/// spectrum weighted 1 at kx = 0 and at the Nyquist column (even W), 2 elsewhere.
///
/// Same two-product structure as `ForwardRealDFT`, in reverse order.
struct InverseRealDFT: Sendable {
    let grid: DFTGrid
    let outputRows: Int
    let outputCols: Int
    /// `[2·outputRows × 2·height]`: [[C, −S], [S, C]] with angle 2π·ky·(y + rowOffset)/H.
    private let columnMatrix: [Float]
    /// `[2·halfWidth × outputCols]`: c_kx·cos / HW on top of −c_kx·sin / HW.
    private let rowMatrix: [Float]

    init(grid: DFTGrid, outputRows: Int, outputCols: Int, rowOffset: Int = 0, colOffset: Int = 0) {
        precondition(outputRows >= 1 && rowOffset >= 0 && rowOffset + outputRows <= grid.height)
        precondition(outputCols >= 1 && colOffset >= 0 && colOffset + outputCols <= grid.width)
        self.grid = grid; self.outputRows = outputRows; self.outputCols = outputCols
        let kx = grid.halfWidth, h = grid.height, w = grid.width
        var c = [Float](repeating: 0, count: 2 * outputRows * 2 * h)
        for y in 0..<outputRows {
            for ky in 0..<h {
                let phase = 2 * Double.pi * Double((ky * (y + rowOffset)) % h) / Double(h)
                let cs = Float(cos(phase)), sn = Float(sin(phase))
                c[y * 2 * h + ky] = cs
                c[y * 2 * h + h + ky] = -sn
                c[(outputRows + y) * 2 * h + ky] = sn
                c[(outputRows + y) * 2 * h + h + ky] = cs
            }
        }
        var r = [Float](repeating: 0, count: 2 * kx * outputCols)
        let norm = 1 / Double(h * w)
        for k in 0..<kx {
            let weight: Double = (k == 0 || (w % 2 == 0 && k == w / 2)) ? 1 : 2
            for x in 0..<outputCols {
                let phase = 2 * Double.pi * Double((k * (x + colOffset)) % w) / Double(w)
                r[k * outputCols + x] = Float(weight * norm * cos(phase))
                r[(kx + k) * outputCols + x] = Float(-weight * norm * sin(phase))
            }
        }
        columnMatrix = c; rowMatrix = r
    }

    static let chunk = 256

    var scratchCount: Int { Self.chunk * outputRows * 2 * grid.halfWidth }

    /// Inverts `maps` planar spectra (map m at `input + m·grid.spectrumFloats`) and writes the
    /// cropped real maps at `output + m·outputRows·outputCols` (`beta` = 1 accumulates).
    func transform(maps: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                   beta: Float = 0, scratch: UnsafeMutablePointer<Float>) {
        let kx = grid.halfWidth, h = grid.height, rows = outputRows
        columnMatrix.withUnsafeBufferPointer { cm in
            rowMatrix.withUnsafeBufferPointer { rm in
                var start = 0
                while start < maps {
                    let n = min(Self.chunk, maps - start)
                    for m in 0..<n {
                        let spectrum = input + (start + m) * grid.spectrumFloats
                        let z = scratch + m * rows * 2 * kx
                        BLAS.sgemm(m: rows, n: kx, k: 2 * h, a: cm.baseAddress!, lda: 2 * h,
                                   b: spectrum, ldb: kx, c: z, ldc: 2 * kx)
                        BLAS.sgemm(m: rows, n: kx, k: 2 * h, a: cm.baseAddress! + rows * 2 * h, lda: 2 * h,
                                   b: spectrum, ldb: kx, c: z + kx, ldc: 2 * kx)
                    }
                    BLAS.sgemm(m: n * rows, n: outputCols, k: 2 * kx, a: scratch, lda: 2 * kx,
                               b: rm.baseAddress!, ldb: outputCols, beta: beta,
                               c: output + start * rows * outputCols, ldc: outputCols)
                    start += n
                }
            }
        }
    }
}
