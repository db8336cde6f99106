import Foundation
import XCTest
import Recordings
import RetinaCore

/// Seeded fuzzing of the recording readers (issue #23): byte mutations of the small committed
/// fixtures (deep-retina HDF5, NWB, NPY pair) with an explicit ``SeededRandom`` — the same files
/// every run. Every mutated file must give a recording or a typed error with exit 64/65/66: never a
/// signal, an internal error (70) or a hang.
///
/// HDF5 files are read by a subprocess (`inspect-data`), because the C library parses the bytes
/// and a crash there would kill the test runner; the NPY pair (pure Swift) is read in process.
final class RecordingFuzzTests: XCTestCase {
    let fixtures = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures")
    let inputCodes: Set<Int32> = [0, 64, 65, 66]

    /// `count` mutations of `bytes`, in four kinds by index: truncation; 1–4 random bytes anywhere;
    /// 1–4 random bytes in the first `hot` bytes (superblock, root group, object headers); 8 bytes
    /// at a random offset set to a hostile little-endian number (2⁶⁴ − 1, 2⁶³, 2³², 0).
    static func mutations(of bytes: [UInt8], hot: Int, count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SeededRandom(seed: seed)
        func index(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }
        return (0..<count).map { i in
            var b = bytes
            switch i % 4 {
            case 0:
                b = Array(b.prefix(index(b.count)))
            case 1:
                for _ in 0...index(4) { b[index(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2:
                for _ in 0...index(4) { b[index(min(hot, b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            default:
                let values: [UInt64] = [.max, 1 << 63, 1 << 32, 0, 0x7FFF_FFFF]
                var v = values[index(values.count)]
                let at = index(b.count - 8)
                for k in 0..<8 { b[at + k] = UInt8(truncatingIfNeeded: v); v >>= 8 }
            }
            return b
        }
    }

    /// Runs `inspect-data` on each mutation of `fixture`; returns exit status → count.
    func fuzzHDF5(_ fixture: String, count: Int, seed: UInt64) throws -> [Int32: Int] {
        let folder = try makeScratchFolder(self)
        let original = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(fixture)))
        let ext = (fixture as NSString).pathExtension
        var outcomes: [Int32: Int] = [:]
        for (i, bytes) in Self.mutations(of: original, hot: 2048, count: count, seed: seed).enumerated() {
            let name = "m\(i).\(ext)"
            try Data(bytes).write(to: folder.appendingPathComponent(name))
            let run = try runTool(["inspect-data", name], in: folder, timeout: 20)
            outcomes[run.status, default: 0] += 1
            XCTAssertTrue(inputCodes.contains(run.status), "\(fixture) mutation \(i) (seed \(seed)): exit \(run.status): \(run.stderr.prefix(600))")
            if run.status != 0 {
                XCTAssertTrue(run.stderr.hasPrefix("error: "), "\(fixture) mutation \(i): \(run.stderr.prefix(300))")
            }
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        XCTAssertEqual(entries(folder), [], "inspect-data left files behind")
        return outcomes
    }

    func summary(_ outcomes: [Int32: Int]) -> String {
        outcomes.keys.sorted().map { "exit \($0): \(outcomes[$0]!)" }.joined(separator: ", ")
    }

    func testMutatedDeepRetinaHDF5NeverCrashes() throws {
        let outcomes = try fuzzHDF5("deep_retina_small.h5", count: 80, seed: 23)
        print("fuzz: 80 deep-retina HDF5 mutations: \(summary(outcomes))")
        XCTAssertGreaterThan(outcomes.filter { $0.key != 0 }.values.reduce(0, +), 20, "most structural mutations must be refused")
    }

    func testMutatedNWBNeverCrashes() throws {
        let outcomes = try fuzzHDF5("nwb_100hz.nwb", count: 80, seed: 24)
        print("fuzz: 80 NWB mutations: \(summary(outcomes))")
        XCTAssertGreaterThan(outcomes.filter { $0.key != 0 }.values.reduce(0, +), 20)
    }

    func testMutatedNPYPairNeverCrashes() throws {
        let folder = try makeScratchFolder(self)
        let pair = fixtures.appendingPathComponent("npy_pair")
        var outcomes: [String: Int] = [:]
        for (role, seed) in [("stimulus.npy", UInt64(25)), ("responses.npy", 26)] {
            let original = [UInt8](try Data(contentsOf: pair.appendingPathComponent(role)))
            let other = role == "stimulus.npy" ? "responses.npy" : "stimulus.npy"
            for (i, bytes) in Self.mutations(of: original, hot: 128, count: 120, seed: seed).enumerated() {
                let dir = folder.appendingPathComponent("\(role)-\(i)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
                try Data(bytes).write(to: dir.appendingPathComponent(role))
                try FileManager.default.copyItem(at: pair.appendingPathComponent(other), to: dir.appendingPathComponent(other))
                do {
                    _ = try RecordingReader.read(path: dir.path)
                    outcomes["read", default: 0] += 1
                } catch let error as ToolError {
                    outcomes["exit \(error.exitCode)", default: 0] += 1
                    XCTAssertTrue(inputCodes.contains(error.exitCode), "\(role) mutation \(i): \(error.exitCode) \(error.description)")
                } catch {
                    XCTFail("\(role) mutation \(i): untyped error \(error)")
                }
                try FileManager.default.removeItem(at: dir)
            }
        }
        print("fuzz: 240 NPY-pair mutations: \(outcomes.keys.sorted().map { "\($0): \(outcomes[$0]!)" }.joined(separator: ", "))")
        XCTAssertGreaterThan(outcomes.filter { $0.key != "read" }.values.reduce(0, +), 100)
    }
}
