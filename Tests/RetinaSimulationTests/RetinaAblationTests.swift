import XCTest
import RetinaCore
@testable import RetinaSimulation

/// Each ablation changes what docs/answer-key.md §2 says it changes, measured on the reference cell with simple
/// self-contained measurements (full-field stimuli as one pixel, bars on a 1 × 50 strip). Expected
/// magnitudes were checked with the numpy reference of docs/ground-truth-retina.md §13; thresholds sit well between the full model
/// and the ablated one.
final class RetinaAblationTests: XCTestCase {
    let full = TestStimuli.referenceRetina

    func ablated(_ a: RetinaAblation) throws -> SimulatedRetina { try full.ablated([a]) }

    /// Rate after the omitted flash of a 12-flash train with a 50 ms period (omitted flash at frame 90).
    func omittedFlashResponse(_ r: SimulatedRetina) throws -> (peakHz: Double, peakFrame: Double) {
        let rate = try TestStimuli.fullFieldRate(r, TestStimuli.flashTrain(period: 5))
        let window = 91..<125
        return (window.map { rate[$0] }.max()!, TestStimuli.peakTime(rate, in: window) - 90)
    }

    /// Peak latency (ms, parabolic) of the response to a 200 ms full-field dark step of contrast c.
    func stepLatency(_ r: SimulatedRetina, _ c: Float) throws -> Double {
        let rate = try TestStimuli.fullFieldRate(r, TestStimuli.step(-c))
        return (TestStimuli.peakTime(rate, in: 30..<55) - 30) * 10
    }

    /// δ (px): bar-centre position relative to the RF centre when a 4 px dark bar moving at `speed`
    /// px/frame evokes the peak response (negative = the response leads the bar).
    func barLead(_ r: SimulatedRetina, speed: Double) throws -> Double {
        let cell = r.cells[0].moved(toYPixels: 0, xPixels: 25)
        var strip = r; strip.cells = [cell]
        let frames = Int(70 / speed)
        var values = [Float](repeating: 0, count: (30 + frames) * 50)
        for i in 0..<frames {
            let c = -10 + speed * Double(i)
            for x in 0..<50 {
                let cover = min(Double(x) + 0.5, c + 2) - max(Double(x) - 0.5, c - 2)
                values[(30 + i) * 50 + x] = -Float(min(max(cover, 0), 1))
            }
        }
        let rate = try strip.ratesAllFrames(for: Movie(frames: 30 + frames, height: 1, width: 50, values: values)).trace(cell: 0)
        let peak = rate.indices.max { rate[$0] < rate[$1] }!
        return -10 + speed * Double(peak - 30) - 25
    }

    func testAblationsSetTheRightParameters() {
        let p = RetinaParameters.salamander, c = GanglionCellParameters.reference
        XCTAssertEqual(p.applying([.noOffToGanglion]).offToGanglionWeight, 0)
        XCTAssertEqual(p.applying([.noOnFast]).onFastWeight, 0)
        XCTAssertEqual(p.applying([.noOnFast]).onSlowWeight, 0.85)
        XCTAssertEqual(p.applying([.noOnSlow]).onSlowWeight, 0)
        let noOn = p.applying([.noOn]); XCTAssertEqual([noOn.onFastWeight, noOn.onSlowWeight], [0, 0])
        XCTAssertEqual(p.applying([.noAmacrineGating]).amacrineOnGating, 0)
        XCTAssertEqual(c.applying([.noAmacrineGating]), c)
        XCTAssertEqual(c.applying([.noAmacrineToGanglion]).amacrineWeight, 0)
        XCTAssertEqual(p.applying([.noAmacrineToGanglion]), p)
        XCTAssertEqual(p.applying([.noAmacrine]).amacrineOnGating, 0)
        XCTAssertEqual(c.applying([.noAmacrine]).amacrineWeight, 0)
        XCTAssertEqual(c.applying([.noGainControl]).gainControlStrength, 0)
        XCTAssertEqual(p.applying([.linearAmacrine]).amacrineThreshold, 0)
        XCTAssertEqual(RetinaAblation.allCases.count, 9)
        XCTAssertEqual(RetinaAblation(rawValue: "noGainControl"), .noGainControl)
    }

