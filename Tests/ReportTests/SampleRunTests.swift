import ArrayIO
import XCTest
@testable import Report
@testable import ReportKit

/// The whole infrastructure together on the synthetic sample: figures, report, manifest, commit.
///
/// Set `REPORT_SAMPLE_OUTPUT=/some/dir` to keep the run folder (with screenshot-sized figures) for
/// looking at `report.html` in a browser.
final class SampleRunTests: XCTestCase {
    func testSampleRunFolder() throws {
        let keep = ProcessInfo.processInfo.environment["REPORT_SAMPLE_OUTPUT"]
        let output = try keep.map { URL(fileURLWithPath: $0) } ?? makeTemporaryDirectory(self)
        let clock = ManualClock()
        let steps = StepRecorder(clock: clock)
        let runID = RunID.make(date: clock.now(), seedMaterial: "sample \(keep == nil ? 0 : Date().timeIntervalSince1970)")
        let (url, manifest) = try RunFolder.run(in: output, runID: runID) { folder -> RunManifest in
            try steps.run("figures") { _ in
                try SampleReport.writeFigures(into: folder.partialURL, large: keep != nil)
                for path in ["figures/fig01-osr-traces.png", "figures/fig01-osr-traces.svg",
                             "figures/fig02-osr-attribution.png", "figures/fig02-osr-attribution.pdf"] {
                    try folder.recordFile(path, producedBy: "figures")
                }
            }
            let warnings = try steps.run("report") { _ in try folder.writeReport(SampleReport.document()) }
            XCTAssertEqual(warnings, [])
            return try folder.writeManifest(RunManifest(
                runId: runID, createdUTC: clock.now(), argv: ["retina-report", "--sample"], parameters: ["sample": true],
                seed: 7, software: SoftwareInfo.detect(), steps: steps.steps, warnings: steps.warnings))
        }
        let files = Set(FileManager.default.enumerator(atPath: url.path)!.compactMap { $0 as? String })
        XCTAssertTrue(files.isSuperset(of: ["report.md", "report.html", "manifest.json", "figures/fig01-osr-traces.png"]))
        XCTAssertEqual(manifest.outputs.map(\.path), ["figures/fig01-osr-traces.png", "figures/fig01-osr-traces.svg",
                                                      "figures/fig02-osr-attribution.pdf", "figures/fig02-osr-attribution.png",
                                                      "report.html", "report.md"])
        XCTAssertEqual(manifest.steps.map(\.status), [.completed, .completed])
        let html = try Data(contentsOf: url.appendingPathComponent("report.html"))
        XCTAssertEqual(manifest.outputs.first { $0.path == "report.html" }?.sha256, SHA256.hex(html))
        XCTAssertFalse(String(decoding: html, as: UTF8.self).contains("src=\"figures/"))
        if keep != nil { print("sample run folder: \(url.path)") }
    }
}
