import Foundation

/// Asks `git` for the commit of a checkout; every failure yields `nil`.
enum GitProbe {
    struct Description: Equatable {
        var commit: String
        var dirty: Bool?
    }

    /// The checkout containing this source file (`<root>/Sources/ReportKit/Manifest/GitProbe.swift`)
    /// if it still exists; otherwise the working directory if it holds `Sources/Report`; else `nil`.
    static func defaultRepository(sourceFile: String = #filePath) -> URL? {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if fm.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { return root }
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath)
        if fm.fileExists(atPath: cwd.appendingPathComponent("Sources/Report").path) { return cwd }
        return nil
    }

    /// Commit and dirty flag of the checkout at `repository`, or `nil` when unknown.
    static func describe(repository: URL?) -> Description? {
        guard let repository, let git = executable(named: "git") else { return nil }
        guard let head = run(git, ["-C", repository.path, "rev-parse", "HEAD"]),
              head.status == 0 else { return nil }
        let commit = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard commit.count >= 40, commit.allSatisfy(\.isHexDigit) else { return nil }
        let status = run(git, ["-C", repository.path, "status", "--porcelain", "--untracked-files=no"])
        let dirty = status.flatMap { $0.status == 0 ? !$0.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty : nil }
        return Description(commit: commit, dirty: dirty)
    }

    /// The first executable `name` on `PATH`.
    static func executable(named name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        let dirs = (path ?? "/usr/bin:/bin:/usr/local/bin").split(separator: ":")
        for dir in dirs {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `tool` with `arguments`, capturing standard output (standard error discarded).
    private static func run(_ tool: URL, _ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"  // `git status` must not take the index lock
        process.environment = environment
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
