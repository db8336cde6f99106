import XCTest
import Foundation
import RetinaCore
import RetinaSimulation
import Phenomena
import TestSupport
@testable import Mechanisms

final class ExplainedRowsTests: XCTestCase {
    func testRowsAreTheResponseWindowWidenedAndClamped() {
        let rows = ExplainedRows.responseWindow(marginMs: 100)
        XCTAssertEqual(rows.rows(responseWindow: 30..<50, rowCount: 100), 20..<60)
        XCTAssertEqual(rows.rows(responseWindow: 5..<95, rowCount: 100), 0..<100)
        XCTAssertEqual(ExplainedRows.responseWindow(marginMs: 15).rows(responseWindow: 30..<50, rowCount: 100), 28..<52, "rounded up to frames")
        XCTAssertEqual(rows.rows(responseWindow: nil, rowCount: 40), 0..<40, "no response window: every row")
        XCTAssertEqual(ExplainedRows.all.rows(responseWindow: 30..<50, rowCount: 100), 0..<100)
    }

    /// Explaining only around the response changes nothing but the coverage: the same ranking,
    /// reduced model, responses and metric as explaining every row, and identical attributions on the
    /// explained rows.
    func testExplainingTheResponseWindowKeepsTheScience() throws {
        let net = PlantedBarCircuit.network()
        let parameters = TinyBarProtocols.reversal(speeds: [0.3])
        var settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 30, quadrature: .trapezoid))
        let window = try MotionReversal.analyse(model: net, parameters: parameters, settings: settings, rfCentreX: 6)
        settings.explainedRows = .all
        let all = try MotionReversal.analyse(model: net, parameters: parameters, settings: settings, rfCentreX: 6)
        XCTAssertEqual(window.reduction.unitRanking, all.reduction.unitRanking)
        XCTAssertEqual(window.reduction.kept, all.reduction.kept)
        XCTAssertEqual(window.reduction.model, all.reduction.model)
        XCTAssertEqual(window.fullMetric, all.fullMetric)
        XCTAssertEqual(window.reducedMetric, all.reducedMetric)
        XCTAssertLessThan(window.completeness.windows, all.completeness.windows)
        XCTAssertEqual(window.conditions.count, 6)
        XCTAssertEqual(all.conditions.count, window.conditions.count)
        for (w, a) in zip(window.conditions, all.conditions) {
            XCTAssertEqual(w.fullHz, a.fullHz)
            XCTAssertEqual(w.reducedHz, a.reducedHz)
            XCTAssertEqual(w.eventFrame, a.eventFrame)
            guard let rows = w.explainedRows, let pw = w.attribution, let pa = a.attribution else {
                XCTAssertNil(a.attribution); continue
            }
            XCTAssertEqual(a.explainedRows, 0..<a.fullHz.count)
            XCTAssertEqual(pw.windows, rows.count)
            let stride = pw.channels * pw.columns
            XCTAssertEqual(pw.attributions, Array(pa.attributions[(rows.lowerBound * stride)..<(rows.upperBound * stride)]))
            XCTAssertEqual(w.gapsHz!, Array(a.gapsHz![rows]))
        }
        let comparison = try XCTUnwrap(window.reduction.conditions.first { $0.attributionRows != nil })
        XCTAssertEqual(comparison.keptAttributionHz?.count, comparison.attributionRows?.count)
    }

    /// Settings written before `explainedRows` existed describe results explained on every row.
    func testOlderSettingsDecodeAsExplainingEveryRow() throws {
        let settings = MechanismAnalysisSettings(cells: [1])
        XCTAssertEqual(settings.explainedRows, .responseWindow(marginMs: 0))
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)) as? [String: Any])
        XCTAssertNotNil(object.removeValue(forKey: "explainedRows"))
        let old = try JSONDecoder().decode(MechanismAnalysisSettings.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(old.explainedRows, .all)
        XCTAssertEqual(old.cells, [1])
        XCTAssertEqual(try JSONDecoder().decode(MechanismAnalysisSettings.self, from: JSONEncoder().encode(settings)), settings)
    }
}
