import Foundation
import RetinaCNN
import RetinaCore
import RetinaSimulation

/// Everything that determines a trained model: data, architecture, optimiser and schedule.
///
/// Same recipe (incl. `seed`) → same model bytes (the engine splits work into a fixed number of
/// parts, so results do not depend on timing). Stored as JSON in every model it produces.
///
/// Every field has a range, checked by ``validate()`` before anything is simulated, read or
/// allocated (the ranges are stated on the fields; the limits are the `maximum…` constants).
public struct TrainingRecipe: Codable, Sendable, Equatable {
    /// Short name recorded in the model card: at most ``maximumNameCharacters`` characters, no
    /// control or bidirectional formatting character (it is printed and put in reports).
    public var name: String
    /// The training stimulus ensemble (never contains the four test protocols).
    public var stimulus: TrainingStimulusRecipe
    /// Frames of training, validation and test movie (each split is simulated with its own seed):
    /// train ≥ history + batch, validation and test ≥ history + 1, each ≤ ``maximumSimulatedSplitFrames``
    /// when simulated (``validateSimulatedData()``).
    public var trainFrames: Int
    public var validationFrames: Int
    public var testFrames: Int
    /// The network: history 1 … ``maximumHistoryFrames``, height and width 1 …
    /// ``ModelCard/maximumScreenPixels`` (the simulated stimulus's screen when simulated), channels 1 …
    /// ``maximumChannels``, kernels 1 … the map they slide over, cells 1 … ``ModelCard/maximumCells``,
    /// at most ``maximumModelParameters`` parameters, bnEpsilon in (0, 1], bnMomentum in [0, 1],
    /// noiseSigma in [0, ``maximumNoiseSigma``].
    public var architecture: BNCNNArchitecture
    /// Windows per optimisation step: 2 … ``maximumBatchSize``.
    public var batchSize: Int
    /// Peak Adam learning rate, in (0, ``maximumLearningRate``]; cosine decay to
    /// `finalLearningRateFraction` (0 … 1) of it, after a linear warm-up of `warmupSteps`
    /// (0 … ``maximumTrainingSamples``; at most the run's steps are used).
    public var learningRate: Double
    public var finalLearningRateFraction: Double
    public var warmupSteps: Int
    /// L2 penalty on both conv kernels (Keras convention: l2 · Σ W²), 0 … ``maximumPenalty``.
    public var l2: Double
    /// Temporal-smoothness penalty s · Σ (W1[τ+1] − W1[τ])² on the conv1 kernels, 0 …
    /// ``maximumPenalty``; nil or 0 = off.
    /// Optional so model cards written before it existed still decode.
    public var conv1TemporalSmoothness: Double?
    /// How the output batch norm (which alone sets the rate scale in Hz) starts and learns:
    /// β₃ from the mean target rate (`initialiseOutputMean`), γ₃ from its SD
    /// (`initialiseOutputSpread`), and a learning-rate factor for both, 0 …
    /// ``maximumOutputScaleLearningRateMultiplier``. Optional for old cards (nil = off / 1).
    public var initialiseOutputMean: Bool?
    public var initialiseOutputSpread: Bool?
    public var outputScaleLearningRateMultiplier: Double?
    /// Training length in windows (samples) shown, batchSize … ``maximumTrainingSamples``; the run
    /// also stops at `maxMinutes` (in (0, ``maximumMinutes``]) if set.
    public var trainingSamples: Int
    public var maxMinutes: Double?
    /// Validate (and checkpoint) every this many samples (batchSize … ``maximumTrainingSamples``), on
    /// the first `validationWindows` windows (2 … ``maximumSimulatedSplitFrames``) of the validation split.
    public var evaluationIntervalSamples: Int
    public var validationWindows: Int
    /// Stop after this many evaluations without a better validation correlation, 1 …
    /// ``maximumPatience`` (nil: never).
    public var earlyStoppingPatience: Int?
    /// Master seed: stimulus, spikes, initialisation, batches and noise derive from it.
    public var seed: UInt64
    /// What the Poisson loss fits on the training split (nil = ``TrainingTargets/spikeCounts``).
    /// Optional so recipes (and their fingerprints) written before it existed are unchanged.
    public var trainingTargets: TrainingTargets? = nil

