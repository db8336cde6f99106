import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    func testExistingFolderIsRefusedAndKept() throws {
        let folder = try makeTemporaryFolder(self)
        let target = folder.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("child"), withIntermediateDirectories: true)
        assertMessage(assertArrayIOError(try AtomicFile.write(Data([1]), to: target)),
                      contains: ["cannot create file '\(target.path)'", "is a folder, not a regular file"], exitCode: 73)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["occupied"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.path), ["child"])
    }

    // MARK: output-path policy (issue #10, item 1)

    /// A named pipe and a symbolic link are never replaced — not even when replacing is allowed — and
    /// no temporary file is left. (Before: rename(2) silently replaced them, as it did /dev/full.)
    func testSpecialFilesAreNeverReplaced() throws {
        let folder = try makeTemporaryFolder(self)
        let fifo = folder.appendingPathComponent("pipe")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        let real = folder.appendingPathComponent("real.bin")
        try Data([9]).write(to: real)
        let link = folder.appendingPathComponent("link.bin")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        for (url, kind) in [(fifo, "a named pipe"), (link, "a symbolic link")] {
            for replacing in [true, false] {
                assertMessage(assertArrayIOError(try AtomicFile.write(Data([1, 2]), to: url, replacingExisting: replacing)),
                              contains: [url.path, "it exists and is \(kind), not a regular file"], exitCode: 73)
            }
        }
        var info = stat()
        XCTAssertEqual(lstat(fifo.path, &info), 0); XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
        XCTAssertEqual(lstat(link.path, &info), 0); XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK)
        XCTAssertEqual(try Data(contentsOf: real), Data([9]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["link.bin", "pipe", "real.bin"])
    }

    /// Without `replacingExisting` an existing regular file is refused (73) and untouched; with it, the
    /// file is replaced and keeps its permission bits (a read-only output stays read-only).
    func testExistingRegularFileNeedsReplacingAndKeepsItsMode() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("out.npy")
        try Data([1]).write(to: url)
        XCTAssertEqual(chmod(url.path, 0o440), 0)
        assertMessage(assertArrayIOError(try AtomicFile.write(Data([2]), to: url, replacingExisting: false)),
                      contains: ["it exists; pass --overwrite to replace it"], exitCode: 73)
        XCTAssertEqual(try Data(contentsOf: url), Data([1]))
        try AtomicFile.write(Data([3]), to: url, replacingExisting: true)
        XCTAssertEqual(try Data(contentsOf: url), Data([3]))
        var info = stat()
        XCTAssertEqual(stat(url.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o440)
        // A new file is created without replacing anything.
        try AtomicFile.write(Data([4]), to: folder.appendingPathComponent("new.npy"), replacingExisting: false)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["new.npy", "out.npy"])
    }

    /// Failed writes are remembered per folder (a run folder refuses to commit after one).
    func testFailedWritesAreRecordedUnderTheirFolder() throws {
        let folder = try makeTemporaryFolder(self)
        XCTAssertEqual(AtomicFile.failedWrites(under: folder), [])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("taken"), withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write(Data([1]), to: folder.appendingPathComponent("taken")))
        XCTAssertEqual(AtomicFile.failedWrites(under: folder), [folder.appendingPathComponent("taken").standardizedFileURL.path])
    }
}
