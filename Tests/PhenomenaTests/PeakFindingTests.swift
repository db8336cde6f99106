import XCTest
@testable import Phenomena

final class PeakFindingTests: XCTestCase {
    func testLocalMaximaFindsStrictPeaksAndPlateauMiddles() {
        //            0  1  2  3  4  5  6  7  8  9 10
        let y: [Double] = [0, 2, 1, 3, 3, 3, 1, 1, 4, 5, 6]
        XCTAssertEqual(PeakFinding.localMaxima(y, in: 0...10), [1, 4])   // 10 is the trace end: no right neighbour
        XCTAssertEqual(PeakFinding.localMaxima(y, in: 2...10), [4])
        XCTAssertEqual(PeakFinding.largestLocalMaximum(y, in: 0...10), 4)
        // A plateau that rises again is not a maximum.
        XCTAssertEqual(PeakFinding.localMaxima([0, 2, 2, 3, 1], in: 0...4), [3])
        XCTAssertNil(PeakFinding.largestLocalMaximum([1, 2, 3, 4], in: 0...3))
    }

    func testLocalMaximumMayUseNeighboursOutsideTheWindow() {
        let y: [Double] = [0, 1, 5, 1, 0]
        XCTAssertEqual(PeakFinding.localMaxima(y, in: 2...2), [2])
        XCTAssertEqual(PeakFinding.localMaxima(y, in: 3...4), [])
    }

    func testParabolicVertexIsExactForAParabola() {
        let t0 = 7.3
        let y = (0..<15).map { 50 - 2 * (Double($0) - t0) * (Double($0) - t0) }
        let i = PeakFinding.argmax(y, in: 0...14)!
        let v = PeakFinding.parabolicVertex(y, at: i)
        XCTAssertEqual(v.position, t0, accuracy: 1e-12)
        XCTAssertEqual(v.value, 50, accuracy: 1e-12)
        // Ends and non-concave triples fall back to the sample itself.
        XCTAssertEqual(PeakFinding.parabolicVertex(y, at: 0).position, 0)
        XCTAssertEqual(PeakFinding.parabolicVertex([1, 1, 1], at: 1).position, 1)
    }

    /// A Gaussian bump of SD 30 ms sampled every 10 ms at any phase: centroid within 0.5 ms.
    func testCentroidOfGaussianBumpIsWithinHalfAMillisecond() {
        for k in 0...20 {
            let t0 = 50 + Double(k) / 20
            let y = (0..<100).map { 5 + 100 * exp(-0.5 * pow((Double($0) - t0) / 3, 2)) }
            let peak = PeakFinding.largestLocalMaximum(y, in: 0...99)!
            let c = PeakFinding.centroidAboveFraction(y, peak: peak, fraction: 0.8)
            XCTAssertEqual(c * 10, t0 * 10, accuracy: 0.5, "phase \(k)")
        }
    }

    func testCentroidOfAsymmetricPlateauWeightsByExcessOverThreshold() {
        // Threshold 8: weights 0, 2, 2, 1 at 2, 3, 4, 5 → centroid (6 + 8 + 5) / 5 = 3.8
        let y: [Double] = [0, 1, 8, 10, 10, 9, 2]
        XCTAssertEqual(PeakFinding.centroidAboveFraction(y, peak: 3, fraction: 0.8), 3.8, accuracy: 1e-12)
    }

    func testFirstCrossingAndArgmax() {
        let y: [Double] = [0, 1, 3, 2, 5, 1]
        XCTAssertEqual(PeakFinding.firstCrossing(y, above: 2.5, from: 0, through: 5), 2)
        XCTAssertEqual(PeakFinding.firstCrossing(y, above: 2.5, from: 3, through: 5), 4)
        XCTAssertNil(PeakFinding.firstCrossing(y, above: 9, from: 0, through: 5))
        XCTAssertEqual(PeakFinding.argmax(y, in: -3...3), 2)
        XCTAssertNil(PeakFinding.argmax(y, in: 7...9))
    }
}
