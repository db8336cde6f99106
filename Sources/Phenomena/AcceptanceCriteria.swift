/// Thresholds of the project's acceptance criteria for the four phenomena (the project's issues;
/// ground-truth-retina.md §8 uses the same, with a looser OSR ratio and reversal ratio).
public struct AcceptanceCriteria: Codable, Sendable, Equatable {
    /// OSR criteria are evaluated over these periods, ms (30 … 80, Tanaka's range).
    public var osrPeriodMinimumMs: Double
    public var osrPeriodMaximumMs: Double
    /// Slope of (peak − last flash) against period must lie in this range.
    public var osrSlopeMinimum: Double
    public var osrSlopeMaximum: Double
    /// Latency spread over the periods, ms, at most.
    public var osrSpreadMaximumMs: Double
    /// OSR peak / largest response in the last train periods, at least.
    public var osrPeakToTrainRatioMinimum: Double
    /// Spearman ρ of latency against contrast, at most.
    public var latencySpearmanMaximum: Double
    /// latency(c_min) − latency(c_max), ms, at least.
    public var latencyShiftMinimumMs: Double
    /// Reversal criteria are evaluated over these speeds, px/frame.
    public var reversalSpeedMinimum: Double
    public var reversalSpeedMaximum: Double
    /// SD of the population burst latency across speeds, ms, at most.
    public var reversalLatencySDMaximumMs: Double
    /// Burst / smooth-motion peak at every speed, at least.
    public var reversalBurstRatioMinimum: Double
    /// δ must be at most ``anticipationDeltaMaximumPixels`` at each of these speeds, px/frame.
    public var anticipationSpeeds: [Double]
    public var anticipationDeltaMaximumPixels: Double

    public init(osrPeriodMinimumMs: Double = 30, osrPeriodMaximumMs: Double = 80,
                osrSlopeMinimum: Double = 0.8, osrSlopeMaximum: Double = 1.2, osrSpreadMaximumMs: Double = 30,
                osrPeakToTrainRatioMinimum: Double = 2, latencySpearmanMaximum: Double = -0.9,
                latencyShiftMinimumMs: Double = 15, reversalSpeedMinimum: Double = 0.14,
                reversalSpeedMaximum: Double = 0.6, reversalLatencySDMaximumMs: Double = 20,
                reversalBurstRatioMinimum: Double = 1.5, anticipationSpeeds: [Double] = [0.08, 0.176],
                anticipationDeltaMaximumPixels: Double = 0) {
        self.osrPeriodMinimumMs = osrPeriodMinimumMs; self.osrPeriodMaximumMs = osrPeriodMaximumMs
        self.osrSlopeMinimum = osrSlopeMinimum; self.osrSlopeMaximum = osrSlopeMaximum
        self.osrSpreadMaximumMs = osrSpreadMaximumMs; self.osrPeakToTrainRatioMinimum = osrPeakToTrainRatioMinimum
        self.latencySpearmanMaximum = latencySpearmanMaximum; self.latencyShiftMinimumMs = latencyShiftMinimumMs
        self.reversalSpeedMinimum = reversalSpeedMinimum; self.reversalSpeedMaximum = reversalSpeedMaximum
        self.reversalLatencySDMaximumMs = reversalLatencySDMaximumMs
        self.reversalBurstRatioMinimum = reversalBurstRatioMinimum
        self.anticipationSpeeds = anticipationSpeeds; self.anticipationDeltaMaximumPixels = anticipationDeltaMaximumPixels
    }

    /// The project's criteria.
    public static let project = AcceptanceCriteria()

    var osrPeriodRangeMs: ClosedRange<Double> { osrPeriodMinimumMs...osrPeriodMaximumMs }
    var reversalSpeedRange: ClosedRange<Double> { (reversalSpeedMinimum - 1e-9)...(reversalSpeedMaximum + 1e-9) }
}
