import Foundation
import Mechanisms
import Phenomena
import XCTest
@testable import Report
@testable import ReportKit

/// The assembled report rendered: golden Markdown of a small fixed document, and the self-contained HTML.
final class ReportAssemblerRenderingTests: XCTestCase {
    private func analyses() throws -> AssemblyFixtures.Analyses { try AssemblyFixtures.analyses.get() }

    /// Golden Markdown of a small fixed report: the OSR analysis with every shown number fixed
    /// (``AssemblyFixtures/fixedOSR(_:)``), a failed latency analysis, a model card and warnings.
    func testGoldenMarkdown() throws {
        let a = try analyses()
        let outcomes: [PhenomenonReportInput] = [
            PhenomenonReportInput(AssemblyFixtures.fixedOSR(a.osr)),
            AssemblyFixtures.failed(.latency, step: "analysis/latency", message: "latency analysis: no peak at contrast 0.2"),
        ]
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs(
            outcomes, card: try AssemblyFixtures.card(), warnings: ["IG steps below 50: completeness gaps may be large."]))
        XCTAssertNoThrow(try doc.validate())
        assertGolden(MarkdownRenderer().render(doc), named: "assembled-report.md")
    }

    /// The HTML page embeds every figure. Set `ASSEMBLY_REPORT_OUTPUT=/some/dir` to keep `report.html`
    /// (with screenshot-sized figures) there for a look in a browser.
    func testHTMLEmbedsEveryFigure() throws {
        let keep = ProcessInfo.processInfo.environment["ASSEMBLY_REPORT_OUTPUT"]
        let folder = try keep.map { URL(fileURLWithPath: $0) } ?? makeTemporaryDirectory(self)
        let a = try analyses()
        let inputs = AssemblyFixtures.inputs(a.outcomes, card: try AssemblyFixtures.card(),
                                             warnings: ["The model file has no cell centres; RF centres were estimated."])
        try AssemblyFixtures.writeFigures(of: inputs, into: folder, width: keep == nil ? 24 : 900, height: keep == nil ? 12 : 360)
        let doc = ReportAssembler.document(for: inputs)
        let rendered = HTMLRenderer(assetRoot: folder).render(doc)
        XCTAssertEqual(rendered.warnings, [])
        XCTAssertEqual(rendered.html.components(separatedBy: "data:image/png;base64,").count - 1, 9)
        if keep != nil {
            try Data(rendered.html.utf8).write(to: folder.appendingPathComponent("report.html"))
            try Data(MarkdownRenderer().render(doc).utf8).write(to: folder.appendingPathComponent("report.md"))
            // A second page for looking at the failure and no-card layouts.
            let failed = AssemblyFixtures.inputs(
                [PhenomenonReportInput(a.osr), AssemblyFixtures.failed(.reversal, step: "analysis/reversal", message: "no burst at any speed")],
                card: nil, groundTruthCompared: false)
            let page = HTMLRenderer(assetRoot: folder).render(ReportAssembler.document(for: failed))
            try Data(page.html.utf8).write(to: folder.appendingPathComponent("report-failed.html"))
            print("assembled report: \(folder.path)/report.html")
        }
    }
}
