import Phenomena

/// The result of one phenomenon analysis: stimulus conditions with full, reduced and ground-truth
/// responses, pooled attributions, the reduction with the kept units' channel types, the phenomenon
/// metric for each model (computed with the Phenomena module's metric functions), completeness, and
/// a generated mechanism statement compared with the planted circuit.
public struct MechanismAnalysis<Metric: Codable & Sendable>: Codable, Sendable {
    public var phenomenon: Phenomenon
    /// The explained cells (their mean rate is the target).
    public var cells: [Int]
    /// RF centre x of the explained cells, px (bar analyses only).
    public var rfCentreXPixels: Double?
    public var conditions: [ConditionAnalysis]
    public var channelTypes: ChannelTypeTable
    public var reduction: ReductionResult
    /// The phenomenon metric on the full model's mean rate.
    public var fullMetric: Metric
    /// The same metric on the reduced model.
    public var reducedMetric: Metric
    /// The same metric on the ground truth's mean rate over the same cells, when given.
    public var groundTruthMetric: Metric?
    /// The same metric on the division ablation (``ReductionResult/subtractiveModel``), when the
    /// reduced circuit divides.
    public var subtractiveMetric: Metric?
    /// The full model's metric per explained cell (OSR and latency only).
    public var perCellFullMetrics: [Metric]?
    /// Headline numbers of the metric for the three models.
    public var metricRows: [MetricRow]
    public var completeness: CompletenessSummary
    public var statement: MechanismStatement
    public var settings: MechanismAnalysisSettings
}

public typealias OSRAnalysisResult = MechanismAnalysis<OSRMetrics>
public typealias LatencyAnalysisResult = MechanismAnalysis<LatencyMetrics>
public typealias ReversalAnalysisResult = MechanismAnalysis<ReversalMetrics>
public typealias AnticipationAnalysisResult = MechanismAnalysis<AnticipationMetrics>
