import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

final class BNCNNResponseAlignmentTests: XCTestCase {
    /// A next-bin model (deep-retina's pairing) gains one zero tap at the newest end: row i is the
    /// original row i, one frame later in time (its newest frame is the predicted response's frame).
    /// With the zero tap at the oldest end instead, row i would equal the original row i + 1.
    func testNextBinRowsMoveOneFrameLaterAndKeepTheirValues() throws {
        let a = TestNets.tiny()
        let net = try TestNets.randomModel(a, seed: 17)
        var rng = SeededRandom(seed: 5)
        let frames = a.historyFrames + 12
        let movie = Movie(frames: frames, height: a.height, width: a.width,
                          values: (0..<(frames * a.height * a.width)).map { _ in Float(rng.normal() * 0.4) })
        let aligned = try net.alignedToResponses(.nextBin)
        XCTAssertEqual(aligned.historyFrames, a.historyFrames + 1)
        let original = try net.rates(for: movie), shifted = try aligned.rates(for: movie)
        XCTAssertEqual(shifted.rows, original.rows - 1, "one more frame of history: one row fewer")
        XCTAssertGreaterThan(shifted.rows, 0)
        XCTAssertEqual(shifted.cells, a.cells)
        for r in 0..<shifted.rows {
            for c in 0..<shifted.cells {
                XCTAssertEqual(shifted[r, c], original[r, c], accuracy: 1e-4 * max(1, abs(original[r, c])), "row \(r) cell \(c)")
            }
        }
        XCTAssertGreaterThan((0..<original.cells).map { abs(original[1, $0] - original[0, $0]) }.max() ?? 0, 1e-3,
                             "consecutive rows differ, so a one-row slip would be caught")
        XCTAssertEqual(try net.alignedToResponses(.windowEnd), net, "the tool's own pairing is unchanged")
    }
}
