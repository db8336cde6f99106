import RetinaCore

extension BNCNNTrainer {
    /// One training-mode forward and backward pass on `batch` with the current parameters (no
    /// update). Phases alternate between splitting samples, BN groups and frequency bins across
    /// the workers; every reduction runs in a fixed order, so results do not depend on timing.
    ///
    /// Stages, each a step below: kernel spectra; forward conv1 (P1), BN1 statistics (U1), BN1 +
    /// noise + ReLU + conv2 (P2), BN2 statistics (U2), BN2 + noise + ReLU + dense (P3); BN3,
    /// softplus, Poisson loss and its gradient to the dense output (S1); backward dense (P4), BN2
    /// (U3), conv2 (P5), BN1 (U4); the spectra of dL/dz1 (P6); the weight gradients in the frequency
    /// domain; the L2 and smoothness penalties. The large arrays live in the trainer's
    /// `TrainingBuffers` and workspaces, reserved once per pass.
    func runPass(_ batch: TrainingBatch, noise: TrainingNoise) -> TrainingPassResult {
        let d = PassShape(architecture, batch: batch.count, plans: plans, workers: options.workers)
        let p = parameters
        let m = PassBuffers(buffers, d, plans: plans)
        var grads = BNCNNGradients(architecture)

        computeKernelSpectra(p, d, m)
        let frames = forwardConv1(batch, p, d, m)
        var bn1 = BatchStatistics(groups: architecture.bn1Count)
        normalize(m.x1, batch: d.B, units: d.u1, groupSize: d.gs1, groups: architecture.bn1Count,
                  mean: &bn1.mean, variance: &bn1.variance, invStd: &bn1.invStd)
        var rngs = forwardLayer2(p, d, m, noise: noise)
        var bn2 = BatchStatistics(groups: architecture.bn2Count)
        normalize(m.x2, batch: d.B, units: d.u2, groupSize: d.gs2, groups: architecture.bn2Count,
                  mean: &bn2.mean, variance: &bn2.variance, invStd: &bn2.invStd)
        var u3 = forwardDense(p, d, m, noise: noise, rngs: &rngs)
        let output = outputLoss(u3: &u3, targets: batch.targets, p, d, grads: &grads)
        backwardDense(output.du3, p, d, m)
        backwardBN2(output.du3, bn2, p, d, m, grads: &grads)
        backwardConv2(d, m)
        backwardBN1(bn1, p, d, m, grads: &grads)
        layer1GradientSpectra(d, m)
        weightGradients(frames, d, m, grads: &grads)
        let penalty = penalties(p, d, grads: &grads)

        let rates = output.rates
        let meanRate = rates.reduce(0.0) { $0 + Double($1) } / Double(rates.count)
        return TrainingPassResult(loss: output.loss, penalty: penalty, meanRate: meanRate, rates: rates, gradients: grads,
                                  mean1: bn1.mean, variance1: bn1.variance, mean2: bn2.mean, variance2: bn2.variance,
                                  mean3: output.statistics.mean, variance3: output.statistics.variance)
    }
}

/// Sizes of one training pass: batch `B`, units per sample (`u1`, `u2`), channels, history `T`,
/// spectrum lengths on the two grids (`s1`, `s2`, floats), BN group sizes (`gs1`, `gs2`: 1 per
/// unit or the map size per channel), conv1 taps per frame `k1`.
private struct PassShape {
    let B: Int, workers: Int
    let u1: Int, u2: Int, cells: Int
    let c1: Int, c2: Int, T: Int, k1: Int
    let s1: Int, s2: Int
    let gs1: Int, gs2: Int
    let scratchCount: Int

    init(_ a: BNCNNArchitecture, batch: Int, plans: ConvolutionPlans, workers: Int) {
        B = batch; self.workers = workers
        u1 = a.layer1Units; u2 = a.layer2Units; cells = a.cells
        c1 = a.conv1Channels; c2 = a.conv2Channels; T = a.historyFrames; k1 = a.conv1Kernel * a.conv1Kernel
        s1 = plans.grid1.spectrumFloats; s2 = plans.grid2.spectrumFloats
        gs1 = a.batchNorm == .perUnit ? 1 : a.layer1MapSize
        gs2 = a.batchNorm == .perUnit ? 1 : a.layer2MapSize
        scratchCount = plans.scratchCount
    }
}

