import ModelCards
import RetinaCore
import RetinaSimulation

/// The three simulated splits of a training run. Each split has its own stimulus and spike seed
/// derived from the recipe's master seed, so the validation and test movies are never seen in
/// training and the whole data set is reproducible from the recipe alone.
public struct TrainingData: Sendable {
    public var train: DataSplit
    public var validation: DataSplit
    public var test: DataSplit

    /// Sub-seeds derived from the master seed (index → purpose).
    public enum SeedPurpose: UInt64 {
        case trainStimulus = 1, validationStimulus, testStimulus, trainSpikes, validationSpikes, testSpikes
        case initialisation, trainerNoise, batches
    }

    public static func seed(_ purpose: SeedPurpose, master: UInt64) -> UInt64 {
        var r = SeededRandom.stream(seed: master, index: purpose.rawValue)
        return r.next()
    }

    public static func simulate(recipe: TrainingRecipe, retina: SimulatedRetina) throws -> TrainingData {
        func split(_ frames: Int, _ stim: SeedPurpose, _ spikes: SeedPurpose) throws -> DataSplit {
            try DataSplit.simulate(recipe: recipe.stimulus, frames: frames, retina: retina,
                                   stimulusSeed: seed(stim, master: recipe.seed),
                                   spikeSeed: seed(spikes, master: recipe.seed),
                                   historyFrames: recipe.architecture.historyFrames)
        }
        var train = try split(recipe.trainFrames, .trainStimulus, .trainSpikes)
        if recipe.targets == .noiseFreeRates { train.spikeCounts = train.expectedCounts }
        return TrainingData(
            train: train,
            validation: try split(recipe.validationFrames, .validationStimulus, .validationSpikes),
            test: try split(recipe.testFrames, .testStimulus, .testSpikes))
    }
}
