import Foundation
import RetinaCNN
import RetinaCore
import RetinaSimulation
import Recordings
import ModelCards

/// Trains the BN-CNN on a recording (`train --data`): the same network, loss, optimiser and
/// schedule as ``TrainingSession``, on the blocks of ``RecordingTrainingData``.
///
/// Validation: mean over cells of Pearson r between prediction and the (noisy) responses of the
/// validation block; the best weights are kept. Test: per cell, Pearson r with the repeat-averaged
/// response (or the responses without repeats), the repeats' noise ceiling and the fraction of
/// explainable variance explained (``RepeatStatistics``). Cell centres come from the model's input
/// gradient (``CellFilterEstimation``). No checkpoints or resume (the data are not re-simulated).
public final class RecordingTrainingSession {
    /// What the card should say about the file beyond the recording itself.
    public struct SourceInfo: Sendable {
        public var fileName: String
        public var sha256: String?
        public var selectedCells: [Int]?
        public var crop: [Int]?
        public init(fileName: String, sha256: String?, selectedCells: [Int]?, crop: [Int]?) {
            self.fileName = fileName; self.sha256 = sha256; self.selectedCells = selectedCells; self.crop = crop
        }
    }

    public let recipe: TrainingRecipe
    public let data: RecordingTrainingData
    let recording: Recording
    let source: SourceInfo
    let observer: @Sendable (TrainingProgress) -> Void

    /// - Parameter recipe: optimiser, schedule, length and architecture (its cells, height and width
    ///   are replaced by the recording's; its split sizes by the blocks').
    public init(recording: Recording, source: SourceInfo, recipe base: TrainingRecipe, pairing: ResponsePairing = .windowEnd,
                observer: @escaping @Sendable (TrainingProgress) -> Void = { _ in }) throws {
        let d = try RecordingTrainingData(recording: recording, history: base.architecture.historyFrames, pairing: pairing)
        var r = base
        r.architecture.cells = recording.cellCount
        r.architecture.height = recording.frameSize.height
        r.architecture.width = recording.frameSize.width
        r.trainFrames = d.train.frames; r.validationFrames = d.validation.frames; r.testFrames = d.test.frames
        r.validationWindows = max(2, min(r.validationWindows, d.windowCount(d.validation)))
        // trainFrames ≥ history + batch (the recipe's rule): at most train frames − history windows,
        // which RecordingTrainingData guarantees is ≥ 2.
        r.batchSize = min(r.batchSize, max(2, d.windowCount(d.train)), max(2, d.train.frames - r.architecture.historyFrames))
        r.evaluationIntervalSamples = max(r.evaluationIntervalSamples, r.batchSize)
        r.trainingSamples = max(r.trainingSamples, r.batchSize)
        do { try r.architecture.validate() } catch {
            throw TrainingError.invalidRecipe(field: "architecture", expected: "kernels that fit the \(r.architecture.height)×\(r.architecture.width) frame (use --crop or a larger frame)",
                                              found: "\(error)")
        }
        try r.validate()
        recipe = r; data = d; self.recording = recording; self.source = source; self.observer = observer
    }

