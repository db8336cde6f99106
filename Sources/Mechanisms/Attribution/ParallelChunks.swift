import Dispatch
import Foundation

/// Runs independent work over contiguous chunks of `0..<count` on up to `threads` threads and
/// returns the chunk results in order. The first error thrown by any chunk is rethrown.
/// Deterministic: the split depends only on `count` and `threads`, and each chunk's work is serial.
enum ParallelChunks {
    /// The contiguous split of `0..<count` into at most `parts` nearly equal, non-empty ranges.
    static func split(_ count: Int, parts: Int) -> [Range<Int>] {
        let n = max(1, min(parts, count))
        guard count > 0 else { return [] }
        return (0..<n).map { i in (i * count / n)..<((i + 1) * count / n) }
    }

    static func run<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Range<Int>) throws -> T) throws -> [T] {
        try run(ranges: split(count, parts: threads), body)
    }

    /// Runs `body` on each of the given ranges, concurrently when there are several.
    static func run<T: Sendable>(ranges: [Range<Int>], _ body: @Sendable (Range<Int>) throws -> T) throws -> [T] {
        if ranges.count <= 1 { return try ranges.map(body) }
        let box = ResultBox<T>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { i in
            let outcome = Result { try body(ranges[i]) }
            box.set(i, outcome)
        }
        return try box.values()
    }
}

extension ParallelChunks {
    /// ``run(ranges:_:)`` for work that cannot fail.
    static func map<T: Sendable>(ranges: [Range<Int>], _ body: @Sendable (Range<Int>) -> T) -> [T] {
        if ranges.count <= 1 { return ranges.map(body) }
        let box = ResultBox<T>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { i in box.set(i, .success(body(ranges[i]))) }
        return (try? box.values()) ?? []
    }
}

/// Lock-protected slots for the per-chunk results.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<T, Error>) {
        lock.lock(); slots[i] = r; lock.unlock()
    }

    func values() throws -> [T] {
        lock.lock(); defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}
