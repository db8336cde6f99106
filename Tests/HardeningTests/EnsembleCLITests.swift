import Foundation
import XCTest

/// `train --seeds/--output-dir/--seed-from-env`, `slurm-script` and `inspect DIR` through the real
/// executable (tiny recipes: a member trains in about a second).
final class EnsembleCLITests: XCTestCase {
    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the tool with `environment` added to this process's, capturing both streams via files.
    private func run(_ arguments: [String], environment: [String: String] = [:], removing: [String] = [], in directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = try toolExecutable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for k in removing { env[k] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = directory.appendingPathComponent(".stdout-\(UUID().uuidString)"), err = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); XCTFail("retina-report \(arguments) did not finish in 120 s") }
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    private let tiny = ["--samples", "256", "--batch-size", "32", "--train-frames", "1000", "--validation-frames", "200",
                        "--test-frames", "200", "--evaluate-every", "128", "--learning-rate", "0.003", "--l2", "1e-05",
                        "--stimulus", "naturalistic", "--skip-phenomena"]

    /// The train line of each array task, parsed by the real `train`, resolves to the recipe of a
    /// plain `train --seed <task id>` with the same options.
    func testTheSlurmTaskLineParsesToTheSameRecipe() throws {
        let dir = try makeScratchFolder(self)
        let script = try run(["slurm-script", "--seeds", "1,3,7", "--output-dir", "ens", "--time", "00:05:00"] + tiny, in: dir)
        XCTAssertEqual(script.status, 0, script.stderr)
        XCTAssertTrue(script.stdout.contains("#SBATCH --array=1,3,7\n"), script.stdout)
        let line = try XCTUnwrap(script.stdout.split(separator: "\n").first { $0.hasPrefix("exec ") })
        // Every word is single-quoted (SlurmJobScript.shellQuoted); read it back as the shell does.
        let words = Array(try XCTUnwrap(Self.posixWords(String(line))).dropFirst(2))   // drop `exec` and the executable
        XCTAssertEqual(Array(words.prefix(9)), ["train", "--output-dir", dir.appendingPathComponent("ens").standardizedFileURL.path,
                                                 "--seeds", "1,3,7", "--seed-from-env", "SLURM_ARRAY_TASK_ID", "--resume"] + [tiny[0]])
        let task = try run(words + ["--print-recipe"], environment: ["SLURM_ARRAY_TASK_ID": "3"], in: dir)
        XCTAssertEqual(task.status, 0, task.stderr)
        let plain = try run(["train", "--output", "m.safetensors", "--seed", "3"] + tiny + ["--print-recipe"], in: dir)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(task.stdout, plain.stdout)
        XCTAssertTrue(task.stdout.contains("\"learningRate\" : 0.003"), task.stdout)
        XCTAssertTrue(task.stdout.contains("\"seed\" : 3"), task.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("ens").path), "--print-recipe writes nothing")

        let unset = try run(words, removing: ["SLURM_ARRAY_TASK_ID"], in: dir)
        XCTAssertEqual(unset.status, 64)
        XCTAssertTrue(unset.stderr.contains("SLURM_ARRAY_TASK_ID") && unset.stderr.contains("unset"), unset.stderr)
        let stray = try run(words, environment: ["SLURM_ARRAY_TASK_ID": "4"], in: dir)
        XCTAssertEqual(stray.status, 64)
        XCTAssertTrue(stray.stderr.contains("expected one of --seeds 1,3,7, found 4"), stray.stderr)
    }

    /// Two members trained, listed by `inspect DIR`, skipped by a second run; an unfinished member
    /// makes `inspect` refuse the folder naming it.
    func testTrainSeedsThenInspectTheEnsemble() throws {
        let dir = try makeScratchFolder(self)
        let trained = try run(["train", "--output-dir", "ens", "--seeds", "1-2", "--quiet"] + tiny, in: dir)
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertEqual(trained.stdout.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent },
                       ["member-1.safetensors", "member-2.safetensors"])
        let inspect = try run(["inspect", "ens"], in: dir)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("members: 2"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("ensemble.json: seeds 1-2"), inspect.stdout)

        let again = try run(["train", "--output-dir", "ens", "--seeds", "1-2"] + tiny, in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("[2/2] member-2.safetensors: already trained with this recipe, skipped"), again.stderr)

        let other = try run(["train", "--output-dir", "ens", "--seeds", "2"] + tiny, in: dir)
        XCTAssertEqual(other.status, 64)
        XCTAssertTrue(other.stderr.contains("describes another ensemble: seeds expected 1-2 or a list containing them, found 2"), other.stderr)

        try Data("x".utf8).write(to: dir.appendingPathComponent("ens/member-3.safetensors.checkpoint"))
        let unfinished = try run(["inspect", "ens"], in: dir)
        XCTAssertEqual(unfinished.status, 64)
        XCTAssertTrue(unfinished.stderr.contains("member-3.safetensors' is not finished"), unfinished.stderr)
    }

    /// `line` split into words as a POSIX shell reads unquoted spaces, single quotes and `\'`
    /// (the only quoting `SlurmJobScript.shellQuoted` writes); nil for an unterminated quote.
    static func posixWords(_ line: String) -> [String]? {
        var words: [String] = [], word = "", inWord = false, quoted = false, escaped = false
        for c in line {
            if quoted {
                if c == "'" { quoted = false } else { word.append(c) }
            } else if escaped {
                word.append(c); escaped = false
            } else if c == "'" {
                quoted = true; inWord = true
            } else if c == "\\" {
                escaped = true; inWord = true
            } else if c == " " {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(c); inWord = true
            }
        }
        if quoted || escaped { return nil }
        if inWord { words.append(word) }
        return words
    }

    /// The reader above against hand-quoted words, so the task-line test cannot pass by a reader
    /// that drops quotes wrongly: `'it'\''s'` is `it's`, `'a b'` one word, `''` an empty word.
    func testPosixWordsReadsSingleQuotedWords() {
        XCTAssertEqual(Self.posixWords(#"'plain' 'it'\''s' 'a b' '$(x) `y` ;#' '' x"#),
                       ["plain", "it's", "a b", "$(x) `y` ;#", "", "x"])
        XCTAssertNil(Self.posixWords("'open"))
    }
}
