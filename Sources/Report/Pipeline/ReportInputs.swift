import Figures
import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import ModelCards
import ReportKit

/// The outcome of one phenomenon analysis in a run: the view of its result, or why it failed.
public enum AnalysisOutcome: Sendable {
    case analysed(AnalysisView)
    /// The analysis threw; `step` names the pipeline step, `message` the error as the user saw it.
    case failed(step: String, message: String)

    /// The view of a completed analysis; nil for a failed one.
    var view: AnalysisView? {
        if case let .analysed(v) = self { return v }
        return nil
    }
}

/// One phenomenon as the report sees it: the outcome, its stimulus as run, plus the files the
/// pipeline wrote for it. Made by the phenomenon's own facets (``ReportablePhenomenon``), so the
/// report never dispatches on the phenomenon.
public struct PhenomenonReportInput: Sendable {
    public var phenomenon: Phenomenon
    public var title: String
    public var outcome: AnalysisOutcome
    /// The stimulus protocol the analysis ran (or was to run), in words and as a table.
    public var stimulus: StimulusDescription
    /// How to read the summary's headline metric.
    public var headlineHint: String
    /// Rendered figures in display order (paths relative to the run folder).
    public var figures: [ReportFigure]
    /// Data files written for this analysis (paths relative to the run folder).
    public var dataFiles: [String]
    /// The causal tests of the analysis; nil when not run.
    public var causal: CausalOutcome?
    /// The phenomenon across an ensemble's members; nil for a single model.
    public var robustness: RobustnessReportInput?
    /// The condition that shows the phenomenon at a glance (``Figures/PhenomenonFigures/headlineTrace(for:)``),
    /// for the run overview figure; nil for a failed analysis, or when the result gave none.
    public var headlineTrace: HeadlineTrace?

    /// A completed analysis of `result`.
    public init<K: ReportablePhenomenon>(_ result: MechanismAnalysis<K>, figures: [ReportFigure] = [], dataFiles: [String] = []) {
        phenomenon = K.id; title = K.title
        outcome = .analysed(AnalysisView(result))
        stimulus = K.stimulusDescription(result.parameters, traceSmoothingSigmaMs: result.settings.traceSmoothingSigmaMs,
                                         historyFrames: result.historyFrames)
        headlineHint = K.headlineHint
        self.figures = figures; self.dataFiles = dataFiles
        // Read from the result like its figures; a result whose conditions do not match its protocol
        // fails its figures (and so the analysis) with the reason, so here it only leaves the trace out.
        headlineTrace = try? K.headlineTrace(for: result)
    }

    /// A failed analysis of `kind` with the protocol it was to run.
    public init<K: ReportablePhenomenon>(failed kind: K.Type, parameters: K.Parameters, settings: MechanismAnalysisSettings,
                                         historyFrames: Int, step: String, message: String) {
        phenomenon = K.id; title = K.title
        outcome = .failed(step: step, message: message)
        stimulus = K.stimulusDescription(parameters, traceSmoothingSigmaMs: settings.traceSmoothingSigmaMs, historyFrames: historyFrames)
        headlineHint = K.headlineHint
        figures = []; dataFiles = []
    }
}

/// The analysed model as the report sees it.
public struct ModelReportInput: Sendable {
    /// The model file as given on the command line, and its SHA-256.
    public var path: String
    public var sha256: String
    public var architecture: BNCNNArchitecture
    /// The model card from the file's metadata (nil for a model without one, e.g. a PyTorch export).
    public var card: ModelCard?
    /// Model-level figures (e.g. first-layer channel filters, training curve), display order.
    public var figures: [ReportFigure]
    /// The members when the model is an ensemble's mean (`path` is then the ensemble directory and
    /// `card` its first member's).
    public var ensemble: EnsembleRunInput?
    /// Whether the window covers the cells' memory (the card's, or measured for this run on the card's
    /// simulated retina); nil when unknown (no card, or an imported model).
    public var memoryCoverage: MemoryCoverage?

    public init(path: String, sha256: String, architecture: BNCNNArchitecture, card: ModelCard?, figures: [ReportFigure] = [],
                ensemble: EnsembleRunInput? = nil, memoryCoverage: MemoryCoverage? = nil) {
        self.path = path; self.sha256 = sha256; self.architecture = architecture; self.card = card; self.figures = figures
        self.ensemble = ensemble; self.memoryCoverage = memoryCoverage
    }
}

/// Everything the report assembler needs; it never recomputes anything.
///
/// No wall-clock durations: the report body is byte-reproducible for the same command and inputs
/// (timings live in the manifest).
public struct ReportInputs: Sendable {
    public var runID: String
    public var createdUTC: Date
    public var toolVersion: String
    public var gitCommit: String?
    public var commandLine: String
    public var model: ModelReportInput
    /// In the order the user asked for them.
    public var phenomena: [PhenomenonReportInput]
    /// Shared analysis settings (IG, reduction, cells).
    public var settings: MechanismAnalysisSettings
    /// Whether the simulated ground truth was compared (true for models trained by this tool).
    public var groundTruthCompared: Bool
    /// The hypotheses the run was asked to test (their results are in each phenomenon's causal tests).
    public var hypotheses: [Hypothesis]
    /// The causal tests' pathway-type silencings as testable predictions (``Mechanisms/TestablePredictions``),
    /// and the data files that hold them (run-folder relative); empty without causal tests.
    public var predictions: [TestablePrediction]
    public var predictionFiles: [String]
    /// One circuit for every analysed phenomenon; nil when fewer than two were analysed or the step failed.
    public var unified: UnifiedCircuitReportInput?
    public var warnings: [String]
    /// The run overview figure (``Figures/FigureCatalogue/overview(_:)``, rendered), shown at the top of
    /// the summary; nil when it was not rendered.
    public var overview: ReportFigure?

    public init(runID: String, createdUTC: Date, toolVersion: String, gitCommit: String?, commandLine: String,
                model: ModelReportInput, phenomena: [PhenomenonReportInput], settings: MechanismAnalysisSettings,
                groundTruthCompared: Bool, hypotheses: [Hypothesis] = [], predictions: [TestablePrediction] = [],
                predictionFiles: [String] = [], unified: UnifiedCircuitReportInput? = nil, warnings: [String] = [],
                overview: ReportFigure? = nil) {
        self.runID = runID; self.createdUTC = createdUTC; self.toolVersion = toolVersion; self.gitCommit = gitCommit
        self.commandLine = commandLine; self.model = model; self.phenomena = phenomena; self.settings = settings
        self.groundTruthCompared = groundTruthCompared; self.hypotheses = hypotheses
        self.predictions = predictions; self.predictionFiles = predictionFiles; self.unified = unified
        self.warnings = warnings
        self.overview = overview
    }
}

extension ReportInputs {
    /// Whether the circuit planted in the simulated retina is this model's ground truth (it was trained
    /// on the simulated retina): only then does the report compare with the answer key.
    public var answerKeyApplies: Bool { model.card.map { $0.dataSource == nil } ?? false }
}
