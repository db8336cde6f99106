import ArgumentParser
import ArrayIO
import Foundation

/// The output-path policy of `predict`, `simulate` and `attribute`, checked before any work:
/// `--output ""` is a bad argument (64); an existing path that is not a regular file (folder, device,
/// named pipe, symbolic link) is refused (73); an existing regular file is replaced only with
/// `--overwrite` (73 otherwise). The same policy is enforced again by the atomic write itself.
enum OutputPath {
    static func checked(_ path: String, option: String = "--output", overwrite: Bool) throws -> URL {
        guard !path.isEmpty else { throw ValidationError("\(option): expected a file path, found an empty string") }
        let url = URL(fileURLWithPath: path)
        try AtomicFile.checkTarget(url, replacingExisting: overwrite)
        return url
    }
}
