import XCTest
import Foundation
import RetinaCore
@testable import Mechanisms

/// The divisive term of the reduced circuit: formula, planted recovery, the never-worse guarantee,
/// and the refinement's analytic gradient against finite differences.
final class ReducedModelDivisionTests: XCTestCase {
    private let division = ReductionSettings(divisiveGains: [0, 0.5, 1, 2, 4])

    /// Smooth random traces (AR(1), SD ≈ 0.7).
    private func traces(_ k: Int, _ n: Int, seed: UInt64) -> [[Double]] {
        var rng = SeededRandom(seed: seed)
        return (0..<k).map { _ in
            var x = 0.0
            return (0..<n).map { _ in x = 0.9 * x + 0.3 * rng.normal(); return x }
        }
    }

    func testRateDividesByOnePlusTheWeightedActivities() {
        let model = ReducedModel(
            units: [.init(group: UnitGroup(channel: 0), label: "", sign: 1, threshold: 0.2, weight: 10),
                    .init(group: UnitGroup(channel: 1), label: "", sign: 1, threshold: 0, weight: 0, divisiveGain: 2)],
            offsetHz: 1, outputRectified: true, fit: FitQuality(target: [], prediction: []))
        XCTAssertTrue(model.isDivisive)
        // u = 1 + 10·0.3 = 4, D = 1 + 2·0.5 = 2.
        XCTAssertEqual(model.rate([[0.5], [0.5]]), 2, accuracy: 1e-12)
        // A divider below its threshold leaves the subtractive rate.
        XCTAssertEqual(model.rate([[0.5], [-1]]), 4, accuracy: 1e-12)
        // The rectifier acts on the numerator: u < 0 gives 0 whatever D is.
        var inhibited = model; inhibited.units[0].weight = -10
        XCTAssertEqual(inhibited.rate([[0.5], [0.5]]), 0)
    }

    func testUnitsWrittenBeforeDivisionDecodeWithZeroGain() throws {
        let json = #"{"group":{"channel":2},"label":"OFF slow","sign":-1,"threshold":0.5,"weight":3}"#
        let unit = try JSONDecoder().decode(ReducedModel.Unit.self, from: Data(json.utf8))
        XCTAssertEqual(unit.divisiveGain, 0)
        XCTAssertEqual(unit.sign, -1)
    }

