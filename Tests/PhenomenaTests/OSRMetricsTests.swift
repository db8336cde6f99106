import XCTest
import RetinaCore
@testable import Phenomena

final class OSRMetricsTests: XCTestCase {
    /// A trace (rows timed by a 40-frame history) with small flash responses and a Gaussian OSR
    /// bump `latencyMs` after the omitted flash.
    func syntheticTrace(events: OSREvents, latencyMs: Double, clock: RowClock, rows: Int) -> [Double] {
        (0..<rows).map { i in
            let f = clock.frame(ofRow: Double(i))
            var r = 5.0
            for onset in events.flashOnsetFrames { r += 3 * exp(-0.5 * pow((f - Double(onset) - 7) / 1.5, 2)) }
            r += 100 * exp(-0.5 * pow((f - Double(events.omittedFlashFrame) - latencyMs / 10) / 3, 2))
            return r
        }
    }

    func testPeriodMeasurementRecoversLatencyRatioAndTanakaOnset() throws {
        let p = OSRProtocol.groundTruth
        let condition = try p.conditions(screen: .point, historyFrames: 40)[2]   // 50 ms
        let clock = RowClock(historyFrames: 40)
        let rows = condition.movie.windowCount(history: 40)
        let y = syntheticTrace(events: condition.events, latencyMs: 113.4, clock: clock, rows: rows)
        let m = OSRMetrics.measurePeriod(rateHz: y, events: condition.events, clock: clock, settings: p)
        XCTAssertEqual(m.periodMs, 50)
        XCTAssertEqual(m.peakLatencyAfterOmissionMs!, 113.4, accuracy: 0.5)
        XCTAssertEqual(m.peakLatencyAfterLastFlashMs!, 163.4, accuracy: 0.5)
        XCTAssertEqual(m.peakRateHz!, 105, accuracy: 1)
        // Train max: flash responses 3 Hz (overlapping tails add a little) over 5 Hz baseline.
        XCTAssertEqual(m.trainMaxRateHz, 8, accuracy: 0.2)
        XCTAssertEqual(m.peakToTrainRatio!, m.peakRateHz! / m.trainMaxRateHz, accuracy: 1e-12)
        // Tanaka: first row ≥ 70 ms after omission above 20 % of the later maximum.
        let threshold = 0.2 * y[clock.row(ofFrame: condition.events.omittedFlashFrame + 7)...].max()!
        let expected = (clock.row(ofFrame: condition.events.omittedFlashFrame + 7)..<rows).first { y[$0] > threshold }!
        XCTAssertEqual(m.tanakaOnsetAfterOmissionMs!, clock.milliseconds(row: Double(expected), after: Double(condition.events.omittedFlashFrame)))
    }

    func testSummaryGivesSlopeSpreadAndRange() throws {
        let p = OSRProtocol.groundTruth
        let clock = RowClock(historyFrames: 40)
        let conditions = try p.conditions(screen: .point, historyFrames: 40)
        // Latency after the omitted flash: 110 + 0.1·(period − 30): slope vs period 1.1.
        let measurements = conditions.map { c -> OSRPeriodMeasurement in
            let latency = 110 + 0.1 * (c.parameter.value - 30)
            let y = syntheticTrace(events: c.events, latencyMs: latency, clock: clock, rows: c.movie.windowCount(history: 40))
            return OSRMetrics.measurePeriod(rateHz: y, events: c.events, clock: clock, settings: p)
        }
        let all = OSRMetrics.summarize(measurements)
        XCTAssertEqual(all.slopeVsPeriod!, 1.1, accuracy: 0.01)
        XCTAssertEqual(all.latencySpreadMs!, 12, accuracy: 1)
        XCTAssertTrue(all.periodsWithoutPeakMs.isEmpty)
        let short = OSRMetrics.summarize(measurements, periodRangeMs: 30...80)
        XCTAssertEqual(short.periods.map(\.periodMs), [30, 40, 50, 60, 70, 80])
        XCTAssertEqual(short.latencySpreadMs!, 5, accuracy: 1)
    }

    func testFlatTraceHasNoPeak() throws {
        let p = OSRProtocol.groundTruth
        let c = try p.conditions(screen: .point, historyFrames: 40)[0]
        let y = [Double](repeating: 5, count: c.movie.windowCount(history: 40))
        let m = OSRMetrics.measurePeriod(rateHz: y, events: c.events, clock: RowClock(historyFrames: 40), settings: p)
        XCTAssertNil(m.peakLatencyAfterOmissionMs)
        XCTAssertNil(m.peakToTrainRatio)
        XCTAssertEqual(OSRMetrics.summarize([m]).periodsWithoutPeakMs, [30])
    }
}
