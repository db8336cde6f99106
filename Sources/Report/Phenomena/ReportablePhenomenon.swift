import Figures
import Mechanisms
import Phenomena
import ReportKit

/// The report facet of a phenomenon: how its stimulus is described and which of its metric rows the
/// summary table shows. Together with the analysis (`Mechanisms`) and figure (`Figures`) facets this
/// is everything the run pipeline and the report need; each phenomenon implements it in its own file
/// (`Report/Phenomena/<Kind>+Report.swift`).
public protocol ReportablePhenomenon: PhenomenonFigures {
    /// A sentence describing the stimulus (with its literature reference) and the protocol's
    /// parameters with units, as run; `traceSmoothingSigmaMs` is the analysis's trace smoothing and
    /// `historyFrames` the analysed model's window (the gray lead-in shown is max(parameter, window)).
    static func stimulusDescription(_ parameters: Parameters, traceSmoothingSigmaMs: Double, historyFrames: Int) -> StimulusDescription
    /// Index into the analysis's metric rows of the summary table's headline metric.
    static var headlineMetricIndex: Int { get }
    /// How to read the headline metric, e.g. "OSR slope: 1 = locked to the expected flash, 0 = to the last flash".
    static var headlineHint: String { get }
}

extension ReportablePhenomenon {
    public static var headlineMetricIndex: Int { 0 }
}

/// A phenomenon's stimulus in words and as a parameter table.
public struct StimulusDescription: Sendable {
    public var text: RichText
    public var entries: [ParameterTable.Entry]

    public init(text: RichText, entries: [ParameterTable.Entry]) { self.text = text; self.entries = entries }
}

extension PhenomenonKind {
    /// The project's criteria with names and thresholds, judged on no metric (for the methods table).
    static var projectCriteriaUnmeasured: [CriterionResult] { judge(nil, perCell: [], criteria: projectCriteria) }
}
