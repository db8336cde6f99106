import ArgumentParser
import ArrayIO
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output-path policy of `train`, `validate`, `predict`, `simulate` and `attribute`, checked
/// before any work: `--output ""` is a bad argument (64); an existing path that is not a regular file
/// (folder, device, named pipe, symbolic link) is refused (73); an existing regular file is replaced
/// only with `--overwrite` (73 otherwise); and the folder must really accept a new file (73), which
/// is probed by creating and removing a uniquely named empty file in it (`O_CREAT | O_EXCL`), since a
/// virtual file system (/proc, /sys) looks like a writable folder but refuses every new file. The same
/// policy is enforced again by the atomic write itself (its temporary file goes to the same folder).
enum OutputPath {
    static func checked(_ path: String, option: String = "--output", overwrite: Bool) throws -> URL {
        guard !path.isEmpty else { throw ValidationError("\(option): expected a file path, found an empty string") }
        let url = URL(fileURLWithPath: path)
        try AtomicFile.checkTarget(url, replacingExisting: overwrite)
        try probeFolder(of: url, option: option)
        return url
    }

    /// Creates and removes `.<name>.probe-<pid>-<UUID>` beside `url`; throws `cannotCreate` (73) with a
    /// sentence naming the option, the path and why the folder refuses new files.
    static func probeFolder(of url: URL, option: String) throws {
        let folder = url.deletingLastPathComponent().path
        let probe = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).probe-\(getpid())-\(UUID().uuidString)").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let e = errno
            let why: String
            switch e {
            case EACCES, EPERM: why = "permission denied: cannot create files in '\(folder)'"
            case EROFS: why = "'\(folder)' is on a read-only file system"
            case ENOSPC, EDQUOT: why = "no space left on the device of '\(folder)'"
            case ENOENT, EINVAL, EOPNOTSUPP:
                why = "'\(folder)' does not accept new files (a virtual file system such as /proc or /sys?)"
            default: why = "cannot create a file in '\(folder)': \(String(cString: strerror(e)))"
            }
            throw ArrayIOError.cannotCreate(path: url.path, reason: "\(option): \(why)")
        }
        close(descriptor)
        unlink(probe)
    }
}
