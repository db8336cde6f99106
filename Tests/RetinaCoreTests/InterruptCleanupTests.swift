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
