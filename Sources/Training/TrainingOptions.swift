import Foundation
import ModelCards
import RetinaSimulation

/// The training stimulus presets of `train --stimulus`.
public enum TrainingStimulusPreset: String, Codable, Sendable, CaseIterable {
    case naturalistic, recommended
    public var recipe: TrainingStimulusRecipe { self == .naturalistic ? .naturalistic : .recommendedMix }
}

/// The recipe options of `train` (a `--recipe` JSON file, then single-field overrides) and
/// `--skip-phenomena`, as one value: resolved into a ``TrainingRecipe`` by ``resolvedRecipe(base:)``
/// and written back as command-line arguments by ``arguments`` (what `slurm-script` puts on each
/// task's `train` line). `arguments` → the CLI parser → the same value (flag names are the CLI's).
public struct TrainingOptions: Sendable, Equatable {
    public var recipeFile: String?
    public var seed: UInt64?
    public var samples: Int?
    public var minutes: Double?
    public var trainFrames: Int?
    public var validationFrames: Int?
    public var testFrames: Int?
    public var batchSize: Int?
    public var learningRate: Double?
    public var evaluateEvery: Int?
    public var l2: Double?
    public var patience: Int?
    public var smoothness: Double?
    public var stimulus: TrainingStimulusPreset?
    /// The model's input window, frames of 10 ms (`--history`; architecture.historyFrames).
    public var history: Int?
    public var skipPhenomena = false

    public init() {}

    /// The base recipe (``TrainingRecipe/shipped`` or `--recipe`'s file), then every set override;
    /// validated. Errors: ``TrainingError/invalidRecipe(field:expected:found:)`` (64) naming the field,
    /// or `--recipe` when its file cannot be read or decoded.
    public func resolvedRecipe(base: TrainingRecipe = .shipped) throws -> TrainingRecipe {
        var r = base
        if let path = recipeFile {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
                throw TrainingError.invalidRecipe(field: "--recipe", expected: "a readable JSON file", found: "cannot read '\(path)'")
            }
            do { r = try JSONDecoder().decode(TrainingRecipe.self, from: data) } catch {
                throw TrainingError.invalidRecipe(field: "--recipe", expected: "a training recipe (fields of TrainingRecipe)", found: "'\(path)': \(error)")
            }
        }
        if let seed { r.seed = seed }
        if let samples { r.trainingSamples = samples }
        if let minutes { r.maxMinutes = minutes }
        if let trainFrames { r.trainFrames = trainFrames }
        if let history { r.architecture.historyFrames = history }
        if let validationFrames {
            r.validationFrames = validationFrames
            r.validationWindows = min(r.validationWindows, max(2, validationFrames - r.architecture.historyFrames + 1))
        }
        if let testFrames { r.testFrames = testFrames }
        if let batchSize { r.batchSize = batchSize }
        if let learningRate { r.learningRate = learningRate }
        if let evaluateEvery { r.evaluationIntervalSamples = evaluateEvery }
        if let l2 { r.l2 = l2 }
        if let patience { r.earlyStoppingPatience = patience }
        if let smoothness { r.conv1TemporalSmoothness = smoothness }
        if let stimulus { r.stimulus = stimulus.recipe }
        try r.validate()
        return r
    }

    /// The set options as `train` arguments, in a fixed order (numbers in Swift's shortest
    /// round-trip form, so a parsed value is bit-identical).
    public var arguments: [String] {
        var a: [String] = []
        func add<T>(_ flag: String, _ value: T?) { if let value { a += [flag, "\(value)"] } }
        add("--recipe", recipeFile)
        add("--seed", seed)
        add("--samples", samples)
        add("--minutes", minutes)
        add("--train-frames", trainFrames)
        add("--validation-frames", validationFrames)
        add("--test-frames", testFrames)
        add("--batch-size", batchSize)
        add("--learning-rate", learningRate)
        add("--evaluate-every", evaluateEvery)
        add("--l2", l2)
        add("--patience", patience)
        add("--smoothness", smoothness)
        add("--stimulus", stimulus?.rawValue)
        add("--history", history)
        if skipPhenomena { a.append("--skip-phenomena") }
        return a
    }
}
