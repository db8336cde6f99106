import ArrayIO
import Foundation
import ModelCards
import RetinaCNN
import RetinaSimulation

extension MemoryCoverage {
    /// Writes a copy of the model file at `source` to `destination` whose card carries the
    /// memory-coverage check, so that `inspect`, `validate` and `run` read it instead of measuring it
    /// again. For a card written before the check existed (the simulated retina's; a recording-trained
    /// card has it from training). Only the card's metadata entry changes: every tensor's bytes and
    /// every other metadata entry are copied unchanged. Returns the stored check.
    ///
    /// Throws ``TrainingError/coverageNotMeasurable(path:reason:)`` when the file has no card, or a
    /// recording-trained or imported card without a stored check (its training data is not at hand);
    /// the destination is written atomically and only after the check is measured.
    @discardableResult
    public static func storeInCard(of source: URL, writingTo destination: URL,
                                   settings: RetinaCheckSettings = .init()) throws -> MemoryCoverage {
        var file = try SafeTensorsFile.read(contentsOf: source)
        let model = try BNCNN(safeTensors: file)
        guard var card = try ModelCard.from(metadata: file.metadata) else {
            throw TrainingError.coverageNotMeasurable(path: source.path, reason: "the file has no model card ('\(ModelCard.metadataKey)' metadata)")
        }
        let window = model.architecture.historyFrames
        let coverage: MemoryCoverage
        if let stored = card.memoryCoverage, stored.windowFrames == window {
            coverage = stored
        } else {
            guard card.dataSource == nil else {
                throw TrainingError.coverageNotMeasurable(
                    path: source.path, reason: "the card is of a model trained on a recording, whose training data is not at hand "
                        + "(the check is stored at training time; retrain with this version to get it)")
            }
            coverage = try simulatedRetina(card.trainingRetina,
                                           windowFrames: window, stimulus: card.recipe.stimulus, seed: card.recipe.seed,
                                           settings: settings)
        }
        card.memoryCoverage = coverage
        guard let json = try card.metadata()[ModelCard.metadataKey] else {
            throw TrainingError.coverageNotMeasurable(path: source.path, reason: "the card could not be encoded")
        }
        file.metadata[ModelCard.metadataKey] = json
        try file.write(to: destination)
        return coverage
    }
}
