import XCTest
import RetinaCore
@testable import Phenomena

final class AnticipationTests: XCTestCase {
    func testMovingBarCrossesEveryCentreWithTheTravelMargin() throws {
        let p = AnticipationProtocol.groundTruth
        let conditions = try p.movingBarConditions(screen: .strip(widthPixels: 50), historyFrames: 40, centresX: [22, 28])
        XCTAssertEqual(conditions.count, 6)
        let right = conditions[0], left = conditions[1]
        XCTAssertEqual(right.events.direction, .rightward)
        XCTAssertEqual(right.events.barCentrePixelsByFrame[40]!, -8, accuracy: 1e-9)
        XCTAssertEqual(right.events.barCentrePixelsByFrame.last!!, 58, accuracy: 1e-9)
        XCTAssertEqual(right.movie.frames, 40 + 825 + 1)                      // 66 px / 0.08 px/frame
        XCTAssertEqual(left.events.barCentrePixelsByFrame[40]!, 58, accuracy: 1e-9)
        XCTAssertEqual(left.events.barCentrePixelsByFrame[41]!, 58 - 0.08, accuracy: 1e-9)
    }

    func testFlashedBarFramesAndPositions() throws {
        let p = AnticipationProtocol.groundTruth
        XCTAssertEqual(p.flashPositions(centresX: [22, 28]), (10...40).map(Double.init))
        let c = try p.flashedBarCondition(positionPixels: 22, screen: .strip(widthPixels: 50), historyFrames: 40)
        XCTAssertEqual(c.events, FlashedBarEvents(onsetFrame: 40, durationFrames: 2, centrePixels: 22))
        XCTAssertEqual(c.movie.frames, 80)
        XCTAssertEqual((0..<50).map { c.movie[41, 0, $0] }.reduce(0, +), -4, accuracy: 1e-6)
        XCTAssertEqual((0..<50).map { c.movie[42, 0, $0] }.reduce(0, +), 0)
        XCTAssertThrowsError(try AnticipationProtocol(flashOffsetsPixels: [-1, 1]).flashedBarCondition(
            positionPixels: 0, screen: .point, historyFrames: 40))
    }

    /// Response peaking (parabola) at a known frame: δ = bar centre there − RF centre, signed along
    /// the motion.
    func testDeltaFromAMovingBarPeak() {
        let p = AnticipationProtocol.groundTruth
        let clock = RowClock(historyFrames: 40)
        let path: [Double?] = [Double?](repeating: nil, count: 40) + (0...400).map { 50 - 0.1 * Double($0) }   // leftward from 50
        let events = BarEvents(barCentrePixelsByFrame: path, speedPixelsPerFrame: 0.1, direction: .leftward,
                               referenceFrame: 40, referencePointPixels: 50, reverses: false)
        let peakFrame = 40 + 285.4                          // bar at 50 − 28.54 = 21.46: 0.54 px before 22 (leftward)
        let y = (0..<(path.count - 39)).map { i in max(0, 80 - 0.5 * pow(clock.frame(ofRow: Double(i)) - peakFrame, 2)) }
        let m = AnticipationMetrics.measureMoving(rateHz: y, events: events, clock: clock, rfCentreX: 22, settings: p)
        XCTAssertEqual(m.deltaPixels!, 0.54, accuracy: 1e-9)          // leftward: past the centre = positive
        XCTAssertEqual(m.deltaMicrons!, 0.54 * 55, accuracy: 1e-6)
        XCTAssertEqual(m.peakRateHz!, 80, accuracy: 1e-9)
        XCTAssertTrue(m.profile.allSatisfy { abs($0.positionPixels) <= p.travelPixels })
        XCTAssertEqual(m.profile.first!.positionPixels, -28, accuracy: 1e-9)   // bar at 50 − 0 … relative −28
    }

    func testFlashProfileCentreLatencyAndExpectedLag() {
        let p = AnticipationProtocol.groundTruth
        let clock = RowClock(historyFrames: 40)
        let positions = (10...34).map(Double.init)
        let events = positions.map { FlashedBarEvents(onsetFrame: 40, durationFrames: 2, centrePixels: $0) }
        // Peak 79 ms after onset (parabola), amplitude Gaussian in position around 22.
        let traces = positions.map { x in
            (0..<41).map { i -> Double in
                let ms = clock.milliseconds(row: Double(i), after: 40)
                return 60 * exp(-0.5 * pow((x - 22) / 3, 2)) * max(0, 1 - 0.0004 * (ms - 79) * (ms - 79))
            }
        }
        let profile = AnticipationMetrics.flashProfile(traces: traces, events: events,
                                                       clocks: Array(repeating: clock, count: positions.count), settings: p)
        XCTAssertEqual(profile.count, 25)
        XCTAssertEqual(AnticipationMetrics.estimateCentre(profile: profile)!, 22, accuracy: 1e-9)
        XCTAssertEqual(profile[12].peakLatencyMs!, 79, accuracy: 1e-9)
        XCTAssertEqual(profile[12].rateAtCommonTimeHz!, 60 * (1 - 0.0004 * 1), accuracy: 1e-9)   // common row: 80 ms
        let moving = [MovingBarMeasurement(speedPixelsPerFrame: 0.2, direction: .rightward, deltaPixels: -0.5, profile: []),
                      MovingBarMeasurement(speedPixelsPerFrame: 0.2, direction: .leftward, deltaPixels: -0.7, profile: [])]
        let metrics = AnticipationMetrics.assemble(rfCentreX: 22, flashProfile: profile, moving: moving)
        XCTAssertEqual(metrics.flashLatencyMs!, 79, accuracy: 1e-9)
        XCTAssertEqual(metrics.bySpeed[0].meanDeltaPixels!, -0.6, accuracy: 1e-12)
        XCTAssertEqual(metrics.bySpeed[0].expectedLagPixels!, 0.2 * 7.9, accuracy: 1e-9)
        // An off-grid centre is found by the parabola to within 0.1 px.
        let shifted = positions.map { x in FlashedBarMeasurement(centrePixels: x, peakRateHz: 60 * exp(-0.5 * pow((x - 22.3) / 3, 2))) }
        XCTAssertEqual(AnticipationMetrics.estimateCentre(profile: shifted)!, 22.3, accuracy: 0.1)
    }
}