    public init(name: String = "default", stimulus: TrainingStimulusRecipe = .recommendedMix,
                trainFrames: Int = 200_000, validationFrames: Int = 20_000, testFrames: Int = 20_000,
                architecture: BNCNNArchitecture = BNCNNArchitecture(cells: 8, historyFrames: TrainingRecipe.defaultHistoryFrames),
                batchSize: Int = 128,
                learningRate: Double = 1e-3, finalLearningRateFraction: Double = 0.05, warmupSteps: Int = 100,
                l2: Double = 1e-4, conv1TemporalSmoothness: Double? = 0.003,
                initialiseOutputMean: Bool? = true, initialiseOutputSpread: Bool? = false,
                outputScaleLearningRateMultiplier: Double? = 100, trainingSamples: Int = 800_000, maxMinutes: Double? = nil,
                evaluationIntervalSamples: Int = 40_000, validationWindows: Int = 5_000,
                earlyStoppingPatience: Int? = nil, seed: UInt64 = 1) {
        self.name = name; self.stimulus = stimulus
        self.trainFrames = trainFrames; self.validationFrames = validationFrames; self.testFrames = testFrames
        self.architecture = architecture; self.batchSize = batchSize
        self.learningRate = learningRate; self.finalLearningRateFraction = finalLearningRateFraction
        self.warmupSteps = warmupSteps; self.l2 = l2; self.conv1TemporalSmoothness = conv1TemporalSmoothness
        self.initialiseOutputMean = initialiseOutputMean; self.initialiseOutputSpread = initialiseOutputSpread
        self.outputScaleLearningRateMultiplier = outputScaleLearningRateMultiplier
        self.trainingSamples = trainingSamples; self.maxMinutes = maxMinutes
        self.evaluationIntervalSamples = evaluationIntervalSamples; self.validationWindows = validationWindows
        self.earlyStoppingPatience = earlyStoppingPatience; self.seed = seed
    }

    /// The training targets in effect (``trainingTargets`` or the default).
    public var targets: TrainingTargets { trainingTargets ?? .spikeCounts }

    /// The recipe that produced the shipped model in `Assets/`.
    public static let shipped = TrainingRecipe()

    /// The default input window, frames of 10 ms: 60 (600 ms), not the paper's 40. The simulated
    /// retina restricted to its last 40 frames explains FEV 0.62 of its own responses and has no OSR
    /// timing; restricted to 60 it explains 0.99 and keeps it (docs/method.md §3.1, "History window").
    public static let defaultHistoryFrames = 60
    /// The largest window a recipe may ask for, frames (5 s; the simulated retina's slowest filter
    /// ends within 2 s).
    public static let maximumHistoryFrames = 500

    /// The most training samples a recipe may ask for (10¹²: about 10⁵ hours at the engine's speed);
    /// with it, every sum of sample counts in training stays far from `Int.max`.
    public static let maximumTrainingSamples = 1_000_000_000_000
    /// The largest batch (65,536 windows).
    public static let maximumBatchSize = 65_536
    /// The largest peak learning rate (1; Adam's steps are about this size per weight, the shipped
    /// recipe uses 10⁻³).
    public static let maximumLearningRate = 1.0
    /// The largest L2 and temporal-smoothness penalty (10³; the shipped recipe uses 10⁻⁴ and 0.003).
    public static let maximumPenalty = 1e3
    /// The largest learning-rate factor of the output batch norm (10⁴; the shipped recipe uses 100).
    public static let maximumOutputScaleLearningRateMultiplier = 1e4
    /// The longest time limit, minutes (10⁶, about 1.9 years).
    public static let maximumMinutes = 1e6
    /// The most evaluations without improvement early stopping may wait for (10⁶).
    public static let maximumPatience = 1_000_000
    /// The most maps of one conv layer (1,024; the paper's network has 8).
    public static let maximumChannels = 1_024
    /// The most parameters the network may have (10⁸, 400 MB of Float weights before Adam's two
    /// moments and the gradients; the shipped network has about 2 × 10⁵).
    public static let maximumModelParameters = 100_000_000
    /// The largest SD of the training noise after BN1 and BN2 (10, in units of the normalised
    /// activation; the shipped recipe uses 0.05).
    public static let maximumNoiseSigma: Float = 10
    /// The longest recipe name, characters.
    public static let maximumNameCharacters = 200

