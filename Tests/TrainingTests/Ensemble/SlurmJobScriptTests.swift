import XCTest
import RetinaCore
@testable import Training

final class SlurmJobScriptTests: XCTestCase {
    /// The words of the script's `exec` line, undoing `shellQuoted` (single quotes, `'\''`).
    private func execWords(_ script: String) throws -> [String] {
        let line = try XCTUnwrap(script.split(separator: "\n").first { $0.hasPrefix("exec ") })
        var words: [String] = [], word = "", quoted = false, inWord = false, escaped = false
        for ch in line.dropFirst(5) {
            if escaped {
                word.append(ch); escaped = false
            } else if quoted {
                if ch == "'" { quoted = false } else { word.append(ch) }
            } else if ch == "'" {
                quoted = true; inWord = true
            } else if ch == "\\" {
                escaped = true; inWord = true
            } else if ch == " " {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(ch); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    private var options: TrainingOptions {
        var o = TrainingOptions()
        o.samples = 4096; o.minutes = 0.5; o.learningRate = 0.003; o.l2 = 1e-05; o.stimulus = .naturalistic
        o.trainFrames = 3000; o.batchSize = 32; o.smoothness = 0; o.skipPhenomena = true; o.recipeFile = "recipes/tiny recipe.json"
        return o
    }

    func testScriptHasOneTaskPerSeedAndTheTrainLineRoundTrips() throws {
        let script = try SlurmJobScript(seeds: try SeedList(parsing: "7,1,3"), outputDirectory: "runs/it's here", training: options,
                                        executable: "bin/retina-report", partition: "short", time: "0-01:30:00", cpus: 4, memoryGB: 6,
                                        workingDirectory: "/home/me")
        let text = script.text
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "#!/bin/bash")
        for expected in ["#SBATCH --array=1,3,7", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=6G", "#SBATCH --time=0-01:30:00",
                         "#SBATCH --partition=short", "set -euo pipefail", "mkdir -p '/home/me/runs/it'\\''s here'"] {
            XCTAssertTrue(lines.contains(expected), "missing '\(expected)' in:\n\(text)")
        }
        XCTAssertEqual(try execWords(text), [
            "/home/me/bin/retina-report", "train", "--output-dir", "/home/me/runs/it's here", "--seeds", "1,3,7",
            "--seed-from-env", "SLURM_ARRAY_TASK_ID", "--resume",
            "--recipe", "/home/me/recipes/tiny recipe.json", "--samples", "4096", "--minutes", "0.5", "--train-frames", "3000",
            "--batch-size", "32", "--learning-rate", "0.003", "--l2", "1e-05", "--smoothness", "0.0", "--stimulus", "naturalistic",
            "--skip-phenomena"])
        XCTAssertEqual(try execWords(text), script.trainCommand)
        // Every number is written so that it parses back to the same value.
        XCTAssertEqual(Double("1e-05"), options.l2)
        let contiguous = try SlurmJobScript(seeds: try SeedList(parsing: "1-5"), outputDirectory: "/data/e", training: TrainingOptions(),
                                            executable: "retina-report")
        XCTAssertTrue(contiguous.text.contains("#SBATCH --array=1-5\n"))
        XCTAssertFalse(contiguous.text.contains("--partition"))
        XCTAssertEqual(try execWords(contiguous.text), ["retina-report", "train", "--output-dir", "/data/e", "--seeds", "1-5",
                                                        "--seed-from-env", "SLURM_ARRAY_TASK_ID", "--resume"])
    }

    /// Members of a recording: the task line carries `--data` (absolute) and the recording options,
    /// and no `--resume` (recording training keeps no checkpoint); recording options without
    /// `--data` are refused.
    func testRecordingTasksCarryTheDataAndDoNotResume() throws {
        let script = try SlurmJobScript(seeds: try SeedList(parsing: "1-3"), outputDirectory: "/data/e", training: TrainingOptions(),
                                        executable: "retina-report",
                                        recordingArguments: ["--data", "rec/cells.h5", "--cells", "0,3", "--pairing", "next-bin"],
                                        workingDirectory: "/home/me")
        XCTAssertEqual(try execWords(script.text), ["retina-report", "train", "--output-dir", "/data/e", "--seeds", "1-3",
                                                    "--seed-from-env", "SLURM_ARRAY_TASK_ID",
                                                    "--data", "/home/me/rec/cells.h5", "--cells", "0,3", "--pairing", "next-bin"])
        XCTAssertTrue(script.text.contains("no checkpoint"), script.text)
        XCTAssertThrowsError(try SlurmJobScript(seeds: try SeedList(parsing: "1-3"), outputDirectory: "/data/e", training: TrainingOptions(),
                                                executable: "retina-report", recordingArguments: ["--cells", "0,3"])) { error in
            XCTAssertTrue("\(error)".contains("--data"), "\(error)")
            XCTAssertEqual((error as? EnsembleError)?.exitCode, 64)
        }
    }

    func testRefusesOptionsSlurmWouldReject() throws {
        let seeds = try SeedList(parsing: "1-3")
        func refused(_ option: String, _ make: () throws -> SlurmJobScript) {
            XCTAssertThrowsError(try make(), option) { error in
                XCTAssertEqual((error as? EnsembleError)?.exitCode, ExitStatus.usage)
                XCTAssertTrue("\(error)".hasPrefix(option + ":"), "\(error)")
            }
        }
        for bad in ["10:00", "1:00:00:00", "00:60:00", "00:00:60", "x-01:00:00", "01:0:00", ""] {
            refused("--time") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r", time: bad) }
        }
        for good in ["00:10:00", "100:00:00", "2-00:00:00"] {
            XCTAssertNoThrow(try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r", time: good), good)
        }
        refused("--cpus") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r", cpus: 0) }
        refused("--mem") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r", memoryGB: 0) }
        refused("--partition") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r", partition: "a b") }
        refused("--output-dir") { try SlurmJobScript(seeds: seeds, outputDirectory: "", training: TrainingOptions(), executable: "r") }
        refused("--seeds") { try SlurmJobScript(seeds: try SeedList(parsing: "4000001"), outputDirectory: "/e", training: TrainingOptions(), executable: "r") }
        var seeded = TrainingOptions(); seeded.seed = 3
        refused("--seed") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: seeded, executable: "r") }
    }

    /// A control character in any value would end the line it is written into (issue #23): refused
    /// with 64 naming the option; every word of the task line is single-quoted.
    func testControlCharactersAreRefusedAndEveryWordIsQuoted() throws {
        let seeds = try SeedList(parsing: "1-3")
        func refused(_ option: String, _ make: () throws -> SlurmJobScript) {
            XCTAssertThrowsError(try make(), option) { error in
                XCTAssertEqual((error as? EnsembleError)?.exitCode, ExitStatus.usage)
                XCTAssertTrue("\(error)".hasPrefix(option + ":") && "\(error)".contains("control characters"), "\(error)")
            }
        }
        for bad in ["ens\ntouch pwned #", "e\r", "e\u{0}x", "e\u{1B}[1m", "e\u{7F}", "e\u{85}"] {
            refused("--output-dir") { try SlurmJobScript(seeds: seeds, outputDirectory: bad, training: TrainingOptions(), executable: "r") }
        }
        refused("--executable") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r\nid") }
        var withRecipe = TrainingOptions(); withRecipe.recipeFile = "/r\n.json"
        refused("--recipe") { try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: withRecipe, executable: "r") }
        refused("--cells") {
            try SlurmJobScript(seeds: seeds, outputDirectory: "/e", training: TrainingOptions(), executable: "r",
                               recordingArguments: ["--data", "/d.h5", "--cells", "0\n1"])
        }
        let script = try SlurmJobScript(seeds: seeds, outputDirectory: "/e f", training: TrainingOptions(), executable: "r")
        let exec = try XCTUnwrap(script.text.split(separator: "\n").first { $0.hasPrefix("exec ") })
        XCTAssertEqual(exec, "exec 'r' 'train' '--output-dir' '/e f' '--seeds' '1-3' '--seed-from-env' 'SLURM_ARRAY_TASK_ID' '--resume'")
        XCTAssertEqual(SlurmJobScript.shellQuoted("it's"), "'it'\\''s'")
    }

