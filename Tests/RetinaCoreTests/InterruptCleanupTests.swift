import XCTest
import Foundation
@testable import RetinaCore

/// The registry behind the Ctrl-C cleanup. (The signal path itself — SIGINT during `retina-report run`
/// removes the partial folder and exits 130 — is exercised by hand; installing handlers in the test
/// process would also swallow the test runner's own SIGTERM.)
final class InterruptCleanupTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testRegisteredPathsAreRemovedAndForgotten() throws {
        let root = try temporaryDirectory()
        let partial = root.appendingPathComponent(".run.partial-1")
        try FileManager.default.createDirectory(at: partial.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: partial.appendingPathComponent("figures/a.png"))
        let temp = root.appendingPathComponent(".model.tmp-2")
        try Data("y".utf8).write(to: temp)
        let kept = root.appendingPathComponent("finished.txt")
        try Data("z".utf8).write(to: kept)

        let a = InterruptCleanup.register(partial), b = InterruptCleanup.register(temp)
        let done = InterruptCleanup.register(kept)
        InterruptCleanup.unregister(done)
        InterruptCleanup.unregister(done)                     // idempotent
        XCTAssertTrue(InterruptCleanup.registered.contains(partial))
        XCTAssertFalse(InterruptCleanup.registered.contains(kept))

        let removed = InterruptCleanup.removeRegistered()
        XCTAssertTrue(removed.contains(partial) && removed.contains(temp), "\(removed)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept.path), "unregistered outputs are never touched")
        XCTAssertFalse(InterruptCleanup.registered.contains(partial), "forgotten after removal")
        InterruptCleanup.unregister(a); InterruptCleanup.unregister(b)
    }

    func testMissingPathsAreSkipped() throws {
        let ghost = try temporaryDirectory().appendingPathComponent("never-written")
        let token = InterruptCleanup.register(ghost)
        XCTAssertFalse(InterruptCleanup.removeRegistered().contains(ghost))
        InterruptCleanup.unregister(token)
    }
}

/// Issue #10, item 2: the signal path waits for writers inside the write gate, removes what is
/// registered, and calls the exit function with 128 + signal (in the tool: `_exit`, not `exit`).
final class InterruptCleanupSignalPathTests: XCTestCase {
    func testCleanupWaitsForAWriterInsideTheGateThenRemovesAndExits() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let partial = root.appendingPathComponent(".r.partial-1-ab")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: false)
        let token = InterruptCleanup.register(partial)
        defer { InterruptCleanup.unregister(token) }

        let writerInside = DispatchSemaphore(value: 0), releaseWriter = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            InterruptCleanup.whileWriting {
                writerInside.signal()
                releaseWriter.wait()
                // Still inside the gate: the cleanup has not run yet, so the folder is still there.
                try? Data("late".utf8).write(to: partial.appendingPathComponent("file.txt"))
            }
            writerDone.signal()
        }
        writerInside.wait()
        let exited = LockedBox<Int32?>(nil)
        let cleanupDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            InterruptCleanup.handle(signal: SIGTERM) { exited.value = $0 }
            cleanupDone.signal()
        }
        // The cleanup cannot finish while the writer is inside the gate.
        XCTAssertEqual(cleanupDone.wait(timeout: .now() + 0.3), .timedOut)
        XCTAssertTrue(FileManager.default.fileExists(atPath: partial.path))
        releaseWriter.signal()
        XCTAssertEqual(cleanupDone.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(writerDone.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(exited.value, 143)
        XCTAssertFalse(FileManager.default.fileExists(atPath: partial.path), "removed after the writer finished")
    }
}

private final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: T
    init(_ value: T) { _value = value }
    var value: T {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }
}
