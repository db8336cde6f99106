import Foundation
import ModelCards
import XCTest
@testable import RetinaCNN
@testable import RetinaSimulation
@testable import Training

/// A tiny but real configuration: 12 × 12 screen, 2 cells, conv kernels 5 and 3, a few thousand
/// frames. The ground truth, the data pipeline and the trainer are the production ones.
enum TinyTraining {
    static func retina() -> SimulatedRetina {
        let cells = [GanglionCellParameters.reference.moved(toYPixels: 6, xPixels: 5),
                     GanglionCellParameters.reference.moved(toYPixels: 6, xPixels: 7)]
        return SimulatedRetina(cells: cells, screenHeight: 12, screenWidth: 12)
    }

    static func recipe(samples: Int = 4096, seed: UInt64 = 3) -> TrainingRecipe {
        var stimulus = TrainingStimulusRecipe.recommendedMix
        stimulus.screenHeight = 12; stimulus.screenWidth = 12
        stimulus.blockFrames = 500
        return TrainingRecipe(
            name: "tiny", stimulus: stimulus, trainFrames: 3000, validationFrames: 600, testFrames: 600,
            architecture: BNCNNArchitecture(cells: 2, height: 12, width: 12, conv1Channels: 4, conv1Kernel: 5,
                                            conv2Channels: 4, conv2Kernel: 3),
            batchSize: 32, learningRate: 3e-3, warmupSteps: 5, l2: 1e-4, trainingSamples: samples,
            evaluationIntervalSamples: 1024, validationWindows: 500, earlyStoppingPatience: nil, seed: seed)
    }
}

final class TrainingSessionTests: XCTestCase {
    func testTrainingImprovesValidationCorrelation() throws {
        let session = try TrainingSession(recipe: TinyTraining.recipe(), retina: TinyTraining.retina())
        let initial = session.bestModel
        let trained = try session.run(measurePhenomena: false)
        let movie = session.data.validation.movie
        let truth = session.data.validation.groundTruth
        let before = TrainingSession.correlations(try initial.rates(for: movie), truth, rows: truth.rows)
        let after = TrainingSession.correlations(try trained.model.rates(for: movie), truth, rows: truth.rows)
        let meanBefore = before.reduce(0, +) / 2, meanAfter = after.reduce(0, +) / 2
        XCTAssertGreaterThan(meanAfter, meanBefore + 0.2, "validation r before \(before), after \(after)")
        XCTAssertGreaterThan(meanAfter, 0.5)
        XCTAssertEqual(trained.card.history.count, 4)
        XCTAssertEqual(trained.card.heldOutCorrelation.count, 2)
        XCTAssertEqual(trained.card.samplesSeen, 4096)
    }

    func testSameSeedGivesSameModelBytes() throws {
        let a = try TrainingSession(recipe: TinyTraining.recipe(samples: 1024), retina: TinyTraining.retina())
            .run(measurePhenomena: false)
        let b = try TrainingSession(recipe: TinyTraining.recipe(samples: 1024), retina: TinyTraining.retina())
            .run(measurePhenomena: false)
        let c = try TrainingSession(recipe: TinyTraining.recipe(samples: 1024, seed: 4), retina: TinyTraining.retina())
            .run(measurePhenomena: false)
        XCTAssertEqual(try a.model.safeTensors().encoded(), try b.model.safeTensors().encoded())
        XCTAssertNotEqual(try a.model.safeTensors().encoded(), try c.model.safeTensors().encoded())
    }

    func testResumeFromCheckpointMatchesUninterruptedRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ckpt.safetensors")
        let recipe = TinyTraining.recipe(samples: 2048)
        let full = try TrainingSession(recipe: recipe, retina: TinyTraining.retina()).run(measurePhenomena: false)

        // Stop after the first validation (step 32 = 1024 samples), as if interrupted.
        let first = try TrainingSession(recipe: recipe, retina: TinyTraining.retina())
        XCTAssertNil(try first.run(checkpointURL: url, measurePhenomena: false, stopAfterStep: 40))
        let checkpoint = try TrainingCheckpoint.read(contentsOf: url)
        XCTAssertEqual(checkpoint.state.step, 32)
        let resumed = try TrainingSession(recipe: recipe, retina: TinyTraining.retina(), resume: checkpoint)
            .run(measurePhenomena: false)
        XCTAssertEqual(try resumed.model.safeTensors().encoded(), try full.model.safeTensors().encoded())
        XCTAssertEqual(resumed.card.history.map(\.validationCorrelation), full.card.history.map(\.validationCorrelation))
    }

    func testResumeWithDifferentRecipeIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("ckpt.safetensors")
        let first = try TrainingSession(recipe: TinyTraining.recipe(samples: 2048), retina: TinyTraining.retina())
        _ = try first.run(checkpointURL: url, measurePhenomena: false, stopAfterStep: 33)
        let checkpoint = try TrainingCheckpoint.read(contentsOf: url)
        XCTAssertThrowsError(try TrainingSession(recipe: TinyTraining.recipe(samples: 4096), retina: TinyTraining.retina(),
                                                 resume: checkpoint)) { error in
            XCTAssertTrue("\(error)".contains("different recipe"), "\(error)")
        }
    }

    func testModelCardRoundTripsThroughTheModelFile() throws {
        let trained = try TrainingSession(recipe: TinyTraining.recipe(samples: 1024), retina: TinyTraining.retina())
            .run(measurePhenomena: false)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("card-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try trained.write(to: url)
        let (model, metadata) = try BNCNN.load(contentsOf: url)
        XCTAssertEqual(try ModelCard.from(metadata: metadata), trained.card)
        XCTAssertEqual(model.cellCentres?.map(\.x), [5, 7])
        let text = try ModelDescription.text(model: model, metadata: metadata, path: url.path)
        XCTAssertTrue(text.contains("held-out correlation with ground truth"), text)
    }
}
