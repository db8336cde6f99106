/// Training-mode batch normalisation over a batch `[batch][units]`, written so that groups of
/// units can be processed by different workers (every group's statistics only involve its own
/// units).
///
/// A *group* shares one γ, β, mean and variance: one unit (`.perUnit`, groupSize 1) or one
/// channel's `groupSize` = H·W consecutive units (`.perChannel`). With n = batch·groupSize values
/// per group:
///   μ = mean(x), σ² = mean((x − μ)²) (biased, as in the forward pass of PyTorch and Keras),
///   x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β;
/// backward, for dL/dy:
///   dβ = Σ dy, dγ = Σ dy·x̂, dx = γ/√(σ² + ε) · (dy − dβ/n − x̂·dγ/n).
enum BatchNormKernels {
    /// Computes μ and σ² of every group in `groups`, and overwrites x with x̂ there.
    static func normalize(_ x: UnsafeMutablePointer<Float>, batch: Int, units: Int, groupSize: Int,
                          groups: Range<Int>, epsilon: Float,
                          mean: UnsafeMutablePointer<Float>, variance: UnsafeMutablePointer<Float>,
                          invStd: UnsafeMutablePointer<Float>) {
        let lo = groups.lowerBound * groupSize, hi = groups.upperBound * groupSize
        guard hi > lo else { return }
        let n = Double(batch * groupSize)
        // Per-unit sums over the batch (contiguous, vectorisable), then per-group in Double.
        var unitSum = [Float](repeating: 0, count: hi - lo)
        unitSum.withUnsafeMutableBufferPointer { s in
            for b in 0..<batch {
                let row = x + b * units + lo
                for i in 0..<(hi - lo) { s[i] += row[i] }
            }
            for g in groups {
                var t = 0.0
                for j in 0..<groupSize { t += Double(s[(g * groupSize + j) - lo]) }
                mean[g] = Float(t / n)
            }
            for i in 0..<(hi - lo) { s[i] = 0 }
            for b in 0..<batch {
                let row = x + b * units + lo
                if groupSize == 1 {
                    for i in 0..<(hi - lo) { let d = row[i] - mean[lo + i]; s[i] += d * d }
                } else {
                    for i in 0..<(hi - lo) {
                        let d = row[i] - mean[(lo + i) / groupSize]
                        s[i] += d * d
                    }
                }
            }
            for g in groups {
                var t = 0.0
                for j in 0..<groupSize { t += Double(s[(g * groupSize + j) - lo]) }
                variance[g] = Float(t / n)
                invStd[g] = 1 / (variance[g] + epsilon).squareRoot()
            }
        }
        for b in 0..<batch {
            let row = x + b * units
            if groupSize == 1 {         // per-unit BN: no division by the group size per value
                for i in lo..<hi { row[i] = (row[i] - mean[i]) * invStd[i] }
            } else {
                for i in lo..<hi {
                    let g = i / groupSize
                    row[i] = (row[i] - mean[g]) * invStd[g]
                }
            }
        }
    }

    /// Given dL/dy in `dy` and x̂, writes dγ and dβ for `groups` and overwrites dy with dL/dx there.
    static func backward(_ dy: UnsafeMutablePointer<Float>, xhat: UnsafePointer<Float>, batch: Int, units: Int,
                         groupSize: Int, groups: Range<Int>, gamma: UnsafePointer<Float>,
                         invStd: UnsafePointer<Float>,
                         dGamma: UnsafeMutablePointer<Float>, dBeta: UnsafeMutablePointer<Float>) {
        let lo = groups.lowerBound * groupSize, hi = groups.upperBound * groupSize
        guard hi > lo else { return }
        let n = Float(batch * groupSize)
        var sumDy = [Float](repeating: 0, count: hi - lo), sumDyX = sumDy
        sumDy.withUnsafeMutableBufferPointer { sd in sumDyX.withUnsafeMutableBufferPointer { sx in
            for b in 0..<batch {
                let d = dy + b * units + lo, xh = xhat + b * units + lo
                for i in 0..<(hi - lo) { sd[i] += d[i]; sx[i] += d[i] * xh[i] }
            }
            for g in groups {
                var t1 = 0.0, t2 = 0.0
                for j in 0..<groupSize { t1 += Double(sd[g * groupSize + j - lo]); t2 += Double(sx[g * groupSize + j - lo]) }
                dBeta[g] = Float(t1); dGamma[g] = Float(t2)
            }
        }}
        for b in 0..<batch {
            let d = dy + b * units, xh = xhat + b * units
            if groupSize == 1 {
                for i in lo..<hi { d[i] = gamma[i] * invStd[i] * (d[i] - dBeta[i] / n - xh[i] * dGamma[i] / n) }
            } else {
                for i in lo..<hi {
                    let g = i / groupSize
                    d[i] = gamma[g] * invStd[g] * (d[i] - dBeta[g] / n - xh[i] * dGamma[g] / n)
                }
            }
        }
    }

    /// Running statistics update (PyTorch convention): r ← (1 − m)·r + m·batch statistic, with the
    /// unbiased variance σ²·n/(n − 1).
    static func updateRunning(_ bn: inout BatchNormParameters, mean: [Float], variance: [Float],
                              valuesPerGroup n: Int, momentum m: Float) {
        let correction = n > 1 ? Float(n) / Float(n - 1) : 1
        for g in 0..<bn.count {
            bn.runningMean[g] = (1 - m) * bn.runningMean[g] + m * mean[g]
            bn.runningVariance[g] = (1 - m) * bn.runningVariance[g] + m * variance[g] * correction
        }
    }
}
