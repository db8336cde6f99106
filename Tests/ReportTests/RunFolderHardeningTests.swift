import Foundation
import XCTest
import ArrayIO
import RetinaCore
@testable import Report
@testable import ReportKit

/// Issue #10, items 2 and 6: stale partial folders of killed runs, folder-creation errors as
/// sentences (73), and a run folder with an unwritten file (a full disk) is never committed (74).
final class RunFolderHardeningTests: XCTestCase {
    let id = try! RunID(validating: "20261202T060000Z-0badf00d")

    /// A partial folder whose process is gone (SIGKILL) is removed by the next run in that output
    /// folder; one whose process is alive (this one) is kept.
    func testStalePartialFoldersOfDeadProcessesAreRemoved() throws {
        let output = try makeTemporaryDirectory(self)
        // A pid that is not running: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run(); child.waitUntilExit()
        let dead = child.processIdentifier
        let stale = output.appendingPathComponent(".old.partial-\(dead)-1f")
        let live = output.appendingPathComponent(".other.partial-\(getpid())-2e")
        for url in [stale, live] {
            try FileManager.default.createDirectory(at: url.appendingPathComponent("figures"), withIntermediateDirectories: true)
        }
        let unrelated = output.appendingPathComponent(".hidden-notes")
        try Data("keep".utf8).write(to: unrelated)

        let folder = try RunFolder.create(in: output, runID: id)
        XCTAssertTrue(folder.partialURL.lastPathComponent.hasPrefix(".\(id.rawValue).partial-\(getpid())-"))
        XCTAssertEqual(listing(output), [folder.partialURL.lastPathComponent, ".hidden-notes", live.lastPathComponent].sorted())
        folder.abandon(.remove)
    }

    func testFolderURLCreatesTheFolderOnlyWhileOpen() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: id)
        let data = try folder.folderURL(for: "data/osr")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: data.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        try FileManager.default.removeItem(at: folder.partialURL)          // as the interrupt cleanup does
        XCTAssertThrowsError(try folder.folderURL(for: "data/latency"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.partialURL.path), "the partial folder is not re-created")
        folder.abandon(.remove)
    }

    func testFolderCreationFailuresAreOneSentenceWith73() throws {
        let output = try makeTemporaryDirectory(self)
        let file = output.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        let cases: [(URL, String)] = [
            (file, "it exists and is a regular file, not a folder"),
            (file.appendingPathComponent("below"), "'\(file.path)' is a regular file, not a folder"),
            (URL(fileURLWithPath: "/proc/retina-report-test"), "'/proc' does not accept new folders"),
        ]
        for (url, fragment) in cases {
            XCTAssertThrowsError(try RunFolder.create(in: url, runID: id)) { error in
                guard let e = error as? RunFolderError else { return XCTFail("\(url.path): \(error)") }
                XCTAssertEqual(e.exitCode, 73, e.description)
                XCTAssertTrue(e.description.contains(fragment), e.description)
                XCTAssertFalse(e.description.contains("NSCocoaErrorDomain"), e.description)
            }
        }
        XCTAssertEqual(listing(output), ["plain"])
    }

    /// A file inside the run folder that could not be written (as on a full disk, where figures fail
    /// while the small report still fits) makes ``RunFolder/commit()`` fail with 74 and the folder is
    /// removed — not committed with an empty figures/ and exit 1.
    func testAFailedWriteInsideTheFolderPreventsTheCommit() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: id)
        try folder.write(text: "# report", to: "report.md", producedBy: "report")
        let figure = try folder.url(for: "figures/a.png")
        try FileManager.default.createDirectory(at: figure, withIntermediateDirectories: false)   // the write will fail
        XCTAssertThrowsError(try AtomicFile.write(Data([1]), to: figure))
        XCTAssertThrowsError(try folder.commit()) { error in
            XCTAssertEqual((error as? RunFolderError)?.exitCode, 74, "\(error)")
            XCTAssertTrue("\(error)".contains("not committed"), "\(error)")
        }
        XCTAssertNil(folder.abandon(), "a folder with unwritten files is removed, not kept as .failed")
        XCTAssertEqual(listing(output), [])
    }
}
