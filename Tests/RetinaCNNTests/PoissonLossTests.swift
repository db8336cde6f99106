import XCTest
@testable import RetinaCNN

final class PoissonLossTests: XCTestCase {
    func testValueAndGradient() {
        let r: [Float] = [0.5, 2, 7.25, 1e-3], y: [Float] = [0, 3, 5, 1]
        var g = [Float](repeating: 0, count: 4)
        let loss = PoissonLoss.evaluate(rates: r, targets: y, count: 4, gradient: &g)
        func f(_ r: [Double]) -> Double {
            zip(r, y).reduce(0) { $0 + $1.0 - Double($1.1) * log($1.0 + Double(PoissonLoss.epsilon)) } / 4
        }
        let rd = r.map(Double.init)
        XCTAssertEqual(loss, f(rd), accuracy: 1e-6)
        for i in 0..<4 {
            let h = 1e-4 * rd[i]
            var p = rd, m = rd; p[i] += h; m[i] -= h
            XCTAssertEqual(Double(g[i]), (f(p) - f(m)) / (2 * h), accuracy: 1e-4 * max(1, abs(Double(g[i]))))
        }
        // Zero rate with zero target stays finite.
        var g0: [Float] = [0]
        XCTAssertEqual(PoissonLoss.evaluate(rates: [0], targets: [0], count: 1, gradient: &g0), 0)
        XCTAssertEqual(g0[0], 1)
    }

    func testSoftplusAndSigmoid() {
        for x: Float in [-30, -5, -0.3, 0, 0.7, 4, 19.9, 25] {
            let expected = log1p(exp(Double(x)))
            XCTAssertEqual(Double(Activation.softplus(x)), expected, accuracy: 1e-6 * max(1, expected))
            let h: Float = 1e-2
            let fd = (log1p(exp(Double(x + h))) - log1p(exp(Double(x - h)))) / Double(2 * h)
            XCTAssertEqual(Double(Activation.sigmoid(x)), fd, accuracy: 1e-4)
        }
    }
}