    public func run() throws -> TrainedModel {
        let started = Date()
        let cells = data.cells, history = recipe.architecture.historyFrames
        observer(TrainingProgress(phase: .simulatingData, message: "\(data.train.frames + data.validation.frames) frames from the recording"))
        let random = try BNCNN(architecture: recipe.architecture, seed: TrainingData.seed(.initialisation, master: recipe.seed))
        let trainWindows = data.windowCount(data.train)
        var allTargets = [Float](); allTargets.reserveCapacity(trainWindows * cells)
        for s in 0..<trainWindows { allTargets += data.target(data.train, window: s) }
        let stats = OutputScaleInitialisation.rateStatistics(targetsHz: allTargets, cells: cells, binSeconds: Units.frameSeconds)
        let initial = try OutputScaleInitialisation.applied(to: random, mean: recipe.initialiseOutputMean == true ? stats.mean : nil,
                                                            sd: recipe.initialiseOutputSpread == true ? stats.sd : nil)
        // Windows of the training block start at frame s; the trainer sees exactly the movie frames
        // s … s + history − 1, and the target is bin s + history − 1 + lag (RecordingTrainingData).
        let trainer = try BNCNNTrainer(model: initial, movie: data.train.movie, l2: Float(recipe.l2),
                                       seed: TrainingData.seed(.trainerNoise, master: recipe.seed))
        trainer.temporalSmoothness = Float(recipe.conv1TemporalSmoothness ?? 0)
        trainer.outputScaleLearningRateMultiplier = Float(recipe.outputScaleLearningRateMultiplier ?? 1)
        let schedule = LearningRateSchedule(recipe: recipe)
        let batchSeed = TrainingData.seed(.batches, master: recipe.seed)
        var state = TrainingState(recipe: recipe)
        var best = initial
        var stopReason = "completed \(recipe.trainingSamples) samples"
        var lastReport = Date.distantPast
        let total = recipe.totalSteps
        while state.step < total {
            let elapsed = Date().timeIntervalSince(started)
            if let m = recipe.maxMinutes, elapsed > m * 60 { stopReason = "time limit of \(m) min"; break }
            var rng = SeededRandom.stream(seed: batchSeed, index: UInt64(state.step))
            let starts = (0..<recipe.batchSize).map { _ in Int(rng.next() % UInt64(trainWindows)) }
            var targets = [Float](); targets.reserveCapacity(starts.count * cells)
            for s in starts { targets += allTargets[(s * cells)..<((s + 1) * cells)] }
            let lr = schedule.rate(atStep: state.step)
            let result = try trainer.step(TrainingBatch(windowStarts: starts, targets: targets), learningRate: Float(lr))
            guard result.totalLoss.isFinite else { throw TrainingError.diverged(step: state.step, reason: "loss is \(result.totalLoss)") }
            state.lossAverage = state.lossAverage.map { 0.98 * $0 + 0.02 * result.poissonLoss } ?? result.poissonLoss
            state.step += 1; state.samples += recipe.batchSize
            let crossed = state.samples / recipe.evaluationIntervalSamples != (state.samples - recipe.batchSize) / recipe.evaluationIntervalSamples
            if crossed || state.step == total {
                state.elapsedSeconds = Date().timeIntervalSince(started)
                let model = trainer.model
                let r = try correlations(model, data.validation, windows: recipe.validationWindows, repeatMean: false)
                let mean = r.reduce(0, +) / Double(max(1, r.count))
                state.history.append(ModelCard.Evaluation(step: state.step, samples: state.samples, elapsedSeconds: state.elapsedSeconds,
                                                          trainingLoss: state.lossAverage ?? .nan, validationCorrelation: mean, learningRate: lr))
                if mean > (state.bestCorrelation ?? -.infinity) {
                    state.bestCorrelation = mean; state.bestStep = state.step; state.evaluationsWithoutImprovement = 0; best = model
                } else {
                    state.evaluationsWithoutImprovement += 1
                }
                if let p = recipe.earlyStoppingPatience, state.evaluationsWithoutImprovement >= p {
                    stopReason = "early stopping: no better validation correlation in \(p) evaluations"; break
                }
            }
            if Date().timeIntervalSince(lastReport) >= 1 {
                lastReport = Date()
                observer(TrainingProgress(phase: .training, step: state.step, totalSteps: total, samples: state.samples,
                                          loss: state.lossAverage, learningRate: lr, validationCorrelation: state.history.last?.validationCorrelation,
                                          bestValidationCorrelation: state.bestCorrelation, elapsedSeconds: Date().timeIntervalSince(started),
                                          etaSeconds: nil))
            }
        }
        state.elapsedSeconds = Date().timeIntervalSince(started)
        observer(TrainingProgress(phase: .testing, step: state.step, totalSteps: total, samples: state.samples, elapsedSeconds: state.elapsedSeconds))
        let accuracy = try testAccuracy(best)
        let centres = CellFilterEstimation.centres(best, movie: data.validation.movie)
        let sourceCard = RecordingDataSource(
            kind: "recording", fileName: source.fileName, sha256: source.sha256, format: recording.provenance.format,
            datasets: recording.provenance.datasets, cellIDs: recording.cellIDs, selectedCells: source.selectedCells, crop: source.crop,
            responseUnit: recording.responseUnit.rawValue, sourceFramePeriodSeconds: recording.sourceFramePeriodSeconds,
            trainFrames: data.train.frames, validationFrames: data.validation.frames, testFrames: data.test.frames,
            testSplit: data.testSplit, normalisation: data.normalisation, pairing: data.pairing,
            warnings: recording.provenance.warnings, test: accuracy)
        var card = ModelCard(
            toolVersion: ToolVersion.current, recipe: recipe, simulatorParameters: .salamander, simulatorCells: [],
            trainWindows: trainWindows, validationWindows: data.windowCount(data.validation), testWindows: data.windowCount(data.test),
            keptStep: state.bestStep ?? state.step, samplesSeen: state.samples, trainingSeconds: state.elapsedSeconds,
            samplesPerSecond: Double(state.samples) / max(1e-9, state.elapsedSeconds),
            heldOutCorrelation: accuracy.correlation,
            heldOutFEV: accuracy.fractionOfExplainableVarianceExplained?.map { $0 } ?? [],
            history: state.history, phenomenonCriteria: nil, stopReason: stopReason)
        card.dataSource = sourceCard
        card.memoryCoverage = MemoryCoverage.recording(trainingData: data, fileName: source.fileName)
        observer(TrainingProgress(phase: .finished, step: state.step, totalSteps: total, samples: state.samples, elapsedSeconds: state.elapsedSeconds))
        return TrainedModel(model: best.withCellCentres(centres), card: card, phenomena: nil)
    }

