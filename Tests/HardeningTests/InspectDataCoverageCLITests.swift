import Foundation
import XCTest
import ArrayIO

/// `inspect-data FILE --history N`: the memory-coverage check of a recording for a model of window N
/// (the door for models trained elsewhere, e.g. converted torch-deep-retina checkpoints).
final class InspectDataCoverageCLITests: XCTestCase {
    /// Runs the tool and returns (status, stdout, stderr).
    private func run(_ arguments: [String], in folder: URL) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = try toolExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = folder.appendingPathComponent("stdout.txt"), err = folder.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// An NPY pair of one linear cell (filter: fast lobe at 6 frames, slow lobe at 50 ± 8 frames) on
    /// 4 × 4 white noise: a 30-frame window misses the slow lobe (warned), 90 frames covers it.
    func testCoverageOfANPYPairForTwoWindows() throws {
        let folder = try makeScratchFolder(self)
        let pair = folder.appendingPathComponent("pair")
        try FileManager.default.createDirectory(at: pair, withIntermediateDirectories: false)
        let frames = 8_000, lags = 80
        var rng = SplitMix(seed: 3)
        let s = (0..<frames * 16).map { _ in Float(rng.uniform() * 2 - 1) }
        let k = (0..<lags).map { t -> Double in -exp(-pow((Double(t) - 6) / 3, 2)) + 0.5 * exp(-pow((Double(t) - 50) / 8, 2)) }
        var y = [Float](repeating: 0, count: frames)
        for t in 0..<frames {
            var sum = 0.0
            for tau in 0..<min(lags, t + 1) {
                var mean = 0.0
                for p in 0..<16 { mean += Double(s[(t - tau) * 16 + p]) }
                sum += k[tau] * mean / 16
            }
            y[t] = Float(max(0, 20 + 40 * sum))
        }
        try NPYArray(shape: [frames, 4, 4], values: s).write(to: pair.appendingPathComponent("stimulus.npy"))
        try NPYArray(shape: [frames, 1], values: y).write(to: pair.appendingPathComponent("responses.npy"))

        let (shortStatus, shortOut, _) = try run(["inspect-data", "pair", "--history", "30"], in: folder)
        XCTAssertEqual(shortStatus, 0)
        XCTAssertTrue(shortOut.contains("Memory coverage: 30-frame window"), shortOut)
        XCTAssertTrue(shortOut.contains("Below 95 %"), shortOut)
        let (longStatus, longOut, _) = try run(["inspect-data", "pair", "--history", "90"], in: folder)
        XCTAssertEqual(longStatus, 0)
        XCTAssertTrue(longOut.contains("Memory coverage: 90-frame window"), longOut)
        XCTAssertFalse(longOut.contains("Below 95 %"), longOut)
    }

    /// Too short a training block to estimate filters: 65 naming the file and the frames; a window
    /// out of range: 64 naming --history.
    func testRefusals() throws {
        let folder = try makeScratchFolder(self)
        let small = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/deep_retina_small.h5").path
        let (status, _, err) = try run(["inspect-data", small, "--history", "40"], in: folder)
        XCTAssertEqual(status, 65, err)
        XCTAssertTrue(err.contains("deep_retina_small.h5") && err.contains("found 78 frames"), err)
        let (bad, _, badErr) = try run(["inspect-data", small, "--history", "0"], in: folder)
        XCTAssertEqual(bad, 64)
        XCTAssertTrue(badErr.contains("--history"), badErr)
    }

    /// A file NAME with ESC, U+202E and a newline reached the terminal raw ("file: …" line and the
    /// dataset paths); HDF5 names were already escaped. Now every line is escaped the same way.
    func testControlCharactersInTheFileNameAreEscaped() throws {
        let folder = try makeScratchFolder(self)
        let source = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/deep_retina_small.h5")
        let name = "we\u{1B}[2Jird\u{202E}\nname.h5"
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
        let (status, stdout, stderr) = try run(["inspect-data", name], in: folder)
        XCTAssertEqual(status, 0, stderr)
        XCTAssertFalse(stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, stdout)
        XCTAssertTrue(stdout.hasPrefix("file: we\\u{1B}[2Jird\\u{202E}\\u{A}name.h5\n"), stdout)
    }
}

/// SplitMix64, enough for a test fixture's noise.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
