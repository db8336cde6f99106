import Foundation
import XCTest
import RetinaCNN
import RetinaSimulation
import ModelCards
@testable import Training

/// Ensemble directories of small untrained members with hand-made model cards (the tiny recipe of
/// `TinyTraining`: 12 × 12 screen, 2 cells, 4 channels of 5 × 5).
enum EnsembleFixture {
    static func folder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ensemble-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    static func card(_ recipe: TrainingRecipe) -> ModelCard {
        let retina = TinyTraining.retina()
        return ModelCard(toolVersion: "test", recipe: recipe, simulatorParameters: retina.parameters, simulatorCells: retina.cells,
                         trainWindows: 100, validationWindows: 50, testWindows: 50, keptStep: 4, samplesSeen: 128,
                         trainingSeconds: 1, samplesPerSecond: 128, heldOutCorrelation: [0.5, 0.6], heldOutFEV: [0.2, 0.3],
                         history: [], phenomenonCriteria: nil, stopReason: "test")
    }

    /// Writes `member-<seed>.safetensors` (or `name`): random weights from `weightSeed` (default the
    /// seed), the card of `recipe` with that seed unless `withCard` is false, plus `metadata`.
    @discardableResult
    static func write(seed: UInt64, in folder: URL, name: String? = nil, recipe: TrainingRecipe = TinyTraining.recipe(),
                      weightSeed: UInt64? = nil, withCard: Bool = true, metadata: [String: String] = [:]) throws -> URL {
        var r = recipe
        r.seed = seed
        let model = try BNCNN(architecture: r.architecture, seed: weightSeed ?? seed)
            .withCellCentres(r.architecture.cells == 2 ? TinyTraining.retina().cellCentres : nil)
        var meta = withCard ? try card(r).metadata() : [:]
        meta.merge(metadata) { _, new in new }
        let url = folder.appendingPathComponent(name ?? EnsembleFiles.memberName(seed: seed))
        try model.save(to: url, metadata: meta)
        return url
    }
}
