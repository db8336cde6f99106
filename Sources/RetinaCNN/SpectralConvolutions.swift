/// The BN-CNN's two convolutions and their adjoints, in the frequency domain, for batches of
/// samples. Kernel spectra come from `conv1Spectra`/`conv2Spectra` (the inference engine keeps
/// them; the trainer recomputes them after every update).
///
/// Conv1 (`T` frames → `C1` maps): Z_c = Σ_τ conj(W_cτ)·S_τ on grid 1, inverse to H1 × W1, + b_c.
/// Conv2 (`C1` → `C2`): Y_o = Σ_i conj(V_oi)·X_i on grid 2, inverse to H2 × W2, + b_o.
/// Adjoints: dX_i = Σ_o V_oi·dY_o (full convolution), inverse to H1 × W1; likewise to the input.
extension ConvolutionPlans {
    /// Samples per inner pass (bounds workspace memory to a few MB per worker).
    static let innerBatch = 32

    /// z = conv1(window) + bias for `count` windows. Frame spectra are blocked
    /// (`SpectrumBlocks` with M = `frameCount`); window b's T frames are spectra
    /// `firstFrame(b) ..< firstFrame(b) + T`. Kernel spectra are blocked with M = C1·T
    /// (index c·T + τ). Writes `[count][C1][H1][W1]`.
    func conv1Forward(kernelSpectra k: UnsafePointer<Float>, bias: [Float], frameSpectra: UnsafePointer<Float>,
                      frameCount: Int, firstFrame: (Int) -> Int, count: Int, output: UnsafeMutablePointer<Float>,
                      workspace w: Workspace) {
        let a = architecture, s = grid1.spectrumFloats, bins = grid1.bins
        let T = a.historyFrames, c1 = a.conv1Channels, nb = SpectrumBlocks.blockBins
        let frames = SpectrumBlocks(grid: grid1, count: frameCount)
        let kernels = SpectrumBlocks(grid: grid1, count: c1 * T)
        let zSpec = w.spectra.reserve(c1 * s * min(count, Self.innerBatch))
        let scratch = w.scratch.reserve(scratchCount)
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 3 * T) { table in
            let u = table.baseAddress!, u1 = u + T, v = u1 + T
            var start = 0
            while start < count {
                let n = min(Self.innerBatch, count - start)
                // Blocks outermost: one block of all kernel spectra stays in cache for all windows,
                // and windows go in pairs so that each kernel value loaded serves two of them.
                for kb in 0..<frames.blocks {
                    let len = frames.length(kb)
                    let kBlock = k + kernels.offset(block: kb, spectrum: 0)
                    for t in 0..<T { v[t] = kBlock + t * 2 * nb }
                    var b = 0
                    while b < n {
                        let f = frameSpectra + frames.offset(block: kb, spectrum: firstFrame(start + b))
                        for t in 0..<T { u[t] = f + t * 2 * nb }
                        if b + 1 < n {
                            let g = frameSpectra + frames.offset(block: kb, spectrum: firstFrame(start + b + 1))
                            for t in 0..<T { u1[t] = g + t * 2 * nb }
                            SpectralProduct.runPair(.conjV, p: c1, q: T, count: len, u0: u, u1: u1, uPlane: nb, v: v,
                                                    vStride: T * 2 * nb, vPlane: nb, out0: zSpec + b * c1 * s + kb * nb,
                                                    out1: zSpec + (b + 1) * c1 * s + kb * nb, outStride: s, outPlane: bins,
                                                    accumulate: false)
                            b += 2
                        } else {
                            SpectralProduct.run(.conjV, p: c1, q: T, count: len, u: u, uPlane: nb, v: v, vStride: T * 2 * nb,
                                                vPlane: nb, out: zSpec + b * c1 * s + kb * nb, outStride: s, outPlane: bins,
                                                accumulate: false)
                            b += 1
                        }
                    }
                }
                let out = output + start * a.layer1Units
                layer1Inverse.transform(maps: n * c1, input: zSpec, output: out, scratch: scratch)
                Self.addChannelBias(out, maps: n * c1, channels: c1, mapSize: a.layer1MapSize, bias: bias)
                start += n
            }
        }
    }

    /// Frame spectra of `frames` frames at `pixels` (`[frames][H][W]`), written as spectra
    /// `first ..< first + frames` of a blocked array with M = `total`.
    func blockedFrameSpectra(_ pixels: UnsafePointer<Float>, frames: Int, first: Int, total: Int,
                             into base: UnsafeMutablePointer<Float>, workspace w: Workspace) {
        let layout = SpectrumBlocks(grid: grid1, count: total)
        let chunk = 64
        let plain = w.spectra2.reserve(chunk * grid1.spectrumFloats)
        let scratch = w.scratch.reserve(scratchCount)
        var lo = 0
        while lo < frames {
            let n = min(chunk, frames - lo)
            frameForward.transform(maps: n, input: pixels + lo * grid1.height * grid1.width, output: plain, scratch: scratch)
            layout.scatter(from: plain, n: n, first: first + lo, into: base)
            lo += n
        }
    }

    /// Blocked conv1 kernel spectra (M = C1·T) of the weights `[C1][T][K1][K1]`.
    func blockedConv1Spectra(_ weights: UnsafePointer<Float>, into base: UnsafeMutablePointer<Float>,
                             maps: Range<Int>, workspace w: Workspace) {
        let a = architecture
        let layout = SpectrumBlocks(grid: grid1, count: a.conv1Channels * a.historyFrames)
        let plain = w.spectra2.reserve(maps.count * grid1.spectrumFloats)
        kernel1Forward.transform(maps: maps.count, input: weights + maps.lowerBound * a.conv1Kernel * a.conv1Kernel,
                                 output: plain, scratch: w.scratch.reserve(scratchCount))
        layout.scatter(from: plain, n: maps.count, first: maps.lowerBound, into: base)
    }

    /// z2 = conv2(h1) + bias for `count` samples (`h1`: `[count][C1][H1][W1]`, output
    /// `[count][C2][H2][W2]`). When `inputSpectra` is given, the spectra of h1
    /// (`[count][C1]` on grid 2) are kept there (the weight gradient needs them).
    func conv2Forward(kernelSpectra k: UnsafePointer<Float>, bias: [Float], input h1: UnsafePointer<Float>,
                      count: Int, output: UnsafeMutablePointer<Float>,
                      inputSpectra: UnsafeMutablePointer<Float>?, workspace w: Workspace) {
        let a = architecture, s = grid2.spectrumFloats
        let inner = min(count, Self.innerBatch)
        let xs = inputSpectra == nil ? w.spectra.reserve(a.conv1Channels * s * inner) : nil
        let ys = w.spectra2.reserve(a.conv2Channels * s * inner)
        let scratch = w.scratch.reserve(scratchCount)
        var start = 0
        while start < count {
            let n = min(Self.innerBatch, count - start)
            let x = inputSpectra.map { $0 + start * a.conv1Channels * s } ?? xs!
            layer1ForwardOnGrid2.transform(maps: n * a.conv1Channels, input: h1 + start * a.layer1Units,
                                           output: x, scratch: scratch)
            for b in 0..<n {
                let base = UnsafePointer(x + b * a.conv1Channels * s)
                SpectralKernels.correlate(outputs: a.conv2Channels, inputs: a.conv1Channels, grid: grid2,
                                          kernel: k, input: { base + $0 * s }, output: ys + b * a.conv2Channels * s)
            }
            let out = output + start * a.layer2Units
            layer2Inverse.transform(maps: n * a.conv2Channels, input: ys, output: out, scratch: scratch)
            Self.addChannelBias(out, maps: n * a.conv2Channels, channels: a.conv2Channels, mapSize: a.layer2MapSize, bias: bias)
            start += n
        }
    }

    /// dL/dh1 = conv2ᵀ(dL/dz2) for `count` samples (`[count][C2][H2][W2]` → `[count][C1][H1][W1]`).
    /// When `gradientSpectra` is given, the spectra of dz2 (`[count][C2]` on grid 2) are kept.
    func conv2Backward(kernelSpectra k: UnsafePointer<Float>, gradient dz2: UnsafePointer<Float>, count: Int,
                       output: UnsafeMutablePointer<Float>, gradientSpectra: UnsafeMutablePointer<Float>?,
                       workspace w: Workspace) {
        let a = architecture, s = grid2.spectrumFloats
        let inner = min(count, Self.innerBatch)
        let dys = gradientSpectra == nil ? w.spectra2.reserve(a.conv2Channels * s * inner) : nil
        let dxs = w.spectra.reserve(a.conv1Channels * s * inner)
        let scratch = w.scratch.reserve(scratchCount)
        var start = 0
        while start < count {
            let n = min(Self.innerBatch, count - start)
            let dy = gradientSpectra.map { $0 + start * a.conv2Channels * s } ?? dys!
            layer2Forward.transform(maps: n * a.conv2Channels, input: dz2 + start * a.layer2Units, output: dy, scratch: scratch)
            for b in 0..<n {
                SpectralKernels.convolveTransposed(outputs: a.conv2Channels, inputs: a.conv1Channels, grid: grid2,
                                                   kernel: k, gradient: dy + b * a.conv2Channels * s,
                                                   output: dxs + b * a.conv1Channels * s)
            }
            layer1InverseOnGrid2.transform(maps: n * a.conv1Channels, input: dxs, output: output + start * a.layer1Units,
                                           scratch: scratch)
            start += n
        }
    }

    /// dL/d(window) = conv1ᵀ(dL/dz) for `count` windows (`[count][C1][H1][W1]` → `[count][T][H][W]`),
    /// with blocked kernel spectra (M = C1·T).
    func conv1InputGradient(kernelSpectra k: UnsafePointer<Float>, gradient dz: UnsafePointer<Float>, count: Int,
                            output: UnsafeMutablePointer<Float>, workspace w: Workspace) {
        let a = architecture, s = grid1.spectrumFloats, bins = grid1.bins
        let T = a.historyFrames, c1 = a.conv1Channels, nb = SpectrumBlocks.blockBins
        let kernels = SpectrumBlocks(grid: grid1, count: c1 * T)
        let scratch = w.scratch.reserve(scratchCount)
        let dzSpec = w.spectra.reserve(c1 * s)
        let dsSpec = w.spectra2.reserve(T * s)
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 2 * c1) { table in
            let u = table.baseAddress!, v = u + c1
            for b in 0..<count {
                layer1ForwardOnGrid1.transform(maps: c1, input: dz + b * a.layer1Units, output: dzSpec, scratch: scratch)
                for kb in 0..<kernels.blocks {
                    let kBlock = k + kernels.offset(block: kb, spectrum: 0)
                    for c in 0..<c1 { u[c] = UnsafePointer(dzSpec + c * s + kb * nb); v[c] = kBlock + c * T * 2 * nb }
                    // out[τ] = Σ_c W[c,τ]·dZ[c]
                    SpectralProduct.run(.plain, p: T, q: c1, count: kernels.length(kb), u: u, uPlane: bins, v: v,
                                        vStride: 2 * nb, vPlane: nb, out: dsSpec + kb * nb, outStride: s, outPlane: bins,
                                        accumulate: false)
                }
                frameInverse.transform(maps: T, input: dsSpec, output: output + b * a.windowSize, scratch: scratch)
            }
        }
    }

    static func addChannelBias(_ p: UnsafeMutablePointer<Float>, maps: Int, channels: Int, mapSize: Int, bias: [Float]) {
        for m in 0..<maps {
            let v = bias[m % channels], q = p + m * mapSize
            for i in 0..<mapSize { q[i] += v }
        }
    }
}
