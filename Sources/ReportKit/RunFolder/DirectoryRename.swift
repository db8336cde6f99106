import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renaming a folder into place without ever replacing an existing one.
enum DirectoryRename {
    enum Outcome: Equatable {
        case renamed
        case destinationExists
        case failed(errno: Int32)
    }

    /// Atomically renames `source` to `destination`, failing with ``Outcome/destinationExists`` if
    /// the destination exists (even as an empty folder, which plain `rename(2)` would replace).
    ///
    /// Linux: `renameat2(…, RENAME_NOREPLACE)` looked up at run time (glibc ≥ 2.28); macOS:
    /// `renamex_np(RENAME_EXCL)`. Where neither is available or the file system refuses the flag,
    /// falls back to "check, then rename" — a race only with a concurrent writer of the same run id.
    static func renameNoReplace(_ source: URL, to destination: URL) -> Outcome {
        let from = source.path, to = destination.path
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let noReplace: UInt32 = 1  // RENAME_NOREPLACE
            if renameat2(AT_FDCWD, from, AT_FDCWD, to, noReplace) == 0 { return .renamed }
            let e = errno
            if e == EEXIST || e == ENOTEMPTY { return .destinationExists }
            if e != EINVAL && e != ENOSYS { return .failed(errno: e) }
        }
        #elseif canImport(Darwin)
        if renamex_np(from, to, UInt32(RENAME_EXCL)) == 0 { return .renamed }
        let e = errno
        if e == EEXIST { return .destinationExists }
        if e != ENOTSUP { return .failed(errno: e) }
        #endif
        if FileManager.default.fileExists(atPath: to) { return .destinationExists }
        return rename(from, to) == 0 ? .renamed : .failed(errno: errno)
    }

    /// Atomically swaps two existing folders (`renameat2(…, RENAME_EXCHANGE)`), so a reader sees
    /// either the old or the new folder at each path, never neither. Where the call is missing or
    /// refused, falls back to moving `b` aside, renaming `a` into place and moving the old `b` to
    /// `a` (a short moment without `b`, never a half-written one). ``Outcome/renamed`` on success.
    static func exchange(_ a: URL, _ b: URL) -> Outcome {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let exchange: UInt32 = 2  // RENAME_EXCHANGE
            if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, exchange) == 0 { return .renamed }
            let e = errno
            if e != EINVAL && e != ENOSYS { return .failed(errno: e) }
        }
        #endif
        let aside = b.deletingLastPathComponent().appendingPathComponent(
            "." + b.lastPathComponent + ".old-" + String(UInt64.random(in: 0...UInt64.max), radix: 16))
        guard rename(b.path, aside.path) == 0 else { return .failed(errno: errno) }
        guard rename(a.path, b.path) == 0 else {
            let e = errno
            _ = rename(aside.path, b.path)
            return .failed(errno: e)
        }
        return rename(aside.path, a.path) == 0 ? .renamed : .failed(errno: errno)
    }
}
