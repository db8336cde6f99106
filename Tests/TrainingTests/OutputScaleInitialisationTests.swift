import XCTest
@testable import RetinaCNN
@testable import RetinaSimulation
import RetinaCore
@testable import Training

final class OutputScaleInitialisationTests: XCTestCase {
    func testInverseSoftplus() {
        for y in [1e-3, 0.5, 3.0, 25.0, 80.0] {
            XCTAssertEqual(log1p(exp(OutputScaleInitialisation.inverseSoftplus(y))), y, accuracy: 1e-9 * max(1, y))
        }
    }

    func testNoiseCorrectedStatisticsFromPoissonTargets() {
        // Rates alternate 10 and 50 Hz (mean 30, SD 20); targets are Poisson counts per 10 ms in Hz.
        var rng = SeededRandom(seed: 4)
        let n = 200_000
        let targets = (0..<n).map { i -> Float in Float(rng.poisson((i % 2 == 0 ? 10 : 50) * 0.01)) * 100 }
        let (mean, sd) = OutputScaleInitialisation.rateStatistics(targetsHz: targets, cells: 1, binSeconds: 0.01)
        XCTAssertEqual(mean[0], 30, accuracy: 0.5)
        XCTAssertEqual(sd[0], 20, accuracy: 1.5)
    }

    /// The trained model's rates are on the ground truth's scale (mean within 25 %, FEV > 0.15).
    /// Without the output-scale initialisation and learning-rate factor the same run ends at about
    /// 1 Hz against 25 Hz (FEV < 0).
    func testTrainedModelHasTheGroundTruthRateScale() throws {
        let session = try TrainingSession(recipe: TinyTraining.recipe(samples: 8192), retina: TinyTraining.retina())
        let trained = try session.run(measurePhenomena: false)
        let v = session.data.validation
        let p = try trained.model.rates(for: v.movie)
        let meanP = p.valuesHz.reduce(0, +) / Float(p.valuesHz.count)
        let meanG = v.groundTruth.valuesHz.reduce(0, +) / Float(v.groundTruth.valuesHz.count)
        XCTAssertEqual(meanP, meanG, accuracy: 0.25 * meanG)
        XCTAssertEqual(trained.card.heldOutFEV.count, trained.model.architecture.cells)
        XCTAssertTrue(trained.card.heldOutFEV.allSatisfy { $0 > 0.15 }, "\(trained.card.heldOutFEV)")

        var plain = TinyTraining.recipe(samples: 8192)
        plain.initialiseOutputMean = false; plain.outputScaleLearningRateMultiplier = 1
        let before = try TrainingSession(recipe: plain, retina: TinyTraining.retina()).run(measurePhenomena: false)
        XCTAssertEqual(before.card.heldOutFEV.count, before.model.architecture.cells)
        XCTAssertTrue(before.card.heldOutFEV.allSatisfy { $0 < 0.05 }, "without the fix: \(before.card.heldOutFEV)")
    }
}
