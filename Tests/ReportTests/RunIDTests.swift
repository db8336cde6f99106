import XCTest
@testable import Report
@testable import ReportKit

final class RunIDTests: XCTestCase {
    let date = Date(timeIntervalSince1970: 1_795_947_300)  // 2026-11-29T10:15:00Z

    /// Expected hash from Python: sha256(b"20261129T101500Z\nretina-report run --seed 7")[:8].
    func testMakeIsDeterministicAndMatchesReference() {
        let id = RunID.make(date: date, seedMaterial: "retina-report run --seed 7")
        XCTAssertEqual(id.rawValue, "20261129T101500Z-7ccbfff7")
        XCTAssertEqual(RunID.make(date: date.addingTimeInterval(0.9), seedMaterial: "retina-report run --seed 7"), id,
                       "sub-second part is ignored")
        XCTAssertNotEqual(RunID.make(date: date, seedMaterial: "retina-report run --seed 8"), id)
        XCTAssertNotEqual(RunID.make(date: date.addingTimeInterval(1), seedMaterial: "retina-report run --seed 7"), id)
    }

    func testFormat() throws {
        let id = RunID.make(date: Date(timeIntervalSince1970: 0), seedMaterial: Data())
        XCTAssertTrue(id.rawValue.hasPrefix("19700101T000000Z-"))
        let regex = try NSRegularExpression(pattern: "^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$")
        XCTAssertEqual(regex.numberOfMatches(in: id.rawValue, range: NSRange(location: 0, length: id.rawValue.utf16.count)), 1)
        XCTAssertEqual(RunID.timestamp(Date(timeIntervalSince1970: -0.5)), "19691231T235959Z")
    }

    func testIdsSortChronologically() {
        let a = RunID.make(date: date, seedMaterial: "z")
        let b = RunID.make(date: date.addingTimeInterval(3600 * 24 * 40), seedMaterial: "a")
        XCTAssertLessThan(a, b)
    }

    func testValidation() throws {
        XCTAssertEqual(try RunID(validating: "my-run_2.v1").rawValue, "my-run_2.v1")
        let bad: [(String, String)] = [
            ("", "it is empty"), ("a b", "U+20"), ("a/b", "'/'"), ("../x", "'/'"), (".hidden", "must not start with '.'"),
            ("ünï", "'ü'"), (String(repeating: "a", count: 129), "129 characters"),
        ]
        for (raw, reason) in bad {
            XCTAssertThrowsError(try RunID(validating: raw), raw) { error in
                guard let e = error as? RunFolderError, case .invalidRunID(let given, let why) = e else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(given, raw)
                XCTAssertTrue(why.contains(reason), "\(raw): \(why)")
                XCTAssertEqual(e.exitCode, 64)
                XCTAssertTrue(e.description.contains("--run-id"))
            }
        }
    }

    func testCodableRejectsInvalidIds() throws {
        let id = try RunID(validating: "abc")
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(id), as: UTF8.self), "\"abc\"")
        XCTAssertEqual(try JSONDecoder().decode(RunID.self, from: Data("\"abc\"".utf8)), id)
        XCTAssertThrowsError(try JSONDecoder().decode(RunID.self, from: Data("\"a/b\"".utf8)))
    }
}
