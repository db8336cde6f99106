import ArgumentParser
import Foundation
import ModelCards
import Recordings
import RetinaCNN
import Training

struct InspectDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect-data",
        abstract: "Print what a recording file holds before training on it.",
        usage: """
        retina-report inspect-data <file> [--response <response>]
        [--series <series>] [--responses <responses>]
        [--history <history>] [--pairing <pairing>]
        """,
        discussion: """
        Reads a deep-retina HDF5 file, an NWB 2.x file (.nwb) or an NPY pair (a folder with \
        stimulus.npy and responses.npy, or a stimulus .npy with --responses) and prints its groups, \
        shapes and dtypes, the frame rate, frame size, cells, splits, repeats, duration and every \
        trim, transpose or resampling the reader applied. See docs/recordings.md.

        With --history N it also checks the memory coverage of a model with an N-frame window on this recording (docs/method.md §3.1): each cell's linear filter over at least 100 frames of the training movie and the share of its weight above chance that lies outside the window. Use it to choose a window before training, or for a model trained elsewhere (a converted checkpoint) on this recording.
        """)

    @Argument(help: "Recording (.h5, .nwb, a folder of .npy files, or a stimulus .npy).") var file: String
    @Option(help: "deep-retina response dataset (firing_rate_10ms, binned, …).") var response: String?
    @Option(help: "NWB stimulus series under /stimulus/presentation.") var series: String?
    @Option(help: "Responses .npy (T × cells) for a stimulus .npy.") var responses: String?
    @Option(help: "Check the memory coverage of a model whose window is N frames.") var history: Int?
    @Option(help: "With --history: window/response pairing, window-end or next-bin (as train --data).") var pairing: ResponsePairing = .windowEnd

    func validate() throws {
        if let history, !(1...TrainingRecipe.maximumHistoryFrames).contains(history) {
            throw ValidationError("--history: expected 1 … \(TrainingRecipe.maximumHistoryFrames) frames, found \(history)")
        }
    }

    func run() throws {
        try reportingErrors {
            // Every line that can carry a name from the user or the file (the file name, an NWB series
            // name in a dataset path, a cell id) is escaped as the HDF5 tree's names are.
            func printEscaped(_ text: String) {
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                    print(RecordingSummary.printable(String(line)))
                }
            }
            print("file: \(RecordingSummary.printable(file))")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
               !file.lowercased().hasSuffix(".npy") {
                print("structure:")
                for line in try RecordingSummary.hdf5Tree(path: file) { print(line) }
            }
            let recording = try RecordingReader.read(path: file, options: .init(responseType: response, series: series, responses: responses))
            printEscaped(RecordingSummary.text(recording))
            if let history {
                let coverage = try MemoryCoverage.recording(recording, windowFrames: history, pairing: pairing)
                printEscaped(coverage.formattedTable())
                printEscaped(coverage.summary)
            }
        }
    }
}
