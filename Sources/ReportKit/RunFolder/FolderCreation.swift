import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating folders with `mkdir(2)` and explaining a failure in one sentence naming the path in the
/// way (instead of a Foundation `NSCocoaErrorDomain` dump).
enum FolderCreation {
    /// Creates `url` and any missing parents (mode 0777 minus umask). Existing folders are fine.
    /// - Throws: ``RunFolderError/cannotCreate(path:reason:)`` (exit 73) with a sentence saying why.
    static func makeFolders(_ url: URL) throws {
        let path = url.standardizedFileURL.path
        var missing: [String] = []
        var current = path
        // Walk up to the first component that exists.
        while !current.isEmpty, current != "/" {
            var info = stat()
            if lstat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    if (info.st_mode & S_IFMT) == S_IFLNK, isFolder(current) { break }  // a link to a folder
                    throw RunFolderError.cannotCreate(
                        path: path, reason: current == path
                            ? "it exists and is \(kind(info.st_mode)), not a folder"
                            : "'\(current)' is \(kind(info.st_mode)), not a folder")
                }
                break
            }
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() where mkdir(folder, 0o777) != 0 {
            let e = errno
            if e == EEXIST, isFolder(folder) { continue }
            throw RunFolderError.cannotCreate(path: path, reason: reason(errno: e, folder: folder))
        }
    }

    /// One sentence for a failed `mkdir(folder)`.
    static func reason(errno e: Int32, folder: String) -> String {
        let parent = (folder as NSString).deletingLastPathComponent
        switch e {
        case EACCES, EPERM: return "permission denied: cannot create folders in '\(parent)'"
        case EROFS: return "'\(parent)' is on a read-only file system"
        case ENOSPC, EDQUOT: return "no space left on the device of '\(parent)'"
        case ENOENT: return "'\(parent)' does not accept new folders (a virtual file system such as /proc or /sys?)"
        case ENOTDIR: return "a component of '\(parent)' is not a folder"
        case EEXIST: return "'\(folder)' exists and is not a folder"
        default: return "cannot create '\(folder)': \(String(cString: strerror(e)))"
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR, S_IFBLK: return "a device node"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
