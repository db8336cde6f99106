import ArgumentParser
import Foundation
import ModelCards
import RetinaCNN
import Training

struct SlurmScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm-script",
        abstract: "Print an sbatch job-array script that trains an ensemble, one member per array task.",
        usage: """
        retina-report slurm-script --seeds <seeds> --output-dir <output-dir>
        [<options>]
        """,
        discussion: """
        Each array task's id is its member's seed (#SBATCH --array=1-5, or 1,3,7) and runs \
        `retina-report train --output-dir DIR --seeds … --seed-from-env SLURM_ARRAY_TASK_ID --resume` \
        with the training options given here, so a requeued task continues its checkpoint and a \
        finished member is skipped. Paths are made absolute. Submit with `sbatch script.sh`; when \
        every task has finished, DIR is an ensemble (`inspect DIR` lists and checks it).

        Array task ids are limited by the cluster's MaxArraySize (1001 by default).
        """)

    @Option(help: "Member seeds = array task ids, e.g. 1-5 or 1,3,7.") var seeds: String
    @Option(help: "Ensemble folder shared by the nodes.") var outputDir: String
    @Option(help: "Slurm partition.") var partition: String?
    @Option(help: "Wall time per member, HH:MM:SS or D-HH:MM:SS.") var time: String?
    @Option(help: "CPUs per task (the engine uses 2 threads).") var cpus: Int = 2
    @Option(help: "Memory per task in GB.") var mem: Int?
    @Option(help: "The retina-report executable on the nodes (default: this one).") var executable: String?
    @OptionGroup var recipeOptions: TrainingRecipeArguments
    @Option(help: "Train every member on this recording (as train --data; tasks then run without --resume).") var data: String?
    @Option(help: "With --data: cell indices to keep, e.g. 0,3,4.") var cells: String?
    @Option(help: "With --data: square crop y,x,size in pixels.") var crop: String?
    @Option(help: "With --data: deep-retina response dataset (firing_rate_10ms, binned).") var response: String?
    @Option(help: "With --data: NWB stimulus series.") var series: String?
    @Option(help: "With --data and a stimulus .npy: its responses .npy.") var responses: String?
    @Option(help: "With --data: window/response pairing, window-end or next-bin.") var pairing: ResponsePairing?

    /// The `train --data` words for the task line.
    var recordingArguments: [String] {
        var words: [String] = []
        func add(_ flag: String, _ value: String?) { if let value { words += [flag, value] } }
        add("--data", data); add("--cells", cells); add("--crop", crop); add("--response", response)
        add("--series", series); add("--responses", responses); add("--pairing", pairing?.rawValue)
        return words
    }

    /// With `--data`: reads the recording, applies `--cells` and `--crop` and prepares the training
    /// data and recipe exactly as each task's `train --data` will (same errors, same exit codes), so a
    /// script that would fail on every node is never printed. Without `--data`, recording options are
    /// refused by ``SlurmJobScript``.
    func checkRecording(recipe: TrainingRecipe) throws {
        guard let data else { return }
        let members = try RecordingSelection(data: data, cells: cells, crop: crop, response: response, series: series,
                                             responses: responses, pairing: pairing ?? .windowEnd).read(warn: { note("warning: \($0)") })
        _ = try RecordingTrainingSession(recording: members.recording, source: members.source, recipe: recipe, pairing: members.pairing)
    }

    func run() throws {
        try reportingErrors {
            let list = try SeedList(parsing: seeds)
            let options = recipeOptions.options
            // Values first (control characters, Slurm options), then the recipe and the recording as the
            // nodes will read them: a bad recipe or recording fails here, not on the cluster.
            let script = try SlurmJobScript(
                seeds: list, outputDirectory: outputDir, training: options,
                executable: executable ?? Bundle.main.executableURL?.path ?? "retina-report",
                partition: partition, time: time, cpus: cpus, memoryGB: mem, recordingArguments: recordingArguments)
            let recipe = try options.resolvedRecipe()
            if data == nil { try recipe.validateSimulatedData() }
            try checkRecording(recipe: recipe)
            print(script.text, terminator: "")
        }
    }
}
