import ArrayIO
import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaCore
import TestSupport
import XCTest
@testable import Report
@testable import ReportKit

/// `run` with the step cache on a two-member tiny ensemble (OSR and latency, causal tests, one
/// hypothesis, robustness): cached and fresh runs write the same bytes, a hit restores every step,
/// an added hypothesis is the only thing computed, untrusted entries are recomputed with one
/// warning, and two runs sharing one cache at once both succeed and agree.
final class RunPipelineCacheTests: XCTestCase {
    var folder: URL!
    var members: URL!
    let argv = ["retina-report", "run", "--run-id", "cached"]

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cache-run-\(UUID().uuidString)")
        members = folder.appendingPathComponent("members")
        try FileManager.default.createDirectory(at: members, withIntermediateDirectories: true)
        let architecture = AssemblyFixtures.architecture
        for seed: UInt64 in [11, 12] {
            let centres: [(Double, Double)] = (0..<architecture.cells).map { (3 + Double($0), 7 + Double($0)) }
            try BNCNN(architecture: architecture, parameters: TinyBNCNN.responsiveParameters(architecture, seed: seed), cellCentres: centres)
                .save(to: members.appendingPathComponent("member-\(seed).safetensors"))
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func configuration(_ output: String, hypotheses: [String] = ["osr: c0 + c1 excitatory"]) throws -> RunConfiguration {
        var c = RunConfiguration(model: "unused.safetensors", output: folder.appendingPathComponent(output).path, runID: "cached",
                                 phenomena: [.osr, .latency], formats: [.png, .svg], dpi: 60, compareGroundTruth: false,
                                 analysis: AssemblyFixtures.settings, protocols: AssemblyFixtures.protocols)
        c.analysis.explainedRows = .all
        c.ensemble = members.path
        c.causal.hypotheses = try hypotheses.map(HypothesisSet.parse(line:))
        return c
    }

    func cache(_ name: String = "cache") throws -> StepCache { try StepCache(directory: folder.appendingPathComponent(name)) }

    func run(_ output: String, cache: StepCache?, hypotheses: [String] = ["osr: c0 + c1 excitatory"]) throws -> (URL, RunManifest) {
        let outcome = try RunPipeline.run(configuration(output, hypotheses: hypotheses), argv: argv, cache: cache, clock: ManualClock())
        XCTAssertEqual(outcome.exitCode, 0, "failed: \(outcome.failed)")
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        return (outcome.folder, manifest)
    }

    /// Every file of the run folder but the manifest, by relative path.
    func files(_ run: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: run, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.path.dropFirst(run.path.count + 1))
            if relative != RunManifest.fileName { out[relative] = try Data(contentsOf: url) }
        }
        return out
    }

    func assertSameFiles(_ a: URL, _ b: URL, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try files(a), y = try files(b)
        XCTAssertEqual(Set(x.keys), Set(y.keys), what, file: file, line: line)
        for (path, data) in x where y[path] != data { XCTFail("\(what): \(path) differs", file: file, line: line) }
    }

    /// The manifest without what may differ between a cached and a fresh run: step times and
    /// `fromCache` (and the output folder, which these runs choose apart).
    func comparable(_ m: RunManifest) -> RunManifest {
        var m = m
        m.steps = m.steps.map { StepRecord(name: $0.name, status: $0.status, error: $0.error) }
        if case var .object(p) = m.parameters { p["output"] = nil; m.parameters = .object(p) }
        return m
    }

    func cachedSteps(_ m: RunManifest) -> [String: Bool?] {
        Dictionary(uniqueKeysWithValues: m.steps.map { ($0.name, $0.fromCache) })
    }

    func testCachedRunsAreByteIdenticalToAFreshOneAndSayWhatCameFromTheCache() throws {
        let (fresh, freshManifest) = try run("fresh", cache: nil)
        let store = try cache()
        let (first, firstManifest) = try run("first", cache: store)
        let (second, secondManifest) = try run("second", cache: store)
        // Two phenomena: the unified circuit ran, and the cached run must not lose it (its targets
        // need the analyses' reduction conditions, which an analysis read from the cache lacks).
        for run in [fresh, second] {
            let unifiedCSV = run.appendingPathComponent("data/unified-circuit.csv")
            XCTAssertTrue(FileManager.default.fileExists(atPath: unifiedCSV.path), "\(run.lastPathComponent): no unified circuit")
            let report = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
            XCTAssertTrue(report.contains("One circuit for all phenomena"), "\(run.lastPathComponent): no unified section")
        }
        XCTAssertEqual(secondManifest.steps.first { $0.name == "unified circuit" }?.status, .completed)
        try assertSameFiles(fresh, first, "filling the cache")
        try assertSameFiles(fresh, second, "reading the cache")
        XCTAssertTrue(comparable(firstManifest) == comparable(freshManifest), "outputs, hashes, parameters, warnings")
        XCTAssertTrue(comparable(secondManifest) == comparable(freshManifest))

        XCTAssertTrue(freshManifest.steps.allSatisfy { $0.fromCache == nil }, "no cache, no fromCache")
        XCTAssertTrue(firstManifest.steps.allSatisfy { $0.fromCache == false }, "\(cachedSteps(firstManifest))")
        let hits = cachedSteps(secondManifest)
        for step in ["analysis: osr", "analysis: latency", "causal tests: osr", "causal tests: latency", "robustness: osr",
                     "robustness: latency", "unified circuit", "model figures", "overview figure"] {
            XCTAssertEqual(hits[step], true, "\(step): \(hits)")
        }
        XCTAssertEqual(hits["report"], false, "the report is always written anew")
        let info = store.info()
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: info.kinds.map { ($0.kind, $0.entries) }),
                       ["analysis": 2, "analysis details": 2, "causal tests": 2, "hypothesis": 1, "robustness": 2,
                        "unified circuit": 1, "figures": 9],
                       "per phenomenon analysis, causal and robustness figures; the unified circuit's, the model and overview figures")
    }

    /// The review loop: one hypothesis more is one entry more, the rest comes from the cache, and the
    /// result equals a fresh run with both hypotheses.
    func testAnAddedHypothesisIsTheOnlyThingComputed() throws {
        let store = try cache()
        _ = try run("first", cache: store)
        let before = store.info()
        let two = ["osr: c0 + c1 excitatory", "osr: c2 + c3"]
        let (added, manifest) = try run("added", cache: store, hypotheses: two)
        let after = store.info()
        XCTAssertEqual(after.entries, before.entries + 1)
        XCTAssertEqual(after.kinds.first { $0.kind == "hypothesis" }?.entries, 2)
        let hits = cachedSteps(manifest)
        XCTAssertEqual(hits["analysis: osr"], true)
        XCTAssertEqual(hits["causal tests: latency"], true)
        XCTAssertEqual(hits["causal tests: osr"], false, "its new hypothesis was computed")
        let (fresh, _) = try run("fresh", cache: nil, hypotheses: two)
        try assertSameFiles(fresh, added, "added hypothesis")
    }

    /// One phenomenon's protocol changed: only that phenomenon and what reads it (the unified circuit,
    /// refitted from the other analysis' cached details) are computed, and the run equals a fresh one.
    func testAChangedProtocolRecomputesOnlyThatPhenomenonAndTheUnifiedCircuit() throws {
        let store = try cache()
        _ = try run("first", cache: store)
        func changed(_ output: String, cache: StepCache?) throws -> (URL, RunManifest) {
            var c = try configuration(output)
            c.protocols[LatencyCoding.self] = LatencyProtocol(contrasts: [0.3, 0.5, 1.0])
            let outcome = try RunPipeline.run(c, argv: argv, cache: cache, clock: ManualClock())
            XCTAssertEqual(outcome.exitCode, 0, "failed: \(outcome.failed)")
            return (outcome.folder, try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json"))))
        }
        let (cached, manifest) = try changed("changed", cache: store)
        let hits = cachedSteps(manifest)
        for step in ["analysis: osr", "causal tests: osr", "robustness: osr"] { XCTAssertEqual(hits[step], true, "\(step): \(hits)") }
        for step in ["analysis: latency", "causal tests: latency", "robustness: latency", "unified circuit"] {
            XCTAssertEqual(hits[step], false, "\(step): \(hits)")
        }
        XCTAssertEqual(manifest.steps.first { $0.name == "unified circuit" }?.status, .completed)
        XCTAssertEqual(manifest.warnings, [])
        let (fresh, _) = try changed("fresh", cache: nil)
        try assertSameFiles(fresh, cached, "one protocol changed")
    }

    /// A flipped byte, a truncated file, an entry of another schema version and one stored under
    /// another key's name: each is reported once (manifest, not report), recomputed and replaced.
    func testUntrustedEntriesAreReportedOnceAndRecomputed() throws {
        let store = try cache()
        let (first, _) = try run("first", cache: store)
        let entries = try FileManager.default.contentsOfDirectory(at: store.entriesFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "entry" }.sorted { $0.path < $1.path }
        func kind(_ url: URL) -> String? { StepCache.peekKind(url) }
        let analysis = try XCTUnwrap(entries.first { kind($0) == "analysis" })
        let figures = try XCTUnwrap(entries.first { kind($0) == "figures" })
        let causal = try XCTUnwrap(entries.first { kind($0) == "causal tests" })
        let hypothesis = try XCTUnwrap(entries.first { kind($0) == "hypothesis" })
        var bytes = try Data(contentsOf: analysis)
        bytes[bytes.count / 3] ^= 0x01
        try bytes.write(to: analysis)
        bytes = try Data(contentsOf: figures)
        try bytes.prefix(bytes.count - 100).write(to: figures)
        let key = try XCTUnwrap(StepCacheKey(hex: causal.deletingPathExtension().lastPathComponent))
        let entry = try StepCacheEntry.decode(Data(contentsOf: causal), expectedKey: key)
        try entry.encoded(schemaVersion: StepCache.schemaVersion + 1).write(to: causal)
        try Data(contentsOf: entries.first { kind($0) == "robustness" }!).write(to: hypothesis)

        let (second, manifest) = try run("second", cache: store)
        let warnings = manifest.warnings.filter { $0.hasPrefix("cache: ") }
        XCTAssertEqual(warnings.count, 4, "\(manifest.warnings)")
        for fragment in ["SHA-256", "truncated", "schema version \(StepCache.schemaVersion + 1)", "looked up as"] {
            XCTAssertTrue(warnings.contains { $0.contains(fragment) }, "no warning says '\(fragment)': \(warnings)")
        }
        try assertSameFiles(first, second, "recomputed entries give the same files (the report shows no cache warning)")
        let (_, third) = try run("third", cache: store)
        XCTAssertEqual(third.warnings.filter { $0.hasPrefix("cache: ") }, [], "reported once: the entries were replaced")
        XCTAssertTrue(third.steps.filter { $0.name.hasPrefix("analysis: ") || $0.name.hasPrefix("causal") }.allSatisfy { $0.fromCache == true })
    }

    func testTwoRunsSharingOneCacheAtOnceBothSucceedAndAgree() throws {
        let outcomes = LockedResults()
        let configurations = try (0..<2).map { try configuration("run-\($0)") }
        let directory = folder.appendingPathComponent("cache"), argv = argv
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            outcomes.set(i, Result {
                let outcome = try RunPipeline.run(configurations[i], argv: argv, cache: StepCache(directory: directory), clock: ManualClock())
                return (outcome.folder, try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json"))))
            })
        }
        let a = try outcomes.get(0).get(), b = try outcomes.get(1).get()
        try assertSameFiles(a.0, b.0, "two runs at once")
        XCTAssertTrue(comparable(a.1) == comparable(b.1))
        // And what they stored is whole: a third run finds everything.
        let (_, third) = try run("third", cache: cache())
        XCTAssertEqual(third.warnings, [])
        XCTAssertEqual(cachedSteps(third)["analysis: osr"], true)
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<(URL, RunManifest), any Error>] = [:]
    func set(_ i: Int, _ r: Result<(URL, RunManifest), any Error>) { lock.withLock { results[i] = r } }
    func get(_ i: Int) -> Result<(URL, RunManifest), any Error> { lock.withLock { results[i]! } }
}