/// The pass's views of the trainer's `TrainingBuffers` (they grow only when the batch does).
private struct PassBuffers {
    /// Kernel spectra of W1 (`[C1·T]`, grid 1, in `SpectrumBlocks` layout) and W2 (`[C2·C1]`, grid 2).
    let w1s: UnsafeMutablePointer<Float>, w2s: UnsafeMutablePointer<Float>
    /// z1 → x̂1; BN1 output + noise → dL/dz1; z2 → x̂2; BN2 output + noise → dL/dz2; ReLU(a2).
    let x1: UnsafeMutablePointer<Float>, a1: UnsafeMutablePointer<Float>
    let x2: UnsafeMutablePointer<Float>, a2: UnsafeMutablePointer<Float>, h2: UnsafeMutablePointer<Float>
    /// Spectra of h1 (`[B][C1]`, grid 2), dL/dz2 (`[B][C2]`, grid 2), dL/dz1 (`[B][C1]`, grid 1).
    let x2Spec: UnsafeMutablePointer<Float>, dz2Spec: UnsafeMutablePointer<Float>, dz1Spec: UnsafeMutablePointer<Float>
    /// Weight-gradient spectra `[C1·T]` (grid 1) and `[C2·C1]` (grid 2).
    let g1: UnsafeMutablePointer<Float>, g2: UnsafeMutablePointer<Float>

    init(_ b: TrainingBuffers, _ d: PassShape, plans: ConvolutionPlans) {
        w1s = b.w1Spectra.reserve(SpectrumBlocks(grid: plans.grid1, count: d.c1 * d.T).floats)
        w2s = b.w2Spectra.reserve(d.c2 * d.c1 * d.s2)
        x1 = b.x1.reserve(d.B * d.u1); a1 = b.a1.reserve(d.B * d.u1)
        x2 = b.x2.reserve(d.B * d.u2); a2 = b.a2.reserve(d.B * d.u2); h2 = b.h2.reserve(d.B * d.u2)
        x2Spec = b.x2Spectra.reserve(d.B * d.c1 * d.s2)
        dz2Spec = b.dz2Spectra.reserve(d.B * d.c2 * d.s2)
        dz1Spec = b.dz1Spectra.reserve(d.B * d.c1 * d.s1)
        g1 = b.dW1Spectra.reserve(d.c1 * d.T * d.s1)
        g2 = b.dW2Spectra.reserve(d.c2 * d.c1 * d.s2)
    }
}

/// Batch statistics of one batch norm, per group.
private struct BatchStatistics {
    var mean: [Float], variance: [Float], invStd: [Float]
    init(groups: Int) {
        mean = [Float](repeating: 0, count: groups); variance = mean; invStd = mean
    }
}

/// The batch's frame spectra: `count` frames from `base`, window `b`'s first frame at `first[b]`.
private struct BatchFrames {
    let base: UnsafePointer<Float>, count: Int, first: [Int]
    let layout: SpectrumBlocks
}

/// The output stage's results: rates, the Poisson loss, dL/du3, the BN3 statistics.
private struct OutputStage {
    var rates: [Float], loss: Double, du3: [Float], statistics: BatchStatistics
}

extension BNCNNTrainer {
    /// Kernel spectra of the current weights.
    private func computeKernelSpectra(_ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers) {
        let ws = workspaces
        p.conv1Weight.withUnsafeBufferPointer { w in
            let wb = w.baseAddress!
            Parallel.forEachPart(count: d.c1 * d.T, workers: d.workers) { part, r in
                plans.blockedConv1Spectra(wb, into: m.w1s, maps: r, workspace: ws[part])
            }
        }
        p.conv2Weight.withUnsafeBufferPointer { w in
            plans.kernel2Forward.transform(maps: d.c2 * d.c1, input: w.baseAddress!, output: m.w2s,
                                           scratch: ws[0].scratch.reserve(d.scratchCount))
        }
    }

