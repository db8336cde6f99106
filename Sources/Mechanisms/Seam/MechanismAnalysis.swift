import Phenomena

/// The result of one phenomenon analysis: stimulus conditions with full, reduced and ground-truth
/// responses, pooled attributions, the reduction with the kept units' channel types, the phenomenon
/// metric for each model (computed with the Phenomena module's metric functions), completeness, and
/// a generated mechanism statement compared with the planted circuit.
///
/// The result carries the protocol that produced it (``parameters``), so figures, export and the
/// report never need it passed in again.
public struct MechanismAnalysis<Kind: PhenomenonAnalysis>: Codable, Sendable {
    public typealias Metric = Kind.Metric
    public var phenomenon: Phenomenon
    /// The stimulus protocol the analysis ran.
    public var parameters: Kind.Parameters
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
    /// The analysed model's input window, frames of 10 ms: every protocol's gray lead-in was
    /// max(its parameter, this), and every trimmed movie starts this many frames before its first row.
    public var historyFrames: Int
    /// The conditions the reduction was fitted on (pooled layer-1 responses and the full model's
    /// response), kept in memory so a circuit restricted to other groups (a collaborator's
    /// hypothesis) is fitted the same way; not encoded (the data files hold what they show).
    public var reductionConditions: [ReductionCondition] = []

    private enum CodingKeys: String, CodingKey {
        case phenomenon, parameters, cells, rfCentreXPixels, conditions, channelTypes, reduction, fullMetric, reducedMetric
        case groundTruthMetric, subtractiveMetric, perCellFullMetrics, metricRows, completeness, statement, settings, historyFrames
    }
}

extension MechanismAnalysis {
    /// The phenomenon's criteria (``Phenomena/PhenomenonKind/judge(_:perCell:criteria:)``, the one judge)
    /// on the full model (with the per-cell values), the reduced circuit, the ground truth and the
    /// division ablation.
    public func criteria(_ criteria: Kind.Criteria = Kind.projectCriteria) -> ModelCriteria {
        let cells: [Metric?] = perCellFullMetrics ?? []
        return ModelCriteria(full: Kind.judge(fullMetric, perCell: cells, criteria: criteria),
                             reduced: Kind.judge(reducedMetric, criteria: criteria),
                             groundTruth: groundTruthMetric.map { Kind.judge($0, criteria: criteria) },
                             subtractive: subtractiveMetric.map { Kind.judge($0, criteria: criteria) })
    }

    /// Windows explained by integrated gradients over all conditions.
    public var explainedWindows: Int { conditions.reduce(0) { $0 + ($1.explainedRows?.count ?? 0) } }
}

/// One phenomenon's criteria judged on each model an analysis compares (same criteria, same order).
public struct ModelCriteria: Codable, Sendable, Equatable {
    public var full: [CriterionResult]
    public var reduced: [CriterionResult]
    public var groundTruth: [CriterionResult]?
    /// The division ablation's, when the reduced circuit divides.
    public var subtractive: [CriterionResult]?
}

public typealias OSRAnalysisResult = MechanismAnalysis<OmittedStimulusResponse>
public typealias LatencyAnalysisResult = MechanismAnalysis<LatencyCoding>
public typealias ReversalAnalysisResult = MechanismAnalysis<MotionReversal>
public typealias AnticipationAnalysisResult = MechanismAnalysis<MotionAnticipation>
