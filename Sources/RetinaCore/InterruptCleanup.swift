import Foundation
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes partial outputs when the process is interrupted, so that Ctrl-C (SIGINT) or a scheduler's
/// SIGTERM never leaves a half-written run folder or temporary file behind.
///
/// Writers register what they are building (``register(_:)``) and unregister it once it is complete
/// or cleaned up some other way (``unregister(_:)``), and perform every file-system change of an
/// output inside ``whileWriting(_:)`` (the write gate). The executable calls ``install(exit:)`` once.
/// On SIGINT or SIGTERM, on a dispatch thread (not in signal context):
/// 1. the gate is closed: writers already inside finish their one operation (waiting at most
///    ``gateTimeoutSeconds``), writers arriving later block for good — the writers are stopped;
/// 2. every registered path is removed, one line per path goes to stderr;
/// 3. the process leaves with `_exit(128 + signal)` (130 for SIGINT, 143 for SIGTERM). `_exit`, not
///    `exit`: `exit` runs library teardown (atexit handlers, `_fini` of libm/OpenBLAS) while the
///    numeric threads are still computing, which crashed with SIGSEGV.
/// Without ``install(exit:)`` (libraries, tests) registering only records paths and the gate never closes.
public enum InterruptCleanup {
    /// A registration, for ``unregister(_:)``.
    public struct Token: Hashable, Sendable { fileprivate let id: UInt64 }

    /// Longest wait for writers inside the gate before cleaning up anyway, in seconds.
    public static let gateTimeoutSeconds = 5

    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [UInt64: URL] = [:]
    nonisolated(unsafe) private static var next: UInt64 = 0
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    /// Readers = writers of outputs (many at once); the single "writer" of the lock = the cleanup.
    nonisolated(unsafe) private static var gate: UnsafeMutablePointer<pthread_rwlock_t> = {
        let pointer = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        pthread_rwlock_init(pointer, nil)
        return pointer
    }()

    /// Registers `url` (a file or folder) for removal on interruption.
    public static func register(_ url: URL) -> Token {
        lock.withLock {
            next += 1
            entries[next] = url
            return Token(id: next)
        }
    }

    /// Forgets a registration (the output was committed or already removed). Idempotent.
    public static func unregister(_ token: Token) {
        _ = lock.withLock { entries.removeValue(forKey: token.id) }
    }

    /// The paths currently registered, in registration order.
    public static var registered: [URL] {
        lock.withLock { entries.sorted { $0.key < $1.key }.map(\.value) }
    }

    /// Runs one file-system change of an output (create, write, rename, remove) so that an
    /// interruption never runs its cleanup in the middle of it, and never lets it start after the
    /// cleanup began (the calling thread then blocks until the process exits). Re-entrant.
    public static func whileWriting<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(gate)
        defer { pthread_rwlock_unlock(gate) }
        return try body()
    }

    /// Removes every registered path that exists and forgets all registrations.
    /// - Returns: the paths removed.
    @discardableResult
    public static func removeRegistered() -> [URL] {
        let urls = lock.withLock { () -> [URL] in
            let all = entries.sorted { $0.key < $1.key }.map(\.value)
            entries.removeAll()
            return all
        }
        return urls.filter { url in
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return false }
            return (try? FileManager.default.removeItem(at: url)) != nil
        }
    }

    /// The cleanup of one signal: closes the gate, removes the registered paths, reports on stderr and
    /// calls `exit(128 + signal)`. If `exit` returns (tests), the gate is opened again.
    static func handle(signal signalNumber: Int32, exit: (Int32) -> Void) {
        #if canImport(Glibc)
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        deadline.tv_sec += gateTimeoutSeconds
        let closed = pthread_rwlock_timedwrlock(gate, &deadline) == 0
        #else
        let closed = pthread_rwlock_wrlock(gate) == 0
        #endif
        let name = signalNumber == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)"
        var lines = removeRegistered().map { "\(name): removed the partial output \($0.path)\n" }
        lines.append("\(name)\n")
        for line in lines { writeToStandardError(line) }
        exit(128 + signalNumber)
        if closed { pthread_rwlock_unlock(gate) }
    }

    /// Installs the SIGINT and SIGTERM handlers (once; later calls do nothing). `exit` is called with
    /// `128 + signal` after the cleanup (injectable for tests; default `_exit`, see the type's notes).
    public static func install(exit: @escaping @Sendable (Int32) -> Void = { _exit($0) }) {
        lock.withLock {
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)       // delivered to the dispatch source instead
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global(qos: .userInteractive))
                source.setEventHandler { handle(signal: signalNumber, exit: exit) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// `write(2)` to fd 2, bypassing buffered streams.
    private static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                #elseif canImport(Musl)
                Musl.write(2, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(2, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            offset += n
        }
    }
}
