import ArgumentParser
import Foundation
import Report

/// `--cache DIR`, shared by `run` and `cache info|clear`.
struct CacheFolderOption: ParsableArguments {
    @Option(help: "Step cache folder (default: $XDG_CACHE_HOME/retina-report or ~/.cache/retina-report).")
    var cache: String?

    /// The folder given, or the default one.
    var directory: URL { cache.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? StepCache.defaultDirectory() }
}

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the step cache that lets `run` skip unchanged steps.",
        discussion: """
        `run` keeps each step's results (values, data files, rendered figures) under a key of what \
        the step reads: the model files' hashes, the parameters the step uses, the tool version and \
        the numeric engine. A re-run computes only the steps whose inputs changed.
        """,
        subcommands: [Info.self, Clear.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the cache folder, its entries and their size.")
        @OptionGroup var folder: CacheFolderOption

        func run() throws {
            try reportingErrors {
                for line in try StepCache(directory: folder.directory).info().lines { print(line) }
            }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every entry of the cache.")
        @OptionGroup var folder: CacheFolderOption

        func run() throws {
            try reportingErrors {
                let cache = try StepCache(directory: folder.directory)
                let cleared = cache.clear()
                print("removed \(cleared.entries) entries (\(ByteCount.text(cleared.bytes))) from \(cache.directory.path)")
            }
        }
    }
}
