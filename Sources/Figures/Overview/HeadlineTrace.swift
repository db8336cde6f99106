import Mechanisms

/// The one stimulus condition that shows a phenomenon at a glance: the full model's, the reduced
/// circuit's and (when compared) the ground truth's rate on one time axis relative to the condition's
/// event. The overview figure draws one per analysed phenomenon (``FigureCatalogue/overview(_:)``).
///
/// Each phenomenon picks its condition through ``PhenomenonFigures/headlineTrace(for:)``, read from
/// the analysis result (nothing is recomputed). Invariant: every rate array has `timesMs.count` values.
public struct HeadlineTrace: Codable, Sendable, Equatable {
    /// The condition shown, e.g. "period 60 ms" or "rightward, 0.44 mm/s".
    public var condition: String
    /// Axis label of the time axis, e.g. "time from omitted flash" (unit ms).
    public var timeLabel: String
    /// Sample times relative to the event, ms (increasing).
    public var timesMs: [Double]
    /// Mean rate of the explained cells, Hz.
    public var fullHz: [Double]
    public var reducedHz: [Double]
    /// The simulated retina's mean rate over the same cells, Hz; nil when not compared.
    public var groundTruthHz: [Double]?
    /// Event times marked by a dashed vertical line, ms (the event itself at 0, and e.g. the switch back).
    public var markersMs: [Double]

    public init(condition: String, timeLabel: String, timesMs: [Double], fullHz: [Double], reducedHz: [Double],
                groundTruthHz: [Double]?, markersMs: [Double] = [0]) {
        precondition(fullHz.count == timesMs.count && reducedHz.count == timesMs.count
                     && (groundTruthHz?.count ?? timesMs.count) == timesMs.count, "HeadlineTrace: rates and times differ in length")
        self.condition = condition; self.timeLabel = timeLabel; self.timesMs = timesMs
        self.fullHz = fullHz; self.reducedHz = reducedHz; self.groundTruthHz = groundTruthHz; self.markersMs = markersMs
    }

    /// The rates of one analysed condition at `timesMs` (one per row of the condition).
    public init(condition: String, timeLabel: String, timesMs: [Double], analysis a: ConditionAnalysis, markersMs: [Double] = [0]) {
        self.init(condition: condition, timeLabel: timeLabel, timesMs: timesMs, fullHz: a.fullHz.map(Double.init),
                  reducedHz: a.reducedHz.map(Double.init), groundTruthHz: a.groundTruthHz.map { $0.map(Double.init) },
                  markersMs: markersMs)
    }
}
