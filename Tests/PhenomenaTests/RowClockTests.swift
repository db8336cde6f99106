import XCTest
import RetinaCore
@testable import Phenomena

final class RowClockTests: XCTestCase {
    func testRowsMapToNewestFrame() {
        let clock = RowClock(historyFrames: 40)
        XCTAssertEqual(clock.firstRowFrame, 39)
        XCTAssertEqual(clock.frame(ofRow: 0), 39)
        XCTAssertEqual(clock.row(ofFrame: 100), 61)
        XCTAssertEqual(clock.milliseconds(row: 61, after: 90), 100)
        XCTAssertEqual(clock.rows(from: 10, to: 350, after: 100, rowCount: 1000), 62...96)
        XCTAssertEqual(clock.rows(from: 10, to: 350, after: 100, rowCount: 70), 62...69)
        XCTAssertNil(clock.rows(from: 10, to: 350, after: 100, rowCount: 50))
        XCTAssertEqual(RowClock(historyFrames: 40, sliceStartFrame: 25).firstRowFrame, 64)
    }

    func testTrimmedConditionKeepsTheAnalysedRows() throws {
        let c = try ReversalProtocol.groundTruth.condition(speed: 0.2, reversalPointPixels: 20, reverses: true,
                                                           screen: .strip(widthPixels: 50), historyFrames: 40)
        let (movie, clock) = c.trimmed(historyFrames: 40)
        // The first row's newest frame is the first analysed frame; the last is the movie's last.
        XCTAssertEqual(clock.firstRowFrame, c.analysedFrames.lowerBound)
        XCTAssertEqual(Int(clock.frame(ofRow: Double(movie.windowCount(history: 40) - 1))), c.movie.frames - 1)
        let start = c.analysedFrames.lowerBound - 39
        XCTAssertEqual(Array(movie.values.prefix(50)), Array(c.movie.values[(start * 50)..<(start * 50 + 50)]))
    }
}
