import CairoRenderer
import Figures
import Foundation
import Mechanisms
import ModelCards
import Plotting
import ReportKit
import RetinaCore

/// The pipeline's steps through the step cache (``RunCache``): each step's values, data files and
/// figures are looked up by the key of what the step reads (``StepKeys``) and computed only on a miss.
/// Without a cache (`--no-cache`) every helper computes, exactly as before the cache existed.
extension RunPipeline {
    /// The analysis values and data files of one phenomenon, the analysis without its
    /// ``AnalysisDetails`` (what the report, the causal tests and robustness read of it), and the
    /// one trace of the details the report input reads (the overview figure's row).
    struct CachedAnalysis<K: PhenomenonAnalysis>: Codable {
        var analysis: MechanismAnalysis<K>
        var dataFiles: [String]
        var headlineTrace: HeadlineTrace?
    }

    /// The large parts of an analysis — each condition's traces and attributions and the reduction's
    /// fitting conditions — an entry of their own, read only when the figures or a hypothesis' circuit
    /// fit need them (decoding them took seconds per phenomenon on the shipped ensemble).
    /// The reduction conditions are stored packed (``PackedReductionCondition``: their floats as bytes).
    struct AnalysisDetails: Codable {
        var conditions: [ConditionAnalysis]
        var reductionConditions: [ReductionCondition]

        init(conditions: [ConditionAnalysis], reductionConditions: [ReductionCondition]) {
            self.conditions = conditions; self.reductionConditions = reductionConditions
        }

