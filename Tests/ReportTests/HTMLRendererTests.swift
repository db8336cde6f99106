import XCTest
@testable import Report
@testable import ReportKit

final class HTMLRendererTests: XCTestCase {
    /// The golden uses a placeholder stylesheet so it pins structure, not CSS tweaks.
    func testGolden() throws {
        let folder = try makeTemporaryDirectory(self)
        try SampleReport.writeFigures(into: folder)
        let rendered = HTMLRenderer(assetRoot: folder, stylesheet: "/* stylesheet */\n").render(SampleReport.document())
        XCTAssertEqual(rendered.warnings, [])
        assertGolden(rendered.html, named: "sample-report.html")
    }

    func testEscapesTextAttributesAndTitles() throws {
        let evil = "<script>alert(\"x\")</script> & 'q'"
        let doc = ReportDocument(
            title: evil,
            metadata: [.init("<k>", RichText(evil))],
            sections: [ReportSection(RichText(evil), id: "s", blocks: [
                .paragraph(RichText(evil) + .code(evil) + .emphasis(evil)),
                .figure(ReportFigure(id: "f", caption: RichText(evil), altText: evil, files: .init(png: "f.png"))),
                .table(ReportTable(header: [RichText(evil)], rows: [[RichText(evil)]], caption: RichText(evil))),
                .preformatted(evil),
                .callout(ReportCallout(kind: .error, title: RichText(evil), detail: evil)),
            ])],
            colophon: .init(runID: "r", toolName: evil, toolVersion: "1"))
        let folder = try makeTemporaryDirectory(self)
        try TinyPNG.plot(width: 4, height: 4).write(to: folder.appendingPathComponent("f.png"))
        let html = HTMLRenderer(assetRoot: folder).render(doc).html
        XCTAssertFalse(html.contains("<script"), "unescaped script tag")
        XCTAssertFalse(html.contains("\"x\""), "unescaped double quotes")
        XCTAssertFalse(html.contains("'q'"), "unescaped single quotes")
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"
        XCTAssertTrue(html.contains("<title>" + escaped + "</title>"))
        XCTAssertTrue(html.contains("alt=\"" + escaped + "\""))
        XCTAssertTrue(html.contains("<code>" + escaped + "</code>"))
        XCTAssertTrue(html.contains("<dt>&lt;k&gt;</dt>"))
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: escaped).count - 1, 12)
    }

    func testHTMLEscapingTable() {
        XCTAssertEqual(HTMLEscaping.escape("a<b>&\"'µ"), "a&lt;b&gt;&amp;&quot;&#39;µ")
        XCTAssertEqual(HTMLEscaping.escape("&amp;"), "&amp;amp;")
    }

    /// No figure is referenced by path: each is a data URI whose bytes equal the file.
    func testEveryFigureIsEmbedded() throws {
        let folder = try makeTemporaryDirectory(self)
        try SampleReport.writeFigures(into: folder)
        let html = HTMLRenderer(assetRoot: folder).render(SampleReport.document()).html
        XCTAssertFalse(html.contains("src=\"figures/"))
        XCTAssertEqual(html.components(separatedBy: "<img ").count - 1, 2)
        let uris = html.components(separatedBy: "src=\"data:image/png;base64,").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(uris.count, 2)
        let png = try Data(contentsOf: folder.appendingPathComponent("figures/fig01-osr-traces.png"))
        XCTAssertEqual(Data(base64Encoded: uris[0]), png)
        XCTAssertTrue(html.contains("<a href=\"figures/fig01-osr-traces.svg\">SVG</a>"))
        XCTAssertTrue(html.contains("<a href=\"figures/fig02-osr-attribution.pdf\">PDF</a>"))
        XCTAssertTrue(html.contains("style=\"--print-width:120.0mm; width:calc(var(--print-width) * 1.5)\""))
    }

    /// Tables of nine or more columns get the narrow-padding class (so Table 1 and the causal tables
    /// fit at 1280 px); narrower tables keep the normal padding; the stylesheet defines the class.
    func testWideTablesGetNarrowerPadding() throws {
        func table(_ n: Int) -> ReportBlock {
            .table(ReportTable(id: "t\(n)", header: (0..<n).map { RichText("h\($0)") }, rows: [(0..<n).map { RichText("\($0)") }]))
        }
        let doc = ReportDocument(title: "t", sections: [ReportSection("S", blocks: [table(8), table(9)])])
        let html = HTMLRenderer(assetRoot: try makeTemporaryDirectory(self)).render(doc).html
        XCTAssertTrue(html.contains("<table class=\"data\" id=\"tbl-t8\">"), html)
        XCTAssertTrue(html.contains("<table class=\"data wide\" id=\"tbl-t9\">"), html)
        XCTAssertTrue(html.contains("table.wide th, table.wide td { padding:"))
    }

    func testSVGIsEmbeddedWhenThereIsNoPNG() throws {
        let folder = try makeTemporaryDirectory(self)
        try SampleReport.writeFigures(into: folder)
        let doc = ReportDocument(title: "t", sections: [ReportSection("S", blocks: [
            .figure(ReportFigure(id: "f", caption: "c", files: .init(svg: "figures/fig01-osr-traces.svg"))),
        ])])
        let html = HTMLRenderer(assetRoot: folder).render(doc).html
        XCTAssertTrue(html.contains("src=\"data:image/svg+xml;base64,"))
    }

    func testMissingFigureIsAVisiblePlaceholderAndAWarning() throws {
        let folder = try makeTemporaryDirectory(self)
        let rendered = HTMLRenderer(assetRoot: folder).render(SampleReport.document())
        XCTAssertEqual(rendered.warnings.count, 2)
        XCTAssertTrue(rendered.warnings[0].contains("figures/fig01-osr-traces.png"), rendered.warnings[0])
        XCTAssertEqual(rendered.html.components(separatedBy: "class=\"figure-missing\"").count - 1, 2)
        XCTAssertFalse(rendered.html.contains(">SVG</a>"), "links to files that do not exist")
        XCTAssertTrue(rendered.html.contains("<span class=\"label\">Figure 2.</span>"))
    }

    func testEveryInternalLinkHasATarget() throws {
        let folder = try makeTemporaryDirectory(self)
        let html = HTMLRenderer(assetRoot: folder).render(SampleReport.document()).html
        let hrefs = matches(##"href="#([^"]+)""##, in: html)
        let ids = Set(matches(#" id="([^"]+)""#, in: html))
        XCTAssertGreaterThanOrEqual(hrefs.count, 15)
        for href in hrefs { XCTAssertTrue(ids.contains(href), "no element with id \(href)") }
        XCTAssertEqual(ids.count, matches(#" id="([^"]+)""#, in: html).count, "duplicate ids")
        XCTAssertTrue(html.contains("<nav class=\"toc\""))
        XCTAssertTrue(html.contains("<a href=\"#sec-osr-stimulus\"><span class=\"secno\">2.1</span> Stimulus and parameters</a>"))
    }

    func testPageIsSelfContained() throws {
        let folder = try makeTemporaryDirectory(self)
        try SampleReport.writeFigures(into: folder)
        let html = HTMLRenderer(assetRoot: folder).render(SampleReport.document()).html
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        XCTAssertTrue(html.contains(ReportStyle.css))
        for forbidden in ["<script", "<link", "@import", "url(", "<iframe", "src=\"http", "src=\"//"] {
            XCTAssertFalse(html.contains(forbidden), "found \(forbidden)")
        }
        // The only absolute URLs are ordinary hyperlinks from the document itself.
        XCTAssertEqual(matches(#"href="(https?:[^"]+)""#, in: html), ["https://doi.org/10.1038/nn1887"])
        XCTAssertTrue(html.contains("<footer class=\"colophon\">Run 20261129T101500Z-7ccbfff7 · retina-report 0.1.0 · commit 0123456789ab</footer>"))
    }

    func testUnsafeLinkSchemesAreDropped() throws {
        let doc = ReportDocument(title: "t", sections: [ReportSection("S", blocks: [
            .paragraph(.link("a", to: "javascript:alert(1)") + .link("b", to: "DATA:text/html,x")
                + .link("c", to: "mailto:x@y.org") + .link("d", to: "//evil.example/x")),
        ])])
        let html = HTMLRenderer(assetRoot: try makeTemporaryDirectory(self)).render(doc).html
        XCTAssertFalse(html.lowercased().contains("javascript"))
        XCTAssertFalse(html.contains("DATA:"))
        XCTAssertFalse(html.contains("evil.example"))
        XCTAssertTrue(html.contains("<a href=\"mailto:x@y.org\">c</a>"))
    }

    func testErrorSectionIsAnAlert() throws {
        let html = HTMLRenderer(assetRoot: try makeTemporaryDirectory(self)).render(SampleReport.document()).html
        XCTAssertTrue(html.contains("<section id=\"sec-reversal\" class=\"level1\">\n<h2><span class=\"secno\">3</span> Motion reversal"))
        XCTAssertTrue(html.contains("<div class=\"callout callout-error\" role=\"alert\">\n<p class=\"callout-title\">Analysis failed</p>"))
        XCTAssertTrue(html.contains("peakHz: 0.0"))
    }

    private func matches(_ pattern: String, in s: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range(at: 1), in: s)!]) }
    }
}
