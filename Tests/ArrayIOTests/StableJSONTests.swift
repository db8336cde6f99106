import Foundation
import XCTest
@testable import ArrayIO

final class StableJSONTests: XCTestCase {
    private struct Summary: Codable, Equatable {
        var zeta: Double
        var alpha: [Double]
        var path: String
        var nested: [String: Int]
    }

    private let summary = Summary(zeta: 0.1, alpha: [.nan, .infinity, -.infinity, 1.5], path: "a/b", nested: ["y": 2, "x": 1])

    func testSortedPrettyUnescapedSlashesAndNonFiniteStrings() throws {
        let text = String(decoding: try StableJSON.encode(summary), as: UTF8.self)
        let compact = text.filter { !$0.isWhitespace }
        XCTAssertEqual(compact, #"{"alpha":["NaN","Infinity","-Infinity",1.5],"nested":{"x":1,"y":2},"path":"a/b","zeta":0.1}"#)
        XCTAssertTrue(text.contains("\n  \"alpha\""), text)
        XCTAssertEqual(try StableJSON.encode(summary), try StableJSON.encode(summary))
    }

    func testRoundTripThroughFile() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("summary.json")
        try StableJSON.write(summary, to: url)
        let data = try Data(contentsOf: url)
        XCTAssertEqual(data.last, UInt8(ascii: "\n"))
        let read = try StableJSON.read(Summary.self, contentsOf: url)
        XCTAssertTrue(read.alpha[0].isNaN)
        XCTAssertEqual(Array(read.alpha[1...]), [.infinity, -.infinity, 1.5])
        XCTAssertEqual(read.path, "a/b")
        XCTAssertEqual(read.nested, ["x": 1, "y": 2])
        XCTAssertEqual(read.zeta, 0.1)
    }

    func testDecodeErrorNamesSource() {
        assertMessage(assertArrayIOError(try StableJSON.decode(Summary.self, from: Data("{}".utf8), source: "cfg.json")),
                      contains: ["'cfg.json'", "cannot decode Summary"])
    }
}
