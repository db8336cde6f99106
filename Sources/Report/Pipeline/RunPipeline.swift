import CairoRenderer
import Figures
import Foundation
import Mechanisms
import Training
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation
import ModelCards
import ReportKit

/// The main job: load a model, run the phenomenon analyses, export data, render figures, assemble the
/// Markdown + HTML report and the manifest, all inside a run folder that appears under its final
/// name only when complete.
///
/// One failing analysis does not stop the others: it becomes an error section in the report and
/// the run's exit code is 1. Errors that make a report impossible (bad parameter, missing or corrupt
/// model, existing run folder) throw before any work is done.
public enum RunPipeline {
    /// What a finished run produced.
    public struct Outcome: Sendable {
        public var folder: URL
        public var exitCode: Int32
        public var failed: [Phenomenon]
        /// Every step that failed (the failed analyses' among them), in run order.
        public var failedSteps: [String] = []
        public var seconds: Double
    }

    /// `cache`: the step cache to read and fill (``StepCache``, `--cache`); nil computes every step.
    public static func run(_ config: RunConfiguration, argv: [String], cache: StepCache? = nil,
                           progress: any ProgressReporter = SilentProgressReporter(),
                           clock: any WallClock = SystemWallClock()) throws -> Outcome {
        let started = clock.now()
        try config.validate()
        if let files = config.ensembleModels {
            let loaded = try loadEnsemble(ModelEnsemble.load(files: files.map { URL(fileURLWithPath: $0) },
                                                                          memberLimit: RunConfiguration.Budget.maximumMembers),
                                          description: files.joined(separator: ", "), config: config)
            return try run(config, loaded: loaded, argv: argv, started: started, cache: cache, progress: progress, clock: clock)
        }
        if let directory = config.ensemble {
            let loaded = try loadEnsemble(ModelEnsemble.load(directory: URL(fileURLWithPath: directory),
                                                                              memberLimit: RunConfiguration.Budget.maximumMembers),
                                          description: directory, config: config)
            return try run(config, loaded: loaded, argv: argv, started: started, cache: cache, progress: progress, clock: clock)
        }
        let (model, card) = try loadModel(config)
        let modelInput = try InputRecord.hashing(role: "model", fileAt: URL(fileURLWithPath: config.model), path: config.model)
        let loaded = LoadedModel(model: model, card: card, inputs: [modelInput], path: config.model, sha256: modelInput.sha256,
                                 architecture: model.architecture, ensemble: nil)
        return try run(config, loaded: loaded, argv: argv, started: started, cache: cache, progress: progress, clock: clock)
    }

    /// What was loaded: one model, or an ensemble's mean with its members.
    struct LoadedModel<M: SilenceableModel> {
        var model: M
        /// The card shown in the report (an ensemble's: its first member's).
        var card: ModelCard?
        var inputs: [InputRecord]
        var path: String
        var sha256: String
        var architecture: BNCNNArchitecture
        var ensemble: EnsembleRunInput?

        /// The model as the step cache knows it: its file's SHA-256, or the digest of the members'.
        var cacheIdentity: String { (ensemble == nil ? "single " : "ensemble ") + sha256 }
    }