        private enum CodingKeys: String, CodingKey { case conditions, reductionConditions }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            conditions = try c.decode([ConditionAnalysis].self, forKey: .conditions)
            reductionConditions = try c.decode([PackedReductionCondition].self, forKey: .reductionConditions).map { try $0.unpacked() }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(conditions, forKey: .conditions)
            try c.encode(reductionConditions.map(PackedReductionCondition.init), forKey: .reductionConditions)
        }
    }

    /// Phenomenon `K`'s analysis, data files and figures (step `analysis: <id>`), with its report input.
    /// From the cache the analysis comes without its details (``AnalysisDetails``: empty condition
    /// traces, no reduction conditions); they are read back when a figure must be rendered.
    /// `restored`: the analysis came from the cache (without its details).
    static func analysisStep<K: ReportablePhenomenon, M: SilenceableModel>(_ kind: K.Type, context c: AnalysisContext<M>) throws
        -> (analysis: MechanismAnalysis<K>, input: PhenomenonReportInput, restored: Bool) {
        let step = "analysis: \(K.id.rawValue)"
        let key = try c.cache.key { try $0.analysis(K.self) }
        var full: MechanismAnalysis<K>?
        var cached = try c.cache.lookup(CachedAnalysis<K>.self, key, step: step)
        if cached == nil {
            let analysed = try analyse(K.self, model: c.model, config: c.config, settings: c.settings, groundTruth: c.groundTruth)
            let files = try export(analysed, to: "data/\(K.id.rawValue)", in: c.folder)
            let headline = try? K.headlineTrace(for: analysed)  // as PhenomenonReportInput reads it
            c.cache.save(CachedAnalysis(analysis: analysed.withoutDetails, dataFiles: files, headlineTrace: headline), key, step: step,
                         kind: "analysis", files: files)
            let detailsKey = try key.map { try c.cache.keys.analysisDetails(analysis: $0) }
            c.cache.save(AnalysisDetails(conditions: analysed.conditions, reductionConditions: analysed.reductionConditions), detailsKey,
                         step: step, kind: "analysis details")
            full = analysed
            cached = CachedAnalysis(analysis: analysed, dataFiles: files, headlineTrace: headline)
        }
        let analysis = cached!.analysis
        let figures = try cachedFigures(of: key, step: step, context: c) {
            try K.figures(for: full ?? withDetails(analysis, step: step, context: c))
        }
        var input = PhenomenonReportInput(analysis, figures: figures, dataFiles: cached!.dataFiles)
        input.headlineTrace = cached!.headlineTrace
        return (analysis, input, full == nil)
    }

    /// `analysed` with its ``AnalysisDetails``: itself when computed in this run, else with the cached
    /// details, else the analysis run again.
    static func withDetails<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, step: String,
                                                                           context c: AnalysisContext<M>) throws -> MechanismAnalysis<K> {
        // Without a cache every analysis is fresh, so it has its details.
        if !c.cache.enabled || !analysed.reductionConditions.isEmpty { return analysed }
        let key = try c.cache.key { try $0.analysisDetails(analysis: $0.analysis(K.self)) }
        let details = try c.cache.value(key, step: step, kind: "analysis details", files: { _ in [] }) {
            let a = try analyse(K.self, model: c.model, config: c.config, settings: c.settings, groundTruth: c.groundTruth)
            return AnalysisDetails(conditions: a.conditions, reductionConditions: a.reductionConditions)
        }
        var a = analysed
        a.conditions = details.conditions
        a.reductionConditions = details.reductionConditions
        return a
    }

    /// The reduction conditions of `analysed` (needed to fit a hypothesis' restricted circuit).
    static func reductionConditions<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, step: String,
                                                                                   context c: AnalysisContext<M>) throws -> [ReductionCondition] {
        try withDetails(analysed, step: step, context: c).reductionConditions
    }

    /// The figures of the result under `upstream`, rendered from `specs()` in the run's formats on a
    /// miss, copied from the cache on a hit (byte-identical: rendering is deterministic).
    static func cachedFigures<M: SilenceableModel>(of upstream: StepCacheKey?, step: String, context c: AnalysisContext<M>,
                                                   specs: () throws -> [FigureSpec]) throws -> [ReportFigure] {
        try cachedFigures(of: upstream, step: step, cache: c.cache, renderer: c.renderer, formats: c.formats,
                          options: c.renderOptions, folder: c.folder, specs: specs)
    }

    static func cachedFigures(of upstream: StepCacheKey?, step: String, cache: RunCache, renderer: CairoFigureRenderer,
                              formats: [FigureFormat], options: FigureRenderOptions, folder: RunFolder,
                              specs: () throws -> [FigureSpec]) throws -> [ReportFigure] {
        let key = try upstream.flatMap { u in try cache.key { try $0.figures(of: u) } }
        return try cache.value(key, step: step, kind: "figures", files: { $0.flatMap(\.files.all) }) {
            try specs().map { try render($0, renderer: renderer, formats: formats, options: options, in: folder) }
        }
    }

    /// The memory coverage of the card's cells for the model's window (step `memory coverage`).
    static func memoryCoverage(card: ModelCard?, windowFrames: Int, cache: RunCache) throws -> MemoryCoverage? {
        guard let card else { return nil }
        let key = try cache.key { try $0.memoryCoverage(card: card, windowFrames: windowFrames) }
        return try cache.value(key, step: "memory coverage", kind: "memory coverage", files: { _ in [] }) {
            try MemoryCoverage.of(card: card, windowFrames: windowFrames)
        }
    }

    /// The model-level figures (step `model figures`).
    static func modelFigures(channelTypes: ChannelTypeTable, card: ModelCard?, coverage: MemoryCoverage?, cache: RunCache,
                             renderer: CairoFigureRenderer, formats: [FigureFormat], options: FigureRenderOptions,
                             folder: RunFolder) throws -> [ReportFigure] {
        let key = try cache.key { try $0.modelFigures(channelTypes: channelTypes, card: card, coverage: coverage) }
        return try cachedFigures(of: key, step: "model figures", cache: cache, renderer: renderer, formats: formats,
                                 options: options, folder: folder) {
            try FigureCatalogue.modelFigures(channelTypes: channelTypes, card: card, memoryCoverage: coverage)
        }
    }
}

extension MechanismAnalysis {
    /// The analysis without its ``RunPipeline/AnalysisDetails``: every condition keeps its label,
    /// parameter, clock, rows and whether it was explained, but not its traces, cell rates and
    /// attributions; no reduction conditions. What the report, the causal tests and robustness read
    /// is all there (they read the summaries: metrics, reduction, channel types, statement).
    var withoutDetails: MechanismAnalysis {
        var a = self
        a.conditions = conditions.map { c in
            var c = c
            c.fullHz = []; c.reducedHz = []; c.groundTruthHz = nil; c.attribution = nil; c.gapsHz = nil; c.relativeGaps = nil
            c.cellRatesHz = RateMatrix(rows: 0, cells: 0)
            return c
        }
        a.reductionConditions = []
        return a
    }
}