    func testFitRecoversAPlantedDivisiveCircuit() throws {
        let z = traces(2, 800, seed: 5)
        // Excitation by z0 above 0.1, divided by the rectified increase of z1 (gain control).
        let y = (0..<800).map { t -> Double in
            (2 + 8 * max(0, z[0][t] - 0.1)) / (1 + 1.5 * max(0, z[1][t]))
        }
        let groups = [UnitGroup(channel: 0), UnitGroup(channel: 1)]
        let model = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: groups, labels: ["", ""], settings: division)
        XCTAssertGreaterThan(model.fit.r2, 0.999)
        XCTAssertEqual(model.units[0].threshold, 0.1, accuracy: 0.02)
        XCTAssertEqual(model.units[0].weight, 8, accuracy: 0.3)
        XCTAssertEqual(model.units[0].divisiveGain, 0, accuracy: 0.05)
        XCTAssertEqual(model.units[1].divisiveGain, 1.5, accuracy: 0.1)
        XCTAssertEqual(model.units[1].weight, 0, accuracy: 0.3)
        XCTAssertEqual(model.offsetHz, 2, accuracy: 0.1)
        // The subtractive circuit cannot express it.
        let subtractive = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: groups, labels: ["", ""], settings: .init())
        XCTAssertFalse(subtractive.isDivisive)
        XCTAssertLessThan(subtractive.fit.r2, model.fit.r2 - 0.005)
        // The division ablation returned beside the divisive fit is that same subtractive circuit.
        let both = ReducedModelFit.fitWithSubtractive(hidden: z.map { [$0] }, target: y, groups: groups, labels: ["", ""],
                                                      settings: division)
        XCTAssertEqual(both.best, model)
        let ablation = try XCTUnwrap(both.subtractive)
        XCTAssertFalse(ablation.isDivisive)
        XCTAssertEqual(ablation.fit.r2, subtractive.fit.r2, accuracy: 1e-9)
        // No ablation when the fit does not divide.
        XCTAssertNil(ReducedModelFit.fitWithSubtractive(hidden: z.map { [$0] }, target: y, groups: groups, labels: ["", ""],
                                                        settings: .init()).subtractive)
    }

    func testAllowingDivisionNeverWorsensTheFit() {
        // Data with no division in it: the divisive fit must be at least as good as the subtractive one.
        for seed in [7, 8, 9] as [UInt64] {
            let z = traces(3, 300, seed: seed)
            var rng = SeededRandom(seed: seed + 100)
            let y = (0..<300).map { t in
                max(0, 3 + 5 * max(0, z[0][t] - 0.2) - 4 * max(0, -z[1][t]) + z[2][t] + 0.3 * rng.normal())
            }
            let groups = (0..<3).map { UnitGroup(channel: $0) }
            let plain = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: groups, labels: ["", "", ""], settings: .init())
            let divisive = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: groups, labels: ["", "", ""], settings: division)
            XCTAssertGreaterThanOrEqual(divisive.fit.r2, plain.fit.r2 - 1e-12, "seed \(seed)")
            XCTAssertEqual(divisive.units.count, 3)
            XCTAssertTrue(divisive.units.allSatisfy { $0.divisiveGain >= 0 })
        }
    }

    func testObjectiveGradientMatchesFiniteDifferences() {
        let z = traces(3, 200, seed: 11)
        let members: [[[Double]]] = [[z[0]], [z[1], z[2]], [z[2]]]
        let y = (0..<200).map { t in 4 + 3 * z[0][t] - z[1][t] }
        let scale = (0..<200).map { 0.5 + Double($0 % 7) / 7 }
        let q = ReducedModelFit.Parameters(offset: 3, weights: [2.5, -1.2, 0.7], thresholds: [0.1, -0.3, 0.2],
                                           gains: [0.4, 0.8, 0], signs: [1, -1, 1])
        func pack(_ q: ReducedModelFit.Parameters) -> [Double] { [q.offset] + q.weights + q.thresholds + q.gains }
        func unpack(_ v: [Double]) -> ReducedModelFit.Parameters {
            .init(offset: v[0], weights: Array(v[1...3]), thresholds: Array(v[4...6]), gains: Array(v[7...9]), signs: q.signs)
        }
        func sse(_ v: [Double]) -> Double {
            ReducedModelFit.objective(unpack(v), z: members, y: y, outputRectified: true, withGains: true, scale: scale,
                                      jacobian: false).sse
        }
        let analytic = ReducedModelFit.objective(q, z: members, y: y, outputRectified: true, withGains: true, scale: scale,
                                                 jacobian: true)
        XCTAssertGreaterThan(analytic.sse, 0)
        let v = pack(q), h = 1e-6
        for i in v.indices {
            var up = v, down = v
            up[i] += h; down[i] -= h
            let numeric = (sse(up) - sse(down)) / (2 * h)
            // ∇ sse = −2 Jᵀres; kinks of the rectifiers are crossed by a few samples at most.
            XCTAssertEqual(-2 * analytic.jtr[i], numeric, accuracy: 1e-4 * max(1, abs(numeric)), "parameter \(i)")
        }
    }

    func testNegativeDivisiveGainCandidatesAreRefused() {
        var s = ReductionSettings(); s.divisiveGains = [0, -1]
        XCTAssertThrowsError(try s.validate()) { error in
            XCTAssertTrue("\(error)".contains("divisiveGains"), "\(error)")
        }
        s.divisiveGains = []
        XCTAssertThrowsError(try s.validate())
        s.divisiveGains = [0, 1]
        XCTAssertNoThrow(try s.validate())
        XCTAssertTrue(s.allowsDivision)
        s.divisiveGains = [0]
        XCTAssertFalse(s.allowsDivision)
    }
}
