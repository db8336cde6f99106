import Dispatch

/// Work splitting across the machine's cores (the engine's only source of parallelism; OpenBLAS
/// itself runs single-threaded, see `BLAS`).
enum Parallel {
    /// Default number of workers: 2 (the project machine has 2 vCPUs). Work is split into this
    /// many fixed parts, so results do not depend on how the OS schedules them.
    static let defaultWorkers = 2

    /// Splits `0..<count` into at most `workers` contiguous, nearly equal ranges and runs `body`
    /// on each (concurrently when there is more than one). `body` gets the part index and range.
    static func forEachPart(count: Int, workers: Int = defaultWorkers, minimumPerPart: Int = 1,
                            _ body: (Int, Range<Int>) -> Void) {
        guard count > 0 else { return }
        let parts = max(1, min(workers, count / max(1, minimumPerPart)))
        if parts == 1 { body(0, 0..<count); return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                box.value(p, range(part: p, of: parts, count: count))
            }
        }
    }

    /// The `p`-th of `parts` nearly equal contiguous ranges of `0..<count`.
    static func range(part p: Int, of parts: Int, count: Int) -> Range<Int> {
        let lo = count * p / parts, hi = count * (p + 1) / parts
        return lo..<hi
    }
}

/// Hands a value to `concurrentPerform`'s `@Sendable` closure. Used only for the engine's own
/// closures, whose workers touch disjoint memory (each part writes its own output range) and
/// read shared data that is immutable while they run.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
