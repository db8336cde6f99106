import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which build of the tool is running, for the step cache's keys: the executable's size and
/// modification time (nanoseconds), e.g. `"34898656@1796637954.437689535"`.
///
/// The tool version alone does not change when the code does, so a cache filled by yesterday's build
/// would serve results today's code no longer computes. Any rebuild rewrites the executable and so
/// changes this identity: a rebuilt tool starts with a cold cache (the old entries age out under the
/// size limit). Cheap by design (one `stat`, no hashing of a 35 MB binary). Constant within a process.
/// `"unknown"` when the executable cannot be found, which still keys by tool version as before.
public enum BuildIdentity {
    public static let current: String = {
        guard let path = Bundle.main.executablePath else { return "unknown" }
        var s = stat()
        guard stat(path, &s) == 0 else { return "unknown" }
        return "\(s.st_size)@\(s.st_mtim.tv_sec).\(String(format: "%09d", Int(s.st_mtim.tv_nsec)))"
    }()
}
