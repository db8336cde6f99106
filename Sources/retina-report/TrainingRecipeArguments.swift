import ArgumentParser
import ModelCards
import Training

extension TrainingStimulusPreset: ExpressibleByArgument {}

/// The recipe options shared by `train` and `slurm-script` (the flag names are those of
/// ``Training/TrainingOptions/arguments``, which writes them back for each Slurm task).
struct TrainingRecipeArguments: ParsableArguments {
    @Option(help: "A full training recipe as JSON (fields of TrainingRecipe); flags below override it.") var recipe: String?
    @Option(help: "Master seed.") var seed: UInt64?
    @Option(help: "Training samples (windows) to show.") var samples: Int?
    @Option(help: "Stop after this many minutes of training (at most 10⁶).") var minutes: Double?
    @Option(help: "Frames of the training movie.") var trainFrames: Int?
    @Option(help: "Frames of the validation movie.") var validationFrames: Int?
    @Option(help: "Frames of the test movie.") var testFrames: Int?
    @Option(help: "Windows per step (2 … 65536).") var batchSize: Int?
    @Option(help: "Peak learning rate, in (0, 1].") var learningRate: Double?
    @Option(help: "Validate every this many samples (batch size … 10¹²).") var evaluateEvery: Int?
    @Option(help: "L2 penalty on both conv kernels (0 … 1000).") var l2: Double?
    @Option(help: "Stop after this many validations without improvement, 1 … 10⁶ (default: never; the best weights are kept either way).") var patience: Int?
    @Option(help: "Temporal-smoothness penalty on the conv1 kernels, 0 … 1000 (0 = off).") var smoothness: Double?
    @Option(help: "Training stimulus ensemble.") var stimulus: TrainingStimulusPreset?
    @Option(help: "The model's input window in frames of 10 ms (architecture.historyFrames; default 60, the paper's 40 cannot see the simulated retina's OSR memory; see README \"Choosing a window\").") var history: Int?
    @Flag(help: "Skip the phenomenon check after training.") var skipPhenomena = false

    var options: TrainingOptions {
        var o = TrainingOptions()
        o.recipeFile = recipe; o.seed = seed; o.samples = samples; o.minutes = minutes
        o.trainFrames = trainFrames; o.validationFrames = validationFrames; o.testFrames = testFrames
        o.batchSize = batchSize; o.learningRate = learningRate; o.evaluateEvery = evaluateEvery; o.l2 = l2
        o.patience = patience; o.smoothness = smoothness; o.stimulus = stimulus; o.history = history; o.skipPhenomena = skipPhenomena
        return o
    }
}
