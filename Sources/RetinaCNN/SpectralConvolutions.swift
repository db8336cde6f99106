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

    /// z = conv1(window) + bias for `count` windows. Window b's T frame spectra are consecutive
    /// planar grid-1 spectra starting at `frameSpectra + firstFrame(b)·spectrumFloats`.
    /// Writes `[count][C1][H1][W1]`.
    func conv1Forward(kernelSpectra k: UnsafePointer<Float>, bias: [Float], frameSpectra: UnsafePointer<Float>,
                      firstFrame: (Int) -> Int, count: Int, output: UnsafeMutablePointer<Float>,
                      workspace w: Workspace) {
        let a = architecture, s = grid1.spectrumFloats
        let zSpec = w.spectra.reserve(a.conv1Channels * s * min(count, Self.innerBatch))
        let scratch = w.scratch.reserve(scratchCount)
        var start = 0
        while start < count {
            let n = min(Self.innerBatch, count - start)
            for b in 0..<n {
                let base = frameSpectra + firstFrame(start + b) * s
                SpectralKernels.correlate(outputs: a.conv1Channels, inputs: a.historyFrames, grid: grid1,
                                          kernel: k, input: { base + $0 * s }, output: zSpec + b * a.conv1Channels * s)
            }
            let out = output + start * a.layer1Units
            layer1Inverse.transform(maps: n * a.conv1Channels, input: zSpec, output: out, scratch: scratch)
            Self.addChannelBias(out, maps: n * a.conv1Channels, channels: a.conv1Channels, mapSize: a.layer1MapSize, bias: bias)
            start += n
        }
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

    /// dL/d(window) = conv1ᵀ(dL/dz) for `count` windows (`[count][C1][H1][W1]` → `[count][T][H][W]`).
    func conv1InputGradient(kernelSpectra k: UnsafePointer<Float>, gradient dz: UnsafePointer<Float>, count: Int,
                            output: UnsafeMutablePointer<Float>, workspace w: Workspace) {
        let a = architecture, s = grid1.spectrumFloats
        let scratch = w.scratch.reserve(scratchCount)
        let dzSpec = w.spectra.reserve(a.conv1Channels * s)
        let dsSpec = w.spectra2.reserve(a.historyFrames * s)
        for b in 0..<count {
            layer1ForwardOnGrid1.transform(maps: a.conv1Channels, input: dz + b * a.layer1Units, output: dzSpec, scratch: scratch)
            SpectralKernels.convolveTransposed(outputs: a.conv1Channels, inputs: a.historyFrames, grid: grid1,
                                               kernel: k, gradient: dzSpec, output: dsSpec)
            frameInverse.transform(maps: a.historyFrames, input: dsSpec, output: output + b * a.windowSize, scratch: scratch)
        }
    }

    static func addChannelBias(_ p: UnsafeMutablePointer<Float>, maps: Int, channels: Int, mapSize: Int, bias: [Float]) {
        for m in 0..<maps {
            let v = bias[m % channels], q = p + m * mapSize
            for i in 0..<mapSize { q[i] += v }
        }
    }
}
