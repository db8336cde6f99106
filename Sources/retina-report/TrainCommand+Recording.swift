import ArgumentParser
import ArrayIO
import Foundation
import RetinaCNN
import Recordings
import Training

extension ResponsePairing: ExpressibleByArgument {}

extension TrainCommand {
    /// `--data FILE` read, with `--cells` and `--crop` applied, and how the model cards name it.
    func readRecording(_ path: String) throws -> EnsembleTraining.RecordingMembers {
        try RecordingSelection(data: path, cells: cells, crop: crop, response: response, series: series, responses: responses, pairing: pairing)
            .read(warn: { if !quiet { note("warning: \($0)") } })
    }

    /// `train --data FILE`: read the recording, select cells and crop, train, write the model.
    func runOnRecording(_ path: String, outputURL: URL) throws {
        let data = try readRecording(path)
        let printer = TrainingProgressPrinter()
        let session = try RecordingTrainingSession(
            recording: data.recording, source: data.source,
            recipe: try recipeOptions.options.resolvedRecipe(), pairing: data.pairing, observer: { p in if !quiet { printer.handle(p) } })
        let trained = try session.run()
        try trained.write(to: outputURL)
        summariseTest(trained)
        noteCoverage(trained)
        print(outputURL.path)
    }

    /// The memory-coverage line (stderr): always when the window is too short (a warning, also with
    /// --quiet), otherwise unless --quiet.
    func noteCoverage(_ trained: TrainedModel) {
        guard let c = trained.card.memoryCoverage else {
            if let d = trained.card.dataSource {
                note("warning: memory coverage not measured: the training block (\(d.trainFrames) frames) is too short to estimate "
                     + "long-window filters (at least 10 bins per filter tap)")
            }
            return
        }
        if !c.isSufficient { note("warning: " + c.summary) } else if !quiet { note(c.summary) }
    }

    /// The held-out test of a recording-trained model (stderr).
    func summariseTest(_ trained: TrainedModel) {
        if !quiet, let t = trained.card.dataSource?.test {
            note(String(format: "test (%@, %@): mean r %.3f over %d cells", trained.card.dataSource!.testSplit, t.reference,
                        t.meanCorrelation, t.correlation.count))
            if let ceiling = t.noiseCeiling, let feve = t.fractionOfExplainableVarianceExplained {
                for c in t.correlation.indices {
                    note(String(format: "  cell %@: r %.3f, noise ceiling %.3f, FEVE %.3f", trained.card.dataSource!.cellIDs[c], t.correlation[c], ceiling[c], feve[c]))
                }
            }
        }
    }
}
