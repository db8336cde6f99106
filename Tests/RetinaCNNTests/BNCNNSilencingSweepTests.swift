import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

/// `BNCNN.rates(for:silencings:)` — many silencings in one pass — against silencing one at a time.
final class BNCNNSilencingSweepTests: XCTestCase {
    /// Whole channels, regions, both in one silencing, a region of a channel another silencing
    /// takes whole, and nothing silenced, on a random movie and on a column-constant one (the 1-D
    /// layer-1 route, with more windows than one chunk): every result equals the one-at-a-time
    /// rates within 1e-5 of the largest rate. Per-channel BN: whole channels (a per-channel model
    /// silences regions by clamping, which the sweep also does; compared with clamped z).
    func testSweepEqualsOneSilencingAtATime() throws {
        let silencings = [
            Layer1Silencing(channels: [1]),
            Layer1Silencing(regions: [.init(channel: 2, columns: 1...3, rows: 2...5)]),
            Layer1Silencing(channels: [0], regions: [.init(channel: 1, columns: 0...2)]),
            Layer1Silencing(),
            Layer1Silencing(channels: [0, 1, 2]),
        ]
        let a = TestNets.tiny(.perUnit)
        let model = try TestNets.randomModel(a, seed: 81)
        var bars = TestNets.randomMovie(frames: 160, height: 1, width: a.width, seed: 83)
        bars = Movie(frames: bars.frames, height: a.height, width: a.width,
                     values: (0..<bars.frames).flatMap { f in (0..<a.height).flatMap { _ in bars.values[(f * a.width)..<((f + 1) * a.width)] } })
        XCTAssertTrue(BNCNN.isColumnConstant(bars))
        for movie in [TestNets.randomMovie(frames: 9, height: a.height, width: a.width, seed: 82), bars] {
            let swept = try model.rates(for: movie, silencings: silencings)
            XCTAssertEqual(swept.count, silencings.count)
            for (s, r) in zip(silencings, swept) {
                let one = try model.silenced(s).rates(for: movie)
                XCTAssertEqual(r.rows, one.rows); XCTAssertEqual(r.cells, one.cells)
                let scale = one.valuesHz.map { abs($0) }.max()!
                let worst = zip(r.valuesHz, one.valuesHz).map { abs($0 - $1) }.max()!
                XCTAssertLessThanOrEqual(worst, 1e-5 * scale, "\(s), \(movie.frames) frames")
            }
            // The silencings differ from each other (the comparison can fail).
            XCTAssertGreaterThan(zip(swept[0].valuesHz, swept[3].valuesHz).map { abs($0 - $1) }.max()!, 1e-3)
        }
        let pc = try TestNets.randomModel(TestNets.tiny(.perChannel), seed: 84)
        let movie = TestNets.randomMovie(frames: 7, height: a.height, width: a.width, seed: 85)
        let swept = try pc.rates(for: movie, silencings: [Layer1Silencing(channels: [2]), Layer1Silencing(channels: [0, 1])])
        for (s, r) in zip([Layer1Silencing(channels: [2]), Layer1Silencing(channels: [0, 1])], swept) {
            let one = try pc.silenced(s).rates(for: movie)
            let scale = one.valuesHz.map { abs($0) }.max()!
            XCTAssertLessThanOrEqual(zip(r.valuesHz, one.valuesHz).map { abs($0 - $1) }.max()!, 1e-5 * scale)
        }
    }

    func testBadUnitsAndScreensAreRefused() throws {
        let a = TestNets.tiny(.perUnit)
        let model = try TestNets.randomModel(a, seed: 86)
        let movie = TestNets.randomMovie(frames: 5, height: a.height, width: a.width, seed: 87)
        XCTAssertThrowsError(try model.rates(for: movie, silencings: [Layer1Silencing(channels: [7])])) { e in
            XCTAssertTrue("\(e)".contains("channel 7"), "\(e)")
        }
        XCTAssertThrowsError(try model.rates(for: TestNets.randomMovie(frames: 5, height: 3, width: 3, seed: 1),
                                             silencings: [Layer1Silencing(channels: [0])]))
        XCTAssertEqual(try model.rates(for: movie, silencings: []).count, 0)
    }
}
