import XCTest
import RetinaCore
@testable import Phenomena

final class ReversalTests: XCTestCase {
    func testReversalTrajectoryAndControl() throws {
        let p = ReversalProtocol.groundTruth
        let rev = try p.condition(speed: 0.14, reversalPointPixels: 25, reverses: true, screen: .strip(widthPixels: 50),
                                  historyFrames: 40)
        let ctl = try p.condition(speed: 0.14, reversalPointPixels: 25, reverses: false, screen: .strip(widthPixels: 50),
                                  historyFrames: 40)
        let n = p.approachFrames(speed: 0.14)
        XCTAssertEqual(n, 286)                                  // round(40 / 0.14)
        let r = rev.events.referenceFrame
        XCTAssertEqual(r, 40 + n)
        let path = rev.events.barCentrePixelsByFrame
        XCTAssertNil(path[39])
        XCTAssertEqual(path[40]!, 25 - 0.14 * 286, accuracy: 1e-9)   // ≈ 40 px before
        XCTAssertEqual(path[r]!, 25, accuracy: 1e-9)
        for k in 1...60 {
            XCTAssertEqual(path[r + k]!, path[r - k]!, accuracy: 1e-9)           // mirror image
            XCTAssertEqual(ctl.events.barCentrePixelsByFrame[r + k]!, 25 + 0.14 * Double(k), accuracy: 1e-9)
        }
        XCTAssertEqual(rev.movie.frames, r + 61)
        XCTAssertEqual(rev.analysedFrames, (r - 70)..<(r + 61))
        // Movie frames render the path.
        let row = (0..<50).map { rev.movie[r, 0, $0] }
        XCTAssertEqual(row, BarRenderer(widthPixels: 4, contrast: -1).row(centrePixels: 25, screenWidthPixels: 50))
        XCTAssertEqual(rev.events.barCentre(atFrame: Double(r) + 0.5)!, 25 - 0.07, accuracy: 1e-9)
    }

    func testAReversalPointOffTheScreenIsRefusedByName() {
        let p = ReversalProtocol.groundTruth
        for x in [-0.5, 49.5, 500] {
            XCTAssertThrowsError(try p.validate(reversalPointsPixels: [25, x], screenWidthPixels: 50)) { error in
                XCTAssertTrue("\(error)".contains("ReversalProtocol.reversalOffsetsPixels"), "\(error)")
                XCTAssertTrue("\(error)".contains("0 … 49 px"), "\(error)")
                XCTAssertTrue("\(error)".contains("x = \(x) px"), "\(error)")
            }
        }
        XCTAssertNoThrow(try p.validate(reversalPointsPixels: [0, 49], screenWidthPixels: 50))
    }

    func testReversalPointsAreSharedAcrossCellsOfTwoColumns() {
        let points = ReversalProtocol.groundTruth.reversalPoints(centresX: [22, 22, 28, 28])
        XCTAssertEqual(points, stride(from: 2.0, through: 48.0, by: 2.0).map { $0 })   // 24 movies per speed, not 84
        XCTAssertEqual(ReversalProtocol.tanaka.reversalPoints(centresX: [22]), (13...24).map(Double.init))
    }

    func testSpeedMeasurementOnSyntheticPopulation() {
        let p = ReversalProtocol.groundTruth
        let times = (-70...60).map { Double($0) * 10 }
        // Burst: parabola with vertex at 243 ms (exact under parabolic interpolation), height 12 Hz;
        // an earlier, larger peak at 50 ms lies outside the 100–450 ms window.
        let rev = EventAlignedTrace(timesMs: times, rateHz: times.map { t in
            max(0, 12 - 0.002 * (t - 243) * (t - 243)) + (abs(t - 50) < 1 ? 30 : 0)
        })
        let ctl = EventAlignedTrace(timesMs: times, rateHz: times.map { t in 3 * exp(-0.5 * pow((t - 80) / 60, 2)) + (t > 400 ? 9 : 0) })
        let m = ReversalMetrics.measureSpeed(0.2, reversal: rev, control: ctl, settings: p)
        XCTAssertEqual(m.burstLatencyMs!, 243, accuracy: 1e-9)
        XCTAssertEqual(m.burstRateHz!, 12, accuracy: 1e-9)
        XCTAssertEqual(m.smoothPeakRateHz!, 3, accuracy: 1e-9)   // the 9 Hz after +300 ms is outside the window
        XCTAssertEqual(m.burstRatio!, 4, accuracy: 1e-9)

        let summary = ReversalMetrics.summarize([
            m,
            ReversalMetrics.measureSpeed(0.4, reversal: EventAlignedTrace(timesMs: times, rateHz: times.map { max(0, 12 - 0.002 * ($0 - 231) * ($0 - 231)) }),
                                         control: ctl, settings: p),
        ])
        XCTAssertEqual(summary.burstLatencySDMs!, 6, accuracy: 1e-9)
        XCTAssertEqual(summary.meanBurstLatencyMs!, 237, accuracy: 1e-9)
        XCTAssertEqual(summary.minimumBurstRatio!, 4, accuracy: 1e-9)
    }

    func testPopulationMeanAlignsOnTheEvent() {
        let a = EventAlignedTrace(rateHz: [1, 2, 3, 4], clock: RowClock(firstRowFrame: 10), eventFrame: 11, baselineHz: 1)
        XCTAssertEqual(a.timesMs, [-10, 0, 10, 20])
        XCTAssertEqual(a.rateHz, [0, 1, 2, 3])
        let b = EventAlignedTrace(timesMs: [0, 10, 20, 30], rateHz: [5, 6, 7, 8])
        let m = EventAlignedTrace.mean([a, b])
        XCTAssertEqual(m.timesMs, [0, 10, 20])
        XCTAssertEqual(m.rateHz, [3, 4, 5])
    }
}
