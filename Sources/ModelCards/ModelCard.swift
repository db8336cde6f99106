import Foundation
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation

/// What a trained model says about itself: stored as JSON under the `model_card` key of the
/// safetensors `__metadata__`, read back by `inspect` and by the report's model card section.
public struct ModelCard: Codable, Sendable, Equatable {
    /// One periodic validation during training.
    public struct Evaluation: Codable, Sendable, Equatable {
        public var step: Int
        public var samples: Int
        public var elapsedSeconds: Double
        public var trainingLoss: Double
        /// Mean over cells of Pearson r against the noise-free ground-truth rates.
        public var validationCorrelation: Double
        public var learningRate: Double

        public init(step: Int, samples: Int, elapsedSeconds: Double, trainingLoss: Double, validationCorrelation: Double,
                    learningRate: Double) {
            self.step = step; self.samples = samples; self.elapsedSeconds = elapsedSeconds
            self.trainingLoss = trainingLoss; self.validationCorrelation = validationCorrelation; self.learningRate = learningRate
        }
    }

    public var toolVersion: String
    public var recipe: TrainingRecipe
    /// The simulated retina the data came from (shared parameters and the cell population).
    public var simulatorParameters: RetinaParameters
    public var simulatorCells: [GanglionCellParameters]
    /// Windows in each split.
    public var trainWindows: Int
    public var validationWindows: Int
    public var testWindows: Int
    /// Step and samples of the kept (best-validation) weights, and the total shown.
    public var keptStep: Int
    public var samplesSeen: Int
    public var trainingSeconds: Double
    public var samplesPerSecond: Double
    /// Held-out (test split) Pearson r and FEV per cell, against the noise-free ground truth.
    public var heldOutCorrelation: [Double]
    public var heldOutFEV: [Double]
    public var history: [Evaluation]
    /// The four phenomena measured on the trained CNN (criteria table; nil if not measured).
    public var phenomenonCriteria: [CriterionResult]?
    /// Why training stopped.
    public var stopReason: String
    /// The recording a model was trained on (or the checkpoint it was imported from); nil for the
    /// simulated retina. When set, the simulator fields are placeholders (no ground truth).
    public var dataSource: RecordingDataSource? = nil
    /// Whether the model's window covers the cells' memory (``MemoryCoverage``), measured at the end of
    /// training; nil in cards written before it existed.
    public var memoryCoverage: MemoryCoverage? = nil

    public init(toolVersion: String, recipe: TrainingRecipe, simulatorParameters: RetinaParameters,
                simulatorCells: [GanglionCellParameters], trainWindows: Int, validationWindows: Int, testWindows: Int,
                keptStep: Int, samplesSeen: Int, trainingSeconds: Double, samplesPerSecond: Double,
                heldOutCorrelation: [Double], heldOutFEV: [Double], history: [Evaluation],
                phenomenonCriteria: [CriterionResult]?, stopReason: String, dataSource: RecordingDataSource? = nil,
                memoryCoverage: MemoryCoverage? = nil) {
        self.toolVersion = toolVersion; self.recipe = recipe
        self.simulatorParameters = simulatorParameters; self.simulatorCells = simulatorCells
        self.trainWindows = trainWindows; self.validationWindows = validationWindows; self.testWindows = testWindows
        self.keptStep = keptStep; self.samplesSeen = samplesSeen
        self.trainingSeconds = trainingSeconds; self.samplesPerSecond = samplesPerSecond
        self.heldOutCorrelation = heldOutCorrelation; self.heldOutFEV = heldOutFEV; self.history = history
        self.phenomenonCriteria = phenomenonCriteria; self.stopReason = stopReason; self.dataSource = dataSource
        self.memoryCoverage = memoryCoverage
    }

    /// Mean held-out correlation over cells.
    public var meanHeldOutCorrelation: Double {
        heldOutCorrelation.isEmpty ? 0 : heldOutCorrelation.reduce(0, +) / Double(heldOutCorrelation.count)
    }

    public static let metadataKey = "model_card"

    /// Reads the card from a model file's metadata, if present.
    public static func from(metadata: [String: String]) throws -> ModelCard? {
        try validated(fromMetadata: metadata)   // NaN-aware decoding and range checks (ModelCard+Validation.swift)
    }

    /// The card as metadata entries (sorted-key JSON).
    public func metadata() throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let json = String(decoding: try encoder.encode(self), as: UTF8.self)
        let meanR = String(format: "%.4f", meanHeldOutCorrelation)
        var entries = [Self.metadataKey: json, "tool_version": toolVersion, "seed": String(recipe.seed),
                       "heldout_correlation_mean": meanR]
        if let d = dataSource {
            entries[RecordingDataSource.metadataKey] = d.metadataValue
            entries[StimulusNormalisation.metadataKey] = d.normalisation.metadataValue
            entries[ResponsePairing.metadataKey] = d.pairing.rawValue
        }
        return entries
    }
}
