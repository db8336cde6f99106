import Foundation
import Phenomena
import XCTest
@testable import Mechanisms
@testable import Report
@testable import ReportKit

/// The "Testable predictions" section reads the predictions it is given: one row per pathway type,
/// one column per phenomenon, bold where a pathway removes a phenomenon, the retina's score.
final class ReportAssemblerPredictionsTests: XCTestCase {
    private func prediction(_ p: Phenomenon, _ type: String, full: Double, silenced: Double, retained: Double?,
                            outcome: TestablePrediction.Outcome, retina: TestablePrediction.Outcome?, confirms: Bool?) -> TestablePrediction {
        TestablePrediction(phenomenon: p, pathwayType: type, channels: [1, 4], strengthName: "strength of \(p.rawValue)", strengthUnit: "",
                           fullStrength: full, silencedStrength: silenced, fullCriteriaPassed: 2, silencedCriteriaPassed: 0,
                           criteriaCount: 3, retained: retained, outcome: outcome,
                           retina: retina.map { .init(ablations: ["noOnSlow"], strength: nil, retained: nil, criteriaPassed: 1,
                                                      outcome: $0, confirms: confirms) })
    }

    func testSectionTableAndRetinaScore() throws {
        let a = try AssemblyFixtures.analyses.get()
        var inputs = AssemblyFixtures.inputs(a.outcomes, card: try AssemblyFixtures.card())
        XCTAssertNil(ReportAssembler.predictionsSection(inputs), "no predictions, no section")
        inputs.predictions = [
            prediction(.osr, "ON slow", full: 3.8, silenced: 1.4, retained: 0.15, outcome: .removes, retina: .removes, confirms: true),
            prediction(.osr, "OFF fast", full: 3.8, silenced: 4.7, retained: 1.33, outcome: .keeps, retina: .removes, confirms: false),
            prediction(.latency, "ON slow", full: 20, silenced: 21, retained: 1.05, outcome: .keeps, retina: .keeps, confirms: true),
            prediction(.latency, "OFF fast", full: 20, silenced: 2, retained: nil, outcome: .untestable, retina: nil, confirms: nil),
        ]
        inputs.predictionFiles = ["data/predictions.csv", "data/predictions.json"]
        let doc = ReportAssembler.document(for: inputs)
        XCTAssertEqual(doc.sections.map(\.id), ["summary", "osr", "latency", "reversal", "anticipation", "predictions", "model-card", "methods"])
        let t = try table(doc, "predictions-table")
        XCTAssertEqual(t.header.map(\.plainText), ["Silenced pathway", "Omitted stimulus response", "Latency coding"])
        XCTAssertEqual(t.rows.map { $0.map(\.plainText) }, [
            ["ON slow", "removes (3.80 → 1.40); retina ✓", "keeps (20.0 → 21.0); retina ✓"],
            ["OFF fast", "keeps (3.80 → 4.70); retina ✗", "untestable (20.0 → 2.00)"],
        ])
        XCTAssertEqual(t.rows[0][1].runs, [.strong("removes (3.80 → 1.40); retina ✓")], "a removing prediction is bold")
        let text = try section(doc, "predictions").blocks.compactMap { b -> String? in
            if case let .paragraph(p) = b { return p.plainText }
            if case let .list(items) = b { return items.map(\.plainText).joined(separator: "\n") }
            return nil
        }.joined(separator: "\n")
        XCTAssertTrue(text.contains("confirm 2 of the 3 predictions that both sides can test"), text)
        XCTAssertTrue(text.contains("they refute OFF fast on the omitted stimulus response (CNN keeps, retina removes)"), text)
        XCTAssertTrue(text.contains("1 of 4 cannot be scored"), text)
        XCTAssertTrue(text.contains("L-AP4"), "ON slow has the textbook ON block as a suggestion: \(text)")
        XCTAssertTrue(text.contains("Silencing the ON slow pathway (2 channels) removes the omitted stimulus response"), text)
    }
}
