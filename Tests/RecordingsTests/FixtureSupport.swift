import Foundation
import XCTest

/// URL of a file in the `Fixtures` resource folder (written by Fixtures/make_fixtures.py).
func fixturePath(_ name: String) throws -> String {
    let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return folder.appendingPathComponent(name).path
}

/// The script's own numbers (Fixtures/expected.json).
func expectedNumbers() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try fixturePath("expected.json")))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

extension Dictionary where Key == String, Value == Any {
    func dict(_ key: String) throws -> [String: Any] { try XCTUnwrap(self[key] as? [String: Any], "missing '\(key)'") }
    func int(_ key: String) throws -> Int { try XCTUnwrap((self[key] as? NSNumber)?.intValue, "missing '\(key)'") }
    func double(_ key: String) throws -> Double { try XCTUnwrap((self[key] as? NSNumber)?.doubleValue, "missing '\(key)'") }
}

/// A fresh temporary folder removed after the test.
func makeTemporaryFolder(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("RecordingsTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}
