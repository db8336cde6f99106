import XCTest
@testable import Report
@testable import ReportKit

final class RunManifestTests: XCTestCase {
    func sample() throws -> RunManifest {
        let start = Date(timeIntervalSince1970: 1_795_947_300.25)
        return RunManifest(
            runId: try RunID(validating: "20261129T101500Z-7ccbfff7"), createdUTC: start,
            argv: ["retina-report", "--seed", "7", "--output", "Reports"],
            parameters: ["ig": ["steps": 50, "baseline": "zero"], "seed": 7, "phenomena": ["osr", "latency"]],
            seed: UInt64.max,
            software: SoftwareInfo(toolName: "retina-report", toolVersion: "0.1.0", gitCommit: "unknown", gitDirty: nil,
                                   buildConfiguration: "debug", swiftVersion: "6.3", cairoVersion: "1.16.0",
                                   operatingSystem: "Linux", cpuArchitecture: "x86_64"),
            inputs: [InputRecord(role: "model-weights", path: "/m.safetensors", byteSize: 1234, sha256: String(repeating: "a", count: 64))],
            outputs: [OutputRecord(path: "report.md", mediaType: "text/markdown", sha256: String(repeating: "b", count: 64),
                                   byteSize: 10, producedBy: "report")],
            steps: [StepRecord(name: "train", status: .completed, start: start, end: start.addingTimeInterval(1.5), durationSeconds: 1.5),
                    StepRecord(name: "reversal", status: .failed, start: start, end: start, durationSeconds: 0, error: "boom"),
                    StepRecord(name: "anticipation", status: .skipped, error: "--phenomena excludes it")],
            warnings: ["completeness gap 4 %"], exitCode: 0)
    }

    func testRoundTrip() throws {
        let m = try sample()
        let data = try m.encodedJSON()
        XCTAssertEqual(try RunManifest.decode(from: data), m)
        XCTAssertEqual(data.last, 0x0A)
    }

    func testKeysAreSortedAndDatesAreUTCMilliseconds() throws {
        let text = String(decoding: try sample().encodedJSON(), as: UTF8.self)
        let topLevel = ["argv", "createdUTC", "exitCode", "inputs", "outputs", "parameters", "runId", "schemaVersion",
                        "seed", "software", "steps", "warnings"]
        let positions = topLevel.map { text.range(of: "\n  \"\($0)\" : ")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), text)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        XCTAssertTrue(text.contains("\"createdUTC\" : \"2026-11-29T10:15:00.250Z\""), text)
        XCTAssertTrue(text.contains("\"end\" : \"2026-11-29T10:15:01.750Z\""), text)
        XCTAssertTrue(text.contains("\"seed\" : 18446744073709551615"), text)
        XCTAssertTrue(text.contains("\"status\" : \"skipped\""), text)
        XCTAssertTrue(text.contains("\"schemaVersion\" : 1"), text)
        XCTAssertTrue(text.contains("\"path\" : \"/m.safetensors\""), "slashes are not escaped")
    }

    func testDateFormatting() {
        XCTAssertEqual(ManifestJSON.format(Date(timeIntervalSince1970: 0.0004)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(ManifestJSON.format(Date(timeIntervalSince1970: 59.9996)), "1970-01-01T00:01:00.000Z")
        XCTAssertEqual(ManifestJSON.parse("2026-11-29T10:15:00Z"), Date(timeIntervalSince1970: 1_795_947_300))
        XCTAssertEqual(ManifestJSON.parse("2026-11-29T10:15:00.125Z"), Date(timeIntervalSince1970: 1_795_947_300.125))
        XCTAssertNil(ManifestJSON.parse("yesterday"))
    }

    func testWriteManifestListsOutputsButNotItself() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: try RunID(validating: "r1"))
        try folder.write(text: "# r", to: "report.md", producedBy: "report")
        var m = try sample()
        m.outputs = []
        let written = try folder.writeManifest(m)
        XCTAssertEqual(written.outputs.map(\.path), ["report.md"])
        try folder.commit()
        let back = try RunManifest.decode(from: Data(contentsOf: folder.finalURL.appendingPathComponent("manifest.json")))
        XCTAssertEqual(back, written)
    }

    func testInputRecordHashesTheFile() throws {
        let url = try makeTemporaryDirectory(self).appendingPathComponent("w.bin")
        try Data("abc".utf8).write(to: url)
        let r = try InputRecord.hashing(role: "model-weights", fileAt: url)
        XCTAssertEqual(r.byteSize, 3)
        XCTAssertEqual(r.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertThrowsError(try InputRecord.hashing(role: "x", fileAt: url.appendingPathExtension("missing")))
    }
}
