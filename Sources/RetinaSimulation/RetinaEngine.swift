/// The streaming core of ``SimulatedRetina``: computes the gain-controlled drive `v_j(t)` of every
/// cell frame by frame, keeping only the last `taps` frames of the two spatially varying signals
/// that are filtered in time (`s_b` and the pooled amacrine input). Memory is `O(taps · pixels)`
/// whatever the movie length.
///
/// Every stage is a causal FIR of `taps` frames, so the drive at frame t depends only on input
/// frames `t − 3·(taps − 1) … t` (bipolar → amacrine → gain control). A run that starts
/// ``warmupFrames`` before its first output frame therefore reproduces a run from frame 0 exactly
/// (bit for bit): chunked, multi-threaded runs do not depend on the chunking.
struct RetinaEngine: Sendable {
    let height: Int
    let width: Int
    let pixels: Int
    let taps: Int
    let cellCount: Int

    // Shared layers (Float, the bulk arithmetic).
    let offKernel: [Float]      // f_off (applied to −s_b via the sign below)
    let onFastKernel: [Float]
    let onSlowKernel: [Float]
    let amacrineKernel: [Float]
    let bipolarBlur: SeparableGaussianBlur
    let amacrineBlur: SeparableGaussianBlur
    let offThreshold: Float
    let onThreshold: Float
    let amacrineThreshold: Float
    let onFastWeight: Float
    let onSlowWeight: Float
    let onGating: Float
    let offWeight: Double

    // Per-cell readout (Double).
    let poolY: [[Float]]        // cellCount × height
    let poolX: [[Double]]       // cellCount × width
    let onTerminalWeight: [Double]
    let amacrineWeight: [Double]
    let gainStrength: [Double]
    let gainKernel: [[Double]]  // cellCount × taps, k(1, τ_g)

    /// Frames of history needed for an exact restart: `3 · (taps − 1)`.
    var warmupFrames: Int { 3 * (taps - 1) }

    init(parameters p: RetinaParameters, cells: [GanglionCellParameters], height: Int, width: Int) {
        self.height = height; self.width = width; pixels = height * width
        taps = p.kernelTaps; cellCount = cells.count
        offKernel = p.offKernel.taps(taps).map(Float.init)
        onFastKernel = p.onFastKernel.taps(taps).map(Float.init)
        onSlowKernel = p.onSlowKernel.taps(taps).map(Float.init)
        amacrineKernel = p.amacrineKernel.taps(taps).map(Float.init)
        bipolarBlur = SeparableGaussianBlur(sigmaPixels: p.bipolarSigmaPixels, height: height, width: width)
        amacrineBlur = SeparableGaussianBlur(sigmaPixels: p.amacrineSigmaPixels, height: height, width: width)
        offThreshold = Float(p.offThreshold); onThreshold = Float(p.onThreshold)
        amacrineThreshold = Float(p.amacrineThreshold)
        onFastWeight = Float(p.onFastWeight); onSlowWeight = Float(p.onSlowWeight)
        onGating = Float(p.amacrineOnGating); offWeight = p.offToGanglionWeight
        poolY = cells.map { c in
            gaussianPoolingWeights(count: height, centrePixels: c.centreYPixels, sigmaPixels: c.poolingSigmaPixels).map(Float.init)
        }
        poolX = cells.map { gaussianPoolingWeights(count: width, centrePixels: $0.centreXPixels, sigmaPixels: $0.poolingSigmaPixels) }
        onTerminalWeight = cells.map(\.onTerminalWeight)
        amacrineWeight = cells.map(\.amacrineWeight)
        gainStrength = cells.map(\.gainControlStrength)
        gainKernel = cells.map { TemporalKernel.gamma(order: 1, tauMilliseconds: $0.gainControlTauMilliseconds, taps: p.kernelTaps) }
    }

