import ArrayIO
import Foundation
import XCTest
@testable import Report

/// The store: lookups verify and delete what they do not trust, eviction keeps the most recently
/// used entries within the limit, several writers and readers share one folder, `info` and `clear`.
final class StepCacheTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepcache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func setLastUse(_ cache: StepCache, _ key: StepCacheKey, secondsAgo: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: cache.url(for: key).path)
    }

    func testStoredEntryIsFoundAndAnInvalidOneIsDeleted() throws {
        let cache = try StepCache(directory: folder)
        let e = try StepCacheEntryTests.entry()
        guard case .miss = cache.lookup(e.key) else { return XCTFail("empty cache") }
        try cache.store(e)
        guard case let .hit(found) = cache.lookup(e.key) else { return XCTFail("stored entry not found") }
        XCTAssertEqual(found, e)
        var bytes = try Data(contentsOf: cache.url(for: e.key))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: cache.url(for: e.key))
        guard case .invalid(.hashMismatch) = cache.lookup(e.key) else { return XCTFail("flipped byte trusted") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.url(for: e.key).path), "an untrusted entry is deleted")
        guard case .miss = cache.lookup(e.key) else { return XCTFail("reported once, then a miss") }
    }

    /// Five entries of about 1 KB, the limit fits three: the two least recently used go, and a
    /// lookup counts as a use (the oldest entry, once read, survives).
    func testEvictionKeepsTheMostRecentlyUsedWithinTheLimit() throws {
        let entries = try (0..<5).map { try StepCacheEntryTests.entry($0, fileBytes: 1000) }
        let size = Int64(try entries[0].encoded().count)
        let cache = try StepCache(directory: folder, limitBytes: 3 * size + size / 2)
        for (i, e) in entries.enumerated() {
            try cache.store(e)
            try setLastUse(cache, e.key, secondsAgo: Double(100 - 10 * i))  // entry 0 oldest
        }
        guard case .hit = cache.lookup(entries[0].key) else { return XCTFail("entry 0") }  // now the newest
        let eviction = cache.evict()
        XCTAssertEqual(eviction.removedEntries, 2)
        XCTAssertLessThanOrEqual(eviction.keptBytes, cache.limitBytes)
        let kept = entries.indices.filter { FileManager.default.fileExists(atPath: cache.url(for: entries[$0].key).path) }
        XCTAssertEqual(kept, [0, 3, 4], "entries 1 and 2 were the least recently used")
        XCTAssertEqual(cache.evict().removedEntries, 0, "within the limit nothing more goes")
    }

    func testTwoCachesOnOneFolderWriteAndReadConcurrently() throws {
        let a = try StepCache(directory: folder), b = try StepCache(directory: folder)
        let entries = try (0..<6).map { try StepCacheEntryTests.entry($0, fileBytes: 200_000) }
        let invalid = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            let cache = i % 2 == 0 ? a : b
            let e = entries[i % entries.count]
            for _ in 0..<3 {
                switch cache.lookup(e.key) {
                case .miss: try? cache.store(e)
                case let .hit(found): if found != e { invalid.add() }
                case .invalid: invalid.add()
                }
            }
        }
        XCTAssertEqual(invalid.value, 0, "a reader never sees a partial or foreign entry")
        for e in entries {
            guard case let .hit(found) = a.lookup(e.key) else { return XCTFail("entry lost") }
            XCTAssertEqual(found, e)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: a.entriesFolder.path).filter { !$0.hasSuffix(".entry") }
        XCTAssertEqual(leftovers, [], "no temporary file left")
    }

    func testInfoCountsEntriesByKindAndClearRemovesThem() throws {
        let cache = try StepCache(directory: folder)
        XCTAssertEqual(cache.info().entries, 0)
        var other = try StepCacheEntryTests.entry(7)
        other.kind = "figures"
        for e in [try StepCacheEntryTests.entry(1), try StepCacheEntryTests.entry(2), other] { try cache.store(e) }
        let info = cache.info()
        XCTAssertEqual(info.entries, 3)
        XCTAssertEqual(info.kinds.map(\.kind), ["figures", "test"])
        XCTAssertEqual(info.kinds.map(\.entries), [1, 2])
        XCTAssertEqual(info.bytes, info.kinds.reduce(0) { $0 + $1.bytes })
        XCTAssertTrue(info.lines.contains { $0.hasPrefix("entries: 3, ") }, "\(info.lines)")
        let cleared = cache.clear()
        XCTAssertEqual(cleared.entries, 3)
        XCTAssertEqual(cleared.bytes, info.bytes)
        XCTAssertEqual(cache.info().entries, 0)
    }

    func testAFileAsTheCacheFolderAndANonPositiveLimitAreRefusedByName() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try StepCache(directory: file)) { error in
            XCTAssertEqual(error as? RunPipelineError, .invalidParameter(name: "--cache", expected: "a folder (created when missing)",
                                                                        found: "'\(file.path)', which is a file"))
        }
        XCTAssertThrowsError(try StepCache(directory: folder, limitBytes: 0)) { error in
            guard case let .invalidParameter(name, _, found)? = error as? RunPipelineError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "--cache-limit")
            XCTAssertEqual(found, "0 bytes")
        }
    }

    func testDefaultFolderFollowsXDGAndFallsBackToHome() {
        XCTAssertEqual(StepCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]).path, "/x/cache/retina-report")
        XCTAssertEqual(StepCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]).path,
                       "/home/u/.cache/retina-report", "a relative XDG_CACHE_HOME is ignored, as the spec says")
        XCTAssertEqual(StepCache.defaultDirectory(environment: ["HOME": "/home/u"]).path, "/home/u/.cache/retina-report")
    }
}

final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
