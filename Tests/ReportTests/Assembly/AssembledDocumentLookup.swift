import XCTest
@testable import Report
@testable import ReportKit

/// Finding sections, tables and heading anchors in an assembled document by id.
extension XCTestCase {
    func section(_ doc: ReportDocument, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> ReportSection {
        func find(_ s: [ReportSection]) -> ReportSection? {
            for x in s { if x.id == id { return x }; if let y = find(x.subsections) { return y } }
            return nil
        }
        return try XCTUnwrap(find(doc.sections), "no section \(id)", file: file, line: line)
    }

    func table(_ doc: ReportDocument, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> ReportTable {
        func find(_ s: [ReportSection]) -> ReportTable? {
            for x in s {
                for case let .table(t) in x.blocks where t.id == id { return t }
                for case let .parameters(p) in x.blocks where p.id == id { return p.table }
                if let t = find(x.subsections) { return t }
            }
            return nil
        }
        return try XCTUnwrap(find(doc.sections), "no table \(id)", file: file, line: line)
    }

    /// Ids of the anchored heading blocks of a section, in order.
    func headingIDs(_ s: ReportSection) -> [String] {
        s.blocks.compactMap { if case let .heading(_, id) = $0 { id } else { nil } }
    }
}