    /// OSR: full model rebounds ~115 ms after the omitted flash; without ON slow (or any ON) there is
    /// no such rebound (numpy: 114 Hz vs 50 Hz, the latter a decaying response to the last flash).
    func testOnSlowCarriesTheOmittedStimulusResponse() throws {
        let f = try omittedFlashResponse(full)
        XCTAssertGreaterThan(f.peakHz, 100)
        XCTAssertEqual(f.peakFrame * 10, 110, accuracy: 15)
        let noSlow = try omittedFlashResponse(ablated(.noOnSlow))
        XCTAssertLessThan(noSlow.peakHz, 0.6 * f.peakHz)
        XCTAssertLessThan(noSlow.peakFrame * 10, 80)     // locked to the last flash, not the expected one
        let noOn = try omittedFlashResponse(ablated(.noOn))
        XCTAssertLessThan(noOn.peakHz, 5)                // spontaneous only
    }

    /// ON fast refines the OSR timing: without it the rebound comes later (numpy: 115 → 135 ms).
    func testOnFastShiftsTheOmittedStimulusResponse() throws {
        let f = try omittedFlashResponse(full), g = try omittedFlashResponse(ablated(.noOnFast))
        XCTAssertGreaterThan((g.peakFrame - f.peakFrame) * 10, 12)
    }

    /// Without OFF → ganglion there is no dark-step response.
    func testNoOffRemovesTheDarkStepResponse() throws {
        let rFull = try TestStimuli.fullFieldRate(full, TestStimuli.step(-1))
        let rNoOff = try TestStimuli.fullFieldRate(ablated(.noOffToGanglion), TestStimuli.step(-1))
        XCTAssertGreaterThan(rFull[30..<50].max()!, 200)
        XCTAssertLessThanOrEqual(rNoOff[30..<50].max()!, 4.75)    // at or below spontaneous 4.70 Hz
    }

    /// Latency coding: shift latency(0.1) − latency(1.0) is 25.7 ms in the full model, 17.8 without
    /// gain control, 9.8 with a linear amacrine, 30.0 without amacrine → ganglion (docs/answer-key.md §2).
    func testLatencyShiftAblations() throws {
        func shift(_ r: SimulatedRetina) throws -> Double { try stepLatency(r, 0.1) - stepLatency(r, 1.0) }
        XCTAssertEqual(try shift(full), 25.7, accuracy: 1)
        XCTAssertEqual(try shift(ablated(.noGainControl)), 17.8, accuracy: 1)
        XCTAssertEqual(try stepLatency(ablated(.noGainControl), 1.0) - stepLatency(full, 1.0), 13.7, accuracy: 2)
        XCTAssertEqual(try shift(ablated(.linearAmacrine)), 9.8, accuracy: 1)
        XCTAssertEqual(try shift(ablated(.noAmacrineToGanglion)), 30.0, accuracy: 1)
        XCTAssertEqual(try shift(ablated(.noAmacrine)), 30.0, accuracy: 1)
        XCTAssertEqual(try shift(ablated(.noOn)), 25.7, accuracy: 1)   // ON plays no part for dark steps
    }

    /// Anticipation at 0.08 px/frame: the full model leads the bar; without amacrine gating of the ON
    /// terminal the trailing-edge ON response wins and the peak lags (docs/answer-key.md §2: −0.84 → +1.38 px).
    func testGatingIsNeededForAnticipation() throws {
        XCTAssertLessThan(try barLead(full, speed: 0.08), -0.4)
        XCTAssertGreaterThan(try barLead(ablated(.noAmacrineGating), speed: 0.08), 0.8)
        XCTAssertGreaterThan(try barLead(ablated(.noAmacrine), speed: 0.08), 0.8)
    }

    /// Anticipation at 0.3 px/frame needs the gain control (docs/answer-key.md §2: +0.94 → +1.96 px).
    func testGainControlReducesTheLagAtHigherSpeed() throws {
        let lagFull = try barLead(full, speed: 0.3), lagNoGC = try barLead(ablated(.noGainControl), speed: 0.3)
        XCTAssertLessThan(lagFull, 1.4)
        XCTAssertGreaterThan(lagNoGC - lagFull, 0.5)
    }
}
