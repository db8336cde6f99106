import Foundation
import XCTest

/// Issue #23, smaller items, as a user runs them: numbers that overflowed `Int` arithmetic, integer
/// lists that accepted `c+1`, a short recording that trapped in training, and `validate --json`
/// replacing a file without `--overwrite`. Each is a clean 64/65/73 within seconds, nothing left.
final class HostileArgumentsCLITests: XCTestCase {
    let fixtures = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures")

    func assertRun(_ arguments: [String], in folder: URL, exit: Int32, _ fragments: [String],
                   file: StaticString = #filePath, line: UInt = #line) throws {
        let started = Date()
        let run = try runTool(arguments, in: folder, timeout: 60, file: file, line: line)
        XCTAssertEqual(run.status, exit, "\(arguments.joined(separator: " ")): \(run.stderr)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(run.stderr.contains(fragment), "'\(fragment)' not in: \(run.stderr)", file: file, line: line)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "\(arguments.joined(separator: " ")) took too long", file: file, line: line)
    }

    func testOverflowingNumbersAndSignedListsAreRefused() throws {
        let folder = try makeScratchFolder(self)
        let data = fixtures.appendingPathComponent("deep_retina_small.h5").path
        try assertRun(["train", "--output", "m.safetensors", "--samples", "9223372036854775807"], in: folder, exit: 64, ["trainingSamples", "--samples"])
        try assertRun(["train", "--output", "m.safetensors", "--batch-size", "9223372036854775807"], in: folder, exit: 64, ["batchSize"])
        try assertRun(["train", "--output", "m.safetensors", "--data", data, "--crop", "9223372036854775807,0,1"], in: folder, exit: 64, ["--crop", "8×8"])
        try assertRun(["train", "--output", "m.safetensors", "--data", data, "--crop", "0,0,9223372036854775807"], in: folder, exit: 64, ["--crop"])
        try assertRun(["train", "--output", "m.safetensors", "--data", data, "--crop", "0,0,99999999999999999999"], in: folder, exit: 64, ["--crop", "outside the integer range"])
        for cells in ["c+1", "+1", "1,,2", "0x1", "1e0"] {
            try assertRun(["train", "--output", "m.safetensors", "--data", data, "--cells", cells], in: folder, exit: 64, ["--cells"])
        }
        XCTAssertEqual(entries(folder), [])
    }

    /// Hostile pass: `--train-frames`/`--validation-frames` of Int.max trapped (SIGILL), 10⁸ train
    /// frames aborted allocating 1 TB, 10¹² test frames ran on at 3.5 GB. Now 64 at once, nothing written.
    func testSimulatedFrameCountsAreBoundedBeforeAnyAllocation() throws {
        let folder = try makeScratchFolder(self)
        let base = ["train", "-q", "--output", "m.safetensors"]
        try assertRun(base + ["--train-frames", "9223372036854775807"], in: folder, exit: 64,
                      ["trainFrames (--train-frames)", "≤ 100000000 frames", "found 9223372036854775807"])
        try assertRun(base + ["--validation-frames", "9223372036854775807"], in: folder, exit: 64,
                      ["validationFrames (--validation-frames)", "≤ 100000000 frames", "found 9223372036854775807"])
        try assertRun(base + ["--test-frames", "1000000000000"], in: folder, exit: 64,
                      ["testFrames (--test-frames)", "≤ 100000000 frames", "found 1000000000000"])
        try assertRun(base + ["--train-frames", "100000000"], in: folder, exit: 64,
                      ["--train-frames", "at most 17179869184 bytes (16 GiB)", "found 100040000 frames: 1006802560000 bytes"])
        try assertRun(["train", "-q", "--output-dir", "ens", "--seeds", "1-2", "--train-frames", "100000000"], in: folder, exit: 64,
                      ["--train-frames", "at most 17179869184 bytes"])
        XCTAssertEqual(entries(folder), [])
    }

    /// Hostile pass: absurd recipe values on the command line and in a `--recipe` file (made from
    /// `train --print-recipe` with one field changed) started simulating 2.4 GB of data. Now 64 at
    /// once, naming the field and its option, nothing written.
    func testAbsurdRecipeValuesAreRefusedBeforeSimulating() throws {
        let folder = try makeScratchFolder(self)
        let base = ["train", "-q", "--skip-phenomena", "--output", "m.safetensors"]
        try assertRun(base + ["--learning-rate", "1e308"], in: folder, exit: 64, ["learningRate (--learning-rate)", "in (0, 1]", "found 1e+308"])
        try assertRun(base + ["--smoothness", "1e308"], in: folder, exit: 64, ["conv1TemporalSmoothness (--smoothness)", "0 … 1000", "found 1e+308"])
        try assertRun(base + ["--evaluate-every", "9223372036854775807"], in: folder, exit: 64,
                      ["evaluationIntervalSamples (--evaluate-every)", "found 9223372036854775807"])
        let printed = try runTool(base + ["--print-recipe"], in: folder, captureStandardOutput: true)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let shipped = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [[String: Any]])?.first)
        let edits: [(String, (inout [String: Any]) -> Void, [String])] = [
            ("bnEpsilon", { r in var a = r["architecture"] as! [String: Any]; a["bnEpsilon"] = -1; r["architecture"] = a }, ["architecture.bnEpsilon", "found -1.0"]),
            ("channels", { r in var a = r["architecture"] as! [String: Any]; a["conv1Channels"] = 1_000_000; r["architecture"] = a }, ["architecture.conv1Channels", "found 1000000"]),
            ("height", { r in var a = r["architecture"] as! [String: Any]; a["height"] = 1_000_000_000; r["architecture"] = a }, ["architecture.height", "found 1000000000"]),
            ("screen", { r in var s = r["stimulus"] as! [String: Any]; s["screenHeight"] = 1_000_000_000; r["stimulus"] = s }, ["stimulus.screenHeight", "found 1000000000"]),
            ("kernel", { r in var a = r["architecture"] as! [String: Any]; a["conv1Kernel"] = 0; r["architecture"] = a }, ["architecture.conv1Kernel", "found 0"]),
            ("share", { r in var s = r["stimulus"] as! [String: Any]; s["fullFieldFlickerShare"] = 5; r["stimulus"] = s }, ["stimulus.fullFieldFlickerShare", "found 5.0"]),
            ("multiplier", { r in r["outputScaleLearningRateMultiplier"] = 1e308 }, ["outputScaleLearningRateMultiplier", "found 1e+308"]),
            ("esc", { r in r["name"] = "bad\u{1B}[31mred" }, ["'name'", "U+001B"]),
            ("newline", { r in r["name"] = "two\nlines" }, ["'name'", "U+000A"]),
        ]
        for (label, edit, fragments) in edits {
            var recipe = shipped
            edit(&recipe)
            try JSONSerialization.data(withJSONObject: recipe).write(to: folder.appendingPathComponent("\(label).json"))
            try assertRun(base + ["--recipe", "\(label).json"], in: folder, exit: 64, fragments)
            try assertRun(["slurm-script", "--seeds", "1-2", "--output-dir", "e", "--recipe", "\(label).json"], in: folder, exit: 64, fragments)
        }
        XCTAssertEqual(entries(folder), edits.map { "\($0.0).json" }.sorted())
    }

    /// Hostile pass: `run --bar-speed 1e308` worked 51 s and exited 1, `--bar-speed 1e-300` blamed
    /// `reversal.approachDistancePixels`, and `run --cells +1` (a README example of 64) was accepted.
    func testRunBarSpeedAndSignedCellsAreRefusedUpFront() throws {
        let folder = try makeScratchFolder(self)
        let run = ["run", "--model", shippedModel.path, "--output", "out", "--print-parameters"]
        for speed in ["1e308", "1e-300", "nan", "0"] {
            try assertRun(run + ["--bar-speed", speed], in: folder, exit: 64,
                          ["parameter '--bar-speed (reversal.speedsPixelsPerFrame, anticipation.speedsPixelsPerFrame)'",
                           "expected a finite speed of 0.01 … 10 px/frame", "found \(Double(speed)!)"])
        }
        try assertRun(run + ["--set", "reversal.speedsPixelsPerFrame=[1e308]"], in: folder, exit: 64,
                      ["parameter 'reversal.speedsPixelsPerFrame'", "0.01 … 10 px/frame", "found [1e+308]"])
        for cells in ["+1", "+0", "0,+1", "1e0", "0x1"] {
            try assertRun(run + ["--cells", cells], in: folder, exit: 64,
                          ["parameter '--cells'", "cell indices of digits only"])
        }
        XCTAssertEqual(entries(folder), [])
    }

    func testShortRecordingIsRefusedBeforeTraining() throws {
        let folder = try makeScratchFolder(self)
        for name in ["short_with_test.h5", "short_no_test.h5"] {
            let data = fixtures.appendingPathComponent("hostile/\(name)").path
            try assertRun(["train", "--output", "m.safetensors", "--data", data, "-q"], in: folder, exit: 65, [name, "training movie", "history 60"])
        }
        XCTAssertEqual(entries(folder), [])
    }

    /// A named pipe as the recording, or as the target of an external link inside one, blocked
    /// forever (H5Fis_hdf5 / H5Oopen); /dev/zero gave 65. All are 66 at once, for both commands.
    func testPipesAndDevicesAsRecordingsAreRefusedAtOnce() throws {
        let folder = try makeScratchFolder(self)
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.h5").path, 0o644), 0)
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.nwb").path, 0o644), 0)
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("elsewhere.h5").path, 0o644), 0)  // the link's target
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("hostile/external_link.h5"),
                                         to: folder.appendingPathComponent("linked.h5"))
        for (input, fragment) in [("pipe.h5", "named pipe"), ("pipe.nwb", "named pipe"), ("/dev/zero", "device node"), ("linked.h5", "external link")] {
            try assertRun(["inspect-data", input], in: folder, exit: 66, [input, fragment])
            try assertRun(["train", "--output", "m.safetensors", "--data", input], in: folder, exit: 66, [input, fragment])
        }
        XCTAssertEqual(entries(folder), ["elsewhere.h5", "linked.h5", "pipe.h5", "pipe.nwb"])
    }

    func testValidateJSONNeedsOverwriteAndIsCheckedBeforeTheWork() throws {
        let folder = try makeScratchFolder(self)
        let existing = folder.appendingPathComponent("v.json")
        try Data("keep".utf8).write(to: existing)
        let started = Date()
        try assertRun(["validate", "--json", "v.json"], in: folder, exit: 73, ["v.json", "--overwrite"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "refused only after measuring")
        XCTAssertEqual(try Data(contentsOf: existing), Data("keep".utf8))
        try assertRun(["validate", "--json", "missing/v.json"], in: folder, exit: 73, ["does not exist"])
        XCTAssertEqual(entries(folder), ["v.json"])
    }

    /// Hostile pass: `validate --model M --json /proc/x.json` (and /sys, /proc/self) was refused with
    /// 73 only after ~30 s of measuring: /proc looks like a folder but takes no new file. The output
    /// check now creates and removes a probe file, so every output option fails at once.
    func testOutputsOnVirtualFileSystemsAreRefusedAtOnce() throws {
        let folder = try makeScratchFolder(self)
        for target in ["/proc/x.json", "/proc/self/x.json"] {
            let started = Date()
            try assertRun(["validate", "--model", shippedModel.path, "--json", target], in: folder, exit: 73,
                          ["cannot create file '\(target)'", "--json", "does not accept new files"])
            XCTAssertLessThan(Date().timeIntervalSince(started), 3, "refused only after measuring")
            try assertRun(["validate", "--json", target], in: folder, exit: 73, ["--json", "does not accept new files"])
        }
        try assertRun(["validate", "--model", shippedModel.path, "--json", "/sys/x.json"], in: folder, exit: 73, ["'/sys/x.json'", "--json", "'/sys'"])
        try assertRun(["train", "-q", "--output", "/proc/m.safetensors"], in: folder, exit: 73, ["--output", "does not accept new files"])
        try assertRun(["predict", "--model", shippedModel.path, "--stimulus", "s.npy", "--output", "/proc/r.npy"], in: folder, exit: 73,
                      ["--output", "does not accept new files"])
        // A writable folder passes, and the probe leaves nothing behind.
        try assertRun(["train", "-q", "--output", "m.safetensors", "--batch-size", "1"], in: folder, exit: 64, ["batchSize"])
        XCTAssertEqual(entries(folder), [])
    }
}
