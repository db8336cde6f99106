import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RunFolder {
    /// Partial folders older than this without a process id in their name (written by earlier
    /// versions) count as stale when nobody holds their lock, in seconds.
    static let legacyStaleAgeSeconds: TimeInterval = 600

    /// Removes partial run folders in `output` left by runs that were killed (SIGKILL, power loss):
    /// `.<run-id>.partial-<pid>-<hex>` whose process no longer exists and whose `flock` nobody holds.
    /// A live run — this machine's process exists, or another process holds the lock — is never
    /// touched. Best effort: failures are ignored.
    /// - Returns: the folders removed.
    @discardableResult
    public static func removeStalePartialFolders(in output: URL) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: output.path) else { return [] }
        var removed: [URL] = []
        for name in names.sorted() where name.hasPrefix(".") {
            guard let marker = name.range(of: ".partial-") else { continue }
            let tail = name[marker.upperBound...]
            let url = output.appendingPathComponent(name, isDirectory: true)
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            let parts = tail.split(separator: "-")
            if parts.count == 2, let pid = Int32(parts[0]) {
                if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { continue }  // the owner may be alive
            } else {
                #if canImport(Glibc)
                let modified = Double(info.st_mtim.tv_sec)
                #else
                let modified = Double(info.st_mtimespec.tv_sec)
                #endif
                let age = Date().timeIntervalSince1970 - modified
                guard age > legacyStaleAgeSeconds else { continue }
            }
            let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }       // held: a live run
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(url) }
        }
        return removed
    }
}
