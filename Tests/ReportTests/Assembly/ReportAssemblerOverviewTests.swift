import Figures
import Foundation
import Phenomena
import Plotting
import XCTest
@testable import Mechanisms
@testable import Report
@testable import ReportKit

/// The run overview figure in the report: its rows read from the phenomena's inputs in report order
/// (nothing recomputed), and the figure as Figure 1 at the top of the summary, before the
/// per-phenomenon sections.
final class ReportAssemblerOverviewTests: XCTestCase {
    private func analyses() throws -> AssemblyFixtures.Analyses { try AssemblyFixtures.analyses.get() }

    /// The fixed OSR result with the full model meeting 1 of its 3 criteria.
    private func partlyShownOSR() throws -> OSRAnalysisResult {
        var osr = AssemblyFixtures.fixedOSR(try analyses().osr)
        osr.fullMetric.slopeVsPeriod = 1.43
        osr.fullMetric.latencySpreadMs = 42
        return osr
    }

    private static let overview = ReportFigure(id: "overview", caption: "The run at a glance (rate in Hz against time in ms).",
                                               files: .standard(stem: "overview"), widthMillimetres: 183)

    /// Every text the figure draws in row `r` (titles and annotations), joined.
    private func text(_ spec: FigureSpec, row r: Int) -> String {
        spec.panels.filter { $0.cell.row == r }.flatMap { panel -> [String] in
            guard case let .axes(a) = panel.content else { return [] }
            return [a.title ?? ""] + a.elements.compactMap { if case let .text(t) = $0 { t.text } else { nil } }
        }.joined(separator: " | ")
    }

    func testRowsFollowTheReportOrderAndReadTheAnalyses() throws {
        let a = try analyses()
        let phenomena = [PhenomenonReportInput(a.anticipation), PhenomenonReportInput(try partlyShownOSR()),
                         AssemblyFixtures.failed(.latency, step: "analysis: latency", message: "no peak at contrast 0.2")]
        let rows = ReportAssembler.overviewRows(phenomena)
        XCTAssertEqual(rows.map(\.phenomenon), [.anticipation, .osr, .latency])
        XCTAssertEqual(rows.map(\.title), ["Motion anticipation", "Omitted stimulus response", "Latency coding"])
        XCTAssertEqual(rows[2].outcome, .failed(message: "no peak at contrast 0.2"))
        guard case let .analysed(osr) = rows[1].outcome, case let .analysed(anticipation) = rows[0].outcome else {
            return XCTFail("the completed analyses have analysed rows")
        }
        // The verdict counts are the summary table's.
        XCTAssertEqual(osr.verdict.criteriaMet, 1)
        XCTAssertEqual(osr.verdict.criteriaTotal, 3)
        XCTAssertEqual(osr.verdict.reproduction, .notShown)
        XCTAssertNil(osr.verdict.members, "a single model has no members")
        XCTAssertNil(osr.verdict.necessary, "no causal tests were run")
        // The trace is the phenomenon's own headline trace, the kept types its reduction's.
        XCTAssertEqual(osr.trace, try OmittedStimulusResponse.headlineTrace(for: try partlyShownOSR()))
        XCTAssertEqual(anticipation.trace, try MotionAnticipation.headlineTrace(for: a.anticipation))
        XCTAssertEqual(osr.kept.map(\.label), ["OFF fast", "ON slow", "ON fast"], "the fixed OSR keeps c0, c1, c2")
        XCTAssertEqual(anticipation.kept.map(\.groups).reduce(0, +), a.anticipation.reduction.kept.count)

        let spec = try FigureCatalogue.overview(rows)
        XCTAssertTrue(text(spec, row: 1).contains("— (full model does not show it)"), text(spec, row: 1))
        XCTAssertFalse(text(spec, row: 1).contains("reproduces it: <b>yes"), "never reproduced when the full model lacks it")
        XCTAssertTrue(text(spec, row: 2).contains("analysis failed"), text(spec, row: 2))
        XCTAssertTrue(text(spec, row: 2).contains("no peak at contrast 0.2"), text(spec, row: 2))
    }

