import Foundation

/// The sbatch script of `retina-report slurm-script` (docs/cluster.md §4): one Slurm array task
/// per ensemble member, the task id being the member's seed (`#SBATCH --array=1-5`, or `1,3,7` for scattered seeds). Each task
/// runs
///
///     <executable> train --output-dir DIR --seeds <all> --seed-from-env SLURM_ARRAY_TASK_ID --resume [options]
///
/// so it trains exactly its member into the shared directory, writes the same `ensemble.json` as its
/// siblings, continues its own checkpoint if the task is requeued, and skips a member that is
/// already finished. Paths are made absolute (a task may start in another directory).
///
/// Invariants of the text (it is run by a shell, and `#SBATCH` lines are read by sbatch):
/// - every word of the `mkdir` and `exec` lines, and the folder named in the comment, is single-quoted
///   (POSIX: `'` inside becomes `'\''`), so no value is ever parsed by the shell;
/// - no value holds a control character (NUL, newline, CR, ESC, … — Unicode class Cc): one would end
///   a comment or directive line and start a command, so `init` refuses it (64 naming the option);
/// - `#SBATCH` values are numbers or checked names (`--partition`, `--time`).
///
/// Slurm limits array task ids to `MaxArraySize − 1` (1000 by default); seeds above
/// ``maximumTaskID`` are refused, larger ones need the cluster's `MaxArraySize` raised.
public struct SlurmJobScript: Sendable, Equatable {
    public var seeds: SeedList
    /// Absolute ensemble directory.
    public var outputDirectory: String
    public var training: TrainingOptions
    /// The `retina-report` to run on the nodes (absolute path, or a name on the nodes' PATH).
    public var executable: String
    public var jobName: String = "retina-ensemble"
    public var partition: String?
    /// Wall time per member, `[D-]HH:MM:SS`.
    public var time: String?
    /// CPUs per task (the engine uses 2 worker threads).
    public var cpus: Int = 2
    /// Memory per task in GB.
    public var memoryGB: Int?
    /// The recording options of `train --data` (`--data F` and any of `--cells`, `--crop`,
    /// `--response`, `--series`, `--responses`, `--pairing`, paths made absolute); empty = the
    /// simulated retina. Recording training keeps no checkpoint, so such tasks run without
    /// `--resume` and a requeued task trains its member again.
    public var recordingArguments: [String] = []

    /// Slurm's hard ceiling on array task ids (`MaxArraySize` ≤ 4000001).
    public static let maximumTaskID: UInt64 = 4_000_000
    /// The environment variable Slurm sets to the task id.
    public static let taskVariable = "SLURM_ARRAY_TASK_ID"

