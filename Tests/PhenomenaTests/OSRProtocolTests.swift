import XCTest
import RetinaCore
@testable import Phenomena

final class OSRProtocolTests: XCTestCase {
    func testFlashTrainFramesAndOmittedFlash() throws {
        let conditions = try OSRProtocol.groundTruth.conditions(screen: .point, historyFrames: 40)
        XCTAssertEqual(conditions.map(\.parameter.value), [30, 40, 50, 60, 70, 80, 100, 120, 150])
        let c50 = conditions[2]
        XCTAssertEqual(c50.events.periodFrames, 5)
        XCTAssertEqual(c50.events.flashOnsetFrames, (0..<12).map { 40 + 5 * $0 })
        XCTAssertEqual(c50.events.lastFlashFrame, 95)
        XCTAssertEqual(c50.events.omittedFlashFrame, 100)
        XCTAssertEqual(c50.movie.frames, 140)
        let trace = (0..<c50.movie.frames).map { c50.movie[$0, 0, 0] }
        for t in 0..<140 {
            let inFlash = c50.events.flashOnsetFrames.contains { t >= $0 && t < $0 + 2 }
            XCTAssertEqual(trace[t], inFlash ? -1 : 0, "frame \(t)")
        }
        // Train window: the last 3 periods start at 95 − 2·5.
        XCTAssertEqual(c50.analysedFrames, 85..<140)
    }

    func testLeadInGrowsToTheModelHistory() throws {
        let c = try OSRProtocol.groundTruth.conditions(screen: .point, historyFrames: 60)[0]
        XCTAssertEqual(c.events.flashOnsetFrames.first, 60)
    }

    func testTanakaTrainFillsAtLeast890Milliseconds() throws {
        let conditions = try OSRProtocol.tanaka.conditions(screen: .point, historyFrames: 40)
        XCTAssertEqual(conditions.map(\.parameter.value), [30, 40, 50, 60, 70, 80])
        XCTAssertEqual(conditions.map(\.events.flashOnsetFrames.count), [30, 23, 18, 15, 13, 12])  // ⌊89/p⌋ + 1
    }

    func testFullScreenMovieMatchesPointMovieEverywhere() throws {
        let p = OSRProtocol(periodsMs: [40])
        let small = try p.conditions(screen: .point, historyFrames: 40)[0].movie
        let big = try p.conditions(screen: .init(heightPixels: 5, widthPixels: 7), historyFrames: 40)[0].movie
        XCTAssertGreaterThan(small.frames, 40)
        XCTAssertEqual(big.frames, small.frames)
        for t in 0..<small.frames { XCTAssertTrue((0..<35).allSatisfy { big.values[t * 35 + $0] == small.values[t] }) }
    }

    func testInvalidPeriodsAndWindowsThrow() {
        XCTAssertThrowsError(try OSRProtocol(periodsMs: [45]).conditions(screen: .point, historyFrames: 40))
        XCTAssertThrowsError(try OSRProtocol(periodsMs: [20]).conditions(screen: .point, historyFrames: 40))
        XCTAssertThrowsError(try OSRProtocol(framesAfterOmission: 20).conditions(screen: .point, historyFrames: 40)) {
            XCTAssertTrue(String(describing: $0).contains("framesAfterOmission"))
        }
    }

    func testProtocolRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(OSRProtocol.tanaka)
        XCTAssertEqual(try JSONDecoder().decode(OSRProtocol.self, from: data), .tanaka)
    }
}
