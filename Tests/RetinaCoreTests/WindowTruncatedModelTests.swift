import XCTest
@testable import RetinaCore

/// A model with unbounded memory and a closed form: row i (history 1) is the running sum of the
/// full-field contrast up to frame i, for each of two cells (cell 1 doubled).
private struct Integrator: ResponseModel {
    var cellCount: Int { 2 }
    var historyFrames: Int { 1 }
    var screen: (height: Int, width: Int) { (1, 1) }
    var cellCentres: [(y: Double, x: Double)]? { nil }
    func rates(for movie: Movie) throws -> RateMatrix {
        var sum: Float = 0, out: [Float] = []
        for t in 0..<movie.frames { sum += movie.values[t * movie.pixelsPerFrame]; out += [sum, 2 * sum] }
        return RateMatrix(rows: movie.frames, cells: 2, valuesHz: out)
    }
}

/// A model whose memory is exactly 3 frames (history 3): row i = s(i) + 10 s(i + 1) + 100 s(i + 2).
private struct ThreeTap: ResponseModel {
    var cellCount: Int { 1 }
    var historyFrames: Int { 3 }
    var screen: (height: Int, width: Int) { (1, 1) }
    var cellCentres: [(y: Double, x: Double)]? { nil }
    func rates(for movie: Movie) throws -> RateMatrix {
        let s = movie.values, n = movie.windowCount(history: 3)
        return RateMatrix(rows: n, cells: 1, valuesHz: (0..<n).map { s[$0] + 10 * s[$0 + 1] + 100 * s[$0 + 2] })
    }
}

final class WindowTruncatedModelTests: XCTestCase {
    private let movie = Movie(frames: 9, height: 1, width: 1, values: [1, 2, -1, 4, 0, 3, -2, 5, 1])

    /// Restricted to W frames an integrator becomes a moving sum over the last W frames.
    func testIntegratorBecomesAMovingSum() throws {
        for w in [1, 3, 4] {
            let t = WindowTruncatedModel(Integrator(), windowFrames: w, threads: 3)
            XCTAssertEqual(t.historyFrames, w)
            let r = try t.rates(for: movie)
            XCTAssertEqual(r.rows, movie.frames - w + 1)
            for i in 0..<r.rows {
                let expected = movie.values[i..<(i + w)].reduce(0, +)
                XCTAssertEqual(r[i, 0], expected, accuracy: 1e-6, "W \(w), row \(i)")
                XCTAssertEqual(r[i, 1], 2 * expected, accuracy: 1e-6)
            }
        }
    }

    /// A window at least the base's memory changes nothing; a shorter one pads with gray in front.
    func testWindowOfTheBaseMemoryIsTheBase() throws {
        let base = try ThreeTap().rates(for: movie)
        let same = try WindowTruncatedModel(ThreeTap(), windowFrames: 3).rates(for: movie)
        XCTAssertEqual(same.valuesHz, base.valuesHz)
        // W = 5 > memory: rows shift by 2 but every value is the base's.
        let longer = try WindowTruncatedModel(ThreeTap(), windowFrames: 5).rates(for: movie)
        XCTAssertEqual(longer.valuesHz, Array(base.valuesHz.dropFirst(2)))
        // W = 2 < memory: the oldest tap sees gray, row i = 10 s(i) + 100 s(i + 1).
        let shorter = try WindowTruncatedModel(ThreeTap(), windowFrames: 2).rates(for: movie)
        XCTAssertEqual(shorter.valuesHz, (0..<8).map { 10 * movie.values[$0] + 100 * movie.values[$0 + 1] })
    }

    func testChosenRowsInTheirOrder() throws {
        let t = WindowTruncatedModel(Integrator(), windowFrames: 2)
        let all = try t.rates(for: movie)
        let some = try t.rates(for: movie, rows: [5, 0, 3])
        XCTAssertEqual(some.rows, 3)
        XCTAssertEqual(some.valuesHz, [5, 0, 3].flatMap { [all[$0, 0], all[$0, 1]] })
    }
}
