import XCTest
@testable import Mechanisms
import RetinaCore

/// Row weights in the reduced-model fit: a constant weight changes nothing (scale invariance), and
/// zero weights give exactly the fit on the remaining rows.
final class ReducedModelFitWeightingTests: XCTestCase {
    func data() -> (z: [[[Double]]], y: [Double]) {
        var rng = SeededRandom(seed: 12)
        let n = 120
        let a = (0..<n).map { _ in rng.normal() }, b = (0..<n).map { _ in rng.normal() }
        let y = (0..<n).map { t in max(0, 2 + 3 * max(0, a[t] - 0.2) - 1.5 * max(0, b[t] + 0.1) + 0.05 * rng.normal()) }
        return ([[a], [b]], y)
    }

    func fit(_ z: [[[Double]]], _ y: [Double], _ w: [Double]?) -> ReducedModel {
        ReducedModelFit.fit(hidden: z, target: y, groups: [UnitGroup(channel: 0), UnitGroup(channel: 1)], labels: ["a", "b"],
                            settings: ReductionSettings(), rowWeights: w)
    }

    func testConstantWeightsChangeNothing() {
        let (z, y) = data()
        let plain = fit(z, y, nil), weighted = fit(z, y, [Double](repeating: 7, count: y.count))
        XCTAssertEqual(plain.units.count, 2)
        XCTAssertEqual(weighted.units.count, 2)
        for (u, v) in zip(plain.units, weighted.units) {
            XCTAssertEqual(u.weight, v.weight, accuracy: 1e-6 * max(1, abs(u.weight)))
            XCTAssertEqual(u.threshold, v.threshold, accuracy: 1e-6)
        }
        XCTAssertEqual(plain.offsetHz, weighted.offsetHz, accuracy: 1e-6)
    }

    func testZeroWeightsEqualTheFitOnTheRemainingRows() {
        let (z, y) = data()
        let keep = 80
        let weights = (0..<y.count).map { $0 < keep ? 1.0 : 0.0 }
        // Corrupt the dropped rows: with zero weight they must not matter.
        let yBad = y.enumerated().map { $0.offset < keep ? $0.element : 1000 }
        let weighted = fit(z, yBad, weights)
        let subset = fit(z.map { $0.map { Array($0.prefix(keep)) } }, Array(y.prefix(keep)), nil)
        XCTAssertEqual(weighted.units.count, 2)
        XCTAssertEqual(subset.units.count, 2)
        for (u, v) in zip(weighted.units, subset.units) {
            XCTAssertEqual(u.weight, v.weight, accuracy: 1e-3 * max(1, abs(u.weight)))
        }
        XCTAssertEqual(weighted.offsetHz, subset.offsetHz, accuracy: 1e-3 * max(1, abs(subset.offsetHz)))
        XCTAssertEqual(weighted.units[0].weight, 3, accuracy: 0.3)
    }
}
