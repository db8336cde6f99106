import XCTest
@testable import RetinaCNN

final class AdamOptimizerTests: XCTestCase {
    /// Two steps against the formulas written out (PyTorch's Adam, no weight decay).
    func testTwoStepsMatchTheFormula() {
        var adam = AdamOptimizer(sizes: [2])
        var p: [Float] = [1, -2]
        let g1: [Float] = [0.5, -3], g2: [Float] = [-1, 0.25]
        adam.beginStep(); adam.update(0, parameters: &p, gradient: g1, learningRate: 0.1)
        adam.beginStep(); adam.update(0, parameters: &p, gradient: g2, learningRate: 0.05)
        for i in 0..<2 {
            var m = 0.0, v = 0.0, theta = [1.0, -2.0][i]
            for (t, (g, lr)) in [(Double(g1[i]), 0.1), (Double(g2[i]), 0.05)].enumerated() {
                m = 0.9 * m + 0.1 * g
                v = 0.999 * v + 0.001 * g * g
                let mh = m / (1 - pow(0.9, Double(t + 1))), vh = v / (1 - pow(0.999, Double(t + 1)))
                theta -= lr * mh / (vh.squareRoot() + 1e-8)
            }
            XCTAssertEqual(Double(p[i]), theta, accuracy: 1e-6)
        }
        XCTAssertEqual(adam.step, 2)
    }
}
