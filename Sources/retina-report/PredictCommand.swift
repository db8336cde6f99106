import ArgumentParser
import ArrayIO
import Foundation
import RetinaCNN

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Run a model on a stimulus movie and write its firing rates.",
        usage: """
        retina-report predict --stimulus <stimulus> --output <output>
        [--model <model>] [--overwrite]
        """,
        discussion: """
        The stimulus is an NPY float32/float64 array T × H × W in contrast units (10 ms frames), or \
        in the recording's raw units for a model trained with `train --data` or converted from PyTorch.

        The output is float32 (T − history + 1) × cells in Hz; row i is the window ending at frame \
        i + history − 1.
        """
    )

    @Option(help: "Model weights (.safetensors).") var model: String = ModelLocation.shippedPath
    @Option(help: "Stimulus movie (.npy, T × H × W).") var stimulus: String
    @Option(help: "Output rates (.npy); an existing file is replaced only with --overwrite.") var output: String
    @Flag(help: "Replace an existing output file (never a folder, device, pipe or symbolic link).") var overwrite = false

    func run() throws {
        try reportingErrors {
            let outputURL = try OutputPath.checked(output, overwrite: overwrite)
            // A model with stored normalisation (recording-trained or imported) takes raw units.
            let (loaded, metadata) = try BNCNN.load(contentsOf: URL(fileURLWithPath: model))
            let network = try loaded.adaptedForInput(.raw, metadata: metadata)
            let movie = try NPYArray.read(contentsOf: URL(fileURLWithPath: stimulus)).movie(source: stimulus)
            guard movie.frames >= network.historyFrames else {
                throw ValidationError("--stimulus: expected at least \(network.historyFrames) frames (one window of the model's "
                                      + "history), found \(movie.frames) in '\(stimulus)'")
            }
            let rates = try network.rates(for: movie)
            try NPYArray(rates: rates).write(to: outputURL, replacingExisting: overwrite)
            print(output)
        }
    }
}