    /// Members meeting every criterion and the causal words come from the ensemble readouts and the
    /// causal verdict.
    func testMembersAreCountedFromTheEnsembleReadouts() throws {
        func readout(passing: Bool) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .osr, metrics: [], strength: nil, nullStrength: 1, strengthName: "s", strengthUnit: "",
                              curveX: "x", curveY: "y", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .osr, name: "c", measured: passing ? 1 : 5, unit: "", minimum: 0, maximum: 2)])
        }
        var input = PhenomenonReportInput(try analyses().osr)
        input.robustness = RobustnessReportInput(memberNames: ["m1", "m2", "m3"],
                                                 members: [readout(passing: true), readout(passing: false), readout(passing: true)],
                                                 mean: readout(passing: true), reductions: [],
                                                 typeCounts: MemberTypeCounts(typeLabels: [], counts: []), plantedRecovered: nil,
                                                 plantedCount: nil, figure: nil, dataFiles: [])
        guard case let .analysed(row) = ReportAssembler.overviewRows([input])[0].outcome else { return XCTFail("analysed") }
        XCTAssertEqual(row.verdict.members, OverviewVerdict.Count(2, of: 3))
        XCTAssertEqual(row.verdict.membersText, "2 of 3")
    }

    func testTheOverviewIsFigure1AtTheTopOfTheSummaryBeforeThePhenomenonSections() throws {
        let a = try analyses()
        var inputs = AssemblyFixtures.inputs([PhenomenonReportInput(try partlyShownOSR()), PhenomenonReportInput(a.latency)],
                                             card: try AssemblyFixtures.card())
        inputs.overview = Self.overview
        let doc = ReportAssembler.document(for: inputs)
        XCTAssertNoThrow(try doc.validate())
        let numbers = doc.index().figureNumbers
        XCTAssertEqual(numbers["overview"], 1)
        XCTAssertEqual(numbers["osr-responses"], 2, "the phenomena's figures follow")

        // Summary: the outcome, the figure, what was done, the table.
        let summary = try section(doc, "summary")
        let kinds = summary.blocks.map { block -> String in
            switch block {
            case .paragraph: return "paragraph"
            case .figure(let f): return "figure \(f.id)"
            case .table(let t): return "table \(t.id ?? "")"
            default: return "other"
            }
        }
        XCTAssertEqual(kinds, ["paragraph", "figure overview", "paragraph", "table summary-phenomena"])

        let markdown = MarkdownRenderer().render(doc)
        let citation = try XCTUnwrap(markdown.range(of: "[Figure 1](#fig-overview) shows each phenomenon at a glance"))
        let caption = try XCTUnwrap(markdown.range(of: "<a id=\"fig-overview\"></a>**Figure 1.** The run at a glance"))
        let firstSection = try XCTUnwrap(markdown.range(of: "<a id=\"sec-osr\"></a>"))
        let table = try XCTUnwrap(markdown.range(of: "<a id=\"tbl-summary-phenomena\"></a>"))
        XCTAssertLessThan(citation.lowerBound, caption.lowerBound, "cited before it appears")
        XCTAssertLessThan(caption.lowerBound, table.lowerBound, "above the long table")
        XCTAssertLessThan(caption.lowerBound, firstSection.lowerBound, "before the per-phenomenon sections")
        XCTAssertTrue(markdown.contains("The numbers behind each row are in [Table 1](#tbl-summary-phenomena)"), "the caption points to the numbers")
        XCTAssertTrue(markdown.contains("![The run at a glance"), "alt text")

        // The self-contained HTML embeds it first, with no warning.
        let folder = try makeTemporaryDirectory(self)
        try AssemblyFixtures.writeFigures(of: inputs, into: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try TinyPNG.plot(width: 24, height: 12, phase: 9).write(to: folder.appendingPathComponent("figures/overview.png"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"12\"/>\n".utf8)
            .write(to: folder.appendingPathComponent("figures/overview.svg"))
        let rendered = HTMLRenderer(assetRoot: folder).render(doc)
        XCTAssertEqual(rendered.warnings, [])
        XCTAssertEqual(rendered.html.components(separatedBy: "data:image/png;base64,").count - 1, 6, "overview + 2 × 2 + model filters")
        let figure = try XCTUnwrap(rendered.html.range(of: "id=\"fig-overview\""))
        XCTAssertLessThan(figure.lowerBound, try XCTUnwrap(rendered.html.range(of: "id=\"sec-osr\"")).lowerBound)
    }

    func testWithoutAnOverviewTheSummaryStillCitesTheTableOnly() throws {
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(try analyses().osr)], card: nil))
        XCTAssertNil(doc.index().figureNumbers["overview"])
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertFalse(markdown.contains("at a glance"))
        XCTAssertTrue(markdown.contains("[Table 1](#tbl-summary-phenomena) gives the headline numbers."))
    }
}
