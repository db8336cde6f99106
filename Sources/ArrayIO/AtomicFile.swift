import Foundation
import RetinaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers see either the old content or the complete new content, never a
/// partial file — the one atomic writer of the tool (NPY, safetensors, JSON, CSV, figures, run folders).
///
/// Output-path policy (checked before the bytes are written and again at the final rename):
/// - a path that exists and is not a regular file (folder, device node, named pipe, socket, or a
///   symbolic link of any kind) is never replaced: `cannotCreate` (exit 73) naming it;
/// - an existing regular file is replaced only when `replacingExisting` is true (the CLI's
///   `--overwrite`), keeping its permission bits; otherwise `cannotCreate` (exit 73);
/// - a new file gets mode 0644 minus the process umask.
public enum AtomicFile {
    /// Writes `data` to a temporary file in the same folder as `url` (`.<name>.tmp-<UUID>`, created with
    /// `O_EXCL`), flushes it to disk (`fsync`), then moves it to `url`: with `rename(2)` when replacing
    /// an existing regular file is allowed, with `link(2)` + `unlink(2)` (which fail instead of
    /// replacing) when it is not. On any failure the temporary file is removed and `url` is untouched.
    /// The temporary file is registered with ``InterruptCleanup`` while it exists, and the whole write
    /// runs inside its write gate (an interruption waits for it, then removes the temporary file).
    ///
    /// Errors: `cannotCreate` (exit 73) when the folder does not exist, is not a folder, the temporary
    /// file cannot be created, or the target is refused by the policy above; `writeFailed` (exit 74)
    /// when writing, flushing or renaming fails (a full disk included).
    public static func write(_ data: Data, to url: URL, replacingExisting: Bool = true) throws {
        do {
            try InterruptCleanup.whileWriting { try writeUngated(data, to: url, replacingExisting: replacingExisting) }
        } catch {
            failureLock.withLock { failures.append(url.standardizedFileURL.path) }
            throw error
        }
    }

    private static let failureLock = NSLock()
    nonisolated(unsafe) private static var failures: [String] = []

    /// Targets inside `folder` (at any depth) whose ``write(_:to:replacingExisting:)`` failed in this
    /// process, in order. A run folder uses it to refuse committing when any of its files could not
    /// be written (a full disk), even when the caller carried on.
    public static func failedWrites(under folder: URL) -> [String] {
        let prefix = folder.standardizedFileURL.path + "/"
        return failureLock.withLock { failures.filter { $0.hasPrefix(prefix) } }
    }

    private static func writeUngated(_ data: Data, to url: URL, replacingExisting: Bool) throws {
        let path = url.path
        let existingMode = try checkTarget(url, replacingExisting: replacingExisting)
        let folderURL = url.deletingLastPathComponent()
        let folder = folderURL.path
        let tempPath = folderURL.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)").path
        let descriptor = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw ArrayIOError.cannotCreate(path: path, reason: "cannot create a temporary file in '\(folder)': \(lastErrorText())")
        }
        var moved = false
        // An interruption while writing must not leave the temporary file behind.
        let token = InterruptCleanup.register(URL(fileURLWithPath: tempPath))
        defer {
            if !moved { unlink(tempPath) }
            InterruptCleanup.unregister(token)
        }
        if let mode = existingMode { _ = fchmod(descriptor, mode) }
        if let failure = writeAll(data, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : "fsync: \(lastErrorText())") {
            close(descriptor)
            throw ArrayIOError.writeFailed(path: path, reason: failure)
        }
        guard close(descriptor) == 0 else {
            throw ArrayIOError.writeFailed(path: path, reason: "close: \(lastErrorText())")
        }
        // Re-check right before the move: something may have appeared at `path` meanwhile.
        _ = try checkTarget(url, replacingExisting: replacingExisting)
        if replacingExisting {
            guard rename(tempPath, path) == 0 else {
                throw ArrayIOError.writeFailed(path: path, reason: "cannot rename the temporary file into place: \(lastErrorText())")
            }
            moved = true
        } else {
            if link(tempPath, path) == 0 {
                unlink(tempPath)
                moved = true
                return
            }
            let e = errno
            if e == EEXIST {
                throw ArrayIOError.cannotCreate(path: path, reason: "it appeared while writing; it is not replaced without --overwrite")
            }
            // File systems without hard links: check, then rename (a race only with a concurrent writer).
            guard e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EXDEV else {
                throw ArrayIOError.writeFailed(path: path, reason: "cannot move the temporary file into place: \(String(cString: strerror(e)))")
            }
            _ = try checkTarget(url, replacingExisting: false)
            guard rename(tempPath, path) == 0 else {
                throw ArrayIOError.writeFailed(path: path, reason: "cannot rename the temporary file into place: \(lastErrorText())")
            }
            moved = true
        }
    }

    /// Checks that `url` may be written under the policy above, before any work is done (the CLI calls
    /// it while validating arguments). Returns the permission bits of an existing regular file that
    /// will be replaced, nil for a new file.
    /// - Throws: `cannotCreate` (exit 73) naming the path.
    @discardableResult
    public static func checkTarget(_ url: URL, replacingExisting: Bool) throws -> mode_t? {
        let path = url.path
        let folderURL = url.deletingLastPathComponent()
        let folder = folderURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw ArrayIOError.cannotCreate(path: path, reason: "folder '\(folder)' does not exist")
        }
        guard isDirectory.boolValue else {
            throw ArrayIOError.cannotCreate(path: path, reason: "'\(folder)' is not a folder")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw ArrayIOError.cannotCreate(path: path, reason: "cannot examine it: \(lastErrorText())")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw ArrayIOError.cannotCreate(path: path, reason: "it exists and is \(describe(type)), not a regular file; it is never replaced")
        }
        guard replacingExisting else {
            throw ArrayIOError.cannotCreate(path: path, reason: "it exists; pass --overwrite to replace it")
        }
        return info.st_mode & 0o7777
    }

    /// "a folder", "a device node", … for a `st_mode & S_IFMT` value.
    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR, S_IFBLK: return "a device node"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    /// Writes all bytes, retrying short writes and EINTR; returns an error text or nil on success.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let written = posixWrite(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return "write after \(offset) of \(raw.count) bytes: \(lastErrorText())"
                }
                offset += written
            }
            return nil
        }
    }

    private static func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
        return Musl.write(descriptor, buffer, count)
        #else
        return Darwin.write(descriptor, buffer, count)
        #endif
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}
