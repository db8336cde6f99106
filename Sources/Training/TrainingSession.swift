import Foundation
import ModelCards
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation

/// One training run: simulate the data, train the BN-CNN with Adam on Poisson spike counts, keep
/// the weights with the best validation correlation, test on held-out data, measure the four
/// phenomena, and return the model with its card.
///
/// Determinism: data, initialisation, batches and noise all derive from `recipe.seed`; a run
/// resumed from a checkpoint continues with exactly the batches and noise it would have drawn.
public final class TrainingSession {
    public let recipe: TrainingRecipe
    public let retina: SimulatedRetina
    public let data: TrainingData
    let trainer: BNCNNTrainer
    let schedule: LearningRateSchedule
    var state: TrainingState
    var bestModel: BNCNN
    let observer: @Sendable (TrainingProgress) -> Void
    var started = Date()

    /// Simulates the data and prepares the trainer (or restores it from `resume`).
    public init(recipe: TrainingRecipe, retina: SimulatedRetina = SimulatedRetina(),
                resume checkpoint: TrainingCheckpoint? = nil,
                observer: @escaping @Sendable (TrainingProgress) -> Void = { _ in }) throws {
        try recipe.validate()
        try recipe.validateSimulatedData()
        guard recipe.architecture.cells == retina.cellCount else {
            throw TrainingError.invalidRecipe(field: "architecture.cells", expected: "\(retina.cellCount) (the retina's cells)",
                                              found: "\(recipe.architecture.cells)")
        }
        guard (recipe.stimulus.screenHeight, recipe.stimulus.screenWidth) == retina.screen else {
            throw TrainingError.invalidRecipe(field: "stimulus.screenHeight, stimulus.screenWidth",
                                              expected: "\(retina.screenHeight)×\(retina.screenWidth) (the retina's screen)",
                                              found: "\(recipe.stimulus.screenHeight)×\(recipe.stimulus.screenWidth)")
        }
        self.recipe = recipe; self.retina = retina; self.observer = observer
        observer(TrainingProgress(phase: .simulatingData, message: "\(recipe.trainFrames + recipe.validationFrames + recipe.testFrames) frames"))
        data = try TrainingData.simulate(recipe: recipe, retina: retina)
        schedule = LearningRateSchedule(recipe: recipe)
        let random = try BNCNN(architecture: recipe.architecture,
                               seed: TrainingData.seed(.initialisation, master: recipe.seed))
        let stats = OutputScaleInitialisation.rateStatistics(
            targetsHz: data.train.spikeCounts.map { $0 / Float(Units.frameSeconds) },
            cells: recipe.architecture.cells, binSeconds: Units.frameSeconds)
        let initial = try OutputScaleInitialisation.applied(
            to: random, mean: recipe.initialiseOutputMean == true ? stats.mean : nil,
            sd: recipe.initialiseOutputSpread == true ? stats.sd : nil)
        trainer = try BNCNNTrainer(model: initial, movie: data.train.movie, l2: Float(recipe.l2),
                                   seed: TrainingData.seed(.trainerNoise, master: recipe.seed))
        trainer.temporalSmoothness = Float(recipe.conv1TemporalSmoothness ?? 0)
        trainer.outputScaleLearningRateMultiplier = Float(recipe.outputScaleLearningRateMultiplier ?? 1)
        if let checkpoint {
            guard checkpoint.state.recipe == recipe else {
                throw TrainingError.checkpointMismatch(path: checkpoint.source, reason: "it was made with a different recipe")
            }
            try trainer.restore(checkpoint.trainerState)
            state = checkpoint.state
            bestModel = checkpoint.bestModel
        } else {
            state = TrainingState(recipe: recipe)
            bestModel = initial
        }
    }

    /// Runs (or continues) training to the end and returns the trained model.
    /// - Parameter checkpointURL: where to write an atomic checkpoint after every validation.
    /// - Parameter stopAfterStep: stop (without finishing) once this many steps are done — for
    ///   interruption tests; returns nil then.
    public func run(checkpointURL: URL? = nil, measurePhenomena: Bool = true) throws -> TrainedModel {
        try run(checkpointURL: checkpointURL, measurePhenomena: measurePhenomena, stopAfterStep: nil)!
    }

