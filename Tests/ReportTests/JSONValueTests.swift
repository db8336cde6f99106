import XCTest
@testable import Report
@testable import ReportKit

final class JSONValueTests: XCTestCase {
    struct IGParameters: Codable {
        var steps: Int
        var baseline: String
        var site: [String]
        var tolerance: Double
        var seed: UInt64
        var note: String?
    }

    func testEncodesNestedParameterStructs() throws {
        let p = IGParameters(steps: 50, baseline: "zero", site: ["layer1"], tolerance: 0.01, seed: .max, note: nil)
        let v = try JSONValue(encoding: ["ig": p])
        XCTAssertEqual(v["ig"]?["steps"], .integer(50))
        XCTAssertEqual(v["ig"]?["site"]?[0], "layer1")
        XCTAssertEqual(v["ig"]?["tolerance"]?.doubleValue, 0.01)
        XCTAssertEqual(v["ig"]?["seed"], .unsignedInteger(.max))
        XCTAssertNil(v["ig"]?["note"], "nil optionals are omitted")
    }

    func testRoundTripKeepsIntegerPrecisionAndSortsKeys() throws {
        let v: JSONValue = ["b": [1, 2.5, true, nil, "x"], "a": .unsignedInteger(18_446_744_073_709_551_615),
                            "c": .integer(-9_007_199_254_740_993)]
        XCTAssertEqual(v.description, #"{"a":18446744073709551615,"b":[1,2.5,true,null,"x"],"c":-9007199254740993}"#)
        let back = try JSONDecoder().decode(JSONValue.self, from: Data(v.description.utf8))
        XCTAssertEqual(back, v)
    }

    func testNumbersCompareByValue() {
        XCTAssertEqual(JSONValue.integer(2), .number(2.0))
        XCTAssertEqual(JSONValue.unsignedInteger(3), .integer(3))
        XCTAssertNotEqual(JSONValue.integer(2), .number(2.5))
        XCTAssertNotEqual(JSONValue.integer(-1), .unsignedInteger(.max))
        XCTAssertNotEqual(JSONValue.string("1"), .integer(1))
    }

    func testNonFiniteNumbersBecomeStrings() throws {
        let v = try JSONValue(encoding: [Double.nan, .infinity, -.infinity])
        XCTAssertEqual(v, ["NaN", "Infinity", "-Infinity"])
    }
}
