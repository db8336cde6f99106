import TestSupport
import XCTest
@testable import RetinaCNN

/// The benchmark function runs end to end on a tiny network (speed figures are measured in
/// release builds, see Benchmarks/README.md; no timing is asserted here).
final class EngineBenchmarkTests: XCTestCase {
    func testRunsOnATinyNetwork() throws {
        let c = EngineBenchmarkConfiguration(architecture: TestNets.tiny(), batchSize: 4, trainingSteps: 2, inferenceWindows: 10,
                                             integratedGradientWindows: 2, alphaSteps: 5, trainingMovieFrames: 30)
        let r = try EngineBenchmark.run(c)
        XCTAssertEqual(r.configuration, c)
        for v in [r.inferenceSamplesPerSecond, r.trainingSamplesPerSecond, r.integratedGradientStepsPerSecond] {
            XCTAssertTrue(v.isFinite && v > 0)
        }
        XCTAssertLessThanOrEqual(r.trainingStepSecondsBest, r.trainingStepSecondsMedian)
        XCTAssertEqual(r.trainingSamplesPerSecond, 4 / r.trainingStepSecondsMedian, accuracy: 1e-9 * r.trainingSamplesPerSecond)
    }
}
