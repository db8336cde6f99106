import XCTest
import RetinaCore
@testable import Phenomena

final class LatencyMetricsTests: XCTestCase {
    func testStepGeometry() throws {
        let conditions = try LatencyProtocol.groundTruth.conditions(screen: .point, historyFrames: 40)
        XCTAssertEqual(conditions.map(\.parameter.value), [0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0])
        let c = conditions[2]
        XCTAssertEqual(c.events, StepEvents(onsetFrame: 40, offsetFrame: 60, contrast: -0.3))
        XCTAssertEqual(c.movie.frames, 80)
        XCTAssertEqual(c.movie[39, 0, 0], 0)
        XCTAssertEqual(c.movie[40, 0, 0], -0.3, accuracy: 1e-7)
        XCTAssertEqual(c.movie[59, 0, 0], -0.3, accuracy: 1e-7)
        XCTAssertEqual(c.movie[60, 0, 0], 0)
        let tanaka = try LatencyProtocol.tanaka.conditions(screen: .point, historyFrames: 40)
        XCTAssertEqual(tanaka[0].movie.frames, 80)
        XCTAssertEqual(tanaka[0].events.offsetFrame, 80)
    }

    /// Parabolic peaks at latency = 100 − 25·log10(c) ms: exact latencies, ρ = −1, −25 ms/decade.
    func testMetricsRecoverAKnownLatencyCode() throws {
        let p = LatencyProtocol.groundTruth
        let clock = RowClock(historyFrames: 40)
        let conditions = try p.conditions(screen: .point, historyFrames: 40)
        let metrics = LatencyMetrics.measure(
            traces: conditions.map { c in
                let t0 = 100 - 25 * log10(abs(c.events.contrast))
                return (0..<c.movie.windowCount(history: 40)).map { i in
                    let ms = clock.milliseconds(row: Double(i), after: Double(c.events.onsetFrame))
                    return max(0, 200 - 0.02 * (ms - t0) * (ms - t0))
                }
            },
            conditions: conditions.map { ($0.events, clock) }, settings: p)
        XCTAssertEqual(metrics.measurements.count, 7)
        XCTAssertEqual(p.contrasts.count, 7)
        for (m, c) in zip(metrics.measurements, p.contrasts) {
            XCTAssertEqual(m.peakLatencyMs!, 100 - 25 * log10(c), accuracy: 1e-9)
            XCTAssertEqual(m.peakRateHz!, 200, accuracy: 1e-9)
        }
        XCTAssertEqual(metrics.shiftMs!, 25, accuracy: 1e-9)
        XCTAssertEqual(metrics.spearmanRho!, -1, accuracy: 1e-12)
        XCTAssertEqual(metrics.slopeMsPerDecade!, -25, accuracy: 1e-9)
    }

    func testPeakOutsideTheWindowIsIgnored() {
        let p = LatencyProtocol.groundTruth
        let clock = RowClock(historyFrames: 40)
        let events = StepEvents(onsetFrame: 40, offsetFrame: 60, contrast: -1)
        var y = [Double](repeating: 1, count: 41)
        y[30] = 99                       // row 30 = 290 ms: outside 0–250 ms
        y[9] = 10; y[8] = 5; y[10] = 5   // row 9 = frame 48 = 80 ms
        let m = LatencyMetrics.measureStep(rateHz: y, events: events, clock: clock, settings: p)
        XCTAssertEqual(m.peakLatencyMs!, 80, accuracy: 1e-9)
    }
}