    func run(checkpointURL: URL?, measurePhenomena: Bool, stopAfterStep: Int?) throws -> TrainedModel? {
        started = Date()
        let loopStartStep = state.step
        let trainWindows = data.train.windowCount
        let batchSeed = TrainingData.seed(.batches, master: recipe.seed)
        let total = recipe.totalSteps
        let resumedElapsed = state.elapsedSeconds
        var lastReport = Date.distantPast
        var stopReason = "completed \(recipe.trainingSamples) samples"
        while state.step < total {
            if let stop = stopAfterStep, state.step >= stop { return nil }
            let elapsed = resumedElapsed + Date().timeIntervalSince(started)
            if let m = recipe.maxMinutes, elapsed > m * 60 { stopReason = "time limit of \(m) min"; break }
            var rng = SeededRandom.stream(seed: batchSeed, index: UInt64(state.step))
            let starts = (0..<recipe.batchSize).map { _ in Int(rng.next() % UInt64(trainWindows)) }
            var targets = [Float](); targets.reserveCapacity(starts.count * retina.cellCount)
            for s in starts { targets += data.train.targetRatesHz(window: s) }
            let lr = schedule.rate(atStep: state.step)
            let result = try trainer.step(TrainingBatch(windowStarts: starts, targets: targets), learningRate: Float(lr))
            guard result.totalLoss.isFinite else {
                throw TrainingError.diverged(step: state.step, reason: "loss is \(result.totalLoss)")
            }
            state.lossAverage = state.lossAverage.map { 0.98 * $0 + 0.02 * result.poissonLoss } ?? result.poissonLoss
            state.step += 1
            state.samples += recipe.batchSize
            let crossed = state.samples / recipe.evaluationIntervalSamples != (state.samples - recipe.batchSize) / recipe.evaluationIntervalSamples
            if crossed || state.step == total {
                state.elapsedSeconds = resumedElapsed + Date().timeIntervalSince(started)
                try evaluate(learningRate: lr)
                if let url = checkpointURL { try checkpoint(to: url) }
                if let patience = recipe.earlyStoppingPatience, state.evaluationsWithoutImprovement >= patience {
                    stopReason = "early stopping: no better validation correlation in \(patience) evaluations"
                    break
                }
            }
            if Date().timeIntervalSince(lastReport) >= 1 {
                lastReport = Date()
                let elapsedNow = resumedElapsed + Date().timeIntervalSince(started)
                let rate = Double(state.step - loopStartStep) / max(1e-9, Date().timeIntervalSince(started))
                observer(TrainingProgress(
                    phase: .training, step: state.step, totalSteps: total, samples: state.samples,
                    loss: state.lossAverage, learningRate: lr, validationCorrelation: state.history.last?.validationCorrelation,
                    bestValidationCorrelation: state.bestCorrelation, elapsedSeconds: elapsedNow,
                    etaSeconds: rate > 0 ? Double(total - state.step) / rate : nil))
            }
        }
        state.elapsedSeconds = resumedElapsed + Date().timeIntervalSince(started)
        return try finish(stopReason: stopReason, measurePhenomena: measurePhenomena)
    }

    /// Validation: Pearson r per cell between the model and the noise-free ground truth on the first
    /// `validationWindows` windows of the validation split; keeps the best weights.
    func evaluate(learningRate: Double) throws {
        let model = trainer.model
        let windows = min(recipe.validationWindows, data.validation.windowCount)
        let movie = data.validation.movie.slice(frames: 0..<(windows + recipe.architecture.historyFrames - 1))
        let predicted = try model.rates(for: movie)
        let r = Self.correlations(predicted, data.validation.groundTruth, rows: windows)
        let mean = r.reduce(0, +) / Double(r.count)
        state.history.append(ModelCard.Evaluation(
            step: state.step, samples: state.samples, elapsedSeconds: state.elapsedSeconds,
            trainingLoss: state.lossAverage ?? .nan, validationCorrelation: mean, learningRate: learningRate))
        if mean > (state.bestCorrelation ?? -.infinity) {
            state.bestCorrelation = mean; state.bestStep = state.step; state.evaluationsWithoutImprovement = 0
            bestModel = model
        } else {
            state.evaluationsWithoutImprovement += 1
        }
    }

