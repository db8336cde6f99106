import Foundation
import XCTest

/// `slurm-script` as a user runs it (issue #23): no value can inject a command or an `#SBATCH`
/// directive into the script, and recording options are checked as `train --data` checks them,
/// before anything is printed.
final class SlurmScriptCLITests: XCTestCase {
    let recording = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/deep_retina_small.h5").path

    /// Control characters in any value: 64 naming the option, and an empty stdout (no script).
    func testControlCharactersAreRefusedNamingTheOption() throws {
        let folder = try makeScratchFolder(self)
        let cases: [(String, [String])] = [
            ("--output-dir", ["--output-dir", "ens\ntouch pwned #"]),
            ("--output-dir", ["--output-dir", "ens\r#SBATCH --wrap=x"]),
            ("--executable", ["--output-dir", "e", "--executable", "bin/r\u{1B}[2J"]),
            ("--recipe", ["--output-dir", "e", "--recipe", "r\necho hi.json"]),
            ("--data", ["--output-dir", "e", "--data", "rec\n.h5"]),
            ("--response", ["--output-dir", "e", "--data", recording, "--response", "binned\ntouch pwned"]),
        ]
        for (option, words) in cases {
            let run = try runTool(["slurm-script", "--seeds", "1-3"] + words, in: folder, captureStandardOutput: true)
            XCTAssertEqual(run.status, 64, "\(words): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(option) && run.stderr.contains("control characters"), "\(words): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(words): a script was printed")
        }
        XCTAssertEqual(entries(folder), [], "nothing created")
    }

    /// Shell metacharacters stay literal: the script, run by bash with `/bin/echo` as the
    /// executable, passes every value through unchanged and runs nothing else.
    func testEveryValueIsSingleQuotedAndRunsNothing() throws {
        let folder = try makeScratchFolder(self)
        let hostile = "ens'; touch pwned1 #$(touch pwned2)`touch pwned3`\\"
        let run = try runTool(["slurm-script", "--seeds", "1,3", "--output-dir", hostile, "--executable", "/bin/echo"],
                              in: folder, captureStandardOutput: true)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").filter { $0.hasPrefix("#SBATCH") }.count, 4, run.stdout)
        let script = folder.appendingPathComponent("job.sh")
        try Data(run.stdout.utf8).write(to: script)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = [script.path]
        bash.currentDirectoryURL = folder
        let out = Pipe()
        bash.standardOutput = out
        bash.standardError = FileHandle.nullDevice
        try bash.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bash.waitUntilExit()
        XCTAssertEqual(bash.terminationStatus, 0)
        let absolute = folder.appendingPathComponent(hostile).standardizedFileURL.path
        XCTAssertEqual(printed, "train --output-dir \(absolute) --seeds 1,3 --seed-from-env SLURM_ARRAY_TASK_ID --resume\n")
        XCTAssertEqual(entries(folder).filter { $0.hasPrefix("pwned") }, [], "a value ran as a command")
        XCTAssertTrue(FileManager.default.fileExists(atPath: absolute), "mkdir -p made the literal folder")
    }

    /// `--executable ''` printed `exec '' train …` and `--time 00:00:00` (Slurm: no limit) was
    /// accepted: both 64 naming the option, no script printed.
    func testEmptyExecutableAndZeroWallTimeAreRefused() throws {
        let folder = try makeScratchFolder(self)
        let cases: [([String], String, String)] = [
            (["--executable", ""], "--executable", "an empty string"),
            (["--time", "00:00:00"], "--time", "'00:00:00'"),
            (["--time", "0-00:00:00"], "--time", "'0-00:00:00'"),
        ]
        for (words, option, found) in cases {
            let run = try runTool(["slurm-script", "--seeds", "1-3", "--output-dir", "e"] + words, in: folder, captureStandardOutput: true)
            XCTAssertEqual(run.status, 64, "\(words): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(option) && run.stderr.contains(found), "\(words): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(words): a script was printed")
        }
        let minute = try runTool(["slurm-script", "--seeds", "1-3", "--output-dir", "e", "--time", "00:01:00"], in: folder, captureStandardOutput: true)
        XCTAssertEqual(minute.status, 0, minute.stderr)
        XCTAssertTrue(minute.stdout.contains("#SBATCH --time=00:01:00"), minute.stdout)
    }

    /// `--data` and its options are checked before printing, with train --data's exit codes.
    func testRecordingOptionsAreCheckedBeforePrinting() throws {
        let folder = try makeScratchFolder(self)
        // The default recipe with kernels that fit the fixture's 8 × 8 frames.
        let printed = try runTool(["train", "--output", "m.safetensors", "--print-recipe", "--history", "20"], in: folder, captureStandardOutput: true)
        var recipe = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [[String: Any]])?.first)
        var architecture = try XCTUnwrap(recipe["architecture"] as? [String: Any])
        architecture["conv1Kernel"] = 3; architecture["conv2Kernel"] = 3
        recipe["architecture"] = architecture; recipe["batchSize"] = 16
        try JSONSerialization.data(withJSONObject: recipe).write(to: folder.appendingPathComponent("recipe.json"))
        let base = ["slurm-script", "--seeds", "1-3", "--output-dir", "e", "--recipe", "recipe.json"]
        let cases: [([String], Int32, String)] = [
            (["--data", "missing.h5"], 66, "missing.h5"),
            (["--data", recording, "--cells", "0,9"], 64, "--cells"),
            (["--data", recording, "--cells", "c+1"], 64, "--cells"),
            (["--data", recording, "--crop", "9223372036854775807,0,1"], 64, "--crop"),
            (["--data", recording, "--crop", "0,0"], 64, "--crop"),
            (["--data", recording, "--response", "nope"], 64, "--response"),
            (["--cells", "0"], 64, "--data"),
            // Options the deep-retina reader does not use were silently ignored (hostile pass).
            (["--data", recording, "--series", "movie"], 64, "--series"),
            (["--data", recording, "--series", ""], 64, "--series"),
            (["--data", recording, "--responses", "r.npy"], 64, "--responses"),
        ]
        for (words, status, fragment) in cases {
            let run = try runTool(base + words, in: folder, captureStandardOutput: true)
            XCTAssertEqual(run.status, status, "\(words): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(fragment), "\(words): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(words): a script was printed")
        }
        let wide = try runTool(["slurm-script", "--seeds", "1-3", "--output-dir", "e", "--history", "20", "--data", recording],
                               in: folder, captureStandardOutput: true)
        XCTAssertEqual(wide.status, 64, "default kernels do not fit 8 × 8 frames: \(wide.stderr)")
        XCTAssertEqual(wide.stdout, "")
        let short = try runTool(["slurm-script", "--seeds", "1-3", "--output-dir", "e", "--recipe", "recipe.json", "--history", "70", "--data", recording],
                                in: folder, captureStandardOutput: true)
        XCTAssertEqual(short.status, 65, "a 70-frame window does not fit the 78-frame recording: \(short.stderr)")
        XCTAssertTrue(short.stderr.contains("frames"), short.stderr)
        XCTAssertEqual(short.stdout, "")
        let good = try runTool(base + ["--data", recording, "--cells", "1,0"], in: folder, captureStandardOutput: true)
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(good.stdout.contains("'--data' '\(recording)' '--cells' '1,0'"), good.stdout)
    }
}
