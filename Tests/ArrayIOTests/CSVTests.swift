import Foundation
import XCTest
@testable import ArrayIO

final class CSVTests: XCTestCase {
    func testGoldenStringWithQuotingAndFixedPrecision() {
        var table = CSVTable(columns: ["time_s", "cell", "rate_hz", "stimulus", "note, quoted"])
        table.append([.double(0.01, precision: 2), .int(0), .double(12.3456789), .string("flash"), .string("plain")])
        table.append([.double(-0.0001, precision: 3), .int(-7), .double(2.5, precision: 0), .string("say \"hi\", twice"), .string("line\nbreak")])
        table.append([.double(.nan), .int(Int.max), .double(.infinity, precision: 2), .double(-.infinity), .missing])
        table.append([.double(1e20, precision: 1), .int(1), .double(0.125, precision: 2), .string(""), .string("cr\rhere µm")])
        let expected = """
        time_s,cell,rate_hz,stimulus,"note, quoted"
        0.01,0,12.345679,flash,plain
        0.000,-7,2,"say ""hi"", twice","line
        break"
        NaN,9223372036854775807,Inf,-Inf,
        100000000000000000000.0,1,0.12,,"cr\rhere µm"

        """
        XCTAssertEqual(table.encoded(), expected)
        XCTAssertEqual(table.rows.count, 4)
    }

    /// A text cell a spreadsheet would run as a formula gets a leading `'` (issue #23: hypothesis
    /// names reached hypotheses.csv as `=HYPERLINK(…)`); numbers are never changed.
    func testFormulaLeadingTextIsPrefixedNumbersAreNot() {
        for (text, cell) in [("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
                             ("\tx", "'\tx"), ("=a,b", "\"'=a,b\""), ("a=b", "a=b"), ("", ""), ("ON slow", "ON slow")] {
            XCTAssertEqual(CSVValue.string(text).text, cell, text.debugDescription)
        }
        XCTAssertEqual(CSVValue.double(-1.5, precision: 1).text, "-1.5")
        XCTAssertEqual(CSVValue.int(-3).text, "-3")
    }

    func testPrecisionIsClampedAndLongNumbersFit() {
        XCTAssertEqual(CSVValue.double(1.5, precision: -3).text, "2")
        XCTAssertEqual(CSVValue.double(0.1, precision: 99).text, "0.10000000000000000555")
        XCTAssertEqual(CSVValue.double(-1e300, precision: 2).text.count, 305)
    }

    func testWriteIsUTF8AndAtomic() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("summary.csv")
        var table = CSVTable(columns: ["µ"])
        table.append([.string("ü")])
        try table.write(to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data("µ\nü\n".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["summary.csv"])
    }
}
