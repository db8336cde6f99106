import XCTest
import RetinaCNN
import TestSupport
@testable import Mechanisms

/// Issue #10, item 3: α-steps go to the network in batches of at most
/// `IntegratedGradientsSettings.defaultBatchLimit` (captum's `internal_batch_size`), with results
/// identical to one batch per window, and absurd step counts are refused before any allocation.
final class IntegratedGradientsBatchLimitTests: XCTestCase {
    func testDefaultBatchingGivesIdenticalResultsOnTheBNCNN() throws {
        let net = try SmallBNCNN.make()
        let movie = ToyNetwork.randomMovie(frames: 12, geometry: net.conv1Geometry, seed: 8, sd: 1)
        let target = AttributionTarget.meanOfCells([0, 1, 2])
        // Below the limit: one call per window, exactly as before the limit existed.
        let steps = 300
        let bounded = try IntegratedGradients(model: net, settings: .init(steps: steps, quadrature: .trapezoid, target: target))
            .attributeToLayer1(movie)
        let whole = try IntegratedGradients(model: net, settings: .init(steps: steps, quadrature: .trapezoid, target: target,
                                                                         maxBatch: steps + 1)).attributeToLayer1(movie)
        XCTAssertEqual(bounded.attributions, whole.attributions)
        XCTAssertEqual(bounded.gaps, whole.gaps)
        // Smaller batches: the same sums within Float rounding of the GEMM.
        let small = try IntegratedGradients(model: net, settings: .init(steps: steps, quadrature: .trapezoid, target: target,
                                                                         maxBatch: 64)).attributeToLayer1(movie)
        let scale = Double(whole.attributions.map(abs).max()!)
        XCTAssertEqual(small.attributions.count, whole.attributions.count)
        for (a, b) in zip(small.attributions, whole.attributions) { XCTAssertEqual(Double(a), Double(b), accuracy: 1e-5 * scale) }
    }

    func testStepsAboveTheMaximumAreRefusedBeforeBuildingTheRule() {
        let settings = IntegratedGradientsSettings(steps: 1_000_000_000)
        XCTAssertThrowsError(try settings.validate()) { error in
            XCTAssertEqual(error as? MechanismsError,
                           .invalidSetting(name: "steps", expected: "≤ \(IntegratedGradientsSettings.maximumSteps)", found: "1000000000"))
        }
    }
}
