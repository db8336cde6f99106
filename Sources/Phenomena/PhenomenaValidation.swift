/// Traces of one condition for plots: the cell mean and each chosen cell, aligned on the
/// condition's event (omitted flash, step onset).
public struct ConditionTraces: Codable, Sendable, Equatable {
    public var label: String
    public var parameter: ConditionParameter
    /// Mean over the chosen cells, Hz.
    public var meanRate: EventAlignedTrace
    /// One per chosen cell, Hz.
    public var cellRates: [EventAlignedTrace]
    /// Full-field stimulus contrast at the newest frame of each sample (for block plots).
    public var stimulusContrast: [Double]
}

/// OSR results of a suite run.
public struct OSRValidation: Codable, Sendable, Equatable {
    /// Per chosen cell, all periods.
    public var perCell: [OSRMetrics]
    /// Per-period means over cells (a period without a peak in any cell has no mean), summarised.
    public var mean: OSRMetrics
    /// One entry per period, aligned on the omitted flash.
    public var traces: [ConditionTraces]
}

/// Latency-coding results of a suite run.
public struct LatencyValidation: Codable, Sendable, Equatable {
    public var perCell: [LatencyMetrics]
    /// Per-contrast mean latencies over cells, summarised.
    public var mean: LatencyMetrics
    /// One entry per contrast, aligned on the step onset.
    public var traces: [ConditionTraces]
}

/// Motion-reversal results of a suite run.
public struct ReversalValidation: Codable, Sendable, Equatable {
    /// Each cell's own population (its translated reversal points).
    public var perCell: [ReversalMetrics]
    /// All chosen cells pooled (mean of the per-cell population traces).
    public var population: ReversalMetrics
    /// Reversal points shown (absolute px); each was shown at every speed, with and without reversal.
    public var reversalPointsPixels: [Double]
}

/// Motion-anticipation results of a suite run.
public struct AnticipationValidation: Codable, Sendable, Equatable {
    public var rfCentreSource: RFCentreSource
    public var perCell: [AnticipationMetrics]
    /// Mean over cells of each speed's δ and expected lag.
    public var mean: [AnticipationSpeedSummary]
    /// Mean flash latency over cells, ms.
    public var meanFlashLatencyMs: Double?
}

/// Work and wall time for one phenomenon.
public struct PhenomenonRuntime: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    public var seconds: Double
    public var conditions: Int
    public var framesShown: Int
}

/// Everything a suite run measured.
public struct PhenomenaValidation: Codable, Sendable, Equatable {
    /// The settings used.
    public var suite: PhenomenonSuite
    /// Model cell indices measured.
    public var cells: [Int]
    /// Screens the full-field and bar stimuli were rendered for.
    public var fullFieldScreen: StimulusScreen
    public var barScreen: StimulusScreen
    /// RF centres (x, px) of the chosen cells used by the bar phenomena, and their source.
    public var rfCentresXPixels: [Double]
    public var rfCentreSource: RFCentreSource
    /// Spontaneous rate of each chosen cell (all-gray window), Hz.
    public var baselineRateHz: [Double]
    public var osr: OSRValidation?
    public var latency: LatencyValidation?
    public var reversal: ReversalValidation?
    public var anticipation: AnticipationValidation?
    /// The pass/fail table.
    public var criteria: [CriterionResult]
    public var runtimes: [PhenomenonRuntime]

    /// True when every criterion passed.
    public var allCriteriaPassed: Bool { !criteria.isEmpty && criteria.allSatisfy(\.passed) }
    /// Total wall time, seconds.
    public var totalSeconds: Double { runtimes.reduce(0) { $0 + $1.seconds } }
}