    static func correlations(_ predicted: RateMatrix, _ truth: RateMatrix, rows: Int) -> [Double] {
        (0..<predicted.cells).map { c in
            let p = (0..<rows).map { predicted[$0, c] }, t = (0..<rows).map { truth[$0, c] }
            return Statistics.pearson(p.map(Double.init), t.map(Double.init)) ?? 0
        }
    }

    func checkpoint(to url: URL) throws {
        try TrainingCheckpoint(state: state, trainerState: trainer.exportState(), bestModel: bestModel, source: url.path)
            .write(to: url)
    }

    func finish(stopReason: String, measurePhenomena: Bool) throws -> TrainedModel {
        observer(TrainingProgress(phase: .testing, step: state.step, totalSteps: recipe.totalSteps,
                                  samples: state.samples, elapsedSeconds: state.elapsedSeconds))
        let model = bestModel
        let predicted = try model.rates(for: data.test.movie)
        let rows = data.test.windowCount
        let r = Self.correlations(predicted, data.test.groundTruth, rows: rows)
        let fev = (0..<predicted.cells).map { c in
            Statistics.fractionOfVarianceExplained(target: (0..<rows).map { Double(data.test.groundTruth[$0, c]) },
                                                   prediction: (0..<rows).map { Double(predicted[$0, c]) }) ?? 0
        }
        var criteria: [CriterionResult]?
        var validation: PhenomenaValidation?
        if measurePhenomena {
            observer(TrainingProgress(phase: .phenomena, step: state.step, totalSteps: recipe.totalSteps,
                                      samples: state.samples, elapsedSeconds: state.elapsedSeconds))
            var suite = PhenomenonSuite.validation
            suite.trimsToAnalysedFrames = true
            let v = try suite.measure(model.withCellCentres(retina.cellCentres))
            validation = v
            criteria = v.criteria
        }
        observer(TrainingProgress(phase: .phenomena, step: state.step, totalSteps: recipe.totalSteps, samples: state.samples,
                                  elapsedSeconds: state.elapsedSeconds, message: "memory coverage of the window"))
        var settings = MemoryCoverage.RetinaCheckSettings()
        settings.measurePhenomena = measurePhenomena
        let coverage = try MemoryCoverage.simulatedRetina(retina, windowFrames: recipe.architecture.historyFrames,
                                                          stimulus: recipe.stimulus, seed: recipe.seed, settings: settings)
        var card = ModelCard(
            toolVersion: ToolVersion.current, recipe: recipe, simulatorParameters: retina.parameters,
            simulatorCells: retina.cells, trainWindows: data.train.windowCount,
            validationWindows: data.validation.windowCount, testWindows: rows,
            keptStep: state.bestStep ?? state.step, samplesSeen: state.samples,
            trainingSeconds: state.elapsedSeconds,
            samplesPerSecond: Double(state.samples) / max(1e-9, state.elapsedSeconds),
            heldOutCorrelation: r, heldOutFEV: fev, history: state.history,
            phenomenonCriteria: criteria, stopReason: stopReason)
        card.memoryCoverage = coverage
        observer(TrainingProgress(phase: .finished, step: state.step, totalSteps: recipe.totalSteps,
                                  samples: state.samples, elapsedSeconds: state.elapsedSeconds))
        return TrainedModel(model: model.withCellCentres(retina.cellCentres), card: card, phenomena: validation)
    }
}

/// A trained model with its card (and the full phenomenon validation when measured).
public struct TrainedModel: Sendable {
    public var model: BNCNN
    public var card: ModelCard
    public var phenomena: PhenomenaValidation?

    /// Writes the model (safetensors, atomic) with the card in its metadata.
    public func write(to url: URL) throws {
        try model.save(to: url, metadata: try card.metadata())
    }
}