    /// The pipeline after loading, for any model the analyses and causal tests accept.
    static func run<M: SilenceableModel>(_ config: RunConfiguration, loaded: LoadedModel<M>, argv: [String], started: Date,
                                         cache store: StepCache? = nil, progress: any ProgressReporter,
                                         clock: any WallClock) throws -> Outcome {
        let model = loaded.model, card = loaded.card
        // The protocols' gray lead-in and every trimmed movie grow with the model's window.
        try config.validateRangesAndBudget(scale: .init(historyFrames: Double(model.historyFrames),
                                                        members: loaded.ensemble?.memberNames.count ?? 1, cells: model.cellCount,
                                                        layer1UnitsPerMember: model.layer1UnitsPerWindow / max(1, loaded.ensemble?.memberNames.count ?? 1)))
        let (settings, groundTruth) = analysisInputs(config, card: card)
        if !config.causal.hypotheses.isEmpty {
            // Every hypothesis names channels or types this model has, before any work.
            try HypothesisSet(hypotheses: config.causal.hypotheses).validate(channelTypes: ChannelTyping.classify(model: model, settings: settings))
        }

        let output = URL(fileURLWithPath: config.output)
        try RunFolder.prepareOutputDirectory(output)
        let runID = try config.runID.map(RunID.init(validating:))
            ?? RunID.make(date: started, seedMaterial: argv.joined(separator: " ") + "\n" + loaded.sha256)
        let folder = try RunFolder.create(in: output, runID: runID)
        let recorder = StepRecorder(clock: clock, progress: progress)
        let perPhenomenon: [String] = config.phenomena.flatMap { p -> [String] in
            ["analysis: \(p.rawValue)"] + (config.causal.enabled ? [causalStepName(p)] : [])
                + (loaded.ensemble != nil ? [robustnessStepName(p)] : [])
        }
        let runLevel: [String] = [unifiedStepName] + (config.causal.enabled ? [predictionsStepName] : [])
        let steps = perPhenomenon + runLevel + ["memory coverage", "model figures", overviewStepName, "report"]
        recorder.declare(steps)
        let cache = RunCache(store: store, keys: StepKeys(model: loaded.cacheIdentity, config: config, settings: settings,
                                                          groundTruth: groundTruth != nil, ensemble: loaded.ensemble != nil),
                             folder: folder, recorder: recorder)

        do {
            let renderer = CairoFigureRenderer()
            let renderOptions = FigureRenderOptions(dpi: config.dpi)
            let formats = StepKeys.renderedFormats(config.formats)
            var inputs: [PhenomenonReportInput] = []
            var channelTypes: ChannelTypeTable?
            var sources: [UnifiedSource] = []
            let context = AnalysisContext(model: model, config: config, settings: settings, groundTruth: groundTruth,
                                          renderer: renderer, formats: formats, renderOptions: renderOptions, folder: folder,
                                          ensemble: loaded.ensemble, cache: cache)
            for phenomenon in config.phenomena {
                let kind = try reportable(phenomenon)
                let (input, types, source) = process(kind, context: context, recorder: recorder)
                inputs.append(input)
                if channelTypes == nil { channelTypes = types }
                if let source { sources.append(source) }
            }
            let unified = unifiedCircuit(sources, channelTypes: channelTypes, context: context, recorder: recorder)

            var predictions: [TestablePrediction] = [], predictionFiles: [String] = []
            if config.causal.enabled {
                (predictions, predictionFiles) = recorder.attempt(predictionsStepName) { _ in
                    try writePredictions(TestablePredictions.make(inputs.compactMap(\.causalTest)), in: folder)
                }.get(orWarnInto: recorder) ?? ([], [])
            }

            let coverage: MemoryCoverage? = recorder.attempt("memory coverage") { _ in
                try memoryCoverage(card: card, windowFrames: model.historyFrames, cache: cache)
            }.get(orWarnInto: recorder) ?? nil
            let modelFigures: [ReportFigure]? = recorder.attempt("model figures") { _ in
                let types = try channelTypes ?? ChannelTyping.classify(model: model, settings: settings)
                return try Self.modelFigures(channelTypes: types, card: card, coverage: coverage, cache: cache, renderer: renderer,
                                             formats: formats, options: renderOptions, folder: folder)
            }.get(orWarnInto: recorder)

            let overview = renderOverview(inputs, context: context, recorder: recorder)
            var software = SoftwareInfo.detect(repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            software.blas = BLASCoreType.runtimeDescription
            let reportInputs = ReportInputs(
                runID: runID.rawValue, createdUTC: started, toolVersion: ToolVersion.current,
                gitCommit: software.gitCommit, commandLine: argv.joined(separator: " "),
                model: ModelReportInput(path: loaded.path, sha256: loaded.sha256, architecture: loaded.architecture,
                                        card: card, figures: modelFigures ?? [], ensemble: loaded.ensemble,
                                        memoryCoverage: coverage),
                phenomena: inputs, settings: settings, groundTruthCompared: groundTruth != nil,
                hypotheses: config.causal.hypotheses, predictions: predictions, predictionFiles: predictionFiles,
                unified: unified, warnings: recorder.reportWarnings, overview: overview)
            let failed = inputs.compactMap { $0.outcome.view == nil ? $0.phenomenon : nil }
            let failedSteps = recorder.steps.filter { $0.status == .failed }.map(\.name)
            let exitCode = Self.exitCode(failedAnalyses: failed, failedSteps: failedSteps)
            try recorder.run("report") { _ in
                let document = ReportAssembler.document(for: reportInputs)
                for warning in try folder.writeReport(document) { recorder.warn(warning) }
            }
            recorder.markFromCache(cache.fromCache)
            let manifest = RunManifest(
                runId: runID, createdUTC: started, argv: argv, parameters: try JSONValue(encoding: config),
                seed: config.seed, software: software, inputs: loaded.inputs, outputs: [], steps: recorder.steps,
                warnings: recorder.warnings, exitCode: exitCode)
            _ = try folder.writeManifest(manifest)
            let final = try folder.commit()
            store?.evict()
            progress.finish()
            return Outcome(folder: final, exitCode: exitCode, failed: failed, failedSteps: failedSteps,
                           seconds: clock.now().timeIntervalSince(started))
        } catch {
            _ = folder.abandon()
            progress.finish()
            throw error
        }
    }

    /// 0 for a run whose every step completed, else 1: a failed analysis (an error section) or any
    /// other failed step — a figure step such as the model's filters or the overview, the memory
    /// coverage — which the report shows as a warning; a dropped figure is never a silent success.
    static func exitCode(failedAnalyses: [Phenomenon], failedSteps: [String]) -> Int32 {
        failedAnalyses.isEmpty && failedSteps.isEmpty ? 0 : 1
    }

    /// Loads the model of `config` and its card, checking the requested cells against it.
    static func loadModel(_ config: RunConfiguration) throws -> (BNCNN, ModelCard?) {
        let modelURL = URL(fileURLWithPath: config.model)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelURL.path, isDirectory: &isFolder) else {
            throw RunPipelineError.modelNotFound(path: config.model)
        }
        if isFolder.boolValue {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: modelURL.path))?.filter { $0.hasSuffix(".safetensors") }.count ?? 0
            throw RunPipelineError.modelIsFolder(path: config.model, ensembleFiles: files)
        }
        let (loaded, metadata) = try BNCNN.load(contentsOf: modelURL)
        // A recording-trained or imported model sees the protocols as mean · (1 + c) in its raw units,
        // and its rows sit on the frame of the response they predict (deep-retina's next-bin pairing
        // would otherwise put every latency 10 ms early).
        let model = try loaded.adaptedForInput(.weberContrast, metadata: metadata)
            .alignedToResponses(ResponsePairing.from(metadata: metadata))
        let card = try ModelCard.from(metadata: metadata)
        if let cells = config.analysis.cells, let bad = cells.first(where: { $0 < 0 || $0 >= model.cellCount }) {
            throw RunPipelineError.invalidParameter(name: "cells", expected: "indices in 0..<\(model.cellCount)", found: "\(bad)")
        }
        return (model, card)
    }

    /// The analysis settings (reference kernels from the card's simulator when none were given) and
    /// the ground truth to compare with (the card's simulated retina, unless switched off).
    static func analysisInputs(_ config: RunConfiguration, card: ModelCard?) -> (MechanismAnalysisSettings, SimulatedRetina?) {
        var settings = config.analysis
        // Only a model trained on the simulated retina has it as ground truth (a recording-trained card
        // carries no simulator; an imported checkpoint carries no card).
        let simulated = card.flatMap { $0.dataSource == nil ? $0 : nil }
        if let simulated, settings.referenceKernels.isEmpty {
            settings.referenceKernels = GroundTruthReferenceKernels.kernels(simulated.simulatorParameters)
        }
        return (settings, config.compareGroundTruth ? simulated.map { groundTruth(from: $0) } : nil)
    }

    /// The simulated retina a model card describes (the circuit the model was trained on).
    static func groundTruth(from card: ModelCard) -> SimulatedRetina {
        card.trainingRetina
    }

    /// The registered phenomenon with `id` with all its facets; throws naming the id when it has none.
    static func reportable(_ id: Phenomenon) throws -> any ReportablePhenomenon.Type {
        guard let kind = id.kind else {
            throw RunPipelineError.invalidParameter(name: "phenomena", expected: "one of "
                + Phenomenon.allCases.map(\.rawValue).joined(separator: ", "), found: "'\(id)'")
        }
        guard let reportable = kind as? any ReportablePhenomenon.Type else {
            throw RunPipelineError.invalidParameter(name: "phenomena", expected: "a phenomenon with analysis, figures and report",
                                                    found: "'\(id)' (no report facet)")
        }
        return reportable
    }

    /// Runs one phenomenon's analysis with the configured protocol and settings.
    static func analyse<K: ReportablePhenomenon, M: LayerOneDifferentiable>(_ kind: K.Type, model: M, config: RunConfiguration,
                                                 settings: MechanismAnalysisSettings,
                                                 groundTruth: SimulatedRetina?) throws -> MechanismAnalysis<K> {
        try K.analyse(model: model, parameters: config.protocols[K.self], settings: settings, groundTruth: groundTruth)
    }

    /// One phenomenon end to end inside the run folder: analysis, data files, figures, and its report
    /// input; a failure becomes a failed report input (the other phenomena still run).
    static func process<K: ReportablePhenomenon, M: SilenceableModel>(_ kind: K.Type, context c: AnalysisContext<M>,
                                                 recorder: StepRecorder) -> (PhenomenonReportInput, ChannelTypeTable?, UnifiedSource?) {
        let name = "analysis: \(K.id.rawValue)"
        let result = recorder.attempt(name) { _ -> (MechanismAnalysis<K>, PhenomenonReportInput, UnifiedSource) in
            let step = try analysisStep(K.self, context: c)
            return (step.analysis, step.input, try unifiedSource(step.analysis, restored: step.restored, context: c))
        }
        switch result {
        case let .success((analysed, input, source)):
            var input = input
            if c.config.causal.enabled && analysed.reduction.kept.isEmpty {
                let reason = "the reduction kept no first-layer group, so there is nothing to silence"
                recorder.finish(causalStepName(K.id), status: .skipped, error: reason)
                input.causal = .notRun(reason: reason)
            } else if c.config.causal.enabled {
                let step = causalStepName(K.id)
                switch recorder.attempt(step, { _ in try causalTests(analysed, context: c) }) {
                case let .success(causal):
                    input.causal = .tested(causal)
                    input.dataFiles += causal.dataFiles
                case let .failure(error): input.causal = .failed(step: step, message: "\(error)")
                }
            }
            if let ensemble = c.ensemble {
                let step = robustnessStepName(K.id)
                var tested: CausalTestResult?
                if case let .tested(t)? = input.causal { tested = t.test }
                switch recorder.attempt(step, { _ in try robustness(analysed, ensemble: ensemble, causal: tested, context: c) }) {
                case let .success(r):
                    input.robustness = r
                    input.dataFiles += r.dataFiles
                case let .failure(error):
                    recorder.warn("\(step): \(error)")
                }
                // The next phenomenon shows other movies: free this one's member rates.
                ensemble.memo?.removeAll()
            }
            return (input, analysed.channelTypes, source)
        case let .failure(error):
            if c.config.causal.enabled { recorder.finish(causalStepName(K.id), status: .skipped, error: "the analysis failed") }
            if c.ensemble != nil { recorder.finish(robustnessStepName(K.id), status: .skipped, error: "the analysis failed") }
            return (PhenomenonReportInput(failed: K.self, parameters: c.config.protocols[K.self], settings: c.settings,
                                          historyFrames: c.model.historyFrames, step: name, message: "\(error)"), nil, nil)
        }
    }

    /// What every phenomenon of a run shares.
    struct AnalysisContext<M: SilenceableModel> {
        var model: M
        var config: RunConfiguration
        var settings: MechanismAnalysisSettings
        var groundTruth: SimulatedRetina?
        var renderer: CairoFigureRenderer
        var formats: [FigureFormat]
        var renderOptions: FigureRenderOptions
        var folder: RunFolder
        /// The members of an ensemble run (the model is then their mean).
        var ensemble: EnsembleRunInput?
        /// The step cache (a no-op without `--cache`).
        var cache: RunCache
    }
}

extension Result {
    /// The value, or nil after recording the error as a warning (for optional report parts).
    func get(orWarnInto recorder: StepRecorder) -> Success? {
        switch self {
        case let .success(v): return v
        case let .failure(e): recorder.warn("\(e)"); return nil
        }
    }
}
