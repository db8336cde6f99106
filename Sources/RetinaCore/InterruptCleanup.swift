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
/// or cleaned up some other way (``unregister(_:)``). The executable calls ``install(exit:)`` once:
/// on SIGINT or SIGTERM every registered path is removed, one line per path goes to stderr, and the
/// process exits with `128 + signal` (130 for SIGINT, 143 for SIGTERM; the shell convention).
/// Without ``install(exit:)`` (libraries, tests) registering only records paths.
public enum InterruptCleanup {
    /// A registration, for ``unregister(_:)``.
    public struct Token: Hashable, Sendable { fileprivate let id: UInt64 }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [UInt64: URL] = [:]
    nonisolated(unsafe) private static var next: UInt64 = 0
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

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
            guard FileManager.default.fileExists(atPath: url.path) else { return false }
            return (try? FileManager.default.removeItem(at: url)) != nil
        }
    }

    /// Installs the SIGINT and SIGTERM handlers (once; later calls do nothing). `exit` is called with
    /// `128 + signal` after the cleanup (injectable for tests; default `Foundation.exit`).
    public static func install(exit: @escaping @Sendable (Int32) -> Void = { Foundation.exit($0) }) {
        lock.withLock {
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)       // delivered to the dispatch source instead
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global(qos: .userInitiated))
                source.setEventHandler {
                    let name = signalNumber == SIGINT ? "interrupted (SIGINT)" : "terminated (SIGTERM)"
                    for url in removeRegistered() {
                        FileHandle.standardError.write(Data("\(name): removed the partial output \(url.path)\n".utf8))
                    }
                    FileHandle.standardError.write(Data("\(name)\n".utf8))
                    exit(128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
