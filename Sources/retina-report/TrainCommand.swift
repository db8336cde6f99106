import ArgumentParser
import Foundation
import ModelCards
import RetinaCNN
import RetinaSimulation
import Training

enum StimulusPreset: String, ExpressibleByArgument, CaseIterable {
    case naturalistic, recommended
    var recipe: TrainingStimulusRecipe { self == .naturalistic ? .naturalistic : .recommendedMix }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the BN-CNN on the simulated ground-truth retina (default) or on a recording (--data).",
        discussion: """
        Simulates training, validation and test movies from the recipe's seed, trains with Adam on
        Poisson spike counts (batch norm, Gaussian noise, L2, cosine learning-rate decay), keeps the
        weights with the best validation correlation, tests on held-out data and measures the four
        phenomena. The model file (safetensors) carries the model card in its metadata. A checkpoint
        is written atomically after every validation; --resume continues from it exactly.
        With --data FILE (deep-retina HDF5, NWB, or an NPY folder; see docs/recordings.md) the same
        network is trained on the recording: stimulus z-scored with the training movie's scalar mean
        and std (stored in the model), contiguous validation block, test on the file's test group
        (or a held-out block) against the repeat mean, with noise ceiling and FEVE.
        """)

    @Option(help: "Output model (.safetensors).") var output: String
    @Flag(help: "Replace an existing output file.") var overwrite = false
    @Option(help: "A full training recipe as JSON (fields of TrainingRecipe); flags below override it.") var recipe: String?
    @Option(help: "Master seed.") var seed: UInt64?
    @Option(help: "Training samples (windows) to show.") var samples: Int?
    @Option(help: "Stop after this many minutes of training.") var minutes: Double?
    @Option(help: "Frames of the training movie.") var trainFrames: Int?
    @Option(help: "Frames of the validation movie.") var validationFrames: Int?
    @Option(help: "Frames of the test movie.") var testFrames: Int?
    @Option(help: "Windows per step.") var batchSize: Int?
    @Option(help: "Peak learning rate.") var learningRate: Double?
    @Option(help: "Validate every this many samples.") var evaluateEvery: Int?
    @Option(help: "L2 penalty on both conv kernels.") var l2: Double?
    @Option(help: "Stop after this many validations without improvement (default: never; the best weights are kept either way).") var patience: Int?
    @Option(help: "Temporal-smoothness penalty on the conv1 kernels (0 = off).") var smoothness: Double?
    @Option(help: "Training stimulus ensemble.") var stimulus: StimulusPreset?
    @Option(help: "Checkpoint file (default: <output>.checkpoint).") var checkpoint: String?
    @Flag(help: "Resume from the checkpoint.") var resume = false
    @Flag(help: "Skip the phenomenon check after training.") var skipPhenomena = false
    @Flag(name: .shortAndLong, help: "No progress output.") var quiet = false
    @Option(help: "Train on this recording instead of the simulated retina (.h5, .nwb, NPY folder).") var data: String?
    @Option(help: "With --data: cell indices to keep, e.g. 0,3,4 (default all).") var cells: String?
    @Option(help: "With --data: square crop y,x,size in pixels.") var crop: String?
    @Option(help: "With --data: deep-retina response dataset (firing_rate_10ms, binned).") var response: String?
    @Option(help: "With --data: NWB stimulus series.") var series: String?
    @Option(help: "With --data and a stimulus .npy: its responses .npy.") var responses: String?
    @Option(help: "With --data: window/response pairing, window-end (the tool's: bin of the newest frame) or next-bin (deep-retina's).") var pairing: ResponsePairing = .windowEnd

    func resolvedRecipe() throws -> TrainingRecipe {
        var r = TrainingRecipe.shipped
        if let path = recipe {
            let url = URL(fileURLWithPath: path)
            guard let data = try? Data(contentsOf: url) else {
                throw ValidationError("--recipe: cannot read '\(path)'")
            }
            do { r = try JSONDecoder().decode(TrainingRecipe.self, from: data) } catch {
                throw ValidationError("--recipe: '\(path)' is not a training recipe: \(error)")
            }
        }
        if let seed { r.seed = seed }
        if let samples { r.trainingSamples = samples }
        if let minutes { r.maxMinutes = minutes }
        if let trainFrames { r.trainFrames = trainFrames }
        if let validationFrames { r.validationFrames = validationFrames; r.validationWindows = min(r.validationWindows, max(2, validationFrames - 39)) }
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

    func run() throws {
        try reportingErrors {
            let outputURL = try OutputPath.checked(output, overwrite: overwrite)
            if let data { return try runOnRecording(data, outputURL: outputURL) }
            let recipe = try resolvedRecipe()
            let checkpointURL = URL(fileURLWithPath: checkpoint ?? output + ".checkpoint")
            let resumeFrom = resume ? try TrainingCheckpoint.read(contentsOf: checkpointURL) : nil
            let printer = TrainingProgressPrinter()
            let session = try TrainingSession(recipe: recipe, resume: resumeFrom,
                                              observer: { p in if !quiet { printer.handle(p) } })
            let trained = try session.run(checkpointURL: checkpointURL, measurePhenomena: !skipPhenomena)
            try trained.write(to: outputURL)
            try? FileManager.default.removeItem(at: checkpointURL)
            if !quiet {
                note(String(format: "held-out correlation %.3f (mean over %d cells); %d samples in %.1f min",
                            trained.card.meanHeldOutCorrelation, trained.card.heldOutCorrelation.count,
                            trained.card.samplesSeen, trained.card.trainingSeconds / 60))
                if let v = trained.phenomena { note(v.formattedTable(title: "Phenomena on the trained CNN")) }
            }
            print(output)
        }
    }
}
