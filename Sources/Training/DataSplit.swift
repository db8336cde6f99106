import RetinaCore
import RetinaSimulation

/// One split of the simulated data set: a stimulus movie, the noise-free ground-truth rates and the
/// Poisson spike counts the CNN is trained on.
///
/// Row convention (shared with `predict`): for a model of `historyFrames` = T, row i belongs to the
/// window ending at frame i + T − 1, so `groundTruth.rows == movie.frames − T + 1` and the target of
/// window i is bin i + T − 1 (T = 40: row i ↔ frame i + 39, the paper's shape).
public struct DataSplit: Sendable {
    /// Stimulus, 50 × 50 contrast frames of 10 ms.
    public var movie: Movie
    /// Noise-free ground-truth rates, Hz.
    public var groundTruth: RateMatrix
    /// Poisson spike counts per 10 ms bin, same shape as `groundTruth`.
    public var spikeCounts: [Float]

    /// Number of complete windows of the model's history (training samples).
    public var windowCount: Int { groundTruth.rows }

    /// Simulates a split: movie from the recipe, rates and spikes from the retina, rows aligned to
    /// windows of `historyFrames` (the retina itself sees every frame from 0 on, gray before).
    ///
    /// Deterministic: the movie uses `stimulusSeed`, the spikes `spikeSeed`; thread count does not
    /// change any value. `historyFrames` = 40 gives the rows (and spikes) of ``SimulatedRetina/rates(for:)``.
    public static func simulate(
        recipe: TrainingStimulusRecipe, frames: Int, retina: SimulatedRetina,
        stimulusSeed: UInt64, spikeSeed: UInt64, historyFrames: Int
    ) throws -> DataSplit {
        let movie = try trainingMovie(recipe: recipe, frames: frames, seed: stimulusSeed)
        let rates = try retina.rates(for: movie, windowFrames: historyFrames)
        let counts = SpikeSampler.sample(rates, seed: spikeSeed)
        return DataSplit(movie: movie, groundTruth: rates, spikeCounts: counts.asFloats())
    }

    /// The noise-free rates as expected counts per 10 ms bin, `rateHz · 0.01 s`, shaped like
    /// ``spikeCounts`` (the `noiseFreeRates` training targets).
    public var expectedCounts: [Float] {
        let s = Float(Units.frameSeconds)
        return groundTruth.valuesHz.map { $0 * s }
    }

    /// Spike counts of window `i` converted to Hz (counts / 10 ms), the Poisson-loss target.
    public func targetRatesHz(window i: Int) -> [Float] {
        let c = groundTruth.cells
        let perSecond = Float(1 / Units.frameSeconds)
        return spikeCounts[(i * c)..<((i + 1) * c)].map { $0 * perSecond }
    }
}