    /// The most frames one simulated split (`trainFrames`, `validationFrames`, `testFrames`) may ask
    /// for: 10⁸ frames of 10 ms, about 11.6 days of stimulus (the shipped recipe trains on 200,000).
    public static let maximumSimulatedSplitFrames = 100_000_000
    /// The memory the simulated data set may take: 16 GiB (17.2 GB), estimated before anything is
    /// simulated as ``simulatedDataBytes`` (every split's movie as Float pixels plus its ground-truth
    /// rates and spike counts as Float). Below the 24 GiB of the machines in docs/toolchain.md, so the
    /// model, its batches and the rest of the process still fit; the shipped recipe needs 2.42 GB,
    /// about 7× under.
    public static let maximumSimulatedDataBytes = 16 << 30

    /// Estimated bytes of the simulated splits: Σ frames × (height × width + 2 × cells) × 4 (movie,
    /// rates and spike counts as Float), in Double so no count can overflow.
    public var simulatedDataBytes: Double {
        let frames = Double(trainFrames) + Double(validationFrames) + Double(testFrames)
        let pixels = Double(stimulus.screenHeight) * Double(stimulus.screenWidth)
        return frames * (pixels + 2 * Double(architecture.cells)) * 4
    }

    /// The budget of training on the simulated retina (not of a recording, whose readers have their
    /// own limits), checked after ``validate()`` and before anything is simulated or allocated: each
    /// split at most ``maximumSimulatedSplitFrames`` frames and the whole data set at most
    /// ``maximumSimulatedDataBytes``; the network's input is the stimulus's screen. Throws ``TrainingError/invalidRecipe(field:expected:found:)`` (64)
    /// naming the field and its `train` option.
    public func validateSimulatedData() throws {
        let screen = (stimulus.screenHeight, stimulus.screenWidth)
        if (architecture.height, architecture.width) != screen {
            throw TrainingError.invalidRecipe(field: "architecture.height, architecture.width",
                                              expected: "the training stimulus's screen, \(screen.0)×\(screen.1) (stimulus.screenHeight × stimulus.screenWidth)",
                                              found: "\(architecture.height)×\(architecture.width)")
        }
        for (field, option, frames) in [("trainFrames", "--train-frames", trainFrames),
                                        ("validationFrames", "--validation-frames", validationFrames),
                                        ("testFrames", "--test-frames", testFrames)]
        where frames > Self.maximumSimulatedSplitFrames {
            throw TrainingError.invalidRecipe(field: "\(field) (\(option))", expected: "≤ \(Self.maximumSimulatedSplitFrames) frames", found: "\(frames)")
        }
        let bytes = simulatedDataBytes
        if bytes > Double(Self.maximumSimulatedDataBytes) {
            let frames = trainFrames + validationFrames + testFrames
            throw TrainingError.invalidRecipe(
                field: "trainFrames + validationFrames + testFrames (--train-frames, --validation-frames, --test-frames)",
                expected: "at most \(Self.maximumSimulatedDataBytes) bytes (16 GiB) of simulated data, frames × (\(stimulus.screenHeight)×\(stimulus.screenWidth) pixels + 2 × \(architecture.cells) cells) × 4 bytes",
                found: "\(frames) frames: \(String(format: "%.0f", bytes)) bytes (\(String(format: "%.3g", bytes / 1e9)) GB)")
        }
    }

    /// Total optimisation steps (⌈samples / batch⌉ without the overflowing `samples + batch − 1`).
    public var totalSteps: Int {
        guard batchSize > 0 else { return 1 }
        return max(1, trainingSamples / batchSize + (trainingSamples % batchSize == 0 ? 0 : 1))
    }

