import Foundation
import XCTest
import RetinaCore
@testable import ArrayIO

/// Issue #10, item 5: a movie whose contrasts make the network's arithmetic overflow (1e30) used to
/// give all-0 Hz rates with exit 0; it is refused (65) naming the frame and pixel.
final class NPYMovieRangeTests: XCTestCase {
    func testHugeContrastIsRefusedNamingTheFrame() throws {
        var values = [Float](repeating: 0, count: 3 * 4 * 5)
        values[(2 * 4 + 1) * 5 + 3] = 1e30
        let array = NPYArray(shape: [3, 4, 5], values: values)
        let error = assertArrayIOError(try array.movie(source: "s.npy"))
        assertMessage(error, contains: ["s.npy", "contrast 1e+30 at frame 2, pixel (y 1, x 3)", "±1000"], exitCode: 65)
    }

    func testNonFiniteValueNamesTheFrameAndLargestAllowedContrastPasses() throws {
        var values = [Float](repeating: 0, count: 2 * 2 * 2)
        values[5] = .nan
        assertMessage(assertArrayIOError(try NPYArray(shape: [2, 2, 2], values: values).movie(source: "n.npy")),
                      contains: ["non-finite value nan at frame 1, pixel (y 0, x 1)"], exitCode: 65)
        values[5] = Float(-Movie.maximumAbsoluteContrast)
        XCTAssertEqual(try NPYArray(shape: [2, 2, 2], values: values).movie(source: "ok.npy").values[5], -1000)
    }
}
