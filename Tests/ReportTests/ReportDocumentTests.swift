import XCTest
@testable import Report
@testable import ReportKit

final class ReportDocumentTests: XCTestCase {
    func testSampleIsValid() throws {
        XCTAssertNoThrow(try SampleReport.document().validate())
    }

    func testIndexNumbersSectionsFiguresAndCaptionedTablesInDocumentOrder() {
        let index = SampleReport.document().index()
        XCTAssertEqual(index.sections.map(\.number), ["1", "2", "2.1", "2.2", "2.3", "3", "4", "5"])
        XCTAssertEqual(index.sections.map(\.id),
                       ["summary", "osr", "osr-stimulus", "osr-responses", "osr-mechanism", "reversal", "model-card", "methods"])
        XCTAssertEqual(index.sections.map(\.depth), [1, 1, 2, 2, 2, 1, 1, 1])
        XCTAssertEqual(index.figureNumbers, ["osr-traces": 1, "osr-attribution": 2])
        XCTAssertEqual(index.tableNumbers, ["summary": 1, "osr-parameters": 2])
        XCTAssertEqual(index.headingIDs, ["osr-statement"])
        XCTAssertEqual(index.figureCount, 2)
        XCTAssertEqual(index.tableCount, 2)
    }

    func testUncaptionedTablesAreNotNumbered() {
        let doc = ReportDocument(title: "t", sections: [ReportSection("A", blocks: [
            .table(ReportTable(id: "plain", header: ["x"], rows: [["1"]])),
            .table(ReportTable(id: "captioned", header: ["x"], rows: [["1"]], caption: "c")),
        ])])
        XCTAssertEqual(doc.index().tableNumbers, ["captioned": 1])
    }

    func testValidationListsEveryProblem() {
        let doc = ReportDocument(title: "t", sections: [
            ReportSection("A", id: "a", blocks: [
                .figure(ReportFigure(id: "f", caption: "c", files: .init(png: "../escape.png"))),
                .figure(ReportFigure(id: "f", caption: "c", files: .init())),
                .table(ReportTable(header: ["x", "y"], rows: [["1"]], alignments: [.left])),
                .paragraph("see " + .figure("nope") + " and " + .section("missing")),
            ]),
            ReportSection("B", id: "a b"),
            ReportSection("C", id: "a"),
        ])
        XCTAssertThrowsError(try doc.validate()) { error in
            guard let e = error as? ReportDocumentError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.exitCode, 70)
            let all = e.problems.joined(separator: "\n")
            XCTAssertTrue(all.contains("path \"../escape.png\""), all)
            XCTAssertTrue(all.contains("duplicate figure id \"f\""), all)
            XCTAssertTrue(all.contains("figure \"f\" has no files"), all)
            XCTAssertTrue(all.contains("1 alignments for 2 columns"), all)
            XCTAssertTrue(all.contains("row 1 has 1 cells, expected 2"), all)
            XCTAssertTrue(all.contains("unknown figure \"nope\""), all)
            XCTAssertTrue(all.contains("unknown section \"missing\""), all)
            XCTAssertTrue(all.contains("section id \"a b\" must use only"), all)
            XCTAssertTrue(all.contains("duplicate section id \"a\""), all)
            XCTAssertEqual(e.problems.count, 9, all)
        }
    }

    func testSlug() {
        XCTAssertEqual(Slug.make("Omitted-stimulus response (OSR)"), "omitted-stimulus-response-osr")
        XCTAssertEqual(Slug.make("  Motion  anticipation!  "), "motion-anticipation")
        XCTAssertEqual(Slug.make("µ→"), "section")
        XCTAssertEqual(ReportSection("Model card").id, "model-card")
        XCTAssertTrue(Slug.isValidID("fig_01.a-b"))
        XCTAssertFalse(Slug.isValidID("a b"))
        XCTAssertFalse(Slug.isValidID(""))
    }

    func testRichTextPlainTextAndConcatenation() {
        let t: RichText = "a " + .code("b") + .emphasis(" c") + .link("d", to: "#x")
        XCTAssertEqual(t.plainText, "a b cd")
        XCTAssertEqual(t.runs.count, 4)
        XCTAssertTrue(RichText("").isEmpty)
        XCTAssertFalse(RichText.figure("x").isEmpty)
    }

    func testFailureSectionIsAnErrorCallout() {
        let s = ReportSection.failure("Motion reversal", id: "reversal", step: "analysis/reversal",
                                      message: "boom", detail: "trace")
        XCTAssertEqual(s.id, "reversal")
        guard case .callout(let c) = s.blocks.first else { return XCTFail("no callout") }
        XCTAssertEqual(c.kind, .error)
        XCTAssertEqual(c.detail, "trace")
        XCTAssertTrue(c.paragraphs.map(\.plainText).joined().contains("analysis/reversal"))
        XCTAssertTrue(c.paragraphs.map(\.plainText).contains("boom"))
    }

    func testDocumentRoundTripsThroughJSON() throws {
        let doc = SampleReport.document()
        let data = try JSONEncoder().encode(doc)
        XCTAssertEqual(try JSONDecoder().decode(ReportDocument.self, from: data), doc)
    }
}
