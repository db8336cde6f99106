import ArgumentParser
import ArrayIO
import Foundation
import RetinaCore
import Recordings
import RetinaSimulation
import Training

extension RetinaAblation: ExpressibleByArgument {}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Ground-truth rates of the simulated retina for any stimulus movie.",
        usage: """
        retina-report simulate --stimulus <stimulus> --output <output>
        [--overwrite] [--ablate <ablate> ...] [--spikes] [--seed <seed>]
        retina-report simulate --export-h5 <export-h5> [--overwrite]
        [--train-frames <train-frames>] [--test-frames <test-frames>]
        [--repeats <repeats>] [--ablate <ablate> ...] [--seed <seed>]
        """,
        discussion: """
        Reads a float32/float64 NPY movie (frames × height × width, contrast units, 10 ms frames, \
        55 µm pixels) and writes float32 rates (Hz) of shape (frames − 39) × cells: row i is the \
        window ending at frame i + 39, the same convention as `predict`. Screens other than 50 × 50 \
        are allowed; a height or width of 1 means the stimulus is uniform along that axis.
        """
    )

    @Option(help: "Stimulus movie (.npy, T × H × W).") var stimulus: String?
    @Option(help: "Output rates (.npy); an existing file is replaced only with --overwrite.") var output: String?
    @Flag(help: "Replace an existing output file (never a folder, device, pipe or symbolic link).") var overwrite = false
    @Option(help: "Instead: write training and test data of the simulated retina in the deep-retina HDF5 layout (8-bit luminance, spike counts, repeats).") var exportH5: String?
    @Option(help: "With --export-h5: training frames.") var trainFrames = 60_000
    @Option(help: "With --export-h5: test frames.") var testFrames = 3_000
    @Option(help: "With --export-h5: test repeats.") var repeats = 5
    @Option(parsing: .upToNextOption, help: "Planted components of the simulated retina to switch off.")
    var ablate: [RetinaAblation] = []
    @Flag(help: "Write Poisson spike counts per 10 ms bin instead of rates.") var spikes = false
    @Option(help: "Seed for --spikes.") var seed: UInt64 = 0

    func run() throws {
        try reportingErrors {
            if let exportH5 {
                _ = try OutputPath.checked(exportH5, overwrite: overwrite)
                var retina = SimulatedRetina()
                if !ablate.isEmpty { retina = try retina.ablated(Set(ablate)) }
                let recording = try SimulatedRecording.make(retina: retina, trainFrames: trainFrames, testFrames: testFrames,
                                                            repeats: repeats, seed: seed)
                try DeepRetinaWriter.write(recording, to: URL(fileURLWithPath: exportH5))
                print(exportH5)
                return
            }
            guard let stimulus, let output else { throw ValidationError("--stimulus and --output are required (or --export-h5)") }
            let outputURL = try OutputPath.checked(output, overwrite: overwrite)
            let movie = try NPYArray.read(contentsOf: URL(fileURLWithPath: stimulus)).movie(source: stimulus)
            var retina = SimulatedRetina(screenHeight: movie.height, screenWidth: movie.width)
            if !ablate.isEmpty { retina = try retina.ablated(Set(ablate)) }
            // The retina's own row convention (its historyFrames), not a global constant.
            guard movie.frames >= retina.historyFrames else {
                throw ValidationError("--stimulus: expected at least \(retina.historyFrames) frames (one window of the retina's "
                                      + "history), found \(movie.frames) in '\(stimulus)'")
            }
            let array: NPYArray
            if spikes {
                let counts = try retina.spikeCounts(for: movie, seed: seed)
                array = NPYArray(shape: [counts.rows, counts.cells], values: counts.asFloats())
            } else {
                array = NPYArray(rates: try retina.rates(for: movie))
            }
            try array.write(to: outputURL, replacingExisting: overwrite)
            print(output)
        }
    }
}