    /// P1: conv1 from the frame spectra → z1 in `x1`.
    private func forwardConv1(_ batch: TrainingBatch, _ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers) -> BatchFrames {
        let ws = workspaces
        let (frameBase, frameCount, first) = cache.spectra(forWindowStarts: batch.windowStarts, history: d.T,
                                                           buffer: buffers.batchSpectra)
        Parallel.forEachPart(count: d.B, workers: d.workers) { part, r in
            plans.conv1Forward(kernelSpectra: m.w1s, bias: p.conv1Bias, frameSpectra: frameBase, frameCount: frameCount,
                               firstFrame: { first[r.lowerBound + $0] }, count: r.count,
                               output: m.x1 + r.lowerBound * d.u1, workspace: ws[part])
        }
        return BatchFrames(base: frameBase, count: frameCount, first: first,
                           layout: SpectrumBlocks(grid: plans.grid1, count: frameCount))
    }

    /// P2: BN1 affine + noise → a1; ReLU; conv2 → z2 in `x2` (keeping the h1 spectra). Returns
    /// each sample's noise generator state.
    private func forwardLayer2(_ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers, noise: TrainingNoise) -> [SeededRandom] {
        let ws = workspaces, u1 = d.u1, gs1 = d.gs1, sigma = architecture.noiseSigma
        var rngs = [SeededRandom](repeating: SeededRandom(seed: 0), count: d.B)
        rngs.withUnsafeMutableBufferPointer { rp in
            let rb = rp.baseAddress!
            Parallel.forEachPart(count: d.B, workers: d.workers) { part, r in
                let w = ws[part]
                let h1 = w.h1.reserve(r.count * u1)
                for b in r {
                    let row = m.a1 + b * u1
                    Self.affine(m.x1 + b * u1, gamma: p.bn1.gamma, beta: p.bn1.beta, groupSize: gs1, units: u1, output: row)
                    rb[b] = self.addNoise(row, count: u1, sigma: sigma, noise: noise, sample: b, layer: 1, rng: nil)
                    let h = h1 + (b - r.lowerBound) * u1
                    for i in 0..<u1 { h[i] = max(0, row[i]) }
                }
                plans.conv2Forward(kernelSpectra: m.w2s, bias: p.conv2Bias, input: h1, count: r.count,
                                   output: m.x2 + r.lowerBound * d.u2,
                                   inputSpectra: m.x2Spec + r.lowerBound * d.c1 * d.s2, workspace: w)
            }
        }
        return rngs
    }

    /// P3: BN2 affine + noise → a2; ReLU → h2; dense → u3 (`[B][cells]`).
    private func forwardDense(_ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers, noise: TrainingNoise,
                              rngs: inout [SeededRandom]) -> [Float] {
        let u2 = d.u2, gs2 = d.gs2, cells = d.cells, sigma = architecture.noiseSigma
        var u3 = [Float](repeating: 0, count: d.B * cells)
        u3.withUnsafeMutableBufferPointer { up in
            let ub = up.baseAddress!
            rngs.withUnsafeMutableBufferPointer { rp in
                let rb = rp.baseAddress!
                p.denseWeight.withUnsafeBufferPointer { dw in
                    Parallel.forEachPart(count: d.B, workers: d.workers) { _, r in
                        for b in r {
                            let row = m.a2 + b * u2
                            Self.affine(m.x2 + b * u2, gamma: p.bn2.gamma, beta: p.bn2.beta, groupSize: gs2, units: u2, output: row)
                            rb[b] = self.addNoise(row, count: u2, sigma: sigma, noise: noise, sample: b, layer: 2, rng: rb[b])
                            let h = m.h2 + b * u2
                            for i in 0..<u2 { h[i] = max(0, row[i]) }
                        }
                        BLAS.sgemm(transB: true, m: r.count, n: cells, k: u2, a: m.h2 + r.lowerBound * u2, lda: u2,
                                   b: dw.baseAddress!, ldb: u2, c: ub + r.lowerBound * cells, ldc: cells)
                    }
                }
            }
        }
        return u3
    }

