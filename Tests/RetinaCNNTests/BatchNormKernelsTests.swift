import TestSupport
import XCTest
@testable import RetinaCNN

/// Training-mode batch norm (forward statistics and backward) against a Double reference and
/// central finite differences, per unit and per channel.
final class BatchNormKernelsTests: XCTestCase {
    func run(groupSize: Int) {
        let batch = 5, groups = 3, units = groups * groupSize, eps: Float = 1e-3
        let x = (0..<(batch * units)).map { Float(sin(Double($0) * 1.37) * 2 + Double($0 % 4)) }
        let gamma: [Float] = [0.7, 1.3, -0.4], beta: [Float] = [0.1, -0.2, 0.3]
        let c = (0..<(batch * units)).map { Double(cos(Double($0) * 0.77)) }   // L = Σ c·y
        // Double reference of L(x, γ, β).
        func loss(_ x: [Double], _ g: [Double], _ b: [Double]) -> Double {
            var l = 0.0
            for k in 0..<groups {
                let idx = (0..<batch).flatMap { s in (0..<groupSize).map { s * units + k * groupSize + $0 } }
                let mean = idx.reduce(0.0) { $0 + x[$1] } / Double(idx.count)
                let variance = idx.reduce(0.0) { $0 + (x[$1] - mean) * (x[$1] - mean) } / Double(idx.count)
                for i in idx { l += c[i] * (g[k] * (x[i] - mean) / (variance + Double(eps)).squareRoot() + b[k]) }
            }
            return l
        }
        var xhat = x
        var mean = [Float](repeating: 0, count: groups), variance = mean, inv = mean
        BatchNormKernels.normalize(&xhat, batch: batch, units: units, groupSize: groupSize, groups: 0..<groups, epsilon: eps,
                                   mean: &mean, variance: &variance, invStd: &inv)
        // Statistics.
        for k in 0..<groups {
            let vals = (0..<batch).flatMap { s in (0..<groupSize).map { Double(x[s * units + k * groupSize + $0]) } }
            let m = vals.reduce(0, +) / Double(vals.count)
            XCTAssertEqual(Double(mean[k]), m, accuracy: 1e-5)
            XCTAssertEqual(Double(variance[k]), vals.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(vals.count), accuracy: 1e-4)
        }
        // Backward with dL/dy = c.
        var dy = c.map { Float($0) }
        var dGamma = [Float](repeating: 0, count: groups), dBeta = dGamma
        BatchNormKernels.backward(&dy, xhat: xhat, batch: batch, units: units, groupSize: groupSize, groups: 0..<groups,
                                  gamma: gamma, invStd: inv, dGamma: &dGamma, dBeta: &dBeta)
        let xd = x.map(Double.init), gd = gamma.map(Double.init), bd = beta.map(Double.init), h = 1e-5
        let fdX = (0..<x.count).map { i -> Double in
            var p = xd, m = xd; p[i] += h; m[i] -= h
            return (loss(p, gd, bd) - loss(m, gd, bd)) / (2 * h)
        }
        let fdG = (0..<groups).map { k -> Double in
            var p = gd, m = gd; p[k] += h; m[k] -= h
            return (loss(xd, p, bd) - loss(xd, m, bd)) / (2 * h)
        }
        let fdB = (0..<groups).map { k -> Double in
            var p = bd, m = bd; p[k] += h; m[k] -= h
            return (loss(xd, gd, p) - loss(xd, gd, m)) / (2 * h)
        }
        XCTAssertLessThan(TestNets.maxRelativeError(dy, fdX), 1e-4, "dx, group size \(groupSize)")
        XCTAssertLessThan(TestNets.maxRelativeError(dGamma, fdG), 1e-4, "dγ, group size \(groupSize)")
        XCTAssertLessThan(TestNets.maxRelativeError(dBeta, fdB), 1e-4, "dβ, group size \(groupSize)")
    }

    func testPerUnit() { run(groupSize: 1) }
    func testPerChannel() { run(groupSize: 4) }

    func testRunningStatisticsUseMomentumAndUnbiasedVariance() {
        var bn = BatchNormParameters(count: 2)
        BatchNormKernels.updateRunning(&bn, mean: [1, -2], variance: [4, 0.5], valuesPerGroup: 5, momentum: 0.1)
        XCTAssertEqual(bn.runningMean, [0.1, -0.2])
        XCTAssertEqual(bn.runningVariance[0], 0.9 + 0.1 * 4 * 5 / 4, accuracy: 1e-6)
        XCTAssertEqual(bn.runningVariance[1], 0.9 + 0.1 * 0.5 * 5 / 4, accuracy: 1e-6)
    }
}
