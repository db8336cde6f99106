import RetinaCore
import RetinaSimulation

/// One split of the simulated data set: a stimulus movie, the noise-free ground-truth rates and the
/// Poisson spike counts the CNN is trained on.
///
/// Row convention (shared with `predict`): row i belongs to the window ending at frame i + 39, so
/// `groundTruth.rows == movie.frames − 39` and the target of window i is bin i + 39.
public struct DataSplit: Sendable {
    /// Stimulus, 50 × 50 contrast frames of 10 ms.
    public var movie: Movie
    /// Noise-free ground-truth rates, Hz.
    public var groundTruth: RateMatrix
    /// Poisson spike counts per 10 ms bin, same shape as `groundTruth`.
    public var spikeCounts: [Float]

    /// Number of complete 40-frame windows (training samples).
    public var windowCount: Int { groundTruth.rows }

    /// Simulates a split: movie from the recipe, rates and spikes from the retina.
    ///
    /// Deterministic: the movie uses `stimulusSeed`, the spikes `spikeSeed`; thread count does not
    /// change any value.
    public static func simulate(
        recipe: TrainingStimulusRecipe, frames: Int, retina: SimulatedRetina,
        stimulusSeed: UInt64, spikeSeed: UInt64
    ) throws -> DataSplit {
        let movie = try trainingMovie(recipe: recipe, frames: frames, seed: stimulusSeed)
        let rates = try retina.rates(for: movie)
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