    /// S1: BN3 (u3 becomes x̂3 in place), softplus, Poisson loss; backward to dL/du3 (γ₃, β₃ gradients).
    private func outputLoss(u3: inout [Float], targets: [Float], _ p: BNCNNParameters, _ d: PassShape,
                            grads: inout BNCNNGradients) -> OutputStage {
        let B = d.B, cells = d.cells, eps = architecture.bnEpsilon
        var bn3 = BatchStatistics(groups: cells)
        var rates = [Float](repeating: 0, count: B * cells), dv = rates
        u3.withUnsafeMutableBufferPointer { x in
            BatchNormKernels.normalize(x.baseAddress!, batch: B, units: cells, groupSize: 1, groups: 0..<cells, epsilon: eps,
                                       mean: &bn3.mean, variance: &bn3.variance, invStd: &bn3.invStd)
            for b in 0..<B { for j in 0..<cells {
                let v = p.bn3.gamma[j] * x[b * cells + j] + p.bn3.beta[j]
                rates[b * cells + j] = Activation.softplus(v)
                dv[b * cells + j] = Activation.sigmoid(v)
            }}
        }
        var dr = [Float](repeating: 0, count: B * cells)
        let loss = PoissonLoss.evaluate(rates: rates, targets: targets, count: B * cells, gradient: &dr)
        for i in 0..<(B * cells) { dv[i] *= dr[i] }
        u3.withUnsafeBufferPointer { x in
            BatchNormKernels.backward(&dv, xhat: x.baseAddress!, batch: B, units: cells, groupSize: 1, groups: 0..<cells,
                                      gamma: p.bn3.gamma, invStd: bn3.invStd, dGamma: &grads.bn3Gamma, dBeta: &grads.bn3Beta)
        }
        return OutputStage(rates: rates, loss: loss, du3: dv, statistics: bn3)
    }

    /// P4: dense backward to the BN2 output, through the ReLU mask (in place in a2).
    private func backwardDense(_ du3: [Float], _ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers) {
        let ws = workspaces, u2 = d.u2, cells = d.cells
        du3.withUnsafeBufferPointer { du in
            let dub = du.baseAddress!
            p.denseWeight.withUnsafeBufferPointer { dw in
                Parallel.forEachPart(count: d.B, workers: d.workers) { part, r in
                    let dh2 = ws[part].h2Grad.reserve(r.count * u2)
                    BLAS.sgemm(m: r.count, n: u2, k: cells, a: dub + r.lowerBound * cells, lda: cells,
                               b: dw.baseAddress!, ldb: u2, c: dh2, ldc: u2)
                    for b in r {
                        let row = m.a2 + b * u2, g = dh2 + (b - r.lowerBound) * u2
                        for i in 0..<u2 { row[i] = row[i] > 0 ? g[i] : 0 }
                    }
                }
            }
        }
    }

    /// U3: BN2 backward (a2 becomes dL/dz2); dense weight gradient by unit ranges; conv2 bias gradient.
    private func backwardBN2(_ du3: [Float], _ bn2: BatchStatistics, _ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers,
                             grads: inout BNCNNGradients) {
        let B = d.B, u2 = d.u2, cells = d.cells
        backward(m.a2, xhat: m.x2, batch: B, units: u2, groupSize: d.gs2, groups: architecture.bn2Count,
                 gamma: p.bn2.gamma, invStd: bn2.invStd, dGamma: &grads.bn2Gamma, dBeta: &grads.bn2Beta)
        du3.withUnsafeBufferPointer { du in
            let dub = du.baseAddress!
            grads.denseWeight.withUnsafeMutableBufferPointer { g in
                let gb = g.baseAddress!
                Parallel.forEachPart(count: u2, workers: d.workers) { _, r in
                    BLAS.sgemm(transA: true, m: cells, n: r.count, k: B, a: dub, lda: cells,
                               b: m.h2 + r.lowerBound, ldb: u2, c: gb + r.lowerBound, ldc: u2)
                }
            }
        }
        grads.conv2Bias = Self.channelSums(m.a2, batch: B, channels: d.c2, mapSize: architecture.layer2MapSize)
    }

