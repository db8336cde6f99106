import RetinaCore

/// A rate trace on a time axis relative to an event (reversal, omitted flash, step onset…), for
/// metrics that average several conditions and for plots.
///
/// Invariant: `timesMs.count == rateHz.count`; times are 10 ms apart and increasing.
public struct EventAlignedTrace: Codable, Sendable, Equatable {
    /// Time of each sample relative to the event, ms.
    public var timesMs: [Double]
    /// Rate (or rate minus baseline), Hz.
    public var rateHz: [Double]

    public init(timesMs: [Double], rateHz: [Double]) {
        precondition(timesMs.count == rateHz.count, "EventAlignedTrace: times and rates differ in length")
        self.timesMs = timesMs; self.rateHz = rateHz
    }

    /// Aligns one trace on `eventFrame`: sample `i` is at `clock.milliseconds(row: i, after: eventFrame)`;
    /// `baselineHz` is subtracted.
    public init(rateHz y: [Double], clock: RowClock, eventFrame: Int, baselineHz: Double = 0) {
        self.init(timesMs: y.indices.map { clock.milliseconds(row: Double($0), after: Double(eventFrame)) },
                  rateHz: y.map { $0 - baselineHz })
    }

    /// Mean of traces over the time range they all cover (samples matched by time). Empty when
    /// they do not overlap or `traces` is empty.
    public static func mean(_ traces: [EventAlignedTrace]) -> EventAlignedTrace {
        guard !traces.isEmpty else { return EventAlignedTrace(timesMs: [], rateHz: []) }
        let step = Units.frameMilliseconds
        let lo = traces.compactMap { $0.timesMs.first }.max() ?? 0
        let hi = traces.compactMap { $0.timesMs.last }.min() ?? -1
        guard lo <= hi, traces.allSatisfy({ !$0.timesMs.isEmpty }) else { return EventAlignedTrace(timesMs: [], rateHz: []) }
        let count = Int(((hi - lo) / step).rounded()) + 1
        var sum = [Double](repeating: 0, count: count)
        for t in traces {
            let offset = Int(((lo - t.timesMs[0]) / step).rounded())
            for k in 0..<count { sum[k] += t.rateHz[offset + k] }
        }
        return EventAlignedTrace(timesMs: (0..<count).map { lo + Double($0) * step },
                                 rateHz: sum.map { $0 / Double(traces.count) })
    }

    /// Indices whose time lies in `startMs … endMs` (inclusive, with 1e-6 ms slack).
    public func indices(from startMs: Double, to endMs: Double) -> ClosedRange<Int>? {
        guard let lo = timesMs.firstIndex(where: { $0 >= startMs - 1e-6 }),
              let hi = timesMs.lastIndex(where: { $0 <= endMs + 1e-6 }), lo <= hi else { return nil }
        return lo...hi
    }
}