    func testTrainingOptionsResolveIntoTheRecipe() throws {
        var o = TrainingOptions()
        o.seed = 4; o.samples = 2048; o.validationFrames = 100; o.patience = 3; o.stimulus = .naturalistic
        let r = try o.resolvedRecipe(base: TinyTraining.recipe())
        XCTAssertEqual(r.seed, 4); XCTAssertEqual(r.trainingSamples, 2048); XCTAssertEqual(r.validationFrames, 100)
        XCTAssertEqual(r.validationWindows, 61); XCTAssertEqual(r.earlyStoppingPatience, 3)
        XCTAssertEqual(r.stimulus, TrainingStimulusPreset.naturalistic.recipe)
        XCTAssertEqual(r.trainFrames, TinyTraining.recipe().trainFrames, "unset options keep the base")
        o.batchSize = 1
        XCTAssertThrowsError(try o.resolvedRecipe()) { XCTAssertTrue("\($0)".contains("'batchSize (--batch-size)'"), "\($0)") }
        o.batchSize = nil; o.recipeFile = "/nonexistent/recipe.json"
        XCTAssertThrowsError(try o.resolvedRecipe()) { XCTAssertTrue("\($0)".contains("cannot read '/nonexistent/recipe.json'"), "\($0)") }
    }
}
