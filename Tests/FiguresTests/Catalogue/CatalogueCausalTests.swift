import Foundation
import Phenomena
import Plotting
import XCTest
@testable import Figures
@testable import Mechanisms

final class CatalogueCausalTests: XCTestCase {
    /// A latency causal test with hand-made readouts: full, one single, all kept (no measurable
    /// curve), all but kept.
    func testInterventionCurvesFigure() throws {
        func readout(_ shift: Double?, _ latencies: [Double?]) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .latency, metrics: [], strength: shift, nullStrength: 0, strengthName: "shift",
                              strengthUnit: "ms", curveX: "contrast", curveY: "peak latency (ms)",
                              curve: zip([0.1, 0.5, 1.0], latencies).map { CausalCurvePoint(x: $0, y: $1) }, traces: [], criteria: [])
        }
        let plan = try CausalIntervention.plan(kept: [UnitGroup(channel: 0)], all: [], layout: .init(channels: 2, height: 1, width: 1))
        let readouts = [readout(20, [110, 100, 90]), readout(2, [100, 99, 98]), readout(nil, [nil, nil, nil]), readout(18, [108, 99, 90])]
        let results = zip(plan, readouts).map { CausalInterventionResult(intervention: $0, readout: $1, retained: nil) }
        let test = CausalTests.assemble(phenomenon: .latency, cells: [0], kept: [UnitGroup(channel: 0)], settings: .init(),
                                        results: results)
        let figure = try CatalogueCausal.interventionCurves(test, id: "latency-causal")
        XCTAssertNoThrow(try FigureValidator.validate(figure))
        XCTAssertTrue(figure.caption.contains("Not measurable (no point): silence kept."), figure.caption)
        XCTAssertTrue(figure.caption.contains(test.verdict.text), figure.caption)
        // Panels by kind: (a) kept groups — full (points) + all-but-kept (line; all-kept has no point);
        // (b) single kept groups — full + the single. No pathway-type panel without pathway types.
        XCTAssertEqual(figure.panels.count, 2)
        guard case .axes(let kept) = figure.panels[0].content, case .axes(let singles) = figure.panels[1].content else {
            return XCTFail("expected axes")
        }
        XCTAssertEqual(kept.title, "kept groups")
        XCTAssertEqual(kept.elements.count, 2)
        XCTAssertEqual(singles.title, "single kept groups")
        XCTAssertEqual(singles.elements.count, 2)
        XCTAssertEqual(kept.x.label, "contrast")
        XCTAssertEqual(kept.y.unit, "ms")
    }
}