    /// Checks every field against its range (stated on the field), before anything is simulated,
    /// read or allocated; the error names the field and its `train` option if it has one, the
    /// expected range and the found value. Throws ``TrainingError/invalidRecipe(field:expected:found:)`` (64).
    public func validate() throws {
        if let bad = UnsafeText.firstUnsafeScalar(in: name) {
            throw TrainingError.invalidRecipe(field: "name", expected: "text without control or bidirectional formatting characters (newline, ESC, …)",
                                              found: "\(UnsafeText.codePoint(bad)) in \"\(UnsafeText.escaped(name))\"")
        }
        if name.count > Self.maximumNameCharacters {
            throw TrainingError.invalidRecipe(field: "name", expected: "at most \(Self.maximumNameCharacters) characters", found: "\(name.count) characters")
        }
        try validateRanges()
    }

    /// ``validate()`` without the name: every number, size and share. What the recipe of a model card
    /// read back must satisfy (a card's name is only ever shown, with control characters escaped).
    public func validateRanges() throws {
        func fail(_ field: String, _ expected: String, _ found: Any) throws -> Never {
            throw TrainingError.invalidRecipe(field: field, expected: expected, found: "\(found)")
        }
        try validateArchitecture()
        do { try stimulus.validate() } catch let SimulationError.invalidParameter(name, expected, found) {
            try fail("stimulus." + (name.hasPrefix("recipe.") ? String(name.dropFirst(7)) : name), expected, found)
        }
        let history = architecture.historyFrames
        if !(2...Self.maximumBatchSize).contains(batchSize) {
            try fail("batchSize (--batch-size)", "2 … \(Self.maximumBatchSize) (batch norm needs batch statistics)", batchSize)
        }
        if !(1...Self.maximumTrainingSamples).contains(trainingSamples) {
            try fail("trainingSamples (--samples)", "1 … \(Self.maximumTrainingSamples)", trainingSamples)
        }
        if trainFrames < history + batchSize { try fail("trainFrames (--train-frames)", "≥ historyFrames + batchSize (\(history + batchSize))", trainFrames) }
        if validationFrames < history + 1 { try fail("validationFrames (--validation-frames)", "≥ \(history + 1)", validationFrames) }
        if testFrames < history + 1 { try fail("testFrames (--test-frames)", "≥ \(history + 1)", testFrames) }
        if !(learningRate > 0 && learningRate <= Self.maximumLearningRate) {
            try fail("learningRate (--learning-rate)", "in (0, \(Self.maximumLearningRate.plainText)]", learningRate)
        }
        if !(0...1).contains(finalLearningRateFraction) { try fail("finalLearningRateFraction", "0 … 1", finalLearningRateFraction) }
        if !(0...Self.maximumTrainingSamples).contains(warmupSteps) { try fail("warmupSteps", "0 … \(Self.maximumTrainingSamples) steps", warmupSteps) }
        if !(0...Self.maximumPenalty).contains(l2) { try fail("l2 (--l2)", "0 … \(Self.maximumPenalty.plainText)", l2) }
        if let sm = conv1TemporalSmoothness, !(0...Self.maximumPenalty).contains(sm) {
            try fail("conv1TemporalSmoothness (--smoothness)", "0 … \(Self.maximumPenalty.plainText)", sm)
        }
        if let m = outputScaleLearningRateMultiplier, !(0...Self.maximumOutputScaleLearningRateMultiplier).contains(m) {
            try fail("outputScaleLearningRateMultiplier", "0 … \(Self.maximumOutputScaleLearningRateMultiplier.plainText)", m)
        }
        if trainingSamples < batchSize { try fail("trainingSamples (--samples)", "≥ batchSize (\(batchSize))", trainingSamples) }
        if let m = maxMinutes, !(m > 0 && m <= Self.maximumMinutes) { try fail("maxMinutes (--minutes)", "in (0, \(Self.maximumMinutes.plainText)] minutes", m) }
        if !(batchSize...Self.maximumTrainingSamples).contains(evaluationIntervalSamples) {
            try fail("evaluationIntervalSamples (--evaluate-every)", "\(batchSize) (batchSize) … \(Self.maximumTrainingSamples) samples", evaluationIntervalSamples)
        }
        if !(2...Self.maximumSimulatedSplitFrames).contains(validationWindows) {
            try fail("validationWindows", "2 … \(Self.maximumSimulatedSplitFrames)", validationWindows)
        }
        if let p = earlyStoppingPatience, !(1...Self.maximumPatience).contains(p) {
            try fail("earlyStoppingPatience (--patience)", "1 … \(Self.maximumPatience) evaluations", p)
        }
    }

