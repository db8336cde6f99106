import RetinaCore

/// Element-wise and per-group pieces of the training pass.
extension BNCNNTrainer {
    /// y = γ·x̂ + β with one (γ, β) per `groupSize` consecutive units.
    static func affine(_ x: UnsafePointer<Float>, gamma: [Float], beta: [Float], groupSize: Int, units: Int,
                       output: UnsafeMutablePointer<Float>) {
        gamma.withUnsafeBufferPointer { g in beta.withUnsafeBufferPointer { be in
            if groupSize == 1 {
                for i in 0..<units { output[i] = g[i] * x[i] + be[i] }
            } else {
                for c in 0..<(units / groupSize) {
                    let gc = g[c], bc = be[c], o = c * groupSize
                    for i in o..<(o + groupSize) { output[i] = gc * x[i] + bc }
                }
            }
        }}
    }

    /// Adds the pass's noise to one sample's row; returns the sample's generator state.
    func addNoise(_ row: UnsafeMutablePointer<Float>, count: Int, sigma: Float, noise: TrainingNoise,
                  sample b: Int, layer: Int, rng: SeededRandom?) -> SeededRandom {
        switch noise {
        case .none:
            return rng ?? SeededRandom(seed: 0)
        case .seeded(let step):
            var g = rng ?? SeededRandom.stream(seed: seed, index: UInt64(step) << 20 &+ UInt64(b))
            GaussianNoise.add(to: row, count: count, sigma: sigma, rng: &g)
            return g
        case .given(let n1, let n2):
            let n = layer == 1 ? n1 : n2
            for i in 0..<count { row[i] += n[b * count + i] }
            return rng ?? SeededRandom(seed: 0)
        }
    }

    /// Per-group statistics split over the workers.
    func normalize(_ x: UnsafeMutablePointer<Float>, batch: Int, units: Int, groupSize: Int, groups: Int,
                           mean: inout [Float], variance: inout [Float], invStd: inout [Float]) {
        let eps = architecture.bnEpsilon, xb = UncheckedSendable(x)
        mean.withUnsafeMutableBufferPointer { m in variance.withUnsafeMutableBufferPointer { v in
            invStd.withUnsafeMutableBufferPointer { s in
                let ptrs = UncheckedSendable((m.baseAddress!, v.baseAddress!, s.baseAddress!))
                Parallel.forEachPart(count: groups, workers: options.workers) { _, g in
                    BatchNormKernels.normalize(xb.value, batch: batch, units: units, groupSize: groupSize, groups: g,
                                               epsilon: eps, mean: ptrs.value.0, variance: ptrs.value.1, invStd: ptrs.value.2)
                }
            }
        }}
    }

    func backward(_ dy: UnsafeMutablePointer<Float>, xhat: UnsafePointer<Float>, batch: Int, units: Int,
                          groupSize: Int, groups: Int, gamma: [Float], invStd: [Float],
                          dGamma: inout [Float], dBeta: inout [Float]) {
        let dyb = UncheckedSendable(dy), xb = UncheckedSendable(xhat)
        gamma.withUnsafeBufferPointer { g in invStd.withUnsafeBufferPointer { s in
            dGamma.withUnsafeMutableBufferPointer { dg in dBeta.withUnsafeMutableBufferPointer { db in
                let ptrs = UncheckedSendable((g.baseAddress!, s.baseAddress!, dg.baseAddress!, db.baseAddress!))
                Parallel.forEachPart(count: groups, workers: options.workers) { _, r in
                    BatchNormKernels.backward(dyb.value, xhat: xb.value, batch: batch, units: units, groupSize: groupSize,
                                              groups: r, gamma: ptrs.value.0, invStd: ptrs.value.1,
                                              dGamma: ptrs.value.2, dBeta: ptrs.value.3)
                }
            }}
        }}
    }

    /// Σ over samples and positions, per channel (a conv bias gradient).
    static func channelSums(_ x: UnsafePointer<Float>, batch: Int, channels: Int, mapSize: Int) -> [Float] {
        var out = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            var t = 0.0
            for b in 0..<batch {
                let m = x + (b * channels + c) * mapSize
                var s: Float = 0
                for i in 0..<mapSize { s += m[i] }
                t += Double(s)
            }
            out[c] = Float(t)
        }
        return out
    }
}

