import XCTest
@testable import Report
@testable import ReportKit

final class MarkdownRendererTests: XCTestCase {
    func testGolden() {
        assertGolden(MarkdownRenderer().render(SampleReport.document()), named: "sample-report.md")
    }

    func testEscapesMarkupAndHTML() {
        let doc = ReportDocument(title: "<script>alert(1)</script> & *x*", sections: [
            ReportSection("S", id: "s", blocks: [
                .paragraph("R&D <b>bold</b> &amp; a_b [c](d) `e` | f"),
                .paragraph("# not a heading"),
                .paragraph("12. not a list"),
                .paragraph("> not a quote, 3 > 2"),
            ]),
        ])
        let md = MarkdownRenderer().render(doc)
        XCTAssertTrue(md.hasPrefix("# &lt;script>alert(1)&lt;/script> & \\*x\\*\n"), md)
        XCTAssertTrue(md.contains("R&D &lt;b>bold&lt;/b> &amp;amp; a\\_b \\[c\\](d) \\`e\\` \\| f"), md)
        XCTAssertTrue(md.contains("\n\\# not a heading\n"), md)
        XCTAssertTrue(md.contains("\n12\\. not a list\n"), md)
        XCTAssertTrue(md.contains("\n\\> not a quote, 3 > 2\n"), md)
        XCTAssertFalse(md.contains("<script"))
        XCTAssertFalse(md.contains("<b>"))
    }

    func testCodeSpansAndBlocksOutgrowTheirBackticks() {
        XCTAssertEqual(MarkdownEscaping.codeSpan("a`b"), "``a`b``")
        XCTAssertEqual(MarkdownEscaping.codeSpan("`x`"), "`` `x` ``")
        XCTAssertEqual(MarkdownEscaping.codeBlock("```\nx", language: "sh"), "````sh\n```\nx\n````")
    }

    func testPipesInTableCodeCellsAreEscapedButNotInParagraphs() {
        let doc = ReportDocument(title: "t", sections: [ReportSection("S", blocks: [
            .table(ReportTable(header: ["a|b"], rows: [[.code("x|y")]])),
            .paragraph(.code("p|q")),
        ])])
        let md = MarkdownRenderer().render(doc)
        XCTAssertTrue(md.contains("| a\\|b |"), md)
        XCTAssertTrue(md.contains("| `x\\|y` |"), md)
        XCTAssertTrue(md.contains("\n`p|q`\n"), md)
    }

    func testUnsafeLinksBecomeText() {
        let doc = ReportDocument(title: "t", sections: [ReportSection("S", blocks: [
            .paragraph(.link("evil", to: "javascript:alert(1)") + " " + .link("ok", to: "data/osr summary.json")),
        ])])
        let md = MarkdownRenderer().render(doc)
        XCTAssertFalse(md.contains("javascript"))
        XCTAssertTrue(md.contains("evil [ok](data/osr%20summary.json)"), md)
    }

    /// Every relative link and image in report.md points at a file that exists in the run folder.
    func testLinksResolveToFilesInTheRunFolder() throws {
        let folder = try makeTemporaryDirectory(self)
        try SampleReport.writeFigures(into: folder)
        let md = MarkdownRenderer().render(SampleReport.document())
        let targets = linkTargets(in: md)
        let files = targets.filter { !$0.hasPrefix("#") && !$0.contains(":") }
        XCTAssertEqual(Set(files), ["figures/fig01-osr-traces.png", "figures/fig01-osr-traces.svg",
                                    "figures/fig02-osr-attribution.png", "figures/fig02-osr-attribution.pdf"])
        for path in files {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(RelativePath.urlDecoded(path)).path),
                          "link target \(path) missing")
        }
    }

    func testEveryAnchorLinkHasATarget() {
        let md = MarkdownRenderer().render(SampleReport.document())
        let anchors = linkTargets(in: md).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        XCTAssertGreaterThanOrEqual(anchors.count, 10)
        for anchor in anchors {
            XCTAssertTrue(md.contains("<a id=\"\(anchor)\"></a>"), "no anchor \(anchor)")
        }
        XCTAssertTrue(md.contains("[Figure 2](#fig-osr-attribution)"))
        XCTAssertTrue(md.contains("[Table 2](#tbl-osr-parameters)"))
        XCTAssertTrue(md.contains("[Section 3 (Motion reversal)](#sec-reversal)"))
    }

    func testTOCDepthAndUnnumberedSections() {
        let md = MarkdownRenderer(options: RenderOptions(tocDepth: 1, numberSections: false)).render(SampleReport.document())
        XCTAssertTrue(md.contains("- [Summary](#sec-summary)"))
        XCTAssertFalse(md.contains("](#sec-osr-stimulus)"))
        XCTAssertTrue(md.contains("### <a id=\"sec-osr-stimulus\"></a>Stimulus and parameters"))
        let none = MarkdownRenderer(options: RenderOptions(tocDepth: 0)).render(SampleReport.document())
        XCTAssertFalse(none.contains("## Contents"))
    }

    /// Targets of `[text](target)` and `![alt](target)`.
    private func linkTargets(in md: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        let range = NSRange(md.startIndex..., in: md)
        return regex.matches(in: md, range: range).map { String(md[Range($0.range(at: 1), in: md)!]) }
    }
}
