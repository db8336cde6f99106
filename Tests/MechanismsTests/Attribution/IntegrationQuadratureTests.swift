import XCTest
@testable import Mechanisms

final class IntegrationQuadratureTests: XCTestCase {
    func testRightRiemannIsTheReferenceLinspaceRule() throws {
        let (a, w) = try IntegrationQuadrature.rightRiemann.rule(steps: 100)
        XCTAssertEqual(a.count, 99)
        XCTAssertEqual(a[0], 1.0 / 99, accuracy: 1e-15)
        XCTAssertEqual(a[98], 1, accuracy: 1e-15)
        XCTAssertEqual(w.count, 99)
        XCTAssertTrue(w.allSatisfy { abs($0 - 1.0 / 99) < 1e-15 })
        XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-13)
    }

    func testTrapezoidHasHalfWeightsAtTheEnds() throws {
        let (a, w) = try IntegrationQuadrature.trapezoid.rule(steps: 5)
        XCTAssertEqual(a, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(w, [0.125, 0.25, 0.25, 0.25, 0.125])
    }

    func testGaussLegendreSmallRulesInClosedForm() throws {
        let (a2, w2) = try IntegrationQuadrature.gaussLegendre.rule(steps: 2)
        XCTAssertEqual(a2[0], 0.5 - 0.5 / 3.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(a2[1], 0.5 + 0.5 / 3.0.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(w2[0], 0.5, accuracy: 1e-15)
        let (a3, w3) = try IntegrationQuadrature.gaussLegendre.rule(steps: 3)
        XCTAssertEqual(a3[0], 0.5 - 0.5 * (0.6).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(a3[1], 0.5, accuracy: 1e-15)
        XCTAssertEqual(w3[0], 5.0 / 18, accuracy: 1e-15)
        XCTAssertEqual(w3[1], 8.0 / 18, accuracy: 1e-15)
        let (a1, w1) = try IntegrationQuadrature.gaussLegendre.rule(steps: 1)
        XCTAssertEqual(a1, [0.5]); XCTAssertEqual(w1, [1])
    }

    /// Reference values from numpy.polynomial.legendre.leggauss, mapped to [0, 1].
    func testGaussLegendreMatchesNumpy() {
        let (a7, w7) = GaussLegendre.unitInterval(count: 7)
        let ra7 = [0.0254460438286207, 0.12923440720030277, 0.2970774243113014, 0.5]
        let rw7 = [0.06474248308443487, 0.13985269574463843, 0.19091502525255935, 0.20897959183673465]
        for i in 0..<4 { XCTAssertEqual(a7[i], ra7[i], accuracy: 1e-15); XCTAssertEqual(w7[i], rw7[i], accuracy: 1e-15) }
        let (a20, w20) = GaussLegendre.unitInterval(count: 20)
        let ra20 = [0.003435700407452502, 0.018014036361043095, 0.04388278587433703, 0.08044151408889061]
        let rw20 = [0.008807003569575447, 0.020300714900193223, 0.031336024167054395, 0.04163837078835236]
        for i in 0..<4 { XCTAssertEqual(a20[i], ra20[i], accuracy: 1e-15); XCTAssertEqual(w20[i], rw20[i], accuracy: 1e-15) }
        // Symmetry: the upper half mirrors the lower half.
        for i in 0..<20 { XCTAssertEqual(a20[i] + a20[19 - i], 1, accuracy: 1e-15); XCTAssertEqual(w20[i], w20[19 - i], accuracy: 1e-15) }
    }

    func testGaussLegendreIsExactUpToDegree2NMinus1() {
        for n in 1...24 {
            let (a, w) = GaussLegendre.unitInterval(count: n)
            for d in 0...(2 * n - 1) {
                let q = zip(a, w).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(d)) }
                XCTAssertEqual(q, 1 / Double(d + 1), accuracy: 2e-14, "n \(n), degree \(d)")
            }
            // Degree 2n is not integrated exactly (a real check that the rule has n nodes, not more);
            // the error shrinks like 4^-2n, so check only small rules.
            if n <= 6 {
                let q = zip(a, w).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(2 * n)) }
                XCTAssertGreaterThan(abs(q - 1 / Double(2 * n + 1)), 1e-12, "n \(n)")
            }
        }
    }

    func testTooFewStepsThrow() {
        XCTAssertThrowsError(try IntegrationQuadrature.rightRiemann.rule(steps: 1))
        XCTAssertThrowsError(try IntegrationQuadrature.trapezoid.rule(steps: 0))
        XCTAssertThrowsError(try IntegrationQuadrature.gaussLegendre.rule(steps: 0))
    }
}