    /// Computes `v_j(t)` for `t ∈ frames`, writing `output[(t − frames.lowerBound) · cellCount + j]`.
    /// `movie` points at the whole movie (`frameCount × pixels` floats, row-major (t, y, x)).
    func run(movie: UnsafePointer<Float>, frames: Range<Int>, output: UnsafeMutablePointer<Double>) {
        if frames.isEmpty { return }
        let start = max(0, frames.lowerBound - warmupFrames)
        let P = pixels, L = taps, C = cellCount
        // Work buffers.
        let sbRing = UnsafeMutablePointer<Float>.allocate(capacity: L * P)
        let amRing = UnsafeMutablePointer<Float>.allocate(capacity: L * P)
        let scratchCount = max(bipolarBlur.scratchCount, amacrineBlur.scratchCount)
        let work = UnsafeMutablePointer<Float>.allocate(capacity: 7 * P + scratchCount)
        let uRing = UnsafeMutablePointer<Double>.allocate(capacity: max(1, C * L))
        defer { sbRing.deallocate(); amRing.deallocate(); work.deallocate(); uRing.deallocate() }
        sbRing.initialize(repeating: 0, count: L * P)
        amRing.initialize(repeating: 0, count: L * P)
        work.initialize(repeating: 0, count: 7 * P + scratchCount)
        uRing.initialize(repeating: 0, count: max(1, C * L))
        let accOff = work, accOnf = work + P, accOns = work + 2 * P
        let amInput = work + 3 * P, amacrine = work + 4 * P
        let onTerminal = work + 5 * P, colAcc = work + 6 * P, scratch = work + 7 * P

        offKernel.withUnsafeBufferPointer { hOff in
        onFastKernel.withUnsafeBufferPointer { hOnf in
        onSlowKernel.withUnsafeBufferPointer { hOns in
        amacrineKernel.withUnsafeBufferPointer { hA in
            for t in start..<frames.upperBound {
                let slot = t % L
                // s_b = G_σb ∗ s
                bipolarBlur.apply(movie + t * P, sbRing + slot * P, scratch: scratch)
                // Bipolar linear drives: Σ_l f[l] · s_b(t − l), three kernels in one pass.
                for i in 0..<P { accOff[i] = 0; accOnf[i] = 0; accOns[i] = 0 }
                for l in 0..<L {
                    let a = hOff[l], b = hOnf[l], c = hOns[l]
                    if a == 0 && b == 0 && c == 0 { continue }
                    let src = sbRing + ((t - l + L) % L) * P
                    for i in 0..<P {
                        let x = src[i]
                        accOff[i] += a * x; accOnf[i] += b * x; accOns[i] += c * x
                    }
                }
                // Rectified bipolars (in place): B_off = [−drive − θ_off]+, B_on = [drive − θ_on]+.
                let thOff = offThreshold, thOn = onThreshold, thA = amacrineThreshold
                for i in 0..<P {
                    let bOff = max(-accOff[i] - thOff, 0)
                    accOff[i] = bOff
                    accOnf[i] = max(accOnf[i] - thOn, 0)
                    accOns[i] = max(accOns[i] - thOn, 0)
                    amInput[i] = max(bOff - thA, 0)          // amacrine threshold before pooling
                }
                amacrineBlur.apply(amInput, amRing + slot * P, scratch: scratch)
                // A = k(n_A, τ_A) *t pooled amacrine input.
                for i in 0..<P { amacrine[i] = 0 }
                for l in 0..<L {
                    let a = hA[l]
                    if a == 0 { continue }
                    let src = amRing + ((t - l + L) % L) * P
                    for i in 0..<P { amacrine[i] += a * src[i] }
                }
                // Gated ON terminal, the gating inside the rectifier.
                let wf = onFastWeight, ws = onSlowWeight, g = onGating
                for i in 0..<P {
                    onTerminal[i] = max(wf * accOnf[i] + ws * accOns[i] - g * amacrine[i], 0)
                }
                // Per-cell pooling, gain control.
                let emit = t >= frames.lowerBound
                for j in 0..<C {
                    let pOff = pool(accOff, cell: j, acc: colAcc)
                    let pOn = pool(onTerminal, cell: j, acc: colAcc)
                    let pA = pool(amacrine, cell: j, acc: colAcc)
                    let u = offWeight * pOff + onTerminalWeight[j] * pOn - amacrineWeight[j] * pA
                    let ring = uRing + j * L
                    ring[slot] = max(u, 0)
                    var gain = 0.0
                    gainKernel[j].withUnsafeBufferPointer { h in
                        for l in 0..<L { gain += h[l] * ring[(t - l + L) % L] }
                    }
                    if emit {
                        output[(t - frames.lowerBound) * C + j] = u / (1 + gainStrength[j] * gain)
                    }
                }
            }
        }}}}
    }

    /// `Σ_y wy[y] Σ_x wx[x] field[y, x]` for cell `j`, vectorised across x (column accumulator).
    @inline(__always)
    private func pool(_ field: UnsafeMutablePointer<Float>, cell j: Int, acc: UnsafeMutablePointer<Float>) -> Double {
        let W = width
        for x in 0..<W { acc[x] = 0 }
        poolY[j].withUnsafeBufferPointer { wy in
            for y in 0..<height {
                let w = wy[y]
                let row = field + y * W
                for x in 0..<W { acc[x] += w * row[x] }
            }
        }
        var s = 0.0
        poolX[j].withUnsafeBufferPointer { wx in
            for x in 0..<W { s += wx[x] * Double(acc[x]) }
        }
        return s
    }
}
