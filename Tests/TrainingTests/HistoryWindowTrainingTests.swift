import XCTest
import ModelCards
import RetinaCNN
import RetinaCore
@testable import RetinaSimulation
@testable import Training

/// The window (architecture.historyFrames) as a recipe property: the data's rows, the options, the
/// validation, and a whole training run at an odd window.
final class HistoryWindowTrainingTests: XCTestCase {
    /// Row i of a split is the retina's rate at frame i + T − 1, for T = 40 (the old rows exactly) and 41.
    func testDataSplitRowsFollowTheWindow() throws {
        let retina = TinyTraining.retina(), stimulus = TinyTraining.recipe().stimulus
        let all = try retina.ratesAllFrames(for: trainingMovie(recipe: stimulus, frames: 300, seed: 9))
        for window in [40, 41] {
            let split = try DataSplit.simulate(recipe: stimulus, frames: 300, retina: retina, stimulusSeed: 9, spikeSeed: 2,
                                               historyFrames: window)
            XCTAssertEqual(split.windowCount, 300 - window + 1)
            for i in [0, 17, split.windowCount - 1] {
                for c in 0..<2 { XCTAssertEqual(split.groundTruth[i, c], all[i + window - 1, c], "T \(window), row \(i)") }
            }
        }
        let old = try retina.rates(for: trainingMovie(recipe: stimulus, frames: 300, seed: 9))
        XCTAssertEqual(try DataSplit.simulate(recipe: stimulus, frames: 300, retina: retina, stimulusSeed: 9, spikeSeed: 2,
                                           historyFrames: 40).groundTruth, old)
    }

    func testHistoryOptionSetsTheArchitectureAndRoundTrips() throws {
        var o = TrainingOptions()
        o.history = 61; o.validationFrames = 100
        let r = try o.resolvedRecipe()
        XCTAssertEqual(r.architecture.historyFrames, 61)
        XCTAssertEqual(r.validationWindows, 40, "validation windows capped by the 61-frame window")
        XCTAssertTrue(o.arguments.joined(separator: " ").contains("--history 61"))
        XCTAssertEqual(TrainingRecipe.shipped.architecture.historyFrames, 60)
        for bad in [0, 501] {
            o.history = bad
            XCTAssertThrowsError(try o.resolvedRecipe()) { error in
                XCTAssertTrue("\(error)".contains("historyFrames (--history)"), "\(error)")
                XCTAssertTrue("\(error)".contains("\(bad)"), "\(error)")
            }
        }
    }

    /// Training at an odd window: the model sees 7 frames, the validation rows are aligned (r rises),
    /// and the card carries the memory coverage of that window.
    func testTrainingAtAnOddWindow() throws {
        var recipe = TinyTraining.recipe(samples: 4096)
        recipe.architecture.historyFrames = 41
        let trained = try TrainingSession(recipe: recipe, retina: TinyTraining.retina()).run(measurePhenomena: false)
        XCTAssertEqual(trained.model.historyFrames, 41)
        XCTAssertEqual(trained.card.trainWindows, 3000 - 40)
        XCTAssertGreaterThan(trained.card.meanHeldOutCorrelation, 0.4)
        let coverage = try XCTUnwrap(trained.card.memoryCoverage)
        XCTAssertEqual(coverage.windowFrames, 41)
        XCTAssertEqual(coverage.source, .simulatedRetina)
        XCTAssertLessThan(coverage.coverage, 0.95, "41 frames cannot cover the retina's memory")
        // The card (with its coverage) survives the model file.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("window7-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try trained.write(to: url)
        let (loaded, metadata) = try BNCNN.load(contentsOf: url)
        XCTAssertEqual(loaded.historyFrames, 41)
        XCTAssertEqual(try ModelCard.from(metadata: metadata)?.memoryCoverage, coverage)
    }
}
