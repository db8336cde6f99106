import Foundation
import XCTest

/// Compares `actual` with `Tests/ReportTests/Golden/<name>`.
///
/// Set `RECORD_GOLDEN=1` to (re)write the golden file instead; the test then fails once, so a
/// recording run is never mistaken for a passing one. Goldens are read by `#filePath` because the
/// ReportTests target has no resources.
func assertGolden(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        XCTFail("recorded golden \(name); unset RECORD_GOLDEN and run again", file: file, line: line)
        return
    }
    guard let data = try? Data(contentsOf: url) else {
        XCTFail("missing golden \(url.path); run with RECORD_GOLDEN=1 to create it", file: file, line: line)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if actual != expected {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        let i = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
        let got = i < a.count ? a[i] : "<end>"
        let want = i < e.count ? e[i] : "<end>"
        XCTFail("\(name) differs at line \(i + 1):\n  expected: \(want)\n  actual:   \(got)\n"
            + "(RECORD_GOLDEN=1 re-records after a deliberate change)", file: file, line: line)
    }
}
