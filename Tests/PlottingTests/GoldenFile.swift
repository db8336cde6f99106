import Foundation
import XCTest

/// Golden-file comparison for layout-as-data tests.
///
/// `check(value, named:)` encodes `value` as pretty, key-sorted JSON and compares it with
/// `Golden/<name>.json` (bundled resource). Numbers compare with relative tolerance 1e-9 (absolute
/// 1e-9 near zero) so harmless last-digit differences between platforms do not fail; everything else
/// must match exactly.
///
/// Record switch: with `RECORD_GOLDEN=1` in the environment the file in the *source* folder
/// (`Tests/PlottingTests/Golden/`) is (re)written instead and the check passes; review the diff.
enum GoldenFile {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    static var sourceFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func check<T: Encodable>(_ value: T, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try encode(value)
        if isRecording {
            try FileManager.default.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
            try data.write(to: sourceFolder.appendingPathComponent("\(name).json"), options: .atomic)
            return
        }
        // The source copy (fresh right after recording) if this is a checkout, else the bundled resource.
        let source = sourceFolder.appendingPathComponent("\(name).json")
        guard let url = FileManager.default.fileExists(atPath: source.path)
                ? source : Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Golden") else {
            XCTFail("golden file Golden/\(name).json is missing; record it with RECORD_GOLDEN=1", file: file, line: line)
            return
        }
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
        let actual = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        if let difference = firstDifference(expected, actual, path: "$") {
            XCTFail("\(name).json differs at \(difference) (re-record with RECORD_GOLDEN=1 if intended)", file: file, line: line)
        }
    }

    /// Path and values of the first difference, or nil.
    static func firstDifference(_ a: Any, _ b: Any, path: String) -> String? {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            if Set(x.keys) != Set(y.keys) { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
            for key in x.keys.sorted() {
                if let d = firstDifference(x[key]!, y[key]!, path: "\(path).\(key)") { return d }
            }
            return nil
        case let (x as [Any], y as [Any]):
            if x.count != y.count { return "\(path): \(x.count) vs \(y.count) elements" }
            for i in x.indices {
                if let d = firstDifference(x[i], y[i], path: "\(path)[\(i)]") { return d }
            }
            return nil
        case let (x as String, y as String):
            return x == y ? nil : "\(path): \"\(x)\" vs \"\(y)\""
        case let (x as NSNumber, y as NSNumber):
            let u = x.doubleValue, v = y.doubleValue
            return abs(u - v) <= 1e-9 * max(1, abs(u), abs(v)) ? nil : "\(path): \(u) vs \(v)"
        default:
            return "\(a)" == "\(b)" ? nil : "\(path): \(a) vs \(b)"
        }
    }
}
