import RetinaCore

/// Reversal measurements at one speed, on a population trace.
public struct ReversalSpeedMeasurement: Codable, Sendable, Equatable {
    public var speedPixelsPerFrame: Double
    /// Time of the burst (largest local maximum 100-450 ms after reversal, parabolic
    /// interpolation), ms after the reversal; nil when the window has no local maximum.
    public var burstLatencyMs: Double?
    /// Burst height above baseline, Hz.
    public var burstRateHz: Double?
    /// Maximum of the no-reversal population rate above baseline within ±300 ms of the passing
    /// time, Hz.
    public var smoothPeakRateHz: Double?
    /// `burstRateHz / max(smoothPeakRateHz, 0.1 Hz)` (the floor keeps it finite when the
    /// smooth bar barely drives the population).
    public var burstRatio: Double?
    /// Baseline-subtracted population rate aligned on the reversal.
    public var reversalTrace: EventAlignedTrace
    /// Baseline-subtracted population rate of the no-reversal control, aligned on the passing time.
    public var controlTrace: EventAlignedTrace?
}

/// Motion-reversal summary across speeds.
public struct ReversalMetrics: Codable, Sendable, Equatable {
    /// One entry per speed, sorted by speed.
    public var speeds: [ReversalSpeedMeasurement]
    /// Population SD (n, not n − 1) of the burst latency across speeds, ms.
    public var burstLatencySDMs: Double?
    /// Mean burst latency across speeds, ms.
    public var meanBurstLatencyMs: Double?
    /// Smallest burst ratio across speeds.
    public var minimumBurstRatio: Double?
    /// Speeds with no burst (criteria fail when not empty).
    public var speedsWithoutBurst: [Double]

    /// Floor for the smooth-motion peak in the burst ratio, Hz.
    public static let smoothPeakFloorHz = 0.1

    /// Measures one speed from its population traces (baseline already subtracted).
    public static func measureSpeed(_ speed: Double, reversal: EventAlignedTrace, control: EventAlignedTrace?,
                                    settings: ReversalProtocol) -> ReversalSpeedMeasurement {
        var m = ReversalSpeedMeasurement(speedPixelsPerFrame: speed, reversalTrace: reversal, controlTrace: control)
        if let window = reversal.indices(from: settings.burstWindowStartMs, to: settings.burstWindowEndMs),
           let peak = PeakFinding.largestLocalMaximum(reversal.rateHz, in: window) {
            let vertex = PeakFinding.parabolicVertex(reversal.rateHz, at: peak)
            m.burstLatencyMs = reversal.timesMs[peak] + (vertex.position - Double(peak)) * Units.frameMilliseconds
            m.burstRateHz = vertex.value
        }
        if let control, let window = control.indices(from: -settings.controlWindowHalfWidthMs,
                                                     to: settings.controlWindowHalfWidthMs) {
            m.smoothPeakRateHz = PeakFinding.maximum(control.rateHz, in: window)
        }
        if let burst = m.burstRateHz, let smooth = m.smoothPeakRateHz {
            m.burstRatio = burst / max(smooth, smoothPeakFloorHz)
        }
        return m
    }

    /// Summarises per-speed measurements.
    public static func summarize(_ speeds: [ReversalSpeedMeasurement]) -> ReversalMetrics {
        let sorted = speeds.sorted { $0.speedPixelsPerFrame < $1.speedPixelsPerFrame }
        let latencies = sorted.compactMap(\.burstLatencyMs)
        let ratios = sorted.compactMap(\.burstRatio)
        return ReversalMetrics(
            speeds: sorted,
            burstLatencySDMs: latencies.count >= 2 ? Statistics.standardDeviation(latencies) : nil,
            meanBurstLatencyMs: Statistics.mean(latencies),
            minimumBurstRatio: ratios.count == sorted.count ? ratios.min() : nil,
            speedsWithoutBurst: sorted.filter { $0.burstLatencyMs == nil }.map(\.speedPixelsPerFrame))
    }
}
