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
/// of the grid (zero padding is implicit): `X[ky, kx] = Σ_{y,x} x[y, x] · exp(−2πi (ky·y/H + kx·x/W))`.
///
/// Two passes over a chunk of maps:
/// 1. rows, as one matrix product for all of them: `T = x · [cos | −sin]`,
///    `(maps·rows) × cols · cols × 2Kx` (OpenBLAS runs this shape at 80–100 GFLOP/s here, and the
///    matrix serves any width);
/// 2. columns: for groups of ``fftGroup`` maps, `T` is regrouped map-interleaved (`[y][map][kx]`,
///    real and imaginary parts apart), one length-H complex FFT runs down every (map, kx) column
///    (``LaneFFT``: the group's maps × Kx columns are the contiguous vector lanes), and each map's
///    rows go to its planar spectrum.
///
/// (Until 2026-12-02 pass 2 was two products per map with the dense `2H × 2·rows` DFT matrix: 2/3
/// of a transform's multiply-adds, at a poor GEMM shape.) Accuracy: Float32 arithmetic on
/// Double-computed twiddles; relative error ~1e-6 of the spectrum's norm for grids up to 64 (tests
/// against a Double DFT).
struct ForwardRealDFT: Sendable {
    let grid: DFTGrid
    let inputRows: Int
    let inputCols: Int
    /// `[inputCols × 2·halfWidth]`: cos | −sin of 2π·kx·x/W.
    private let rowMatrix: [Float]
    /// Length-H forward FFT down the columns.
    private let columnFFT: LaneFFT

    init(grid: DFTGrid, inputRows: Int, inputCols: Int) {
        precondition(inputRows >= 1 && inputRows <= grid.height && inputCols >= 1 && inputCols <= grid.width)
        self.grid = grid; self.inputRows = inputRows; self.inputCols = inputCols
        let kx = grid.halfWidth, w = grid.width
        var r = [Float](repeating: 0, count: inputCols * 2 * kx)
        for x in 0..<inputCols {
            for k in 0..<kx {
                let phase = 2 * Double.pi * Double((k * x) % w) / Double(w)
                r[x * 2 * kx + k] = Float(cos(phase))
                r[x * 2 * kx + kx + k] = Float(-sin(phase))
            }
        }
        rowMatrix = r
        columnFFT = LaneFFT(length: grid.height, inverse: false)
    }

    /// Maps per row product (bounds the scratch size).
    static let chunk = 128
    /// Maps per column FFT: their lanes (4 · H · maps · Kx floats of FFT scratch) stay in L2.
    static let fftGroup = 16

    /// Scratch floats needed by `transform`: the chunk's row pass, then one group's FFT scratch.
    var scratchCount: Int {
        Self.chunk * inputRows * 2 * grid.halfWidth + columnFFT.scratchCount(maps: Self.fftGroup, lanes: grid.halfWidth)
    }

    /// Transforms `maps` maps. Map m is read at `input + m·mapStride` (rows of `inputCols`
    /// contiguous floats, `inputRows` rows with stride `inputCols`); its planar spectrum is written
    /// at `output + m·grid.spectrumFloats`.
    func transform(maps: Int, input: UnsafePointer<Float>, mapStride: Int? = nil,
                   output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let stride = mapStride ?? inputRows * inputCols
        let kx = grid.halfWidth, h = grid.height, rows = inputRows, bins = grid.bins, s = grid.spectrumFloats
        let fftScratch = scratch + Self.chunk * rows * 2 * kx
        rowMatrix.withUnsafeBufferPointer { rm in
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
                // Columns: T[(map, y)][re | im] (rows ≥ inputRows zero) → planar spectra.
                var g0 = 0
                while g0 < n {
                    let g = min(Self.fftGroup, n - g0)
                    let t = scratch + g0 * rows * 2 * kx, out = output + (start + g0) * s
                    columnFFT.transform(
                        maps: g, lanes: kx,
                        input: .init(re: t, im: t + kx, rowStride: 2 * kx, mapStride: rows * 2 * kx, validRows: rows),
                        output: .init(re: out, im: out + bins, rowStride: kx, mapStride: s, firstRow: 0, rowCount: h),
                        scratch: fftScratch)
                    g0 += g
                }
                start += n
            }
        }
    }
}

