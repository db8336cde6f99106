import Foundation
import Phenomena
import XCTest
@testable import Mechanisms
@testable import Report
@testable import ReportKit

/// The "One circuit for all phenomena" section and Table 1's column read the unified circuit they are
/// given: the answer in a sentence, one row per phenomenon, never "yes" where the full model does not
/// show the phenomenon, and the section between the phenomena and the model card.
final class ReportAssemblerUnifiedTests: XCTestCase {
    private func criteria(_ p: Phenomenon, _ passed: [Bool]) -> [CriterionResult] {
        passed.enumerated().map { i, ok in
            CriterionResult(phenomenon: p, name: "criterion \(i)", measured: ok ? 1 : -1, unit: "", minimum: 0, maximum: nil)
        }
    }

    private func result() -> UnifiedCircuitResult {
        let unit = ReducedModel.Unit(group: UnitGroup(channel: 0), label: "OFF fast", sign: 1, threshold: 0.1, weight: 2)
        let unit2 = ReducedModel.Unit(group: UnitGroup(channel: 1), label: "ON slow", sign: 1, threshold: 0.2, weight: 1)
        let model = ReducedModel(units: [unit, unit2], offsetHz: 1, outputRectified: true,
                                 fit: FitQuality(target: [1, 2, 3], prediction: [1, 2, 3]))
        let fit = FitQuality(target: [1, 2, 3], prediction: [1, 2, 2.5])
        // OSR: the full model meets 2 of 3 criteria, the circuit those 2. Latency: the full model meets
        // both, the circuit only 1, and no candidate matches it.
        let osr = UnifiedPhenomenonFit(phenomenon: .osr, fit: fit, criteria: criteria(.osr, [true, true, false]), fullMeets: 2,
                                       circuitMeetsOfThose: 2)
        let latency = UnifiedPhenomenonFit(phenomenon: .latency, fit: fit, criteria: criteria(.latency, [true, false]), fullMeets: 2,
                                           circuitMeetsOfThose: 1)
        let candidate = UnifiedCircuitCandidate(pathways: ["OFF fast", "ON slow"], model: model, weightedR2: 0.8, phenomena: [osr, latency])
        let single = UnifiedCircuitCandidate(pathways: ["OFF fast"], model: model, weightedR2: 0.5,
                                             phenomena: [UnifiedPhenomenonFit(phenomenon: .osr, fit: fit, criteria: criteria(.osr, [false, false, false]),
                                                                              fullMeets: 2, circuitMeetsOfThose: 0), latency])
        func summary(_ p: Phenomenon, full: [Bool], fit: UnifiedPhenomenonFit, smallest: [String]?) -> UnifiedPhenomenonSummary {
            UnifiedPhenomenonSummary(phenomenon: p, title: p.title, full: criteria(p, full), reduced: criteria(p, full), groundTruth: nil,
                                     reducedR2: 0.95, reducedTypes: ["OFF fast"], unified: fit, smallestReproducing: smallest)
        }
        let contributions = [
            UnifiedUnitContribution(pathway: "OFF fast", phenomenon: .osr, share: 0.3, criteriaWithout: [], matchesWithout: true),
            UnifiedUnitContribution(pathway: "ON slow", phenomenon: .osr, share: 0.7, criteriaWithout: [], matchesWithout: false),
            UnifiedUnitContribution(pathway: "OFF fast", phenomenon: .latency, share: 0.9, criteriaWithout: [], matchesWithout: false),
            UnifiedUnitContribution(pathway: "ON slow", phenomenon: .latency, share: 0.1, criteriaWithout: [], matchesWithout: false),
        ]
        return UnifiedCircuitResult(
            pathways: [UnifiedPathway(label: "OFF fast", channels: [0], temporalFilter: [0, -1]),
                       UnifiedPathway(label: "ON slow", channels: [1], temporalFilter: [1, 0])],
            columns: [], columnShare: 0.9, candidates: [single, candidate], chosen: 1,
            summaries: [summary(.osr, full: [true, true, false], fit: osr, smallest: ["OFF fast", "ON slow"]),
                        summary(.latency, full: [true, true], fit: latency, smallest: nil)],
            contributions: contributions, samples: 6)
    }

    func testSectionAnswersTheQuestionAndTable1NeverCallsAnAbsentPhenomenonMatched() throws {
        let a = try AssemblyFixtures.analyses.get()
        var inputs = AssemblyFixtures.inputs(a.outcomes, card: try AssemblyFixtures.card())
        XCTAssertNil(ReportAssembler.unifiedSection(inputs), "no unified circuit, no section")
        XCTAssertFalse(ReportAssembler.summaryTable(inputs).header.map(\.plainText).contains("One circuit"))
        inputs.unified = UnifiedCircuitReportInput(result: result(), dataFiles: ["data/unified-circuit.csv"])
        let doc = ReportAssembler.document(for: inputs)
        XCTAssertEqual(doc.sections.map(\.id), ["summary", "osr", "latency", "reversal", "anticipation", "unified-circuit", "model-card", "methods"])

        let text = try section(doc, "unified-circuit").blocks.compactMap { b -> String? in
            if case let .paragraph(p) = b { return p.plainText }
            return nil
        }.joined(separator: "\n")
        XCTAssertTrue(text.contains("One circuit of 2 pathway types (OFF fast, ON slow) meets every criterion the full model meets on 1 of "
                                    + "the 2 phenomena it shows at least in part (omitted stimulus response)"), text)
        XCTAssertTrue(text.contains("no set of pathway types matches the full model on latency coding"), text)
        XCTAssertTrue(text.contains("all 2 sets"), text)

        let t = try table(doc, "unified-table")
        XCTAssertEqual(t.rows.count, 2)
        XCTAssertEqual(t.rows[0][3].plainText, "2 of 3; matches")
        XCTAssertEqual(t.rows[1][3].plainText, "1 of 2; misses 1 the full model meets")
        let carried = try XCTUnwrap(t.header.map(\.plainText).firstIndex(of: "Carried by"))
        XCTAssertEqual(t.rows[0][carried].plainText, "ON slow (70 %) needed", "the unit whose silencing breaks the match")
        XCTAssertEqual(t.rows[1][carried].plainText, "OFF fast (90 %)", "no match: the largest share")
        let search = try table(doc, "unified-search-table")
        XCTAssertEqual(search.rows.map { $0[0].plainText }, ["OFF fast", "OFF fast + ON slow"])
        XCTAssertEqual(search.rows[1][0].runs, [.strong("OFF fast + ON slow")], "the chosen candidate is bold")

        // Table 1: OSR is only partly shown by the full model, so it is never "yes" there.
        let summary = try table(doc, ReportAssembler.summaryTableID)
        let column = try XCTUnwrap(summary.header.map(\.plainText).firstIndex(of: "One circuit"))
        let osrRow = try XCTUnwrap(summary.rows.first { $0[0].plainText == "Omitted stimulus response" })
        let latencyRow = try XCTUnwrap(summary.rows.first { $0[0].plainText == "Latency coding" })
        XCTAssertEqual(osrRow[column].plainText, "— (2 of 2)")
        XCTAssertEqual(latencyRow[column].plainText, "partly (1 of 2)")
        XCTAssertEqual(summary.rows.first { $0[0].plainText == "Motion reversal" }?[column].plainText, "—", "not in the fit")
    }
}
