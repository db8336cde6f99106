import Foundation
import RetinaCore

/// Peak latency for one step contrast.
public struct LatencyMeasurement: Codable, Sendable, Equatable {
    /// Step magnitude.
    public var contrast: Double
    /// Time of the rate peak in the window after onset, ms, with parabolic sub-row interpolation.
    public var peakLatencyMs: Double?
    /// Interpolated peak rate, Hz.
    public var peakRateHz: Double?
}

/// Latency coding summary: does the peak come earlier for stronger steps?
public struct LatencyMetrics: Codable, Sendable, Equatable {
    /// Per-contrast measurements, sorted by contrast.
    public var measurements: [LatencyMeasurement]
    /// latency(smallest contrast) − latency(largest contrast), ms (> 0 = latency coding).
    public var shiftMs: Double?
    /// Spearman ρ of latency against contrast (−1 = strictly falling).
    public var spearmanRho: Double?
    /// Least-squares slope of latency against log10(contrast), ms per decade of contrast.
    public var slopeMsPerDecade: Double?

    /// Peak latency of one trace: argmax over the rows `peakWindowStartMs … peakWindowEndMs` after
    /// onset, refined by ``PeakFinding/parabolicVertex(_:at:)`` (exact for a parabolic peak).
    public static func measureStep(rateHz y: [Double], events: StepEvents, clock: RowClock,
                                   settings: LatencyProtocol) -> LatencyMeasurement {
        var m = LatencyMeasurement(contrast: abs(events.contrast))
        if let window = clock.rows(from: settings.peakWindowStartMs, to: settings.peakWindowEndMs,
                                   after: events.onsetFrame, rowCount: y.count),
           let peak = PeakFinding.argmax(y, in: window) {
            let vertex = PeakFinding.parabolicVertex(y, at: peak)
            m.peakLatencyMs = clock.milliseconds(row: vertex.position, after: Double(events.onsetFrame))
            m.peakRateHz = vertex.value
        }
        return m
    }

    /// Summarises measurements (over those with a peak).
    public static func summarize(_ measurements: [LatencyMeasurement]) -> LatencyMetrics {
        let sorted = measurements.sorted { $0.contrast < $1.contrast }
        let ok = sorted.filter { $0.peakLatencyMs != nil && $0.contrast > 0 }
        let c = ok.map(\.contrast), l = ok.map { $0.peakLatencyMs! }
        return LatencyMetrics(
            measurements: sorted,
            shiftMs: ok.count >= 2 ? l.first! - l.last! : nil,
            spearmanRho: Statistics.spearman(c, l),
            slopeMsPerDecade: Statistics.leastSquares(x: c.map { log10($0) }, y: l)?.slope)
    }

    /// Measures every condition on its trace and summarises.
    public static func measure(traces: [[Double]], conditions: [(events: StepEvents, clock: RowClock)],
                               settings: LatencyProtocol) -> LatencyMetrics {
        precondition(traces.count == conditions.count, "one trace per latency condition")
        return summarize(zip(traces, conditions).map {
            measureStep(rateHz: $0, events: $1.events, clock: $1.clock, settings: settings)
        })
    }
}
