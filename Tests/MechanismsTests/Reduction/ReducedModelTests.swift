import XCTest
import Foundation
import RetinaCore
@testable import Mechanisms

final class ReducedModelTests: XCTestCase {
    func testPredictFollowsTheFormula() {
        let model = ReducedModel(
            units: [.init(group: UnitGroup(channel: 0), label: "OFF fast", sign: 1, threshold: 0.2, weight: 10),
                    .init(group: UnitGroup(channel: 3, columns: [2, 3]), label: "", sign: -1, threshold: -0.1, weight: -4)],
            offsetHz: 1, outputRectified: true, fit: FitQuality(target: [], prediction: []))
        // Unit 1 is a two-column subunit group: h = [−(z_2 + 0.1)]_+ + [−(z_3 + 0.1)]_+.
        let out = model.predict(traces: [[[0.5, 0.0, 0.1]], [[0.0, -0.6, 0.3], [0, -0.2, -0.1]]])
        XCTAssertEqual(out[0], 1 + 10 * 0.3, accuracy: 1e-6)
        XCTAssertEqual(out[1], 0)                           // 1 − 4·(0.5 + 0.1) < 0 → rectified
        XCTAssertEqual(out[2], 1, accuracy: 1e-6)
        var linear = model; linear.outputRectified = false
        XCTAssertEqual(linear.predict(traces: [[[0.0]], [[-0.6], [-0.2]]])[0], Float(1 - 4 * 0.6), accuracy: 1e-6)
        // The pooled-response entry point reads the members from the layout.
        let hidden = PooledLayer1Response(symmetry: .verticalBars, windows: 1, channels: 4, columns: 4,
                                          values: [0.5, 0, 0, 0,  0, 0, 0, 0,  0, 0, 0, 0,  0, 0, -0.6, -0.2])
        XCTAssertEqual(linear.predict(hidden: hidden)[0], Float(1 + 10 * 0.3 - 4 * 0.6), accuracy: 1e-6)
    }

    /// Smooth random traces for the hidden inputs.
    private func traces(_ k: Int, _ n: Int, seed: UInt64) -> [[Double]] {
        var rng = SeededRandom(seed: seed)
        return (0..<k).map { _ in
            var x = 0.0
            var out: [Double] = []
            for _ in 0..<n {
                let step: Double = 0.3 * rng.normal()
                x = 0.9 * x + step
                out.append(x)
            }
            return out
        }
    }

    func testFitRecoversAPlantedRectifiedCircuit() throws {
        let z = traces(3, 600, seed: 1)
        let y = (0..<600).map { t -> Double in
            let excitation: Double = 8 * max(0, z[0][t] - 0.3), inhibition: Double = 6 * max(0, -0.1 - z[1][t])
            return max(0, 2 + excitation - inhibition)
        }
        let units = (0..<3).map { UnitGroup(channel: $0) }
        let model = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: units, labels: ["a", "b", "c"], settings: .init())
        XCTAssertGreaterThan(model.fit.r2, 0.999)
        XCTAssertEqual(model.units[0].sign, 1); XCTAssertEqual(model.units[0].threshold, 0.3, accuracy: 0.02)
        XCTAssertEqual(model.units[0].weight, 8, accuracy: 0.2)
        XCTAssertEqual(model.units[1].sign, -1); XCTAssertEqual(model.units[1].threshold, -0.1, accuracy: 0.02)
        XCTAssertEqual(model.units[1].weight, -6, accuracy: 0.2)
        XCTAssertEqual(model.units[2].weight, 0, accuracy: 0.2)
        XCTAssertEqual(model.offsetHz, 2, accuracy: 0.1)
        // The refinement never makes the grid solution worse.
        var gridOnly = ReductionSettings(); gridOnly.refinementIterations = 0
        let coarse = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: units, labels: ["a", "b", "c"], settings: gridOnly)
        XCTAssertGreaterThanOrEqual(model.fit.r2, coarse.fit.r2)
        XCTAssertGreaterThan(coarse.fit.r2, 0.95)
        // Deterministic.
        XCTAssertEqual(model, ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: units, labels: ["a", "b", "c"], settings: .init()))
    }

    func testNonNegativeWeights() throws {
        let z = traces(2, 400, seed: 2)
        let units = [UnitGroup(channel: 0), UnitGroup(channel: 1)]
        var settings = ReductionSettings(); settings.weights = .nonNegative
        // Excitation by increases of z0 and by decreases of z1 (σ = −1): representable with w ≥ 0.
        let y = (0..<400).map { t -> Double in
            let a: Double = 4 * max(0, z[0][t]), b: Double = 2 * max(0, -0.2 - z[1][t])
            return 5 + a + b
        }
        let model = ReducedModelFit.fit(hidden: z.map { [$0] }, target: y, groups: units, labels: ["", ""], settings: settings)
        XCTAssertTrue(model.units.allSatisfy { $0.weight >= 0 })
        XCTAssertGreaterThan(model.fit.r2, 0.999)
        XCTAssertEqual(model.units[1].sign, -1)
        // Inhibition needs a negative weight: the constrained fit stays non-negative and is worse.
        let inhibited = (0..<400).map { t -> Double in
            let a: Double = 4 * max(0, z[0][t]), b: Double = 3 * max(0, z[1][t])
            return max(0, 5 + a - b)
        }
        let constrained = ReducedModelFit.fit(hidden: z.map { [$0] }, target: inhibited, groups: units, labels: ["", ""], settings: settings)
        let signed = ReducedModelFit.fit(hidden: z.map { [$0] }, target: inhibited, groups: units, labels: ["", ""], settings: .init())
        XCTAssertEqual(constrained.units.count, 2)
        XCTAssertTrue(constrained.units.allSatisfy { $0.weight >= 0 })
        XCTAssertGreaterThan(signed.fit.r2, 0.999)
        XCTAssertLessThan(constrained.fit.r2, signed.fit.r2 - 0.05)
    }

    func testCodableRoundTrip() throws {
        let z = traces(1, 50, seed: 3)
        let model = ReducedModelFit.fit(hidden: z.map { [$0] }, target: z[0].map { max(0, $0) }, groups: [UnitGroup(channel: 0, columns: [4])],
                                        labels: ["ON slow"], settings: .init())
        let decoded = try JSONDecoder().decode(ReducedModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(decoded.units[0].group.description, "c0@x4")
        XCTAssertEqual(UnitGroup(channel: 2, columns: [3, 4, 5]).description, "c2@x3-5")
        XCTAssertEqual(UnitGroup(channel: 2, columns: [3, 4, 5]).screenCentre(kernel: 15), 11)
    }

    func testQuantilesAreNumpyLinear() {
        XCTAssertEqual(ReducedModelFit.quantile([1, 2, 3, 4], 0.5), 2.5)
        XCTAssertEqual(ReducedModelFit.quantile([1, 2, 3, 4], 0), 1)
        XCTAssertEqual(ReducedModelFit.quantile([1, 2, 3, 4], 0.9), 3.7, accuracy: 1e-12)
    }
}
