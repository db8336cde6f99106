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
/// partial file.
public enum AtomicFile {
    /// Writes `data` to a temporary file in the same folder as `url` (`.<name>.tmp-<UUID>`), flushes it
    /// to disk (`fsync`), then renames it over `url` (POSIX `rename`, atomic within one file system).
    /// On any failure the temporary file is removed and `url` is untouched.
    ///
    /// Errors: `cannotCreate` (exit 73) when the folder does not exist, is not a folder, or the
    /// temporary file cannot be created; `writeFailed` (exit 74) when writing, flushing or renaming fails.
    /// The new file gets mode 0644 minus the process umask.
    public static func write(_ data: Data, to url: URL) throws {
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
        let tempPath = folderURL.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)").path
        let descriptor = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ArrayIOError.cannotCreate(path: path, reason: "cannot create a temporary file in '\(folder)': \(lastErrorText())")
        }
        var renamed = false
        // An interruption while writing must not leave the temporary file behind.
        let token = InterruptCleanup.register(URL(fileURLWithPath: tempPath))
        defer {
            if !renamed { unlink(tempPath) }
            InterruptCleanup.unregister(token)
        }

        if let failure = writeAll(data, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : "fsync: \(lastErrorText())") {
            close(descriptor)
            throw ArrayIOError.writeFailed(path: path, reason: failure)
        }
        guard close(descriptor) == 0 else {
            throw ArrayIOError.writeFailed(path: path, reason: "close: \(lastErrorText())")
        }
        guard rename(tempPath, path) == 0 else {
            throw ArrayIOError.writeFailed(path: path, reason: "cannot rename the temporary file into place: \(lastErrorText())")
        }
        renamed = true
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
