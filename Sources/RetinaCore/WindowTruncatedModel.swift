import Dispatch

/// A response model restricted to the last `windowFrames` frames of its stimulus: the rate of row
/// `i` is `base`'s rate at frame `i + windowFrames − 1` when every frame before `i` is gray (contrast
/// 0). This is the best any model with a `windowFrames` history could do if it matched `base`
/// exactly inside the window — the ceiling of the memory-coverage check (docs/method.md §3.1).
///
/// Rows follow the ``ResponseModel`` contract with `historyFrames = windowFrames`. Each row is one
/// run of `base` on a movie of `max(windowFrames, base.historyFrames)` frames (gray padding in front
/// when the base needs more frames than the window), so the cost is `rows × windowFrames` frames of
/// `base`; rows are computed on `threads` workers, and the result does not depend on their number.
/// Invariant: for a base whose memory is at most `windowFrames` (e.g. a CNN of that history) the
/// truncated model equals the base (tested to 1e-5 of the largest rate).
public struct WindowTruncatedModel<Base: ResponseModel>: ResponseModel {
    public let base: Base
    public let windowFrames: Int
    public let threads: Int

    public init(_ base: Base, windowFrames: Int, threads: Int = 2) {
        precondition(windowFrames >= 1, "windowFrames must be ≥ 1")
        self.base = base; self.windowFrames = windowFrames; self.threads = max(1, threads)
    }

    public var cellCount: Int { base.cellCount }
    public var historyFrames: Int { windowFrames }
    public var screen: (height: Int, width: Int) { base.screen }
    public var cellCentres: [(y: Double, x: Double)]? { base.cellCentres }
    public var acceptsReducedScreens: Bool { base.acceptsReducedScreens }

    public func rates(for movie: Movie) throws -> RateMatrix {
        try rates(for: movie, rows: Array(0..<movie.windowCount(history: windowFrames)))
    }

    /// The rates of the chosen `rows` only (row indices as in ``rates(for:)``), in that order — for
    /// sampling a long movie at a few hundred bins.
    public func rates(for movie: Movie, rows: [Int]) throws -> RateMatrix {
        let available = movie.windowCount(history: windowFrames)
        precondition(rows.allSatisfy { (0..<available).contains($0) }, "rows must lie in 0..<\(available)")
        let length = max(windowFrames, base.historyFrames)
        let pad = length - windowFrames
        let n = movie.pixelsPerFrame, cells = base.cellCount
        let parts = min(threads, max(1, rows.count))
        // Worker p computes rows p, p + parts, …; each returns its own values (or its first error).
        let results = ResultSlots(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var mine = [Float]()
            var k = part
            while k < rows.count {
                let start = rows[k]
                var values = [Float](repeating: 0, count: length * n)
                for f in 0..<windowFrames {
                    let src = (start + f) * n, dst = (pad + f) * n
                    for p in 0..<n { values[dst + p] = movie.values[src + p] }
                }
                do {
                    let r = try base.rates(for: Movie(frames: length, height: movie.height, width: movie.width, values: values))
                    for c in 0..<cells { mine.append(r[r.rows - 1, c]) }
                } catch {
                    results.set(part, .failure(error)); return
                }
                k += parts
            }
            results.set(part, .success(mine))
        }
        var out = [Float](repeating: 0, count: rows.count * cells)
        for part in 0..<parts {
            let mine = try results.get(part)
            for (j, k) in stride(from: part, to: rows.count, by: parts).enumerated() {
                for c in 0..<cells { out[k * cells + c] = mine[j * cells + c] }
            }
        }
        return RateMatrix(rows: rows.count, cells: cells, valuesHz: out)
    }
}

/// One result slot per worker, each written once by its own worker before `concurrentPerform`
/// returns (disjoint indices, so no two writes race).
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[Float], Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<[Float], Error>) { slots[i] = r }
    func get(_ i: Int) throws -> [Float] { try slots[i]!.get() }
}
