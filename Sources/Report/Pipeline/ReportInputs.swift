import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import Training

/// The outcome of one phenomenon analysis in a run: its result, or why it failed.
public enum AnalysisOutcome: Sendable {
    case osr(OSRAnalysisResult)
    case latency(LatencyAnalysisResult)
    case reversal(ReversalAnalysisResult)
    case anticipation(AnticipationAnalysisResult)
    /// The analysis threw; `step` names the pipeline step, `message` the error as the user saw it.
    case failed(phenomenon: Phenomenon, step: String, message: String)

    public var phenomenon: Phenomenon {
        switch self {
        case .osr: .osr
        case .latency: .latency
        case .reversal: .reversal
        case .anticipation: .anticipation
        case let .failed(p, _, _): p
        }
    }
}

/// One phenomenon as the report sees it: the outcome plus the files the pipeline wrote for it.
public struct PhenomenonReportInput: Sendable {
    public var outcome: AnalysisOutcome
    /// Rendered figures in display order (paths relative to the run folder).
    public var figures: [ReportFigure]
    /// Data files written for this analysis (paths relative to the run folder).
    public var dataFiles: [String]
    /// Wall time of the analysis, seconds.
    public var seconds: Double

    public init(outcome: AnalysisOutcome, figures: [ReportFigure] = [], dataFiles: [String] = [], seconds: Double = 0) {
        self.outcome = outcome; self.figures = figures; self.dataFiles = dataFiles; self.seconds = seconds
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

    public init(path: String, sha256: String, architecture: BNCNNArchitecture, card: ModelCard?, figures: [ReportFigure] = []) {
        self.path = path; self.sha256 = sha256; self.architecture = architecture; self.card = card; self.figures = figures
    }
}

/// Everything the report assembler needs; it never recomputes anything.
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
    /// The stimulus protocols used, per phenomenon.
    public var osrProtocol: OSRProtocol
    public var latencyProtocol: LatencyProtocol
    public var reversalProtocol: ReversalProtocol
    public var anticipationProtocol: AnticipationProtocol
    /// Whether the simulated ground truth was compared (true for models trained by this tool).
    public var groundTruthCompared: Bool
    public var warnings: [String]

    public init(runID: String, createdUTC: Date, toolVersion: String, gitCommit: String?, commandLine: String,
                model: ModelReportInput, phenomena: [PhenomenonReportInput], settings: MechanismAnalysisSettings,
                osrProtocol: OSRProtocol, latencyProtocol: LatencyProtocol, reversalProtocol: ReversalProtocol,
                anticipationProtocol: AnticipationProtocol, groundTruthCompared: Bool, warnings: [String] = []) {
        self.runID = runID; self.createdUTC = createdUTC; self.toolVersion = toolVersion; self.gitCommit = gitCommit
        self.commandLine = commandLine; self.model = model; self.phenomena = phenomena; self.settings = settings
        self.osrProtocol = osrProtocol; self.latencyProtocol = latencyProtocol; self.reversalProtocol = reversalProtocol
        self.anticipationProtocol = anticipationProtocol; self.groundTruthCompared = groundTruthCompared
        self.warnings = warnings
    }
}
