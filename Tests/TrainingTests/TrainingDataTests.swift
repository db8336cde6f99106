import Foundation
import ModelCards
import RetinaSimulation
import XCTest
@testable import Training

final class TrainingDataTests: XCTestCase {
    func testNoiseFreeTargetsReplaceOnlyTheTrainingSpikes() throws {
        var r = TrainingRecipe.shipped
        r.trainFrames = 240; r.validationFrames = 120; r.testFrames = 120
        let retina = SimulatedRetina()
        let spikes = try TrainingData.simulate(recipe: r, retina: retina)
        r.trainingTargets = .noiseFreeRates
        let rates = try TrainingData.simulate(recipe: r, retina: retina)
        // Training targets become the expected counts r · 10 ms; everything else is the same data.
        XCTAssertEqual(rates.train.spikeCounts.count, spikes.train.spikeCounts.count)
        for (y, rate) in zip(rates.train.spikeCounts, spikes.train.groundTruth.valuesHz) {
            XCTAssertEqual(y, rate * 0.01, accuracy: 1e-6 * max(1, rate))
        }
        XCTAssertNotEqual(rates.train.spikeCounts, spikes.train.spikeCounts)
        XCTAssertEqual(rates.train.movie.values, spikes.train.movie.values)
        XCTAssertEqual(rates.validation.spikeCounts, spikes.validation.spikeCounts)
        XCTAssertEqual(rates.test.spikeCounts, spikes.test.spikeCounts)
        // The default leaves the recipe's JSON, hence every existing fingerprint, unchanged.
        var d = TrainingRecipe.shipped
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(d), as: UTF8.self).contains("trainingTargets"))
        let before = d.fingerprint
        d.trainingTargets = .noiseFreeRates
        XCTAssertNotEqual(d.fingerprint, before)
        XCTAssertEqual(d.differingFields(from: .shipped), ["trainingTargets"])
    }
}
