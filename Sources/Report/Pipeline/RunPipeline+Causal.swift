import Figures
import Foundation
import Mechanisms
import Phenomena
import RetinaSimulation
import ReportKit

/// A phenomenon's causal tests as the report sees them: the test, the retina's answer by
/// intervention, the hypotheses of this phenomenon, the figure and the data files.
public struct CausalReportInput: Sendable {
    public var test: CausalTestResult
    /// The CNN interventions paired with the simulated retina's ablations (models trained on it).
    public var comparison: CausalKeyComparison?
    public var retina: [RetinaAblationMeasurement]?
    public var hypotheses: [HypothesisResult]
    public var figure: ReportFigure?
    public var dataFiles: [String]
}

/// The causal step of one phenomenon: tested, failed (the analysis stands; the section says why),
/// or not run (switched off, or the analysis failed).
public enum CausalOutcome: Sendable {
    case tested(CausalReportInput)
    case failed(step: String, message: String)
    /// Nothing to silence: the reduction kept no group.
    case notRun(reason: String)
}

extension RunPipeline {
    /// Step name of a phenomenon's causal tests.
    static func causalStepName(_ p: Phenomenon) -> String { "causal tests: \(p.rawValue)" }

    /// The suite the causal tests measure with: the run's protocols and the project criteria on the
    /// model's own screen, each movie trimmed to the frames the CNN's rows need (exact for a model
    /// whose memory is its history), and the run's trace smoothing — the analysis' metric settings.
    static func causalSuite(_ config: RunConfiguration, settings: MechanismAnalysisSettings) -> PhenomenonSuite {
        PhenomenonSuite(protocols: config.protocols, criteria: .project, phenomena: [], screenPolicy: .modelScreen,
                        traceSmoothingSigmaMs: settings.traceSmoothingSigmaMs, trimsToAnalysedFrames: true)
    }

    /// Silences what the analysis kept (and each pathway type), measures the phenomenon under every
    /// intervention, pairs the interventions with the retina's ablations when the model was trained
    /// on the simulated retina, tests the hypotheses of this phenomenon, and writes the data files
    /// and the figure.
    static func causalTests<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, context c: AnalysisContext<M>) throws -> CausalReportInput {
        let causal = c.config.causal
        let suite = causalSuite(c.config, settings: c.settings)
        let test = try CausalTests.run(model: c.model, phenomenon: K.id, kept: analysed.reduction.kept,
                                       all: analysed.reduction.groupRanking.map { $0.group }, suite: suite, cells: analysed.cells,
                                       settings: causal.testSettings(ensemble: c.ensemble != nil), channelTypes: analysed.channelTypes)
        var comparison: CausalKeyComparison?
        var retina: [RetinaAblationMeasurement]?
        if let truth = c.groundTruth {
            let compared = try CausalKeyComparison.run(test, channelTypes: analysed.channelTypes, layout: Layer1Layout(c.model),
                                                       retina: truth, suite: RetinaAnswerKey.retinaSuite(from: suite), cells: analysed.cells)
            comparison = compared.comparison
            retina = compared.retina
        }
        let hypotheses = try HypothesisTests.runAll(causal.hypotheses.filter { $0.phenomenon == K.id }, model: c.model,
                                                    channelTypes: analysed.channelTypes, suite: suite, cells: analysed.cells,
                                                    settings: causal.hypothesisSettings, conditions: analysed.reductionConditions,
                                                    reductionSettings: analysed.settings.reduction, reduction: analysed.reduction)
        let relative = "data/\(K.id.rawValue)"
        let url = try c.folder.folderURL(for: relative)
        let names = try CausalExport.write(test, comparison: comparison, retina: retina, to: url) + CausalExport.write(hypotheses, to: url)
        let files = try names.map { name in
            let path = relative + "/" + name
            _ = try c.folder.recordFile(path, producedBy: causalStepName(K.id))
            return path
        }
        let spec = try CatalogueCausal.interventionCurves(test, id: "\(K.id.rawValue)-causal", retina: retina?.first)
        let figure = try render(spec, renderer: c.renderer, formats: c.formats, options: c.renderOptions, in: c.folder)
        return CausalReportInput(test: test, comparison: comparison, retina: retina, hypotheses: hypotheses, figure: figure,
                                 dataFiles: files)
    }
}

extension RunPipeline {
    static let predictionsStepName = "predictions"

    /// Writes `predictions` as `data/predictions.csv` and `.json`; returns them with the file paths.
    static func writePredictions(_ predictions: [TestablePrediction], in folder: RunFolder) throws -> ([TestablePrediction], [String]) {
        let url = try folder.folderURL(for: "data")
        let files = try PredictionExport.write(predictions, to: url).map { name in
            let path = "data/" + name
            _ = try folder.recordFile(path, producedBy: predictionsStepName)
            return path
        }
        return (predictions, files)
    }
}

extension PhenomenonReportInput {
    /// The causal test and its retina comparison, when the causal tests ran.
    var causalTest: (test: CausalTestResult, comparison: CausalKeyComparison?)? {
        if case let .tested(c)? = causal { return (c.test, c.comparison) }
        return nil
    }
}
