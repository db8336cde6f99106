import RetinaCore

/// The parameters of one phenomenon's stimulus protocol (e.g. ``OSRProtocol``): a Codable value
/// whose every field can be set from a configuration file or `--set`.
public protocol PhenomenonParameters: Codable, Sendable, Equatable {
    /// Checks every field before any work; throws ``PhenomenaError/invalidProtocol(parameter:expected:found:)``
    /// naming the field as `TypeName.field`.
    func validate() throws
}

/// The acceptance thresholds of one phenomenon (e.g. ``OSRCriteria``).
public protocol PhenomenonCriteria: Codable, Sendable, Equatable {}

/// One predictive phenomenon as a type: its protocol presets, its metric, its acceptance criteria,
/// and how to measure it on any ``RetinaCore/ResponseModel``.
///
/// This is the lowest facet of a phenomenon: the analyses (`Mechanisms`), the figures and the
/// report add their own facets as protocol refinements, implemented in the phenomenon's own files.
/// ``PhenomenonRegistry`` lists every kind; nothing else enumerates phenomena.
///
/// Contract: ``judge(_:perCell:criteria:)`` is the one place a phenomenon's criteria are judged — the
/// validation suite, the model card and the report all call it, so they cannot disagree.
public protocol PhenomenonKind: Sendable {
    associatedtype Parameters: PhenomenonParameters
    /// The phenomenon metric of one trace set (one model, or one cell).
    associatedtype Metric: Codable, Sendable, Equatable
    associatedtype Criteria: PhenomenonCriteria
    /// What the validation suite measured: per-cell metrics and their mean (plus traces).
    associatedtype Measurement: Codable, Sendable, Equatable

    static var id: Phenomenon { get }
    /// Display name, e.g. "Omitted stimulus response".
    static var title: String { get }
    /// The protocol the validation suite (and the model card) uses.
    static var validationParameters: Parameters { get }
    /// The protocol of `retina-report run` (Tanaka's analysis presets for the four paper phenomena).
    static var analysisParameters: Parameters { get }
    /// The project's acceptance thresholds.
    static var projectCriteria: Criteria { get }
    static var layout: StimulusLayout { get }

    /// Runs the protocol on `context`'s model and cells.
    static func measure(_ parameters: Parameters, criteria: Criteria, in context: inout SuiteContext) throws -> Measurement

    /// The criteria judged on one metric (the model or cell mean) with the same criteria per cell.
    static func judge(_ metric: Metric?, perCell: [Metric?], criteria: Criteria) -> [CriterionResult]

    /// The judged value of a measurement: the metric of the cell mean (or the pooled population) and
    /// of each cell.
    static func judged(_ measurement: Measurement) -> (mean: Metric?, perCell: [Metric?])

    /// The condition sizes of `parameters` for a model with `historyFrames` of memory, explaining
    /// `columns` receptive-field columns (bar phenomena), from the parameters alone: never builds a
    /// movie. Double arithmetic: absurd values give absurd estimates, never an overflow.
    static func cost(_ parameters: Parameters, historyFrames: Double, columns: Double) -> [ConditionCost]
}

extension PhenomenonKind {
    /// The criteria of a suite measurement.
    public static func judge(_ measurement: Measurement, criteria: Criteria = projectCriteria) -> [CriterionResult] {
        let (mean, cells) = judged(measurement)
        return judge(mean, perCell: cells, criteria: criteria)
    }

    /// The criteria judged on one metric alone (no per-cell column), e.g. a reduced circuit's.
    public static func judge(_ metric: Metric?, criteria: Criteria = projectCriteria) -> [CriterionResult] {
        judge(metric, perCell: [], criteria: criteria)
    }
}

extension PhenomenonKind {
    /// The protocol type's name ("OSRProtocol"), as validation errors name its fields.
    public static var parametersTypeName: String { String(describing: Parameters.self) }
}

/// The size of a group of identical-sized stimulus conditions, for estimating what an analysis will
/// cost before any movie is built (`RunConfiguration.estimate()`): never allocates.
public struct ConditionCost: Sendable, Equatable {
    /// Frames of one condition movie.
    public var frames: Double
    /// Windows of one condition that integrated gradients explains (at most).
    public var explainedWindows: Double
    /// Conditions of this size.
    public var count: Double
    /// The protocol field (without the phenomenon prefix) that sets ``frames`` (named when it is too long).
    public var parameter: String

    public init(frames: Double, explainedWindows: Double, count: Double, parameter: String) {
        self.frames = frames; self.explainedWindows = explainedWindows; self.count = count; self.parameter = parameter
    }
}
