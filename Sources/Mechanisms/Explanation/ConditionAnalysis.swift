import RetinaCore
import Phenomena

/// One stimulus condition of a phenomenon analysis: responses of the full, reduced and (when given)
/// ground-truth models, and the pooled attributions when the condition was explained.
///
/// Rows follow ``clock``: row `i` is the window whose newest frame is `clock.firstRowFrame + i` of the
/// condition movie (the movie is trimmed to the frames its analysed rows need).
///
/// Integrated gradients runs on ``explainedRows`` only (see ``ExplainedRows``): ``attribution``,
/// ``gapsHz`` and ``relativeGaps`` hold one value per explained row, value `i` ↔ row
/// `explainedRows.lowerBound + i`. The responses (``fullHz``, ``cellRatesHz``, ``reducedHz``,
/// ``groundTruthHz``) cover every row.
public struct ConditionAnalysis: Codable, Sendable {
    public var label: String
    public var parameter: ConditionParameter
    public var clock: RowClock
    /// True when integrated gradients was run on this condition (it then takes part in the ranking).
    public var explained: Bool
    /// The rows integrated gradients was run on, when explained.
    public var explainedRows: Range<Int>?
    /// Frame of the condition movie that times are measured from (``eventName``): row `i` is
    /// `clock.milliseconds(row: i, after: eventFrame)` ms after it.
    public var eventFrame: Int?
    /// What happens at ``eventFrame`` ("omitted flash onset", "step onset", "reversal", …).
    public var eventName: String?
    /// Mean rate of the explained cells, full model, Hz.
    public var fullHz: [Float]
    /// Every cell of the full model.
    public var cellRatesHz: RateMatrix
    /// The reduced model's rate, Hz.
    public var reducedHz: [Float]
    /// Mean rate of the same cells of the ground truth, Hz, when a ground truth was given.
    public var groundTruthHz: [Float]?
    /// Pooled attributions (Eq. 3 / Eq. 4) of the mean rate over ``explainedRows``, when explained.
    public var attribution: PooledAttribution?
    /// Completeness gap per explained row, Hz, when explained.
    public var gapsHz: [Double]?
    /// Relative completeness gap per explained row (``AttributionResult/relativeGaps``), when explained.
    public var relativeGaps: [Double]?
}

/// Completeness of the attributions over all explained conditions of an analysis.
public struct CompletenessSummary: Codable, Sendable, Equatable {
    /// Largest |gap|, Hz.
    public var maxAbsoluteGapHz: Double
    /// Largest relative gap (per-window definition of ``AttributionResult/relativeGaps``).
    public var maxRelativeGap: Double
    /// Largest |gap| divided by the range of the explained response over all explained conditions.
    public var maxGapOverResponseRange: Double
    /// Explained windows.
    public var windows: Int

    static func of(_ conditions: [ConditionAnalysis]) -> CompletenessSummary {
        let explained = conditions.filter(\.explained)
        let gaps = explained.flatMap { $0.gapsHz ?? [] }.map(abs)
        let responses = explained.flatMap(\.fullHz)
        let range = Double((responses.max() ?? 0) - (responses.min() ?? 0))
        let maxGap = gaps.max() ?? 0
        return CompletenessSummary(maxAbsoluteGapHz: maxGap,
                                   maxRelativeGap: explained.flatMap { $0.relativeGaps ?? [] }.map(abs).max() ?? 0,
                                   maxGapOverResponseRange: range > 0 ? maxGap / range : 0, windows: gaps.count)
    }
}

/// One metric of a phenomenon for the full, reduced and ground-truth models.
public struct MetricRow: Codable, Sendable, Equatable {
    public var name: String
    public var unit: String
    public var full: Double?
    public var reduced: Double?
    public var groundTruth: Double?
    /// The same metric on the division ablation (the best purely subtractive circuit), when the
    /// reduced circuit divides.
    public var subtractive: Double?

    public init(name: String, unit: String, full: Double?, reduced: Double?, groundTruth: Double?, subtractive: Double? = nil) {
        self.name = name; self.unit = unit; self.full = full; self.reduced = reduced; self.groundTruth = groundTruth
        self.subtractive = subtractive
    }
}