    /// P5: conv2 backward (keeping the dz2 spectra) → dL/dh1, ReLU mask (in place in a1).
    private func backwardConv2(_ d: PassShape, _ m: PassBuffers) {
        let ws = workspaces, u1 = d.u1
        Parallel.forEachPart(count: d.B, workers: d.workers) { part, r in
            let w = ws[part]
            let dh1 = w.layer1Grad.reserve(r.count * u1)
            plans.conv2Backward(kernelSpectra: m.w2s, gradient: m.a2 + r.lowerBound * d.u2, count: r.count,
                                output: dh1, gradientSpectra: m.dz2Spec + r.lowerBound * d.c2 * d.s2, workspace: w)
            for b in r {
                let row = m.a1 + b * u1, g = dh1 + (b - r.lowerBound) * u1
                for i in 0..<u1 { row[i] = row[i] > 0 ? g[i] : 0 }
            }
        }
    }

    /// U4: BN1 backward (a1 becomes dL/dz1); conv1 bias gradient.
    private func backwardBN1(_ bn1: BatchStatistics, _ p: BNCNNParameters, _ d: PassShape, _ m: PassBuffers,
                             grads: inout BNCNNGradients) {
        backward(m.a1, xhat: m.x1, batch: d.B, units: d.u1, groupSize: d.gs1, groups: architecture.bn1Count,
                 gamma: p.bn1.gamma, invStd: bn1.invStd, dGamma: &grads.bn1Gamma, dBeta: &grads.bn1Beta)
        grads.conv1Bias = Self.channelSums(m.a1, batch: d.B, channels: d.c1, mapSize: architecture.layer1MapSize)
    }

    /// P6: spectra of dL/dz1.
    private func layer1GradientSpectra(_ d: PassShape, _ m: PassBuffers) {
        let ws = workspaces
        Parallel.forEachPart(count: d.B, workers: d.workers) { part, r in
            plans.layer1ForwardOnGrid1.transform(maps: r.count * d.c1, input: m.a1 + r.lowerBound * d.u1,
                                                 output: m.dz1Spec + r.lowerBound * d.c1 * d.s1,
                                                 scratch: ws[part].scratch.reserve(d.scratchCount))
        }
    }

