import RetinaCore

/// Spike counts per time bin: `rows × cells`, row-major, same row convention as the rates they were
/// drawn from.
public struct SpikeCounts: Sendable, Equatable, Codable {
    public var rows: Int
    public var cells: Int
    /// Counts, index `row * cells + cell`.
    public var counts: [Int32]

    public init(rows: Int, cells: Int, counts: [Int32]) {
        precondition(counts.count == rows * cells, "SpikeCounts values do not match \(rows)x\(cells)")
        self.rows = rows; self.cells = cells; self.counts = counts
    }

    @inlinable public subscript(row: Int, cell: Int) -> Int32 { counts[row * cells + cell] }

    /// Counts as floats (training targets).
    public func asFloats() -> [Float] { counts.map(Float.init) }
}

/// Poisson spike sampling: `n_j(t) ~ Poisson(r_j(t) · 10 ms)` (docs/ground-truth-retina.md §2.8).
public enum SpikeSampler {
    /// Draws one count per entry of `rates`, in row-major order from one `SeededRandom(seed:)`
    /// stream: the same rates and seed give the same counts on every machine.
    public static func sample(_ rates: RateMatrix, seed: UInt64) -> SpikeCounts {
        var rng = SeededRandom(seed: seed)
        let dt = Units.frameSeconds
        let counts = rates.valuesHz.map { Int32(rng.poisson(Double(max($0, 0)) * dt)) }
        return SpikeCounts(rows: rates.rows, cells: rates.cells, counts: counts)
    }
}

extension SimulatedRetina {
    /// Poisson spike counts for `movie`, rows as ``rates(for:)`` (row i = frame i + 39).
    public func spikeCounts(for movie: Movie, seed: UInt64) throws -> SpikeCounts {
        SpikeSampler.sample(try rates(for: movie), seed: seed)
    }

    /// Poisson spike counts for `movie`, one row per frame (as ``ratesAllFrames(for:threads:)``).
    public func spikeCountsAllFrames(for movie: Movie, seed: UInt64) throws -> SpikeCounts {
        SpikeSampler.sample(try ratesAllFrames(for: movie), seed: seed)
    }
}
