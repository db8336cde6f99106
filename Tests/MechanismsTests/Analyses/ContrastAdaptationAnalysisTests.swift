import XCTest
import RetinaCore
import Phenomena
@testable import Mechanisms

final class ContrastAdaptationAnalysisTests: XCTestCase {
    /// The adaptation analysis explains only the chosen cycles, only around the switch to high
    /// contrast, and every cycle joins the fit; with the toy as its own ground truth the rows align.
    func testAdaptationAnalysisExplainsTheChosenCyclesAroundTheSwitch() throws {
        let net = PlantedCircuit.network()
        let p = AdaptationProtocol(blockFrames: 150, cycles: 3, settleMs: 500, filterFrames: 20, gainBinMs: 50,
                                   explainedCycles: 1, explainWindowStartMs: -100, explainWindowEndMs: 300)
        var settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 30, quadrature: .trapezoid))
        settings.explainedRows = .responseWindow(marginMs: 0)
        let result = try ContrastAdaptation.analyse(model: net, parameters: p, settings: settings,
                                                    groundTruth: ToyResponseModel(net: net))
        XCTAssertEqual(result.conditions.map(\.explained), [true, false, false])
        XCTAssertEqual(result.conditions[0].explainedRows?.count, 41, "−100 … +300 ms, both ends included")
        XCTAssertEqual(result.reduction.conditions.count, 3)
        for c in result.conditions {
            let truth = try XCTUnwrap(c.groundTruthHz)
            XCTAssertEqual(truth.count, c.fullHz.count, c.label)
            XCTAssertFalse(truth.isEmpty, c.label)
            for (a, b) in zip(truth, c.fullHz) { XCTAssertEqual(a, b, accuracy: 1e-4, c.label) }
        }
        XCTAssertEqual(result.groundTruthMetric, result.fullMetric)
        XCTAssertEqual(result.metricRows.map(\.name).first, "gain at low / gain at high contrast")
        XCTAssertNotNil(result.fullMetric.gainRatio)
        XCTAssertEqual(result.parameters, p, "the result carries its protocol")
        XCTAssertTrue(result.statement.paragraph.hasPrefix("Contrast adaptation"))
    }
}