/// Inverse real 2-D DFT evaluated only on the output block `outputRows × outputCols` starting at
/// (`rowOffset`, `colOffset`) of the grid: `x[y, x] = (1/HW) Σ_{ky, kx} X[ky, kx] · exp(+2πi (ky·y/H + kx·x/W))`,
/// with the half spectrum weighted 1 at kx = 0 and at the Nyquist column (even W), 2 elsewhere.
///
/// The forward passes in reverse order: for groups of maps, a length-H inverse FFT down every
/// (map, kx) column (``LaneFFT``, map-interleaved lanes), keeping rows `rowOffset ..< rowOffset +
/// outputRows`; then one matrix product for the chunk with the `2Kx × outputCols` row matrix (which
/// crops the columns for free).
struct InverseRealDFT: Sendable {
    let grid: DFTGrid
    let outputRows: Int
    let outputCols: Int
    let rowOffset: Int
    /// `[2·halfWidth × outputCols]`: c_kx·cos / HW on top of −c_kx·sin / HW.
    private let rowMatrix: [Float]
    /// Length-H inverse FFT down the columns.
    private let columnFFT: LaneFFT

    init(grid: DFTGrid, outputRows: Int, outputCols: Int, rowOffset: Int = 0, colOffset: Int = 0) {
        precondition(outputRows >= 1 && rowOffset >= 0 && rowOffset + outputRows <= grid.height)
        precondition(outputCols >= 1 && colOffset >= 0 && colOffset + outputCols <= grid.width)
        self.grid = grid; self.outputRows = outputRows; self.outputCols = outputCols; self.rowOffset = rowOffset
        let kx = grid.halfWidth, h = grid.height, w = grid.width
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
        rowMatrix = r
        columnFFT = LaneFFT(length: h, inverse: true)
    }

    static let chunk = 128

    /// Scratch floats needed by `transform`: the chunk's column results, then one group's FFT scratch.
    var scratchCount: Int {
        Self.chunk * outputRows * 2 * grid.halfWidth
            + columnFFT.scratchCount(maps: ForwardRealDFT.fftGroup, lanes: grid.halfWidth)
    }

    /// Inverts `maps` planar spectra (map m at `input + m·grid.spectrumFloats`, left unchanged) and
    /// writes the cropped real maps at `output + m·outputRows·outputCols` (`beta` = 1 accumulates).
    func transform(maps: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
                   beta: Float = 0, scratch: UnsafeMutablePointer<Float>) {
        let kx = grid.halfWidth, h = grid.height, rows = outputRows, bins = grid.bins, s = grid.spectrumFloats
        let fftScratch = scratch + Self.chunk * rows * 2 * kx
        rowMatrix.withUnsafeBufferPointer { rm in
            var start = 0
            while start < maps {
                let n = min(Self.chunk, maps - start)
                // Columns: planar spectra → kept rows as z[(map, y)][re | im].
                var g0 = 0
                while g0 < n {
                    let g = min(ForwardRealDFT.fftGroup, n - g0)
                    let src = input + (start + g0) * s, z = scratch + g0 * rows * 2 * kx
                    columnFFT.transform(
                        maps: g, lanes: kx,
                        input: .init(re: src, im: src + bins, rowStride: kx, mapStride: s, validRows: h),
                        output: .init(re: z, im: z + kx, rowStride: 2 * kx, mapStride: rows * 2 * kx,
                                      firstRow: rowOffset, rowCount: rows),
                        scratch: fftScratch)
                    g0 += g
                }
                BLAS.sgemm(m: n * rows, n: outputCols, k: 2 * kx, a: scratch, lda: 2 * kx,
                           b: rm.baseAddress!, ldb: outputCols, beta: beta,
                           c: output + start * rows * outputCols, ldc: outputCols)
                start += n
            }
        }
    }
}
