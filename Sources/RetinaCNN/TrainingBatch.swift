/// One training mini-batch, given as window start frames into the trainer's movie rather than as
/// materialised windows: window b covers frames `windowStarts[b] ..< windowStarts[b] + T`, so the
/// engine can reuse each frame's cached spectrum for every window that contains it.
public struct TrainingBatch: Sendable, Equatable {
    /// First frame of each window (0 ≤ start ≤ movie.frames − T).
    public var windowStarts: [Int]
    /// Target rates or counts `[batch, cells]` row-major, aligned with the window's newest frame
    /// (the caller decides the alignment, e.g. the response in the bin after the window).
    public var targets: [Float]

    public init(windowStarts: [Int], targets: [Float]) {
        self.windowStarts = windowStarts; self.targets = targets
    }

    public var count: Int { windowStarts.count }
}

/// What one optimisation step measured (before the parameter update).
public struct TrainingStepResult: Sendable, Equatable {
    /// 1-based index of the step just taken.
    public var step: Int
    /// Poisson loss: mean over batch and cells of r − y·log(r + ε) (see `PoissonLoss`).
    public var poissonLoss: Double
    /// L2 penalty l2·(Σ W1² + Σ W2²).
    public var l2Penalty: Double
    /// Mean predicted rate over the batch, Hz (training mode: batch statistics and noise).
    public var meanRateHz: Double

    public init(step: Int, poissonLoss: Double, l2Penalty: Double, meanRateHz: Double) {
        self.step = step; self.poissonLoss = poissonLoss; self.l2Penalty = l2Penalty; self.meanRateHz = meanRateHz
    }

    /// The minimised objective, `poissonLoss + l2Penalty`.
    public var totalLoss: Double { poissonLoss + l2Penalty }
}

/// Tuning knobs of `BNCNNTrainer` that do not change the mathematics.
public struct BNCNNTrainerOptions: Sendable, Equatable {
    /// Work is split into this many fixed parts (run on separate cores). Results depend only on
    /// this number, not on scheduling.
    public var workers: Int
    /// Largest whole-movie frame-spectrum cache, in bytes; above it spectra are computed per batch.
    public var spectrumCacheLimitBytes: Int

    public init(workers: Int = 2, spectrumCacheLimitBytes: Int = 6 << 30) {
        self.workers = max(1, workers); self.spectrumCacheLimitBytes = spectrumCacheLimitBytes
    }
}
