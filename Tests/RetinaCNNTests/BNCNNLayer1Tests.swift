import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

/// The integrated-gradients entry points against central finite differences of the Double
/// direct reference (inference mode).
final class BNCNNLayer1Tests: XCTestCase {
    func testLayer1GradientMatchesFiniteDifferences() throws {
        for mode in [BatchNormMode.perUnit, .perChannel] {
            let a = TestNets.tiny(mode)
            let model = try TestNets.randomModel(a, seed: 61)
            let movie = TestNets.randomMovie(frames: 5, height: a.height, width: a.width, seed: 62)
            let z = model.layer1Preactivations(of: movie)         // 3 windows
            let weights: [Float] = [0.5, -1, 2]
            let (rates, grad) = model.layer1Gradient(z, count: 3, cellWeights: weights)
            XCTAssertEqual(rates, model.ratesFromLayer1(z, count: 3))
            let ref = ReferenceBNCNN(model)
            let u = a.layer1Units, h = 1e-4
            for b in 0..<3 {
                let zb = z[(b * u)..<((b + 1) * u)].map(Double.init)
                func target(_ x: [Double]) -> Double { zip(ref.rates(fromLayer1: x), weights).reduce(0) { $0 + $1.0 * Double($1.1) } }
                var fd = [Double](repeating: 0, count: u)
                for i in 0..<u {
                    var p = zb, m = zb
                    p[i] += h; m[i] -= h
                    fd[i] = (target(p) - target(m)) / (2 * h)
                }
                let g = Array(grad[(b * u)..<((b + 1) * u)])
                XCTAssertGreaterThan(fd.map(abs).max()!, 1e-4)
                XCTAssertLessThan(TestNets.maxRelativeError(g, fd), 1e-3, "\(mode) window \(b)")
            }
        }
    }

    func testPerMapCellWeights() throws {
        let a = TestNets.tiny()
        let model = try TestNets.randomModel(a, seed: 63)
        let z = model.layer1Preactivations(of: TestNets.randomMovie(frames: 4, height: a.height, width: a.width, seed: 64))
        let u = a.layer1Units
        let w0: [Float] = [1, 0, 0], w1: [Float] = [0, 0, 1]
        let both = model.layer1Gradient(z, count: 2, cellWeights: w0 + w1).dTargetdZ
        let first = model.layer1Gradient(Array(z[0..<u]), count: 1, cellWeights: w0).dTargetdZ
        let second = model.layer1Gradient(Array(z[u..<(2 * u)]), count: 1, cellWeights: w1).dTargetdZ
        // Equal up to Float32 rounding: OpenBLAS picks kernels by matrix size (AVX-512 machines sum a
        // batch of 2 in another order than a batch of 1).
        let scale = (first + second).map(abs).max()!
        XCTAssertGreaterThan(scale, 0.01)
        XCTAssertLessThan(zip(both[0..<u], first).map { abs($0 - $1) }.max()!, 1e-5 * scale)
        XCTAssertLessThan(zip(both[u..<(2 * u)], second).map { abs($0 - $1) }.max()!, 1e-5 * scale)
        // Window 1's weights select cell 2 only: its gradient is not window 0's.
        XCTAssertGreaterThan(zip(first, second).map { abs($0 - $1) }.max()!, 0.01 * scale)
    }

    func testInputGradientMatchesFiniteDifferences() throws {
        let a = TestNets.tiny(.perChannel)
        let model = try TestNets.randomModel(a, seed: 65)
        let movie = TestNets.randomMovie(frames: 4, height: a.height, width: a.width, seed: 66)
        let windows = (0..<2).flatMap { TestNets.window(movie, $0, history: a.historyFrames) }.map { Float($0) }
        let weights: [Float] = [1, 0.3, -0.7]
        let (rates, grad) = model.inputGradient(windows: windows, count: 2, cellWeights: weights)
        XCTAssertLessThan(TestNets.maxRelativeError(rates, try model.rates(for: movie.slice(frames: 0..<4)).valuesHz.map(Double.init)), 1e-6)
        let ref = ReferenceBNCNN(model)
        let n = a.windowSize, h = 1e-4
        for b in 0..<2 {
            let x = windows[(b * n)..<((b + 1) * n)].map(Double.init)
            func target(_ x: [Double]) -> Double { zip(ref.rates(window: x), weights).reduce(0) { $0 + $1.0 * Double($1.1) } }
            let fd = (0..<n).map { i -> Double in
                var p = x, m = x
                p[i] += h; m[i] -= h
                return (target(p) - target(m)) / (2 * h)
            }
            XCTAssertGreaterThan(fd.map(abs).max()!, 1e-4)
            XCTAssertLessThan(TestNets.maxRelativeError(Array(grad[(b * n)..<((b + 1) * n)]), fd), 1e-3, "window \(b)")
        }
    }

    /// Integrated gradients to layer 1 over 1000 α-steps are complete: Σ A ≈ r(s) − r(0)
    /// (docs/method.md §4.2). The trapezoid rule is used here so that the check measures the
    /// gradients (0.3 %), not the O(1/N) error of the paper's right Riemann sum.
    func testLayer1IntegratedGradientsAreComplete() throws {
        let a = TestNets.tiny()
        let model = try TestNets.randomModel(a, seed: 67)
        let z = model.layer1Preactivations(of: TestNets.randomMovie(frames: 3, height: a.height, width: a.width, seed: 68))
        let u = a.layer1Units, steps = 1000, weights: [Float] = [1, 1, 1]
        let bias = model.conv1Bias
        let linear = (0..<u).map { z[$0] - bias[$0 / a.layer1MapSize] }
        var batch = [Float]()
        for k in 0..<steps {
            let alpha = Float(k) / Float(steps - 1)
            batch += (0..<u).map { alpha * linear[$0] + bias[$0 / a.layer1MapSize] }
        }
        let (rates, grad) = model.layer1Gradient(batch, count: steps, cellWeights: weights)
        var total = 0.0
        for k in 1..<steps {
            for i in 0..<u { total += 0.5 * Double(grad[k * u + i] + grad[(k - 1) * u + i]) * Double(linear[i]) / Double(steps - 1) }
        }
        let r1 = (0..<3).reduce(0.0) { $0 + Double(rates[(steps - 1) * 3 + $1]) }
        let r0 = (0..<3).reduce(0.0) { $0 + Double(rates[$1]) }
        XCTAssertGreaterThan(abs(r1 - r0), 0.05)
        XCTAssertEqual(total, r1 - r0, accuracy: 0.003 * abs(r1 - r0))
    }
}
