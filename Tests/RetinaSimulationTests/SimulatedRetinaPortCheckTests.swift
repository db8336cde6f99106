import XCTest
import RetinaCore
@testable import RetinaSimulation

/// docs/ground-truth-retina.md §11.2 port check: reference cell 0 (g_ref 0.11015), full-field stimuli as one pixel and the
/// bar as a 1-D strip, against the prototype's numbers (reproduced independently with the numpy
/// reference of docs/ground-truth-retina.md §13 to 0.01 Hz). Tolerance 1 % (plus 0.02 Hz absolute for near-zero rates).
final class SimulatedRetinaPortCheckTests: XCTestCase {
    let retina = TestStimuli.referenceRetina

    func assertClose(_ got: [Double], _ want: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, file: file, line: line)
        for (i, (g, w)) in zip(got, want).enumerated() {
            XCTAssertEqual(g, w, accuracy: 0.01 * abs(w) + 0.02, "index \(i)", file: file, line: line)
        }
    }

    func testSpontaneousRate() throws {
        let r = try TestStimuli.fullFieldRate(retina, [Float](repeating: 0, count: 50))
        XCTAssertEqual(r[49], 4.699, accuracy: 0.047)
        // softplus(β·(0 − θ_out))·R_max/β exactly
        XCTAssertEqual(r[0], 150 * log1p(exp(-1.0)) / 10, accuracy: 1e-4)
    }

    func testDarkFlashTrace() throws {
        var s = [Float](repeating: 0, count: 60); s[30] = -1; s[31] = -1
        let r = try TestStimuli.fullFieldRate(retina, s)
        assertClose(Array(r[30...45]), [4.70, 4.71, 5.23, 9.19, 28.33, 72.23, 115.66, 135.00, 122.76, 86.79,
                                        40.95, 7.04, 0.50, 0.05, 0.01, 0.00])
    }

    func testOmittedStimulusPeriod50Trace() throws {
        let r = try TestStimuli.fullFieldRate(retina, TestStimuli.flashTrain(period: 5))
        assertClose(Array(r[90...100]), [4.70, 8.51, 19.96, 33.43, 51.67, 66.48, 79.90, 93.92, 104.83, 112.32, 114.46])
    }

    func testDarkStepPeak() throws {
        let r = try TestStimuli.fullFieldRate(retina, TestStimuli.step(-0.3))
        let peak = r.indices.max { r[$0] < r[$1] }!
        XCTAssertEqual(peak - 30, 9)
        XCTAssertEqual(r[peak], 99.82, accuracy: 0.9982)
    }

    func testMovingBarPeak() throws {
        let strip = SimulatedRetina(cells: [GanglionCellParameters.reference.moved(toYPixels: 25, xPixels: 25)])
        let movie = SimulatedRetina.referenceBar(centreXPixels: 25, width: 50)
        XCTAssertEqual(movie.frames, 420)
        // the §11.2 bar starts at x = −10
        XCTAssertEqual(movie[30, 0, 0], 0); XCTAssertEqual(movie[30 + 50, 0, 0], -1, accuracy: 1e-6)
        let r = try strip.ratesAllFrames(for: movie).trace(cell: 0)
        let peak = r.indices.max { r[$0] < r[$1] }!
        XCTAssertEqual(peak, 203)
        XCTAssertEqual(Double(r[peak]), 49.71, accuracy: 0.4971)
    }
}
