import XCTest
import RetinaCore
import RetinaSimulation
@testable import Phenomena

final class ContrastAdaptationTests: XCTestCase {
    /// A short protocol for the metric tests: 1.2 s blocks, 1 s settling, 20-tap filters.
    let short = AdaptationProtocol(blockFrames: 200, cycles: 6, settleMs: 500, filterFrames: 20, gainBinMs: 50)

    /// A linear cell whose gain follows a known schedule: 2 in the low blocks, 1 in the steady state of
    /// the high block, decaying from 2 to 1 with τ = 150 ms after the switch up. The per-contrast
    /// filter fit is exact for a linear cell, so the gain ratio is 2 to rounding; the time constant
    /// is recovered from the binned gains to the grid's resolution.
    func testKnownGainScheduleIsRecovered() throws {
        let p = short
        let conditions = try p.conditions(screen: .point, historyFrames: 40)
        let filter = (0..<20).map { k in exp(-Double(k) / 4) * sin(Double(k) / 3 + 0.3) }
        var traces: [[Double]] = []
        var timing: [(events: AdaptationEvents, clock: RowClock)] = []
        for c in conditions {
            let e = c.events, clock = RowClock(historyFrames: 40)
            let rows = c.movie.windowCount(history: 40)
            traces.append((0..<rows).map { i in
                let n = Int(clock.frame(ofRow: Double(i)))
                var drive = 0.0
                for k in 0..<20 where n - k >= 0 { drive += filter[k] * Double(e.contrastByFrame[n - k]) }
                let gain: Double
                if n >= e.upSwitchFrame && n < e.downSwitchFrame {
                    gain = 1 + exp(-Double(n - e.upSwitchFrame) * 10 / 150)
                } else { gain = 2 }
                return 10 + 40 * gain * drive
            })
            timing.append((e, clock))
        }
        let m = AdaptationMetrics.measure(traces: traces, conditions: timing, settings: p)
        XCTAssertEqual(try XCTUnwrap(m.gainRatio), 2, accuracy: 0.01, "high-block rows ≥ 500 ms after the switch: gain 1.04 at most")
        XCTAssertEqual(try XCTUnwrap(m.afterIncrease.timeConstantMs), 150, accuracy: 30)
        XCTAssertGreaterThan(try XCTUnwrap(m.afterIncrease.amplitude), 0.5, "the gain starts above its adapted value")
        XCTAssertEqual(try XCTUnwrap(m.afterIncrease.relativeGain.last ?? nil), 1, accuracy: 0.05)
        let criteria = ContrastAdaptation.judge(m)
        XCTAssertEqual(criteria.map(\.passed), [true, true, false],
                       "the gain does not change after the switch down: no recovering undershoot")
        XCTAssertFalse(criteria[2].complete)
    }

    /// The answer key by intervention: the simulated retina adapts, and removing its divisive gain
    /// control (κ = 0) removes the gain change (`docs/answer-key.md` §3).
    func testTheGroundTruthAdaptsThroughItsGainControl() throws {
        let suite = PhenomenonSuite(phenomena: [.adaptation], screenPolicy: .reduced)
        let full = try suite.measure(SimulatedRetina.salamander, cells: [0])
        XCTAssertTrue(full.allCriteriaPassed, full.criteria.filter { !$0.passed }.map(\.name).joined(separator: "; "))
        let ratio = try XCTUnwrap(full.adaptation?.mean.gainRatio)
        XCTAssertGreaterThan(ratio, 1.2)
        let ablated = try suite.measure(SimulatedRetina.salamander.ablated([.noGainControl]), cells: [0])
        let without = try XCTUnwrap(ablated.adaptation?.mean.gainRatio)
        XCTAssertLessThan(without, 1, "without gain control the cell is less sensitive at low contrast (expansive output)")
        XCTAssertFalse(ablated.criteria[0].passed)
    }

    func testBadProtocolsAreRefusedByField() {
        func field(_ p: AdaptationProtocol) -> String? {
            do { try p.validate(); return nil } catch let PhenomenaError.invalidProtocol(parameter, _, _) { return parameter } catch { return "\(error)" }
        }
        XCTAssertNil(field(.standard))
        XCTAssertEqual(field(AdaptationProtocol(lowContrastSD: 0.5)), "AdaptationProtocol.lowContrastSD")
        XCTAssertEqual(field(AdaptationProtocol(highContrastSD: .nan)), "AdaptationProtocol.highContrastSD")
        XCTAssertEqual(field(AdaptationProtocol(blockFrames: 50)), "AdaptationProtocol.blockFrames")
        XCTAssertEqual(field(AdaptationProtocol(cycles: 2, explainedCycles: 3)), "AdaptationProtocol.explainedCycles")
        XCTAssertEqual(field(AdaptationProtocol(cycles: 1_000_000)), "AdaptationProtocol.cycles")
        XCTAssertEqual(field(AdaptationProtocol(settleMs: 1e300)), "AdaptationProtocol.settleMs", "refused, not trapped in Int(Double)")
    }

    /// Frame counts near Int.max are refused by name before they are summed (the sum trapped).
    func testLatencyFrameCountsNearIntMaxAreRefused() {
        var p = LatencyProtocol()
        p.stepDurationFrames = .max; p.framesAfterStep = 1
        XCTAssertThrowsError(try p.validate()) { error in
            guard case let PhenomenaError.invalidProtocol(parameter, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(parameter, "LatencyProtocol.stepDurationFrames / framesAfterStep / leadInFrames")
        }
        XCTAssertNoThrow(try LatencyProtocol().validate())
    }

    /// Fresh flicker per cycle, the same every time (seeded), clipped to ±1.
    func testStimuliAreSeededAndShaped() throws {
        let a = try AdaptationProtocol.standard.conditions(screen: .point, historyFrames: 40)
        let b = try AdaptationProtocol.standard.conditions(screen: .point, historyFrames: 40)
        XCTAssertEqual(a.count, 16)
        XCTAssertEqual(a[0].movie.values, b[0].movie.values)
        XCTAssertNotEqual(a[0].movie.values, a[1].movie.values)
        let e = a[0].events
        XCTAssertEqual([e.firstBlockFrame, e.upSwitchFrame, e.downSwitchFrame, e.endFrame], [40, 340, 640, 940])
        let high = e.contrastByFrame[e.upSwitchFrame..<e.downSwitchFrame].map(Double.init)
        let low = e.contrastByFrame[e.firstBlockFrame..<e.upSwitchFrame].map(Double.init)
        XCTAssertEqual(try XCTUnwrap(Statistics.standardDeviation(high)), 0.35, accuracy: 0.06)
        XCTAssertEqual(try XCTUnwrap(Statistics.standardDeviation(low)), 0.05, accuracy: 0.01)
        XCTAssertTrue(e.contrastByFrame.allSatisfy { abs($0) <= 1 })
        XCTAssertTrue(e.contrastByFrame[0..<40].allSatisfy { $0 == 0 }, "gray lead-in")
    }
}
