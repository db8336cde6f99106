import Foundation
import XCTest
@testable import Report

/// `retina-report cache info|clear` and `run`'s cache arguments as a user types them: bad sizes and
/// a file as the cache folder are refused at once (64) naming the parameter, what it expects and
/// what it found, before any work.
final class CacheCLITests: XCTestCase {
    func testInfoAndClearShowAndEmptyTheCache() throws {
        let folder = try makeScratchFolder(self)
        let cacheFolder = folder.appendingPathComponent("cache")
        var info = try runTool(["cache", "info", "--cache", cacheFolder.path], in: folder, captureStandardOutput: true)
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("entries: 0, 0 bytes"), info.stdout)
        let cache = try StepCache(directory: cacheFolder)
        for n in 0..<2 {
            let key = try StepCacheKey(StepCacheKey.Material(kind: "analysis").adding("n", n))
            try cache.store(StepCacheEntry(key: key, step: "analysis: osr", kind: "analysis", value: Data("{}".utf8)))
        }
        info = try runTool(["cache", "info", "--cache", cacheFolder.path], in: folder, captureStandardOutput: true)
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("cache folder: \(cacheFolder.path)"), info.stdout)
        XCTAssertTrue(info.stdout.contains("entries: 2, "), info.stdout)
        XCTAssertTrue(info.stdout.contains("  analysis: 2 ("), info.stdout)
        let clear = try runTool(["cache", "clear", "--cache", cacheFolder.path], in: folder, captureStandardOutput: true)
        XCTAssertEqual(clear.status, 0, clear.stderr)
        XCTAssertTrue(clear.stdout.hasPrefix("removed 2 entries ("), clear.stdout)
        XCTAssertEqual(cache.info().entries, 0)
        // Without --cache: the folder under XDG_CACHE_HOME.
        info = try runTool(["cache", "info"], in: folder, captureStandardOutput: true)
        XCTAssertTrue(info.stdout.contains("cache folder: \(testCacheHome.appendingPathComponent("retina-report").path)"), info.stdout)
    }

    func testBadCacheArgumentsAreRefusedNamingTheParameter() throws {
        let folder = try makeScratchFolder(self)
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let cases: [([String], [String])] = [
            (["--cache-limit", "0"], ["parameter '--cache-limit'", "expected a size above 0", "found '0'"]),
            (["--cache-limit", "banana"], ["parameter '--cache-limit'", "expected a size above 0", "found 'banana'"]),
            (["--cache", file.path], ["parameter '--cache'", "expected a folder", "found '\(file.path)', which is a file"]),
            (["--cache", folder.path, "--no-cache"], ["parameter '--cache / --no-cache'", "expected one of them", "found both"]),
        ]
        for (arguments, fragments) in cases {
            let started = Date()
            let run = try runTool(["run", "--output", "out", "-q"] + arguments, in: folder, timeout: 60)
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.stderr)")
            for fragment in fragments { XCTAssertTrue(run.stderr.contains(fragment), "'\(fragment)' not in: \(run.stderr)") }
            XCTAssertLessThan(Date().timeIntervalSince(started), 20, "\(arguments) refused before any work")
        }
        XCTAssertEqual(entries(folder), ["a-file"], "no run folder")
        let info = try runTool(["cache", "info", "--cache", file.path], in: folder)
        XCTAssertEqual(info.status, 64, info.stderr)
        XCTAssertTrue(info.stderr.contains("parameter '--cache'"), info.stderr)
    }
}
