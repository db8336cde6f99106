import Foundation
import RetinaCore

/// The time course of the gain after one contrast switch. The relative gain g(t) of a time bin is the
/// least-squares slope of the rate on the steady-state linear prediction of the new contrast (its
/// filter, ``AdaptationMetrics/highContrastFilter`` after a switch up) over all cycles' rows in the
/// bin (1 = adapted to the new contrast); `g(t) = g∞ + A·exp(−t/τ)` is fitted to the bins from the
/// switch to the end of the block.
public struct AdaptationTransient: Codable, Sendable, Equatable {
    /// τ, ms; nil when the best τ of the search grid (5 … 5000 ms, log-spaced) lies on its edge, i.e.
    /// no exponential time course is resolved.
    public var timeConstantMs: Double?
    /// A (relative gain): > 0 the gain starts above its adapted value and falls (expected after the
    /// switch to high contrast), < 0 it starts below and recovers (after the switch to low contrast).
    public var amplitude: Double?
    /// g∞ (relative gain, ≈ 1).
    public var asymptote: Double?
    /// Bin centres (ms after the switch) and the relative gain of each bin.
    public var binTimesMs: [Double]
    public var relativeGain: [Double?]
    /// Fraction of the variance of the bins explained by the exponential.
    public var fitR2: Double?

    public init(timeConstantMs: Double? = nil, amplitude: Double? = nil, asymptote: Double? = nil, binTimesMs: [Double] = [],
                relativeGain: [Double?] = [], fitR2: Double? = nil) {
        self.timeConstantMs = timeConstantMs; self.amplitude = amplitude; self.asymptote = asymptote
        self.binTimesMs = binTimesMs; self.relativeGain = relativeGain; self.fitR2 = fitR2
    }
}

/// Contrast adaptation of one trace set (one cell, or the mean of cells).
///
/// Gain: a linear filter `r(n) ≈ b + Σ_k f[k]·s(n − k)` is fitted by least squares separately to the
/// steady-state rows of each contrast (a filter per contrast: the cell's filter changes shape with
/// contrast, so one filter reused at both contrasts misreads the gain); the gain is ‖f‖₂ in Hz per
/// unit contrast, and ``gainRatio`` = gain at low / gain at high contrast (> 1: the response per unit
/// contrast is larger at low contrast, i.e. the cell adapted). Time course: the relative gain in
/// bins after each switch (``AdaptationTransient``).
public struct AdaptationMetrics: Codable, Sendable, Equatable {
    /// `f[k]`, k = 0 … filterFrames − 1 frames before the row's newest frame (k = 0: that frame).
    public var lowContrastFilter: [Double]
    public var highContrastFilter: [Double]
    /// ‖f‖₂, Hz per unit contrast; nil when the fit is singular.
    public var lowContrastGain: Double?
    public var highContrastGain: Double?
    /// lowContrastGain / highContrastGain.
    public var gainRatio: Double?
    /// After the switch from low to high contrast, and back.
    public var afterIncrease: AdaptationTransient
    public var afterDecrease: AdaptationTransient
    /// The cycle-mean rate (smoothed as for the fit), aligned on the switch to high contrast.
    public var meanRate: EventAlignedTrace

    /// Measures traces (one per cycle, rows on `conditions[i].clock`) of the cycles `conditions`.
    public static func measure(traces: [[Double]], conditions: [(events: AdaptationEvents, clock: RowClock)],
                               settings p: AdaptationProtocol) -> AdaptationMetrics {
        let lowFit = fitFilter(traces, conditions, settings: p, high: false)
        let highFit = fitFilter(traces, conditions, settings: p, high: true)
        let low = lowFit.map { Array($0.dropFirst()) }, high = highFit.map { Array($0.dropFirst()) }
        func norm(_ f: [Double]?) -> Double? { f.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() } }
        let gLow = norm(low), gHigh = norm(high)
        let ratio = gLow.flatMap { l in gHigh.flatMap { h in h > 0 ? l / h : nil } }