    /// Pearson r per cell on the first `windows` windows of `block`.
    func correlations(_ model: BNCNN, _ b: RecordingTrainingData.Block, windows: Int, repeatMean: Bool) throws -> [Double] {
        let n = min(windows, data.windowCount(b))
        let movie = b.movie.slice(frames: 0..<(n + recipe.architecture.historyFrames - 1 + data.pairing.lagFrames))
        let predicted = try model.rates(for: movie)
        return (0..<data.cells).map { c in
            Statistics.pearson((0..<n).map { Double(predicted[$0, c]) }, data.reference(b, cell: c, repeatMean: repeatMean).prefix(n).map(Double.init)) ?? 0
        }
    }

    func testAccuracy(_ model: BNCNN) throws -> RecordingDataSource.TestAccuracy {
        let b = data.test, n = data.windowCount(b)
        let predicted = try model.rates(for: b.movie)
        let hasRepeats = b.repeatCount >= 2
        var r = [Double](), ceiling = [Double](), feve = [Double]()
        for c in 0..<data.cells {
            let p = (0..<n).map { predicted[$0, c] }
            r.append(Statistics.pearson(p.map(Double.init), data.reference(b, cell: c, repeatMean: hasRepeats).map(Double.init)) ?? 0)
            if hasRepeats {
                let trials = data.trials(b, cell: c)
                ceiling.append(RepeatStatistics.noiseCeiling(trials) ?? .nan)
                feve.append(RepeatStatistics.fractionOfExplainableVarianceExplained(prediction: p, trials: trials) ?? .nan)
            }
        }
        return .init(reference: hasRepeats ? "repeat mean" : "responses", repeats: b.repeatCount, correlation: r,
                     noiseCeiling: hasRepeats ? ceiling : nil, fractionOfExplainableVarianceExplained: hasRepeats ? feve : nil)
    }
}
