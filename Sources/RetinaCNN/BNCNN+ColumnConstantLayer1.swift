import RetinaCore

/// Layer 1 of movies whose every frame is constant down each column — vertical bars and full-field
/// flashes, i.e. every stimulus of the phenomenon suites (docs/method.md §6).
///
/// For frames `s_τ[y, x] = r_τ[x]` a valid cross-correlation does not depend on the output row:
///
///     z[c, y, x] = b_c + Σ_τ Σ_kx V[c, τ, kx] · r_τ[x + kx],    V[c, τ, kx] = Σ_ky W1[c, τ, ky, kx],
///
/// one 1-D correlation per window, done for a chunk of windows as the matrix product
/// `V [C1, T·K1] × R [T·K1, windows·W1]` (R the windows' rows unrolled): T·K1·C1·W1 ≈ 173,000
/// multiply-adds per window for the paper's sizes, no transforms, and the same `z` as the spectral
/// path up to Float32 summation order (tests: ≤ 1e-5 of the largest |z|).
extension BNCNN {
    /// True when every frame's rows equal its first row exactly (and the frame has more than one
    /// row; a 1-row movie gains nothing). Cost: one pass over the pixels, stopping at the first
    /// differing value.
    static func isColumnConstant(_ movie: Movie) -> Bool {
        let h = movie.height, w = movie.width
        guard h > 1, w > 0, movie.frames > 0 else { return false }
        return movie.values.withUnsafeBufferPointer { p in
            for f in 0..<movie.frames {
                let frame = p.baseAddress! + f * h * w
                for y in 1..<h {
                    let row = frame + y * w
                    for x in 0..<w where row[x] != frame[x] { return false }
                }
            }
            return true
        }
    }

    /// `V[c, τ, kx] = Σ_ky W1[c, τ, ky, kx]`, `[C1, T·K1]` row-major (summed in Double).
    var columnSummedConv1Kernels: [Float] {
        let a = architecture, k = a.conv1Kernel, t = a.historyFrames
        var v = [Float](repeating: 0, count: a.conv1Channels * t * k)
        let w = parameters.conv1Weight
        for c in 0..<a.conv1Channels {
            for tau in 0..<t {
                let base = (c * t + tau) * k * k
                for kx in 0..<k {
                    var s = 0.0
                    for ky in 0..<k { s += Double(w[base + ky * k + kx]) }
                    v[(c * t + tau) * k + kx] = Float(s)
                }
            }
        }
        return v
    }

    /// ``forEachLayer1Chunk(of:_:)`` for a column-constant movie (precondition: ``isColumnConstant(_:)``):
    /// same chunks, same `[count][C1][H1][W1]` maps, each map row a copy of the 1-D correlation.
    func forEachColumnConstantLayer1Chunk(of movie: Movie, _ body: (Range<Int>, UnsafePointer<Float>, Workspace) -> Void) {
        let a = architecture
        let n = movie.windowCount(history: a.historyFrames)
        guard n > 0 else { return }
        let t = a.historyFrames, k = a.conv1Kernel, c1 = a.conv1Channels
        let h1 = a.layer1Height, w1 = a.layer1Width, map = h1 * w1
        let kernels = columnSummedConv1Kernels, bias = parameters.conv1Bias
        // Chunks of at most 64 windows, an even number of them, so the two workers get equal shares
        // (a 181-window suite movie: 4 × 46 instead of 64 + 117).
        let chunks = min(n, 2 * ((n + 127) / 128)), chunk = (n + chunks - 1) / chunks
        let depth = t * k
        movie.values.withUnsafeBufferPointer { pixels in kernels.withUnsafeBufferPointer { v in
            Parallel.forEachPart(count: chunks) { _, part in
                engine.withWorkspace { w in
                    for ci in part {
                        let lo = ci * chunk, hi = min(n, lo + chunk), count = hi - lo
                        guard count > 0 else { continue }
                        let cols = count * w1
                        // R[(τ, kx), (window, x)] = row 0 of frame (lo + window + τ), pixel x + kx.
                        let unrolled = w.scratch.reserve(depth * cols)
                        for tau in 0..<t {
                            for kx in 0..<k {
                                let dst = unrolled + (tau * k + kx) * cols
                                for i in 0..<count {
                                    let src = pixels.baseAddress! + (lo + i + tau) * movie.pixelsPerFrame + kx
                                    (dst + i * w1).update(from: src, count: w1)
                                }
                            }
                        }
                        let rows = w.h1.reserve(c1 * cols)
                        BLAS.sgemm(m: c1, n: cols, k: depth, a: v.baseAddress!, lda: depth, b: unrolled, ldb: cols,
                                   c: rows, ldc: cols)
                        let z = w.layer1.reserve(count * a.layer1Units)
                        for i in 0..<count {
                            for c in 0..<c1 {
                                let src = rows + c * cols + i * w1
                                let dst = z + i * a.layer1Units + c * map
                                for x in 0..<w1 { dst[x] = src[x] + bias[c] }
                                for y in 1..<h1 { (dst + y * w1).update(from: dst, count: w1) }
                            }
                        }
                        body(lo..<hi, z, w)
                    }
                }
            }
        }}
    }
}
