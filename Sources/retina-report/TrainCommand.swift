import ArgumentParser
import ArrayIO
import Foundation
import ModelCards
import RetinaCNN
import RetinaSimulation
import Training

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the BN-CNN on the simulated ground-truth retina (default) or on a recording (--data).",
        discussion: """
        Simulates training, validation and test movies from the recipe's seed, trains with Adam on \
        Poisson spike counts (batch norm, Gaussian noise, L2, cosine learning-rate decay), keeps the \
        weights with the best validation correlation, tests on held-out data and measures the four \
        phenomena. The model file (safetensors) carries the model card in its metadata. A checkpoint \
        is written atomically after every validation; --resume continues from it exactly.

        With --output-dir DIR --seeds 1-5 the members of an ensemble are trained one after the other \
        into DIR/member-<seed>.safetensors (same recipe, their own seeds; DIR/ensemble.json lists \
        them): each member has its own checkpoint (--resume continues the unfinished ones), and a \
        finished member is skipped, never replaced without --overwrite. --seed-from-env VAR trains \
        only the member whose seed is in environment variable VAR (a Slurm array task: \
        SLURM_ARRAY_TASK_ID; see `slurm-script`).

        With --data FILE (deep-retina HDF5, NWB, or an NPY folder; see docs/recordings.md) the same \
        network is trained on the recording: stimulus z-scored with the training movie's scalar mean \
        and std (stored in the model), contiguous validation block, test on the file's test group \
        (or a held-out block) against the repeat mean, with noise ceiling and FEVE. --data with \
        --output-dir --seeds trains an ensemble on the recording (every member sees the same data; the \
        seed sets initialisation, batches and noise; no checkpoints: an unfinished member restarts).
        """)

    @Option(help: "Output model (.safetensors).") var output: String?
    @Option(help: "Ensemble folder: train members DIR/member-<seed>.safetensors (with --seeds or --seed-from-env).") var outputDir: String?
    @Option(help: "With --output-dir: the ensemble's member seeds, e.g. 1-5 or 1,3,7.") var seeds: String?
    @Option(help: "With --output-dir: train only the member whose seed is in this environment variable (e.g. SLURM_ARRAY_TASK_ID).") var seedFromEnv: String?
    @Flag(help: "Replace an existing output file (with --output-dir: retrain finished members).") var overwrite = false
    @OptionGroup var recipeOptions: TrainingRecipeArguments
    @Option(help: "Checkpoint file (default: <output>.checkpoint).") var checkpoint: String?
    @Flag(help: "Resume from the checkpoint (with --output-dir: every member that has one).") var resume = false
    @Flag(help: "Print the recipe of every model this command would train (JSON) and exit without training.") var printRecipe = false
    @Flag(name: .shortAndLong, help: "No progress output.") var quiet = false
    @Option(help: "Train on this recording instead of the simulated retina (.h5, .nwb, NPY folder).") var data: String?
    @Option(help: "With --data: cell indices to keep, e.g. 0,3,4 (default all).") var cells: String?
    @Option(help: "With --data: square crop y,x,size in pixels.") var crop: String?
    @Option(help: "With --data: deep-retina response dataset (firing_rate_10ms, binned).") var response: String?
    @Option(help: "With --data: NWB stimulus series.") var series: String?
    @Option(help: "With --data and a stimulus .npy: its responses .npy.") var responses: String?
    @Option(help: "With --data: window/response pairing, window-end (the tool's: bin of the newest frame) or next-bin (deep-retina's).") var pairing: ResponsePairing = .windowEnd

    func validate() throws {
        switch (output, outputDir) {
        case (nil, nil): throw ValidationError("expected --output M.safetensors, or --output-dir DIR with --seeds / --seed-from-env")
        case (_?, _?): throw ValidationError("--output and --output-dir exclude each other")
        case (_?, nil):
            if printRecipe && data != nil { throw ValidationError("--print-recipe shows simulated-retina recipes; with --data the recording decides part of it") }
            if seeds != nil || seedFromEnv != nil { throw ValidationError("--seeds and --seed-from-env need --output-dir DIR (the ensemble folder)") }
        case (nil, _?):
            if seeds == nil && seedFromEnv == nil { throw ValidationError("--output-dir needs --seeds (e.g. 1-5) or --seed-from-env VAR") }
            if recipeOptions.seed != nil { throw ValidationError("--seed cannot be combined with --output-dir: the members' seeds come from --seeds / --seed-from-env") }
            if checkpoint != nil { throw ValidationError("--checkpoint cannot be combined with --output-dir: each member has its own (DIR/member-<seed>.safetensors.checkpoint)") }
            if data != nil && resume { throw ValidationError("--resume cannot be combined with --data and --output-dir: recording training keeps no checkpoint (an unfinished member starts again)") }
        }
    }

    func run() throws {
        try reportingErrors {
            if let outputDir { return try runEnsemble(outputDir) }
            let output = output!
            if printRecipe { return try printRecipes([recipeOptions.options.resolvedRecipe()]) }
            let outputURL = try OutputPath.checked(output, overwrite: overwrite)
            if let data { return try runOnRecording(data, outputURL: outputURL) }
            let recipe = try recipeOptions.options.resolvedRecipe()
            try recipe.validateSimulatedData()
            let checkpointURL = URL(fileURLWithPath: checkpoint ?? output + ".checkpoint")
            let resumeFrom = resume ? try TrainingCheckpoint.read(contentsOf: checkpointURL) : nil
            let printer = TrainingProgressPrinter()
            let session = try TrainingSession(recipe: recipe, resume: resumeFrom,
                                              observer: { p in if !quiet { printer.handle(p) } })
            let trained = try session.run(checkpointURL: checkpointURL, measurePhenomena: !recipeOptions.skipPhenomena)
            try trained.write(to: outputURL)
            try? FileManager.default.removeItem(at: checkpointURL)
            if !quiet { summarise(trained) }
            noteCoverage(trained)
            print(output)
        }
    }

    /// `--output-dir`: the ensemble members (all of --seeds, or the one of --seed-from-env).
    func runEnsemble(_ outputDir: String) throws {
        guard !outputDir.isEmpty else { throw ValidationError("--output-dir: expected a folder path, found an empty string") }
        let list = try seeds.map { try SeedList(parsing: $0) }
        let envSeed = try seedFromEnv.map { try SeedList.seed(fromEnvironment: $0, environment: ProcessInfo.processInfo.environment) }
        let directory = URL(fileURLWithPath: outputDir, isDirectory: true)
        let seedsToTrain = envSeed.map { [$0] } ?? list!.seeds
        let training = try data.map { path in
            try EnsembleTraining.onRecording(readRecording(path), directory: directory, recipe: recipeOptions.options.resolvedRecipe(),
                                             seeds: seedsToTrain, manifestSeeds: list, overwrite: overwrite)
        } ?? EnsembleTraining(directory: directory, recipe: try recipeOptions.options.resolvedRecipe(), seeds: seedsToTrain,
                              manifestSeeds: list, resume: resume, overwrite: overwrite, measurePhenomena: !recipeOptions.skipPhenomena)
        if let envSeed, let list, !list.seeds.contains(envSeed) {
            throw EnsembleError.invalidOption(option: "--seed-from-env \(seedFromEnv!)", expected: "one of --seeds \(list)", found: "\(envSeed)")
        }
        if printRecipe { return try printRecipes(training.seeds.map(training.recipe(seed:))) }
        let plans = try training.prepare()
        let printer = TrainingProgressPrinter()
        let total = plans.count
        _ = try training.run(plans, observer: { _, p in if !quiet { printer.handle(p) } }, finished: { outcome in
            let name = outcome.plan.model.lastPathComponent
            let index = (plans.firstIndex(of: outcome.plan) ?? 0) + 1
            if let trained = outcome.trained {
                if !quiet { note("[\(index)/\(total)] \(name): trained"); summarise(trained); summariseTest(trained) }
                noteCoverage(trained)
            } else if !quiet {
                note("[\(index)/\(total)] \(name): already trained with this recipe, skipped")
            }
            print(outcome.plan.model.path)
        })
    }

    func printRecipes(_ recipes: [TrainingRecipe]) throws {
        print(String(decoding: try StableJSON.encode(recipes), as: UTF8.self))
    }

    func summarise(_ trained: TrainedModel) {
        note(String(format: "held-out correlation %.3f (mean over %d cells); %d samples in %.1f min",
                    trained.card.meanHeldOutCorrelation, trained.card.heldOutCorrelation.count,
                    trained.card.samplesSeen, trained.card.trainingSeconds / 60))
        if let v = trained.phenomena { note(v.formattedTable(title: "Phenomena on the trained CNN")) }
    }
}