    /// Validates the Slurm options (64 naming the option) and resolves relative paths against
    /// `workingDirectory`.
    public init(seeds: SeedList, outputDirectory: String, training: TrainingOptions, executable: String,
                partition: String? = nil, time: String? = nil, cpus: Int = 2, memoryGB: Int? = nil,
                recordingArguments: [String] = [],
                workingDirectory: String = FileManager.default.currentDirectoryPath) throws {
        if let big = seeds.seeds.first(where: { $0 > Self.maximumTaskID }) {
            throw EnsembleError.invalidOption(option: "--seeds", expected: "seeds ≤ \(Self.maximumTaskID) (Slurm array task ids)", found: "\(big)")
        }
        guard !outputDirectory.isEmpty else { throw EnsembleError.invalidOption(option: "--output-dir", expected: "a folder path", found: "an empty string") }
        try Self.refuseControlCharacters(option: "--output-dir", outputDirectory)
        // An empty executable would print `exec '' train …`: every task fails with "command not found".
        guard !executable.isEmpty else {
            throw EnsembleError.invalidOption(option: "--executable", expected: "the retina-report executable on the nodes (a path or a command name)", found: "an empty string")
        }
        try Self.refuseControlCharacters(option: "--executable", executable)
        try Self.refuseControlCharacters(inArguments: recordingArguments)
        try Self.refuseControlCharacters(inArguments: training.arguments)
        guard training.seed == nil else {
            throw EnsembleError.invalidOption(option: "--seed", expected: "no --seed (each task's seed is its array task id)", found: "--seed \(training.seed!)")
        }
        if let p = partition, p.isEmpty || !p.allSatisfy({ $0.isLetter || $0.isNumber || "-_.,".contains($0) }) {
            throw EnsembleError.invalidOption(option: "--partition", expected: "a partition name (letters, digits, - _ . ,)", found: "'\(p)'")
        }
        if let t = time, !Self.isWallTime(t) {
            throw EnsembleError.invalidOption(option: "--time", expected: "a wall time HH:MM:SS or D-HH:MM:SS (minutes and seconds < 60)", found: "'\(t)'")
        }
        // Slurm reads a zero wall time as "no limit": a member could then hold its node forever.
        if let t = time, t.allSatisfy({ $0 == "0" || $0 == ":" || $0 == "-" }) {
            throw EnsembleError.invalidOption(option: "--time", expected: "a wall time > 0 (Slurm reads 0 as no time limit)", found: "'\(t)'")
        }
        guard (1...1024).contains(cpus) else { throw EnsembleError.invalidOption(option: "--cpus", expected: "1 … 1024", found: "\(cpus)") }
        if let m = memoryGB, !(1...65536).contains(m) {
            throw EnsembleError.invalidOption(option: "--mem", expected: "1 … 65536 (GB)", found: "\(m)")
        }
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).standardizedFileURL.path
        }
        var training = training
        training.recipeFile = training.recipeFile.map(absolute)
        self.seeds = seeds; self.outputDirectory = absolute(outputDirectory); self.training = training
        self.executable = executable.contains("/") ? absolute(executable) : executable
        self.partition = partition; self.time = time; self.cpus = cpus; self.memoryGB = memoryGB
        if !recordingArguments.isEmpty, !recordingArguments.contains("--data") {
            throw EnsembleError.invalidOption(option: "--cells / --crop / --response / --series / --responses / --pairing",
                                              expected: "--data FILE with them", found: "no --data")
        }
        // Paths after --data and --responses become absolute.
        self.recordingArguments = recordingArguments.enumerated().map { i, word in
            i > 0 && ["--data", "--responses"].contains(recordingArguments[i - 1]) ? absolute(word) : word
        }
    }

    /// Throws 64 naming `option` when `value` holds a control character (Unicode class Cc: NUL, tab,
    /// newline, CR, ESC, DEL, C1), which the script could not carry on one line.
    static func refuseControlCharacters(option: String, _ value: String) throws {
        guard let bad = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) else { return }
        throw EnsembleError.invalidOption(option: option, expected: "a value without control characters (newline, CR, NUL, ESC, …)",
                                          found: "U+\(String(format: "%04X", bad.value)) in \(value.debugDescription)")
    }

    /// The same for `--flag value …` words: each value is named by the flag before it.
    static func refuseControlCharacters(inArguments words: [String]) throws {
        for (i, word) in words.enumerated() {
            let option = i > 0 && words[i - 1].hasPrefix("--") ? words[i - 1] : (word.hasPrefix("--") ? word : "a recording option")
            try refuseControlCharacters(option: option, word)
        }
    }

    /// `HH:MM:SS` or `D-HH:MM:SS`, minutes and seconds below 60.
    static func isWallTime(_ text: String) -> Bool {
        var rest = Substring(text)
        if let dash = rest.firstIndex(of: "-") {
            let days = rest[..<dash]
            guard !days.isEmpty, days.allSatisfy(\.isASCIIDigit), days.count <= 4 else { return false }
            rest = rest[rest.index(after: dash)...]
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        return Int(parts[1])! < 60 && Int(parts[2])! < 60 && parts[1].count == 2 && parts[2].count == 2
    }

    /// The words of each task's `train` command (before quoting).
    public var trainCommand: [String] {
        [executable, "train", "--output-dir", outputDirectory, "--seeds", seeds.description,
         "--seed-from-env", Self.taskVariable] + (recordingArguments.isEmpty ? ["--resume"] : recordingArguments) + training.arguments
    }

    /// The script text.
    public var text: String {
        var lines = ["#!/bin/bash",
                     "#SBATCH --job-name=\(jobName)",
                     "#SBATCH --array=\(seeds.description)",
                     "#SBATCH --ntasks=1",
                     "#SBATCH --cpus-per-task=\(cpus)"]
        if let memoryGB { lines.append("#SBATCH --mem=\(memoryGB)G") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "#",
            "# Generated by `retina-report slurm-script`: one array task per ensemble member; the task id is",
            "# the member's seed. Each task trains \(Self.shellQuoted(outputDirectory))/member-<seed>.safetensors",
            recordingArguments.isEmpty
                ? "# (resuming its own checkpoint when requeued; a finished member is skipped). Logs go to"
                : "# on the recording (no checkpoint: a requeued task starts its member again; a finished member is skipped). Logs go to",
            "# slurm-<job>_<seed>.out in the submission directory. Submit with: sbatch <this file>",
            "set -euo pipefail",
            "mkdir -p \(Self.shellQuoted(outputDirectory))",
            "exec " + trainCommand.map(Self.shellQuoted).joined(separator: " "),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `word` as one POSIX shell word: always in single quotes, an embedded `'` as `'\''` (close,
    /// escaped quote, reopen). Inside single quotes the shell interprets nothing, so `$`, backquotes,
    /// `;`, `#` and spaces stay literal; control characters are refused before (``init``).
    public static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
