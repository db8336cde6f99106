import RetinaCore

/// OSR measurements for one period (one cell or one averaged trace).
public struct OSRPeriodMeasurement: Codable, Sendable, Equatable {
    public var periodMs: Double
    /// Ground-truth latency: centroid of the top 20 % of the largest local maximum 10-350 ms after
    /// the omitted flash, in ms after the omitted flash; nil when the window has no local maximum.
    public var peakLatencyAfterOmissionMs: Double?
    /// The same peak in ms after the onset of the last real flash (= latency + period).
    public var peakLatencyAfterLastFlashMs: Double?
    /// Rate at that local maximum, Hz.
    public var peakRateHz: Double?
    /// Tanaka's latency: first row (≥ 70 ms after the omitted flash) above 20 % of the maximum
    /// from there to the end of the recording, in ms after the omitted flash (whole rows, as his
    /// code); nil when the trace never exceeds it.
    public var tanakaOnsetAfterOmissionMs: Double?
    /// Largest rate in the last ``OSRProtocol/trainWindowPeriods`` periods of the train, Hz.
    public var trainMaxRateHz: Double
    /// `peakRateHz / max(trainMaxRateHz, 1 Hz)` (the 1 Hz floor keeps the ratio finite when the
    /// train silences the cell).
    public var peakToTrainRatio: Double?
}

/// OSR summary over a set of periods: how well the response locks to the expected flash.
public struct OSRMetrics: Codable, Sendable, Equatable {
    /// Per-period measurements (sorted by period).
    public var periods: [OSRPeriodMeasurement]
    /// Least-squares slope of (peak − last flash) against period; 1 = locked to the expected
    /// flash, 0 = locked to the last flash. Over periods with a peak.
    public var slopeVsPeriod: Double?
    /// max − min of the latency after the omitted flash over periods with a peak, ms.
    public var latencySpreadMs: Double?
    /// Smallest ``OSRPeriodMeasurement/peakToTrainRatio`` over the periods.
    public var minimumPeakToTrainRatio: Double?
    /// Slope of Tanaka's onset (from the last flash) against period.
    public var tanakaSlopeVsPeriod: Double?
    /// Spread of Tanaka's onset latency, ms.
    public var tanakaSpreadMs: Double?
    /// Periods without an OSR peak (the criteria fail when this is not empty).
    public var periodsWithoutPeakMs: [Double]

    /// Measures one period on one trace.
    ///
    /// - Parameters:
    ///   - rateHz: rates per row (Hz), rows timed by `clock`.
    ///   - events: the condition's flash frames.
    ///   - settings: windows and fractions (``OSRProtocol``).
    public static func measurePeriod(rateHz y: [Double], events: OSREvents, clock: RowClock,
                                     settings: OSRProtocol) -> OSRPeriodMeasurement {
        let omitted = events.omittedFlashFrame
        let periodMs = Double(events.periodFrames) * Units.frameMilliseconds
        var m = OSRPeriodMeasurement(periodMs: periodMs, trainMaxRateHz: 0)
        let trainStart = events.lastFlashFrame - (settings.trainWindowPeriods - 1) * events.periodFrames
        let trainLo = max(0, clock.row(ofFrame: trainStart)), trainHi = min(y.count - 1, clock.row(ofFrame: omitted) - 1)
        if trainLo <= trainHi { m.trainMaxRateHz = PeakFinding.maximum(y, in: trainLo...trainHi) ?? 0 }

        if let window = clock.rows(from: settings.analysisWindowStartMs, to: settings.analysisWindowEndMs,
                                   after: omitted, rowCount: y.count),
           let peak = PeakFinding.largestLocalMaximum(y, in: window) {
            let centroid = PeakFinding.centroidAboveFraction(y, peak: peak, fraction: settings.peakCentroidFraction)
            let latency = clock.milliseconds(row: centroid, after: Double(omitted))
            m.peakLatencyAfterOmissionMs = latency
            m.peakLatencyAfterLastFlashMs = latency + periodMs
            m.peakRateHz = y[peak]
            m.peakToTrainRatio = y[peak] / max(m.trainMaxRateHz, 1)
        }

        let start = clock.row(ofFrame: omitted) + Int((settings.tanakaSearchStartAfterOmissionMs / Units.frameMilliseconds).rounded(.up))
        if start < y.count, let maxAfter = PeakFinding.maximum(y, in: max(0, start)...(y.count - 1)), maxAfter > 0,
           let onset = PeakFinding.firstCrossing(y, above: settings.tanakaThresholdFraction * maxAfter,
                                                 from: start, through: y.count - 1) {
            m.tanakaOnsetAfterOmissionMs = clock.milliseconds(row: Double(onset), after: Double(omitted))
        }
        return m
    }

    /// Summarises per-period measurements, optionally restricted to `periodRangeMs`.
    public static func summarize(_ measurements: [OSRPeriodMeasurement],
                                 periodRangeMs: ClosedRange<Double>? = nil) -> OSRMetrics {
        let kept = measurements.filter { periodRangeMs?.contains($0.periodMs) ?? true }.sorted { $0.periodMs < $1.periodMs }
        let withPeak = kept.filter { $0.peakLatencyAfterOmissionMs != nil }
        let latencies = withPeak.map { $0.peakLatencyAfterOmissionMs! }
        let fit = Statistics.leastSquares(x: withPeak.map(\.periodMs), y: withPeak.map { $0.peakLatencyAfterLastFlashMs! })
        let withOnset = kept.filter { $0.tanakaOnsetAfterOmissionMs != nil }
        let onsets = withOnset.map { $0.tanakaOnsetAfterOmissionMs! }
        let tanakaFit = Statistics.leastSquares(x: withOnset.map(\.periodMs),
                                                y: withOnset.map { $0.tanakaOnsetAfterOmissionMs! + $0.periodMs })
        let ratios = kept.compactMap(\.peakToTrainRatio)
        return OSRMetrics(
            periods: kept,
            slopeVsPeriod: fit?.slope,
            latencySpreadMs: latencies.isEmpty ? nil : latencies.max()! - latencies.min()!,
            minimumPeakToTrainRatio: ratios.count == kept.count ? ratios.min() : nil,
            tanakaSlopeVsPeriod: tanakaFit?.slope,
            tanakaSpreadMs: onsets.isEmpty ? nil : onsets.max()! - onsets.min()!,
            periodsWithoutPeakMs: kept.filter { $0.peakLatencyAfterOmissionMs == nil }.map(\.periodMs))
    }

    /// Measures every condition on its trace and summarises.
    public static func measure(traces: [[Double]], conditions: [(events: OSREvents, clock: RowClock)],
                               settings: OSRProtocol, periodRangeMs: ClosedRange<Double>? = nil) -> OSRMetrics {
        precondition(traces.count == conditions.count, "one trace per OSR condition")
        let m = zip(traces, conditions).map { measurePeriod(rateHz: $0, events: $1.events, clock: $1.clock, settings: settings) }
        return summarize(m, periodRangeMs: periodRangeMs)
    }
}
