import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole input files with errors that say which file and why.
enum FileInput {
    /// The bytes of `url` (a regular file, or a symbolic link to one). Errors (exit 66):
    /// `fileNotFound` if nothing is there, `unreadable` for a folder, a device node, a named pipe or a
    /// socket (never opened: a pipe would block, `/dev/zero` never ends), missing permissions or an
    /// I/O error — with a one-sentence reason, not a Foundation error dump.
    static func read(_ url: URL) throws -> Data {
        let path = url.path
        var info = stat()
        guard stat(path, &info) == 0 else {
            let e = errno
            if e == ENOENT { throw ArrayIOError.fileNotFound(path: path) }
            throw ArrayIOError.unreadable(path: path, reason: String(cString: strerror(e)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ArrayIOError.unreadable(path: path, reason: "it is a folder, expected a file")
        case S_IFCHR, S_IFBLK: throw ArrayIOError.unreadable(path: path, reason: "it is a device node, expected a regular file")
        case S_IFIFO: throw ArrayIOError.unreadable(path: path, reason: "it is a named pipe, expected a regular file")
        default: throw ArrayIOError.unreadable(path: path, reason: "it is a special file, expected a regular file")
        }
        guard access(path, R_OK) == 0 else {
            throw ArrayIOError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
            throw ArrayIOError.unreadable(path: path, reason: reason ?? "the file cannot be read")
        }
    }
}
