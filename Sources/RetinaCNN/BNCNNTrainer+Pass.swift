import RetinaCore

extension BNCNNTrainer {
    /// One training-mode forward and backward pass on `batch` with the current parameters (no
    /// update). Phases alternate between splitting samples, BN groups and frequency bins across
    /// the workers; every reduction runs in a fixed order, so results do not depend on timing.
    func runPass(_ batch: TrainingBatch, noise: TrainingNoise) -> TrainingPassResult {
        let a = architecture, p = parameters, B = batch.count, workers = options.workers
        let u1 = a.layer1Units, u2 = a.layer2Units, cells = a.cells
        let c1 = a.conv1Channels, c2 = a.conv2Channels, T = a.historyFrames
        let s1 = plans.grid1.spectrumFloats, s2 = plans.grid2.spectrumFloats
        let gs1 = a.batchNorm == .perUnit ? 1 : a.layer1MapSize
        let gs2 = a.batchNorm == .perUnit ? 1 : a.layer2MapSize
        let eps = a.bnEpsilon, sigma = a.noiseSigma
        var grads = BNCNNGradients(a)
        let ws = workspaces
        let scratchCount = plans.scratchCount

        // Kernel spectra of the current weights.
        let kernels1 = SpectrumBlocks(grid: plans.grid1, count: c1 * T)
        let w1s = UncheckedSendable(buffers.w1Spectra.reserve(kernels1.floats))
        let w2s = UncheckedSendable(buffers.w2Spectra.reserve(c2 * c1 * s2))
        let k1 = a.conv1Kernel * a.conv1Kernel
        p.conv1Weight.withUnsafeBufferPointer { w in
            let wb = UncheckedSendable(w.baseAddress!)
            Parallel.forEachPart(count: c1 * T, workers: workers) { part, r in
                plans.blockedConv1Spectra(wb.value, into: w1s.value, maps: r, workspace: ws[part])
            }
        }
        p.conv2Weight.withUnsafeBufferPointer { w in
            plans.kernel2Forward.transform(maps: c2 * c1, input: w.baseAddress!, output: w2s.value,
                                           scratch: ws[0].scratch.reserve(scratchCount))
        }

        // P1: conv1 from the frame spectra.
        let (frameBase, frameCount, first) = cache.spectra(forWindowStarts: batch.windowStarts, history: T,
                                                           buffer: buffers.batchSpectra)
        let frameLayout = SpectrumBlocks(grid: plans.grid1, count: frameCount)
        let frames = UncheckedSendable(frameBase)
        let x1 = UncheckedSendable(buffers.x1.reserve(B * u1))
        Parallel.forEachPart(count: B, workers: workers) { part, r in
            plans.conv1Forward(kernelSpectra: w1s.value, bias: p.conv1Bias, frameSpectra: frames.value, frameCount: frameCount,
                               firstFrame: { first[r.lowerBound + $0] }, count: r.count,
                               output: x1.value + r.lowerBound * u1, workspace: ws[part])
        }

        // U1: BN1 statistics, x̂1 in place.
        var mean1 = [Float](repeating: 0, count: a.bn1Count), var1 = mean1, inv1 = mean1
        normalize(x1.value, batch: B, units: u1, groupSize: gs1, groups: a.bn1Count, mean: &mean1, variance: &var1, invStd: &inv1)

        // P2: BN1 affine + noise → a1; ReLU; conv2 → z2 (keeping the h1 spectra).
        var rngs = [SeededRandom](repeating: SeededRandom(seed: 0), count: B)
        let a1 = UncheckedSendable(buffers.a1.reserve(B * u1))
        let x2 = UncheckedSendable(buffers.x2.reserve(B * u2))
        let x2Spec = UncheckedSendable(buffers.x2Spectra.reserve(B * c1 * s2))
        rngs.withUnsafeMutableBufferPointer { rp in
            let rb = UncheckedSendable(rp.baseAddress!)
            Parallel.forEachPart(count: B, workers: workers) { part, r in
                let w = ws[part]
                let h1 = w.h1.reserve(r.count * u1)
                for b in r {
                    let row = a1.value + b * u1
                    Self.affine(x1.value + b * u1, gamma: p.bn1.gamma, beta: p.bn1.beta, groupSize: gs1, units: u1, output: row)
                    rb.value[b] = self.addNoise(row, count: u1, sigma: sigma, noise: noise, sample: b, layer: 1, rng: nil)
                    let h = h1 + (b - r.lowerBound) * u1
                    for i in 0..<u1 { h[i] = max(0, row[i]) }
                }
                plans.conv2Forward(kernelSpectra: w2s.value, bias: p.conv2Bias, input: h1, count: r.count,
                                   output: x2.value + r.lowerBound * u2,
                                   inputSpectra: x2Spec.value + r.lowerBound * c1 * s2, workspace: w)
            }
        }

        // U2: BN2 statistics, x̂2 in place.
        var mean2 = [Float](repeating: 0, count: a.bn2Count), var2 = mean2, inv2 = mean2
        normalize(x2.value, batch: B, units: u2, groupSize: gs2, groups: a.bn2Count, mean: &mean2, variance: &var2, invStd: &inv2)

        // P3: BN2 affine + noise → a2; ReLU → h2; dense → u3.
        let a2 = UncheckedSendable(buffers.a2.reserve(B * u2))
        let h2 = UncheckedSendable(buffers.h2.reserve(B * u2))
        var u3 = [Float](repeating: 0, count: B * cells)
        u3.withUnsafeMutableBufferPointer { up in
            let ub = UncheckedSendable(up.baseAddress!)
            rngs.withUnsafeMutableBufferPointer { rp in
                let rb = UncheckedSendable(rp.baseAddress!)
                p.denseWeight.withUnsafeBufferPointer { d in
                    Parallel.forEachPart(count: B, workers: workers) { _, r in
                        for b in r {
                            let row = a2.value + b * u2
                            Self.affine(x2.value + b * u2, gamma: p.bn2.gamma, beta: p.bn2.beta, groupSize: gs2, units: u2, output: row)
                            rb.value[b] = self.addNoise(row, count: u2, sigma: sigma, noise: noise, sample: b, layer: 2, rng: rb.value[b])
                            let h = h2.value + b * u2
                            for i in 0..<u2 { h[i] = max(0, row[i]) }
                        }
                        BLAS.sgemm(transB: true, m: r.count, n: cells, k: u2, a: h2.value + r.lowerBound * u2, lda: u2,
                                   b: d.baseAddress!, ldb: u2, c: ub.value + r.lowerBound * cells, ldc: cells)
                    }
                }
            }
        }

        // S1: BN3, softplus, loss; backward to dL/du3.
        var mean3 = [Float](repeating: 0, count: cells), var3 = mean3, inv3 = mean3
        var rates = [Float](repeating: 0, count: B * cells), dv = rates
        var loss = 0.0
        u3.withUnsafeMutableBufferPointer { x in
            BatchNormKernels.normalize(x.baseAddress!, batch: B, units: cells, groupSize: 1, groups: 0..<cells, epsilon: eps,
                                       mean: &mean3, variance: &var3, invStd: &inv3)
            for b in 0..<B { for j in 0..<cells {
                let v = p.bn3.gamma[j] * x[b * cells + j] + p.bn3.beta[j]
                rates[b * cells + j] = Activation.softplus(v)
                dv[b * cells + j] = Activation.sigmoid(v)
            }}
        }
        var dr = [Float](repeating: 0, count: B * cells)
        loss = PoissonLoss.evaluate(rates: rates, targets: batch.targets, count: B * cells, gradient: &dr)
        for i in 0..<(B * cells) { dv[i] *= dr[i] }
        u3.withUnsafeBufferPointer { x in
            BatchNormKernels.backward(&dv, xhat: x.baseAddress!, batch: B, units: cells, groupSize: 1, groups: 0..<cells,
                                      gamma: p.bn3.gamma, invStd: inv3, dGamma: &grads.bn3Gamma, dBeta: &grads.bn3Beta)
        }
        let du3 = dv

        // P4: dense backward to the BN2 output, through the ReLU mask (in place in a2).
        du3.withUnsafeBufferPointer { du in
            let dub = UncheckedSendable(du.baseAddress!)
            p.denseWeight.withUnsafeBufferPointer { d in
                Parallel.forEachPart(count: B, workers: workers) { part, r in
                    let dh2 = ws[part].h2Grad.reserve(r.count * u2)
                    BLAS.sgemm(m: r.count, n: u2, k: cells, a: dub.value + r.lowerBound * cells, lda: cells,
                               b: d.baseAddress!, ldb: u2, c: dh2, ldc: u2)
                    for b in r {
                        let row = a2.value + b * u2, g = dh2 + (b - r.lowerBound) * u2
                        for i in 0..<u2 { row[i] = row[i] > 0 ? g[i] : 0 }
                    }
                }
            }
        }

        // U3: BN2 backward (a2 becomes dL/dz2); dense weight gradient by unit ranges.
        backward(a2.value, xhat: x2.value, batch: B, units: u2, groupSize: gs2, groups: a.bn2Count,
                 gamma: p.bn2.gamma, invStd: inv2, dGamma: &grads.bn2Gamma, dBeta: &grads.bn2Beta)
        du3.withUnsafeBufferPointer { du in
            let dub = UncheckedSendable(du.baseAddress!)
            grads.denseWeight.withUnsafeMutableBufferPointer { g in
                let gb = UncheckedSendable(g.baseAddress!)
                Parallel.forEachPart(count: u2, workers: workers) { _, r in
                    BLAS.sgemm(transA: true, m: cells, n: r.count, k: B, a: dub.value, lda: cells,
                               b: h2.value + r.lowerBound, ldb: u2, c: gb.value + r.lowerBound, ldc: u2)
                }
            }
        }
        grads.conv2Bias = Self.channelSums(a2.value, batch: B, channels: c2, mapSize: a.layer2MapSize)

        // P5: conv2 backward (keeping the dz2 spectra) → dL/dh1, ReLU mask (in place in a1).
        let dz2Spec = UncheckedSendable(buffers.dz2Spectra.reserve(B * c2 * s2))
        Parallel.forEachPart(count: B, workers: workers) { part, r in
            let w = ws[part]
            let dh1 = w.layer1Grad.reserve(r.count * u1)
            plans.conv2Backward(kernelSpectra: w2s.value, gradient: a2.value + r.lowerBound * u2, count: r.count,
                                output: dh1, gradientSpectra: dz2Spec.value + r.lowerBound * c2 * s2, workspace: w)
            for b in r {
                let row = a1.value + b * u1, g = dh1 + (b - r.lowerBound) * u1
                for i in 0..<u1 { row[i] = row[i] > 0 ? g[i] : 0 }
            }
        }

        // U4: BN1 backward (a1 becomes dL/dz1).
        backward(a1.value, xhat: x1.value, batch: B, units: u1, groupSize: gs1, groups: a.bn1Count,
                 gamma: p.bn1.gamma, invStd: inv1, dGamma: &grads.bn1Gamma, dBeta: &grads.bn1Beta)
        grads.conv1Bias = Self.channelSums(a1.value, batch: B, channels: c1, mapSize: a.layer1MapSize)

        // P6: spectra of dL/dz1.
        let dz1Spec = UncheckedSendable(buffers.dz1Spectra.reserve(B * c1 * s1))
        Parallel.forEachPart(count: B, workers: workers) { part, r in
            plans.layer1ForwardOnGrid1.transform(maps: r.count * c1, input: a1.value + r.lowerBound * u1,
                                                 output: dz1Spec.value + r.lowerBound * c1 * s1,
                                                 scratch: ws[part].scratch.reserve(scratchCount))
        }

        // Bins: weight-gradient spectra, dW = Σ_b conj(dZ_b)·X_b, accumulated in the frequency
        // domain over the whole batch (then only C1·T + C2·C1 inverse transforms per step).
        let g1 = UncheckedSendable(buffers.dW1Spectra.reserve(c1 * T * s1))
        let g2 = UncheckedSendable(buffers.dW2Spectra.reserve(c2 * c1 * s2))
        let bins1 = plans.grid1.bins, bins2 = plans.grid2.bins
        // dW1: per block of bins (split over the workers), taps in groups of 4 (the window's 4
        // frame blocks for all B windows stay in L2 while the C1 channels pass over them).
        let nb = SpectrumBlocks.blockBins
        Parallel.forEachPart(count: frameLayout.blocks, workers: workers) { _, blocks in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 2 * B) { table in
                let u = table.baseAddress!, v = u + B
                for kb in blocks {
                    let len = frameLayout.length(kb)
                    var t0 = 0
                    while t0 < T {
                        let nt = min(4, T - t0)
                        for b in 0..<B { v[b] = frames.value + frameLayout.offset(block: kb, spectrum: first[b] + t0) }
                        for c in 0..<c1 {
                            for b in 0..<B { u[b] = UnsafePointer(dz1Spec.value + (b * c1 + c) * s1 + kb * nb) }
                            SpectralProduct.run(.conjU, p: nt, q: B, count: len, u: u, uPlane: bins1, v: v, vStride: 2 * nb,
                                                vPlane: nb, out: g1.value + (c * T + t0) * s1 + kb * nb, outStride: s1,
                                                outPlane: bins1, accumulate: false)
                        }
                        t0 += nt
                    }
                }
            }
        }
        // dW2: plain layout on grid 2, blocks of 64 bins.
        let blocks2 = (bins2 + nb - 1) / nb
        Parallel.forEachPart(count: blocks2, workers: workers) { _, blocks in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: 2 * B) { table in
                let u = table.baseAddress!, v = u + B
                for kb in blocks {
                    let len = min(nb, bins2 - kb * nb)
                    for b in 0..<B { v[b] = UnsafePointer(x2Spec.value + b * c1 * s2 + kb * nb) }
                    for o in 0..<c2 {
                        for b in 0..<B { u[b] = UnsafePointer(dz2Spec.value + (b * c2 + o) * s2 + kb * nb) }
                        SpectralProduct.run(.conjU, p: c1, q: B, count: len, u: u, uPlane: bins2, v: v, vStride: s2,
                                            vPlane: bins2, out: g2.value + o * c1 * s2 + kb * nb, outStride: s2,
                                            outPlane: bins2, accumulate: false)
                    }
                }
            }
        }
        grads.conv1Weight.withUnsafeMutableBufferPointer { g in
            let gb = UncheckedSendable(g.baseAddress!)
            Parallel.forEachPart(count: c1 * T, workers: workers) { part, r in
                plans.kernel1Inverse.transform(maps: r.count, input: g1.value + r.lowerBound * s1,
                                               output: gb.value + r.lowerBound * k1,
                                               scratch: ws[part].scratch.reserve(scratchCount))
            }
        }
        grads.conv2Weight.withUnsafeMutableBufferPointer { g in
            plans.kernel2Inverse.transform(maps: c2 * c1, input: g2.value, output: g.baseAddress!,
                                           scratch: ws[0].scratch.reserve(scratchCount))
        }

        // L2 penalty on both kernels.
        var penalty = 0.0
        for (i, w) in p.conv1Weight.enumerated() { penalty += Double(w) * Double(w); grads.conv1Weight[i] += 2 * l2 * w }
        for (i, w) in p.conv2Weight.enumerated() { penalty += Double(w) * Double(w); grads.conv2Weight[i] += 2 * l2 * w }
        penalty *= Double(l2)

        // Temporal smoothness of the conv1 kernels: s·Σ_{c,τ,u,v} (W[c,τ+1,u,v] − W[c,τ,u,v])²
        // (suppresses the high-frequency ripple that makes 20 ms flash responses jagged).
        let s = temporalSmoothness
        if s > 0 {
            var roughness = 0.0
            for c in 0..<c1 {
                for t in 0..<(T - 1) {
                    let base = (c * T + t) * k1
                    for i in 0..<k1 {
                        let d = p.conv1Weight[base + k1 + i] - p.conv1Weight[base + i]
                        roughness += Double(d) * Double(d)
                        grads.conv1Weight[base + k1 + i] += 2 * s * d
                        grads.conv1Weight[base + i] -= 2 * s * d
                    }
                }
            }
            penalty += Double(s) * roughness
        }

        let meanRate = rates.reduce(0.0) { $0 + Double($1) } / Double(rates.count)
        return TrainingPassResult(loss: loss, penalty: penalty, meanRate: meanRate, rates: rates, gradients: grads,
                                  mean1: mean1, variance1: var1, mean2: mean2, variance2: var2, mean3: mean3, variance3: var3)
    }
}