        // Cycle mean on the first cycle's clock (every cycle has the same structure and clock).
        let rows = traces.map(\.count).min() ?? 0
        var mean = [Double](repeating: 0, count: rows)
        for t in traces { for i in 0..<rows { mean[i] += t[i] / Double(traces.count) } }
        mean = TraceSmoothing.gaussian(mean, sigmaFrames: p.transientSmoothingMs / Units.frameMilliseconds)
        let empty = EventAlignedTrace(timesMs: [], rateHz: [])
        guard let first = conditions.first, rows > 0 else {
            return AdaptationMetrics(lowContrastFilter: low ?? [], highContrastFilter: high ?? [], lowContrastGain: gLow,
                                     highContrastGain: gHigh, gainRatio: ratio, afterIncrease: AdaptationTransient(),
                                     afterDecrease: AdaptationTransient(), meanRate: empty)
        }
        let e = first.events, clock = first.clock
        return AdaptationMetrics(
            lowContrastFilter: low ?? [], highContrastFilter: high ?? [], lowContrastGain: gLow, highContrastGain: gHigh,
            gainRatio: ratio,
            afterIncrease: gainCourse(traces, conditions, filter: highFit, from: \.upSwitchFrame, to: \.downSwitchFrame, settings: p),
            afterDecrease: gainCourse(traces, conditions, filter: lowFit, from: \.downSwitchFrame, to: \.endFrame, settings: p),
            meanRate: EventAlignedTrace(rateHz: mean, clock: clock, eventFrame: e.upSwitchFrame))
    }

    /// The intercept and filter of one contrast, `[b, f[0], …]`, from the rows whose newest frame lies in that
    /// contrast's blocks at least ``AdaptationProtocol/settleMs`` after their start.
    static func fitFilter(_ traces: [[Double]], _ conditions: [(events: AdaptationEvents, clock: RowClock)],
                          settings p: AdaptationProtocol, high: Bool) -> [Double]? {
        let taps = p.filterFrames, n = taps + 1
        let settle = Int((p.settleMs / Units.frameMilliseconds).rounded(.up))
        var a = [Double](repeating: 0, count: n * n), b = [Double](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n)
        var used = 0
        for (trace, c) in zip(traces, conditions) {
            let e = c.events
            let blocks = high ? [(e.upSwitchFrame + settle)..<e.downSwitchFrame]
                : [(e.firstBlockFrame + settle)..<e.upSwitchFrame, (e.downSwitchFrame + settle)..<e.endFrame]
            for (i, y) in trace.enumerated() {
                let frame = Int(c.clock.frame(ofRow: Double(i)))
                guard frame - taps + 1 >= 0, frame < e.contrastByFrame.count, blocks.contains(where: { $0.contains(frame) })
                else { continue }
                x[0] = 1
                for k in 0..<taps { x[k + 1] = Double(e.contrastByFrame[frame - k]) }
                for r in 0..<n {
                    b[r] += x[r] * y
                    for s in r..<n { a[r * n + s] += x[r] * x[s] }
                }
                used += 1
            }
        }
        guard used > n else { return nil }
        for r in 0..<n { for s in 0..<r { a[r * n + s] = a[s * n + r] } }
        return LeastSquares.solveSPD(a, b, ridge: 1e-9)
    }

    /// The relative gain per bin after the switch at `start` (`filter` = `[b, f…]` of the new contrast)
    /// and its exponential fit.
    static func gainCourse(_ traces: [[Double]], _ conditions: [(events: AdaptationEvents, clock: RowClock)], filter: [Double]?,
                           from start: KeyPath<AdaptationEvents, Int>, to end: KeyPath<AdaptationEvents, Int>,
                           settings p: AdaptationProtocol) -> AdaptationTransient {
        guard let filter, let first = conditions.first else { return AdaptationTransient() }
        let taps = filter.count - 1
        let binFrames = max(1, Int((p.gainBinMs / Units.frameMilliseconds).rounded()))
        let span = first.events[keyPath: end] - first.events[keyPath: start]
        let bins = span / binFrames
        guard bins >= 4 else { return AdaptationTransient() }
        var pairs = [[(x: Double, y: Double)]](repeating: [], count: bins)
        for (trace, c) in zip(traces, conditions) {
            let e = c.events, s0 = e[keyPath: start]
            for (i, y) in trace.enumerated() {
                let frame = Int(c.clock.frame(ofRow: Double(i)))
                let bin = (frame - s0) / binFrames
                guard frame >= s0, bin < bins, frame - taps + 1 >= 0, frame < e.contrastByFrame.count else { continue }
                var x = filter[0]
                for k in 0..<taps { x += filter[k + 1] * Double(e.contrastByFrame[frame - k]) }
                pairs[bin].append((x, y))
            }
        }
        let gains = pairs.map { Statistics.leastSquares(x: $0.map(\.x), y: $0.map(\.y))?.slope }
        let times = (0..<bins).map { (Double($0) + 0.5) * Double(binFrames) * Units.frameMilliseconds }
        var course = AdaptationTransient(binTimesMs: times, relativeGain: gains)
        let points = zip(times, gains).compactMap { t, g in g.map { (t, $0) } }
        guard points.count >= 4 else { return course }
        let t = points.map(\.0), v = points.map(\.1)
        let sst = Statistics.sumOfSquaredDeviations(v)
        var best: (sse: Double, index: Int, c: Double, a: Double)?
        for (k, tau) in timeConstantGridMs.enumerated() {
            let x = t.map { exp(-$0 / tau) }
            // Least squares of v ≈ c + a·x (2 × 2 normal equations).
            let m = Double(x.count), sx = x.reduce(0, +), sxx = x.reduce(0) { $0 + $1 * $1 }
            let sv = v.reduce(0, +), sxv = zip(x, v).reduce(0) { $0 + $1.0 * $1.1 }
            let det = m * sxx - sx * sx
            guard det > 1e-12 else { continue }
            let a = (m * sxv - sx * sv) / det, c = (sv - a * sx) / m
            let sse = zip(x, v).reduce(0) { $0 + pow($1.1 - c - a * $1.0, 2) }
            if best == nil || sse < best!.sse { best = (sse, k, c, a) }
        }
        guard let best else { return course }
        let resolved = best.index > 0 && best.index < timeConstantGridMs.count - 1
        course.timeConstantMs = resolved ? timeConstantGridMs[best.index] : nil
        course.amplitude = best.a
        course.asymptote = best.c
        course.fitR2 = sst > 0 ? 1 - best.sse / sst : nil
        return course
    }

    /// The τ grid of the transient fit: 80 log-spaced values from 5 to 5000 ms.
    static let timeConstantGridMs: [Double] = (0..<80).map { 5 * pow(1000, Double($0) / 79) }
}