    /// The architecture's ranges (see ``architecture``), field by field, before
    /// ``RetinaCNN/BNCNNArchitecture/validate()``'s own checks, so nothing is allocated for a network
    /// that could not be trained or read back as a model card.
    func validateArchitecture() throws {
        func fail(_ field: String, _ expected: String, _ found: Any) throws -> Never {
            throw TrainingError.invalidRecipe(field: "architecture.\(field)", expected: expected, found: "\(found)")
        }
        let a = architecture
        if !(1...Self.maximumHistoryFrames).contains(a.historyFrames) {
            try fail("historyFrames (--history)", "1 … \(Self.maximumHistoryFrames) frames", a.historyFrames)
        }
        for (field, side) in [("height", a.height), ("width", a.width)] where !(1...ModelCard.maximumScreenPixels).contains(side) {
            try fail(field, "1 … \(ModelCard.maximumScreenPixels) pixels", side)
        }
        for (field, channels) in [("conv1Channels", a.conv1Channels), ("conv2Channels", a.conv2Channels)]
        where !(1...Self.maximumChannels).contains(channels) {
            try fail(field, "1 … \(Self.maximumChannels) maps", channels)
        }
        let side1 = min(a.height, a.width)
        if !(1...side1).contains(a.conv1Kernel) { try fail("conv1Kernel", "1 … \(side1) (the \(a.height)×\(a.width) input)", a.conv1Kernel) }
        let side2 = min(a.layer1Height, a.layer1Width)
        if !(1...side2).contains(a.conv2Kernel) {
            try fail("conv2Kernel", "1 … \(side2) (the \(a.layer1Height)×\(a.layer1Width) layer-1 map)", a.conv2Kernel)
        }
        if !(1...ModelCard.maximumCells).contains(a.cells) { try fail("cells", "1 … \(ModelCard.maximumCells)", a.cells) }
        // Every factor is bounded above, so these products stay far below Int.max.
        let parameters = a.conv1WeightCount + a.conv2WeightCount + a.denseWeightCount + 2 * (a.bn1Count + a.bn2Count + a.cells) + a.conv1Channels + a.conv2Channels
        if parameters > Self.maximumModelParameters {
            try fail("conv1Channels, conv2Channels, conv1Kernel, conv2Kernel, height, width, historyFrames, cells",
                     "a network of at most \(Self.maximumModelParameters) parameters", "\(parameters) parameters")
        }
        if !(a.bnEpsilon > 0 && a.bnEpsilon <= 1) { try fail("bnEpsilon", "in (0, 1]", a.bnEpsilon) }
        if !(0...1).contains(a.bnMomentum) { try fail("bnMomentum", "0 … 1", a.bnMomentum) }
        if !(0...Self.maximumNoiseSigma).contains(a.noiseSigma) { try fail("noiseSigma", "0 … \(Int(Self.maximumNoiseSigma))", a.noiseSigma) }
    }
}

private extension Double {
    /// Integral values without a fraction (1000, not 1000.0).
    var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)" }
}

/// The training split's targets for the Poisson loss `r − y·log r` (docs/method.md §3).
///
/// - `spikeCounts`: one trial of Poisson spike counts per 10 ms bin, what a recording gives.
/// - `noiseFreeRates`: the simulated retina's noise-free rates × 10 ms (the expected count per bin;
///   the loss is minimised at the same `r` in expectation). A diagnostic only: it bounds what the
///   architecture can learn from the stimulus ensemble, separating "cannot represent" from "cannot
///   learn from single trials". Validation and test always compare with the noise-free rates.
public enum TrainingTargets: String, Codable, Sendable, CaseIterable {
    case spikeCounts
    case noiseFreeRates
}
