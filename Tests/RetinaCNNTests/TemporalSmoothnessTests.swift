import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

/// The conv1 temporal-smoothness term s·Σ (W[c,τ+1,u,v] − W[c,τ,u,v])²: its value and its gradient
/// (difference between passes with and without it) against central finite differences in Double.
final class TemporalSmoothnessTests: XCTestCase {
    func testPenaltyAndGradientMatchFiniteDifferences() throws {
        let a = TestNets.tiny(.perUnit)
        let model = try TestNets.randomModel(a, seed: 5)
        let movie = TestNets.randomMovie(frames: 14, height: a.height, width: a.width, seed: 6)
        let batch = TrainingBatch(windowStarts: [0, 3, 7], targets: [Float](repeating: 1, count: 3 * a.cells))
        let n1 = [Float](repeating: 0, count: 3 * a.layer1Units), n2 = [Float](repeating: 0, count: 3 * a.layer2Units)
        let plain = try BNCNNTrainer(model: model, movie: movie, l2: 0, seed: 1)
        let smooth = try BNCNNTrainer(model: model, movie: movie, l2: 0, seed: 1)
        let s: Float = 0.3
        smooth.temporalSmoothness = s
        let p0 = plain.runPass(batch, noise: .given(layer1: n1, layer2: n2))
        let p1 = smooth.runPass(batch, noise: .given(layer1: n1, layer2: n2))

        let T = a.historyFrames, k = a.conv1Kernel * a.conv1Kernel
        var w = model.parameters.conv1Weight.map(Double.init)
        func roughness(_ w: [Double]) -> Double {
            var r = 0.0
            for c in 0..<a.conv1Channels { for t in 0..<(T - 1) { for i in 0..<k {
                let d = w[(c * T + t + 1) * k + i] - w[(c * T + t) * k + i]; r += d * d } } }
            return Double(s) * r
        }
        XCTAssertEqual(p1.penalty - p0.penalty, roughness(w), accuracy: 1e-4 * max(1, roughness(w)))
        XCTAssertGreaterThan(roughness(w), 0)
        for i in [0, 7, k * T - 1, k * T, a.conv1WeightCount - 1, a.conv1WeightCount / 2] {
            let h = 1e-4
            w[i] += h; let up = roughness(w); w[i] -= 2 * h; let down = roughness(w); w[i] += h
            let fd = (up - down) / (2 * h)
            let analytic = Double(p1.gradients.conv1Weight[i] - p0.gradients.conv1Weight[i])
            XCTAssertEqual(analytic, fd, accuracy: 1e-4 * max(1, abs(fd)), "conv1 weight \(i)")
        }
        XCTAssertEqual(p1.gradients.conv2Weight, p0.gradients.conv2Weight)
    }
}