    /// Bins: weight-gradient spectra, dW = Σ_b conj(dZ_b)·X_b, accumulated in the frequency
    /// domain over the whole batch (then only C1·T + C2·C1 inverse transforms per step).
    private func weightGradients(_ frames: BatchFrames, _ d: PassShape, _ m: PassBuffers, grads: inout BNCNNGradients) {
        let ws = workspaces, B = d.B, T = d.T, c1 = d.c1, c2 = d.c2, s1 = d.s1, s2 = d.s2
        let bins1 = plans.grid1.bins, bins2 = plans.grid2.bins
        let frameLayout = frames.layout, first = frames.first, frameBase = frames.base
        // dW1: per block of bins (split over the workers), taps in groups of 4 (the window's 4
        // frame blocks for all B windows stay in L2 while the C1 channels pass over them).
        let nb = SpectrumBlocks.blockBins
        Parallel.forEachPart(count: frameLayout.blocks, workers: d.workers) { _, blocks in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 3 * B) { table in
                let u = table.baseAddress!, u1 = u + B, v = u1 + B
                for kb in blocks {
                    let len = frameLayout.length(kb)
                    var t0 = 0
                    while t0 < T {
                        let nt = min(4, T - t0)
                        for b in 0..<B { v[b] = frameBase + frameLayout.offset(block: kb, spectrum: first[b] + t0) }
                        // Channels in pairs: each frame value loaded serves two channels' gradients.
                        var c = 0
                        while c < c1 {
                            for b in 0..<B { u[b] = UnsafePointer(m.dz1Spec + (b * c1 + c) * s1 + kb * nb) }
                            if c + 1 < c1 {
                                for b in 0..<B { u1[b] = UnsafePointer(m.dz1Spec + (b * c1 + c + 1) * s1 + kb * nb) }
                                SpectralProduct.runPair(.conjU, p: nt, q: B, count: len, u0: u, u1: u1, uPlane: bins1, v: v,
                                                        vStride: 2 * nb, vPlane: nb, out0: m.g1 + (c * T + t0) * s1 + kb * nb,
                                                        out1: m.g1 + ((c + 1) * T + t0) * s1 + kb * nb, outStride: s1,
                                                        outPlane: bins1, accumulate: false)
                                c += 2
                            } else {
                                SpectralProduct.run(.conjU, p: nt, q: B, count: len, u: u, uPlane: bins1, v: v, vStride: 2 * nb,
                                                    vPlane: nb, out: m.g1 + (c * T + t0) * s1 + kb * nb, outStride: s1,
                                                    outPlane: bins1, accumulate: false)
                                c += 1
                            }
                        }
                        t0 += nt
                    }
                }
            }
        }
        // dW2: plain layout on grid 2, blocks of 64 bins.
        let blocks2 = (bins2 + nb - 1) / nb
        Parallel.forEachPart(count: blocks2, workers: d.workers) { _, blocks in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 2 * B) { table in
                let u = table.baseAddress!, v = u + B
                for kb in blocks {
                    let len = min(nb, bins2 - kb * nb)
                    for b in 0..<B { v[b] = UnsafePointer(m.x2Spec + b * c1 * s2 + kb * nb) }
                    for o in 0..<c2 {
                        for b in 0..<B { u[b] = UnsafePointer(m.dz2Spec + (b * c2 + o) * s2 + kb * nb) }
                        SpectralProduct.run(.conjU, p: c1, q: B, count: len, u: u, uPlane: bins2, v: v, vStride: s2,
                                            vPlane: bins2, out: m.g2 + o * c1 * s2 + kb * nb, outStride: s2,
                                            outPlane: bins2, accumulate: false)
                    }
                }
            }
        }
        grads.conv1Weight.withUnsafeMutableBufferPointer { g in
            let gb = g.baseAddress!
            Parallel.forEachPart(count: c1 * T, workers: d.workers) { part, r in
                plans.kernel1Inverse.transform(maps: r.count, input: m.g1 + r.lowerBound * s1,
                                               output: gb + r.lowerBound * d.k1,
                                               scratch: ws[part].scratch.reserve(d.scratchCount))
            }
        }
        grads.conv2Weight.withUnsafeMutableBufferPointer { g in
            plans.kernel2Inverse.transform(maps: c2 * c1, input: m.g2, output: g.baseAddress!,
                                           scratch: ws[0].scratch.reserve(d.scratchCount))
        }
    }

    /// The L2 penalty l2·(Σ W1² + Σ W2²) and the conv1 temporal smoothness s·Σ_{c,τ,u,v} (W[c,τ+1,u,v] − W[c,τ,u,v])²
    /// (suppresses the high-frequency ripple that makes 20 ms flash responses jagged), with their
    /// gradients added to `grads`; returns the penalty.
    private func penalties(_ p: BNCNNParameters, _ d: PassShape, grads: inout BNCNNGradients) -> Double {
        let c1 = d.c1, T = d.T, k1 = d.k1
        var penalty = 0.0
        for (i, w) in p.conv1Weight.enumerated() { penalty += Double(w) * Double(w); grads.conv1Weight[i] += 2 * l2 * w }
        for (i, w) in p.conv2Weight.enumerated() { penalty += Double(w) * Double(w); grads.conv2Weight[i] += 2 * l2 * w }
        penalty *= Double(l2)

        let s = temporalSmoothness
        if s > 0 {
            var roughness = 0.0
            for c in 0..<c1 {
                for t in 0..<(T - 1) {
                    let base = (c * T + t) * k1
                    for i in 0..<k1 {
                        let delta = p.conv1Weight[base + k1 + i] - p.conv1Weight[base + i]
                        roughness += Double(delta) * Double(delta)
                        grads.conv1Weight[base + k1 + i] += 2 * s * delta
                        grads.conv1Weight[base + i] -= 2 * s * delta
                    }
                }
            }
            penalty += Double(s) * roughness
        }
        return penalty
    }
}
