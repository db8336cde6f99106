import Phenomena

/// The content of `metrics.json` (``AnalysisExport``): everything of a ``MechanismAnalysis`` except
/// the traces and attribution arrays. Decodes back with `StableJSON.decode`.
public struct AnalysisMetricsFile<Kind: PhenomenonAnalysis>: Codable, Sendable {
    public typealias Metric = Kind.Metric
    /// Version of this layout; bumped when a field changes meaning or disappears (2: protocol and criteria added).
    public var formatVersion: Int
    public var phenomenon: Phenomenon
    /// The stimulus protocol the analysis ran.
    public var parameters: Kind.Parameters
    /// The phenomenon's criteria judged on each model (the same judge as `validate` and the model card).
    public var criteria: ModelCriteria
    /// The analysed cells (their mean rate is the explained target).
    public var cells: [Int]
    /// RF centre x of the analysed column, px (bar analyses only).
    public var rfCentreXPixels: Double?
    public var fullMetric: Metric
    public var reducedMetric: Metric
    public var groundTruthMetric: Metric?
    public var perCellFullMetrics: [Metric]?
    public var metricRows: [MetricRow]
    public var completeness: CompletenessSummary
    public var channelTypes: [ChannelTypeSummary]
    /// Fast/slow thresholds of the channel types, ms.
    public var channelTypeThresholdsMs: [String: Double]
    /// Kept units as text (`c3`, `c3@x10-14`), in ranking order; the same groups are the units of
    /// ``reducedModel``.
    public var keptUnits: [String]
    /// Importance share of the kept groups, and per channel.
    public var keptShare: Double
    public var channelShares: [Double]
    /// The fitted reduced circuit: per unit its group, label, rectification sign, threshold (units
    /// of z) and weight (Hz per unit of z); the offset (Hz); the output rectifier; fit quality.
    public var reducedModel: ReducedModel
    /// Fit quality of the reduced model (and of the kept-attribution sum) per condition.
    public var conditionFits: [ConditionFit]
    public var statement: MechanismStatement
    public var settings: MechanismAnalysisSettings

    /// One condition's fit quality.
    public struct ConditionFit: Codable, Sendable, Equatable {
        public var condition: String
        /// Reduced vs full over all rows.
        public var reduced: FitQuality
        /// r(0) + kept attributions vs full over the explained rows (nil for fit-only conditions).
        public var keptAttribution: FitQuality?
    }

    /// A channel type without its spatial arrays.
    public struct ChannelTypeSummary: Codable, Sendable, Equatable {
        public var channel: Int
        /// "ON fast", "OFF slow", …
        public var label: String
        public var polarity: ChannelPolarity
        public var speed: ChannelSpeed
        public var peakLatencyMs: Double
        public var peakAmplitude: Double
        /// `f[τ]`, τ = 0 … T−1 (newest last).
        public var temporalFilter: [Double]
        public var bestReference: String?
        public var referenceCorrelations: [String: Double]
    }

    public init(_ r: MechanismAnalysis<Kind>) {
        formatVersion = 2
        phenomenon = r.phenomenon; parameters = r.parameters; criteria = r.criteria()
        cells = r.cells; rfCentreXPixels = r.rfCentreXPixels
        fullMetric = r.fullMetric; reducedMetric = r.reducedMetric; groundTruthMetric = r.groundTruthMetric
        perCellFullMetrics = r.perCellFullMetrics; metricRows = r.metricRows; completeness = r.completeness
        channelTypes = r.channelTypes.types.map {
            ChannelTypeSummary(channel: $0.channel, label: $0.label, polarity: $0.polarity, speed: $0.speed,
                               peakLatencyMs: $0.peakLatencyMilliseconds, peakAmplitude: $0.peakAmplitude,
                               temporalFilter: $0.temporalFilter, bestReference: $0.bestReference,
                               referenceCorrelations: $0.referenceCorrelations)
        }
        channelTypeThresholdsMs = r.channelTypes.thresholdsMilliseconds
        keptUnits = r.reduction.kept.map(\.description)
        keptShare = r.reduction.keptShare; channelShares = r.reduction.channelShares
        reducedModel = r.reduction.model
        conditionFits = r.reduction.conditions.map { ConditionFit(condition: $0.label, reduced: $0.reduced, keptAttribution: $0.keptAttribution) }
        statement = r.statement; settings = r.settings
    }
}
