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

    /// The interventions of a phenomenon's causal test with the retina's answer, and their data files.
    struct CausalCore: Codable {
        var test: CausalTestResult
        var comparison: CausalKeyComparison?
        var retina: [RetinaAblationMeasurement]?
        var dataFiles: [String]
    }

    /// Silences what the analysis kept (and each pathway type), measures the phenomenon under every
    /// intervention, pairs the interventions with the retina's ablations when the model was trained
    /// on the simulated retina, tests the hypotheses of this phenomenon, and writes the data files
    /// and the figure. Through the step cache: the tests, each hypothesis and the figure are entries
    /// of their own, so adding a hypothesis computes only that hypothesis.
    static func causalTests<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, context c: AnalysisContext<M>) throws -> CausalReportInput {
        let causal = c.config.causal
        let suite = causalSuite(c.config, settings: c.settings)
        let step = causalStepName(K.id)
        let relative = "data/\(K.id.rawValue)"
        let analysisKey = try c.cache.key { try $0.analysis(K.self) }
        let key = try analysisKey.map { try c.cache.keys.causal(analysis: $0) }
        let core = try c.cache.value(key, step: step, kind: "causal tests", files: \CausalCore.dataFiles) {
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
            let url = try c.folder.folderURL(for: relative)
            let files = try CausalExport.write(test, comparison: comparison, retina: retina, to: url).map { name in
                let path = relative + "/" + name
                _ = try c.folder.recordFile(path, producedBy: step)
                return path
            }
            return CausalCore(test: test, comparison: comparison, retina: retina, dataFiles: files)
        }
        let hypotheses = try hypothesisResults(causal.hypotheses.filter { $0.phenomenon == K.id }, analysed: analysed,
                                               analysisKey: analysisKey, suite: suite, context: c)
        let url = try c.folder.folderURL(for: relative)
        let hypothesisFiles = try CausalExport.write(hypotheses, to: url).map { name in
            let path = relative + "/" + name
            _ = try c.folder.recordFile(path, producedBy: step)
            return path
        }
        let figure = try cachedFigures(of: key, step: step, context: c) {
            [try CatalogueCausal.interventionCurves(core.test, id: "\(K.id.rawValue)-causal", retina: core.retina?.first)]
        }.first
        return CausalReportInput(test: core.test, comparison: core.comparison, retina: core.retina, hypotheses: hypotheses,
                                 figure: figure, dataFiles: core.dataFiles + hypothesisFiles)
    }

    /// Each hypothesis of a phenomenon, in the given order: from the cache when it was tested on the
    /// same analysis with the same settings, the others tested together
    /// (``Mechanisms/HypothesisTests/runAll(_:model:channelTypes:suite:cells:settings:conditions:reductionSettings:reduction:minimumCircuitR2:)``:
    /// each hypothesis' result does not depend on the others').
    static func hypothesisResults<K: ReportablePhenomenon, M: SilenceableModel>(_ hypotheses: [Hypothesis], analysed: MechanismAnalysis<K>,
                                                                                 analysisKey: StepCacheKey?, suite: PhenomenonSuite,
                                                                                 context c: AnalysisContext<M>) throws -> [HypothesisResult] {
        let step = causalStepName(K.id)
        let keys = try hypotheses.map { h in try analysisKey.map { try c.cache.keys.hypothesis(h, analysis: $0) } }
        var results = try keys.map { try c.cache.lookup(HypothesisResult.self, $0, step: step) }
        let missing = results.indices.filter { results[$0] == nil }
        guard !missing.isEmpty else { return results.compactMap { $0 } }
        let tested = try HypothesisTests.runAll(missing.map { hypotheses[$0] }, model: c.model, channelTypes: analysed.channelTypes,
                                                suite: suite, cells: analysed.cells, settings: c.config.causal.hypothesisSettings,
                                                conditions: reductionConditions(analysed, step: step, context: c),
                                                reductionSettings: analysed.settings.reduction, reduction: analysed.reduction)
        for (i, result) in zip(missing, tested) {
            results[i] = result
            c.cache.save(result, keys[i], step: step, kind: "hypothesis")
        }
        return results.compactMap { $0 }
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
