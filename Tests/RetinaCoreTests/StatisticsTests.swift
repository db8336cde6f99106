import XCTest
@testable import RetinaCore

final class StatisticsTests: XCTestCase {
    func testRanksAverageTies() {
        XCTAssertEqual(Statistics.ranks([10, 20, 20, 5]), [2, 3.5, 3.5, 1])
    }

    func testSpearmanMatchesKnownValues() {
        XCTAssertEqual(Statistics.spearman([1, 2, 3, 4, 5], [9, 7, 5, 3, 1])!, -1, accuracy: 1e-12)
        // Monotone but nonlinear: still 1.
        XCTAssertEqual(Statistics.spearman([1, 2, 3, 4], [1, 8, 27, 64])!, 1, accuracy: 1e-12)
        // scipy.stats.spearmanr([1,2,3,4,5], [2,1,4,3,5]).statistic == 0.8
        XCTAssertEqual(Statistics.spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])!, 0.8, accuracy: 1e-12)
        // With ties: spearmanr([1,2,3,4], [1,1,2,3]).statistic == 0.9486832980505138
        XCTAssertEqual(Statistics.spearman([1, 2, 3, 4], [1, 1, 2, 3])!, 0.9486832980505138, accuracy: 1e-12)
        XCTAssertNil(Statistics.spearman([1, 2, 3], [4, 4, 4]))
        XCTAssertNil(Statistics.spearman([1], [2]))
    }

    func testLeastSquaresRecoversALineAndFitsNoise() {
        let x: [Double] = [30, 40, 50, 60, 70, 80]
        let fit = Statistics.leastSquares(x: x, y: x.map { 0.98 * $0 + 110 })!
        XCTAssertEqual(fit.slope, 0.98, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, 110, accuracy: 1e-9)
        // numpy.polyfit([0,1,2,3], [1,3,2,5], 1) == [1.1, 1.1]
        let noisy = Statistics.leastSquares(x: [0, 1, 2, 3], y: [1, 3, 2, 5])!
        XCTAssertEqual(noisy.slope, 1.1, accuracy: 1e-12)
        XCTAssertEqual(noisy.intercept, 1.1, accuracy: 1e-12)
        XCTAssertNil(Statistics.leastSquares(x: [1, 1], y: [2, 3]))
    }

    func testStandardDeviationIsPopulationSD() {
        // The reversal latencies of docs/ground-truth-retina.md §5.2 253/244/231/227 ms: SD (ddof = 0) = 10.35 ms.
        XCTAssertEqual(Statistics.standardDeviation([253, 244, 231, 227])!, 10.353, accuracy: 1e-3)
        XCTAssertNil(Statistics.standardDeviation([]))
    }

    func testGaussianSmoothingPreservesConstantsAndMass() {
        XCTAssertEqual(TraceSmoothing.gaussian([3, 3, 3, 3, 3], sigmaFrames: 2).count, 5)
        for v in TraceSmoothing.gaussian([3, 3, 3, 3, 3], sigmaFrames: 2) { XCTAssertEqual(v, 3, accuracy: 1e-12) }
        var spike = [Double](repeating: 0, count: 41); spike[20] = 1
        let s = TraceSmoothing.gaussian(spike, sigmaFrames: 2)
        XCTAssertEqual(s.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(s[18], s[22], accuracy: 1e-15)
        XCTAssertEqual(TraceSmoothing.gaussian(spike, sigmaFrames: 0), spike)
    }

    /// One contract for undefined cases: nil, never a made-up number.
    func testUndefinedStatisticsAreNil() {
        XCTAssertNil(Statistics.pearson([1, 1, 1], [1, 2, 3]), "constant trace")
        XCTAssertNil(Statistics.pearson([1], [2]), "one pair")
        XCTAssertNil(Statistics.pearson([1, 2], [1, 2, 3]), "unequal lengths")
        XCTAssertNil(Statistics.fractionOfVarianceExplained(target: [2, 2, 2], prediction: [1, 2, 3]), "constant target")
        XCTAssertNil(Statistics.mean([]))
    }

    func testFractionOfVarianceExplained() throws {
        XCTAssertEqual(try XCTUnwrap(Statistics.fractionOfVarianceExplained(target: [1, 2, 3], prediction: [1, 2, 3])), 1,
                       accuracy: 1e-12)
        // Predicting the mean explains nothing: FEV 0; a prediction worse than the mean is negative.
        XCTAssertEqual(try XCTUnwrap(Statistics.fractionOfVarianceExplained(target: [1, 2, 3], prediction: [2, 2, 2])), 0,
                       accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(Statistics.fractionOfVarianceExplained(target: [1, 2, 3], prediction: [3, 2, 1])), -3,
                       accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(Statistics.pearson([1, 2, 3, 4], [4, 3, 2, 1])), -1, accuracy: 1e-12)
    }
}
