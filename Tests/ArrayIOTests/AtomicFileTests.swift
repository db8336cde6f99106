import Foundation
import XCTest
@testable import ArrayIO

final class AtomicFileTests: XCTestCase {
    func testWritesAndReplacesWithoutLeavingTemporaries() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("out.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data([1, 2, 3]))
        try AtomicFile.write(Data(), to: url)
        XCTAssertEqual(try Data(contentsOf: url), Data())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.bin"])
    }

    func testMissingFolderGivesCannotCreateAndLeavesNothing() throws {
        let folder = try makeTemporaryFolder(self)
        let missing = folder.appendingPathComponent("not-here")
        let url = missing.appendingPathComponent("out.bin")
        let error = assertArrayIOError(try AtomicFile.write(Data([1]), to: url))
        XCTAssertEqual(error, .cannotCreate(path: url.path, reason: "folder '\(missing.path)' does not exist"))
        assertMessage(error, contains: ["cannot create file '\(url.path)'"], exitCode: 73)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testParentThatIsAFileIsRejected() throws {
        let folder = try makeTemporaryFolder(self)
        let file = folder.appendingPathComponent("plain")
        try Data([0]).write(to: file)
        assertMessage(assertArrayIOError(try AtomicFile.write(Data([1]), to: file.appendingPathComponent("x"))),
                      contains: ["is not a folder"], exitCode: 73)
    }

    func testFailedRenameRemovesTemporaryAndKeepsTarget() throws {
        let folder = try makeTemporaryFolder(self)
        let target = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("child"), withIntermediateDirectories: true)
        assertMessage(assertArrayIOError(try AtomicFile.write(Data([1]), to: target)),
                      contains: ["writing file '\(target.path)' failed", "rename"], exitCode: 74)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["occupied"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.path), ["child"])
    }
}
