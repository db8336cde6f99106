import XCTest
import RetinaCore
@testable import Report
@testable import ReportKit

final class RunFolderTests: XCTestCase {
    let id = try! RunID(validating: "20261129T101500Z-1a2b3c4d")

    func testCommitRenamesThePartialFolderIntoPlace() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: id)
        XCTAssertTrue(folder.partialURL.lastPathComponent.hasPrefix(".20261129T101500Z-1a2b3c4d.partial-"))
        try folder.write(text: "a,b\n1,2\n", to: "data/osr/traces.csv", producedBy: "osr")
        XCTAssertEqual(listing(output), [folder.partialURL.lastPathComponent], "nothing under the final name yet")
        let url = try folder.commit()
        XCTAssertEqual(url.standardizedFileURL, output.appendingPathComponent(id.rawValue).standardizedFileURL)
        XCTAssertEqual(listing(output), [id.rawValue])
        XCTAssertEqual(try String(contentsOf: url.appendingPathComponent("data/osr/traces.csv"), encoding: .utf8), "a,b\n1,2\n")
        XCTAssertEqual(folder.state, .committed(folder.finalURL))
        XCTAssertThrowsError(try folder.write(text: "x", to: "late.txt", producedBy: "x")) { error in
            XCTAssertEqual((error as? RunFolderError)?.exitCode, 70)
        }
    }

    func testAnOpenFolderIsRegisteredForInterruptCleanupUntilCommittedOrAbandoned() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: id)
        XCTAssertTrue(InterruptCleanup.registered.contains(folder.partialURL))
        _ = try folder.commit()
        XCTAssertFalse(InterruptCleanup.registered.contains(folder.partialURL))

        let other = try RunFolder.create(in: output, runID: try RunID(validating: "20261129T101500Z-00000002"))
        XCTAssertTrue(InterruptCleanup.registered.contains(other.partialURL))
        other.abandon(.remove)
        XCTAssertFalse(InterruptCleanup.registered.contains(other.partialURL))
    }

    func testExistingFolderIsRefusedBeforeAnyWork() throws {
        let output = try makeTemporaryDirectory(self)
        let existing = output.appendingPathComponent(id.rawValue)
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: false)
        try Data("old".utf8).write(to: existing.appendingPathComponent("keep.txt"))
        XCTAssertThrowsError(try RunFolder.create(in: output, runID: id)) { error in
            guard let e = error as? RunFolderError else { return XCTFail("\(error)") }
            XCTAssertEqual(e, .alreadyExists(path: existing.standardizedFileURL.path))
            XCTAssertEqual(e.exitCode, 73)
            XCTAssertTrue(e.description.contains(existing.standardizedFileURL.path), e.description)
        }
        XCTAssertEqual(listing(output), [id.rawValue], "no partial folder left behind")
        XCTAssertEqual(try String(contentsOf: existing.appendingPathComponent("keep.txt"), encoding: .utf8), "old")
    }

    /// A folder that appears under the final name while the run works — even an empty one, which
    /// plain rename(2) would silently replace — is not overwritten.
    func testCommitNeverReplacesAFolderThatAppearedMeanwhile() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: id)
        try folder.write(text: "new", to: "report.md", producedBy: "report")
        try FileManager.default.createDirectory(at: folder.finalURL, withIntermediateDirectories: false)
        XCTAssertThrowsError(try folder.commit()) { error in
            XCTAssertEqual((error as? RunFolderError)?.exitCode, 73)
        }
        XCTAssertEqual(listing(folder.finalURL), [], "the intruding folder is untouched")
        XCTAssertEqual(folder.state, .open)
        let kept = folder.abandon(.keepAsFailed)
        XCTAssertEqual(kept?.lastPathComponent, id.rawValue + ".failed")
    }

    func testThrownErrorLeavesNoFinalFolderAndKeepsDataAsFailed() throws {
        struct Boom: Error {}
        let output = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try RunFolder.run(in: output, runID: id) { folder in
            try folder.write(text: "partial data", to: "data/osr/summary.json", producedBy: "osr")
            throw Boom()
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(listing(output), [id.rawValue + ".failed"])
        let kept = output.appendingPathComponent(id.rawValue + ".failed/data/osr/summary.json")
        XCTAssertEqual(try String(contentsOf: kept, encoding: .utf8), "partial data")

        // A second failure of the same id does not clobber the first.
        XCTAssertThrowsError(try RunFolder.run(in: output, runID: id) { _ in throw Boom() })
        XCTAssertEqual(listing(output), [id.rawValue + ".failed", id.rawValue + ".failed-2"])
    }

    func testRemovePolicyLeavesNothing() throws {
        let output = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try RunFolder.run(in: output, runID: id, failurePolicy: .remove) { folder in
            try folder.write(text: "x", to: "a.txt", producedBy: "s")
            throw CocoaError(.fileWriteOutOfSpace)
        })
        XCTAssertEqual(listing(output), [])
    }

    func testRunReturnsTheCommittedFolder() throws {
        let output = try makeTemporaryDirectory(self)
        let (url, count) = try RunFolder.run(in: output.appendingPathComponent("new/nested"), runID: id) { folder in
            try folder.write(text: "x", to: "a.txt", producedBy: "s")
            return folder.outputs.count
        }
        XCTAssertEqual(count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.appendingPathComponent("a.txt").path))
    }

    func testPathsMustStayInsideTheFolder() throws {
        let folder = try RunFolder.create(in: try makeTemporaryDirectory(self), runID: id)
        for path in ["../escape.txt", "/etc/passwd", "a/../../b", "a//b", "./a", "", "~/x", "a\\b"] {
            XCTAssertThrowsError(try folder.write(text: "x", to: path, producedBy: "s"), path) { error in
                XCTAssertEqual(error as? RunFolderError, .unsafePath(path))
            }
        }
        folder.abandon(.remove)
    }

    func testOutputsAreRecordedWithHashesSortedByPath() throws {
        let output = try makeTemporaryDirectory(self)
        let folder = try RunFolder.create(in: output, runID: id)
        try folder.write(text: "abc", to: "z.json", producedBy: "summary")
        try folder.write(Data([1, 2, 3]), to: "figures/fig01.png", producedBy: "figures")
        let external = try folder.url(for: "figures/fig01.svg")
        try Data("<svg/>".utf8).write(to: external)  // as Cairo would write it
        try folder.recordFile("figures/fig01.svg", producedBy: "figures")
        XCTAssertThrowsError(try folder.recordFile("figures/missing.pdf", producedBy: "figures")) { error in
            XCTAssertEqual((error as? RunFolderError)?.exitCode, 74)
        }
        let outputs = folder.outputs
        XCTAssertEqual(outputs.map(\.path), ["figures/fig01.png", "figures/fig01.svg", "z.json"])
        XCTAssertEqual(outputs.map(\.mediaType), ["image/png", "image/svg+xml", "application/json"])
        XCTAssertEqual(outputs[2].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(outputs.map(\.byteSize), [3, 6, 3])
        XCTAssertEqual(outputs[1].producedBy, "figures")
        folder.abandon(.remove)
    }

    func testConcurrentWritesAreAllRecorded() throws {
        let folder = try RunFolder.create(in: try makeTemporaryDirectory(self), runID: id)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            do { try folder.write(text: "\(i)", to: "data/\(i).txt", producedBy: "worker") } catch { XCTFail("\(error)") }
        }
        XCTAssertEqual(folder.outputs.count, 16)
        try folder.commit()
        XCTAssertEqual(listing(folder.finalURL.appendingPathComponent("data")).count, 16)
    }
}
