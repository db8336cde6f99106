import CairoRenderer
import Figures
import Foundation
import Mechanisms
import ModelCards
import Phenomena

/// The cache keys of one run's steps, each over exactly what that step reads (``StepCacheKey``):
///
/// | step | reads |
/// | --- | --- |
/// | analysis of K (values, data files) | the model, K's protocol `config.protocols[K.self]`, the resolved analysis settings, whether the ground truth is compared |
/// | its details (condition traces and attributions, reduction conditions) | the same |
/// | causal tests of K (without hypotheses) | the analysis, the causal test settings (`causal.*` but the hypotheses; singles default by model kind) |
/// | one hypothesis | the analysis, the hypothesis, the hypothesis settings (control seed, verdict rule) |
/// | robustness of K | the analysis, whether the mean's readout comes from the causal test |
/// | unified circuit | the analyses it is fitted to, in run order (their keys hold the model, whose layer-1 bias and screen it reads, and the reduction settings) |
/// | memory coverage | the model card, the model's window |
/// | model figures | the channel types, the card, the memory coverage |
/// | overview figure | its rows (each phenomenon's headline trace, kept pathways, verdict counts) |
/// | figures of any of these | that result's key, the figure formats, the dpi, the cairo and pango versions |
///
/// plus, in every key, the schema and tool versions and the numeric engine. The run id, the output
/// folder, the seed and the other phenomena's parameters are in no key.
public struct StepKeys: Sendable {
    /// `single <sha256>` or `ensemble <digest of the members' sha256>`.
    public var model: String
    public var config: RunConfiguration
    /// The resolved analysis settings (reference kernels filled in from the card).
    public var settings: MechanismAnalysisSettings
    /// Whether the analyses compare with the simulated ground truth (a card trained on it, and not switched off).
    public var groundTruth: Bool
    /// Whether the model is an ensemble's mean (the causal tests' singles default differs).
    public var ensemble: Bool

    public init(model: String, config: RunConfiguration, settings: MechanismAnalysisSettings, groundTruth: Bool, ensemble: Bool) {
        self.model = model; self.config = config; self.settings = settings; self.groundTruth = groundTruth; self.ensemble = ensemble
    }

    func material(_ kind: String) throws -> StepCacheKey.Material {
        try StepCacheKey.Material(kind: kind).adding("model", model)
    }

    /// Phenomenon `K`'s analysis (its values and data files).
    public func analysis<K: PhenomenonKind>(_ kind: K.Type) throws -> StepCacheKey {
        try StepCacheKey(material("analysis").adding("phenomenon", K.id).adding("protocol", config.protocols[K.self])
            .adding("settings", settings).adding("groundTruth", groundTruth))
    }

    /// The details of the analysis under `analysis` (its conditions' traces and attributions, for
    /// figures; its reduction conditions, for hypotheses added later).
    public func analysisDetails(analysis: StepCacheKey) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "analysis details").upstream(analysis))
    }

    /// The causal tests (interventions, retina comparison) of the analysis under `analysis`.
    public func causal(analysis: StepCacheKey) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "causal tests").upstream(analysis)
            .adding("settings", config.causal.testSettings(ensemble: ensemble)))
    }

    /// One hypothesis tested on the analysis under `analysis`.
    public func hypothesis(_ hypothesis: Hypothesis, analysis: StepCacheKey) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "hypothesis").upstream(analysis).adding("hypothesis", hypothesis)
            .adding("settings", config.causal.hypothesisSettings))
    }

    /// The ensemble robustness of the analysis under `analysis`; `usesCausalReadout`: the mean's
    /// readout is the causal test's unsilenced one.
    public func robustness(analysis: StepCacheKey, usesCausalReadout: Bool) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "robustness").upstream(analysis).adding("usesCausalReadout", usesCausalReadout))
    }

    /// The unified circuit fitted to the analyses under `analyses` (in the run's phenomenon order).
    /// Nothing else: its channel types, layer-1 bias and screen come from the model and its settings
    /// are the analysis settings' reduction, all in every analysis key.
    public func unifiedCircuit(analyses: [StepCacheKey]) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "unified circuit").adding("analyses", analyses.map(\.hex)))
    }

    /// The run overview figure's rows (what it draws: each phenomenon's headline trace, kept
    /// pathways and verdict counts).
    public func overview(_ rows: [OverviewRow]) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "overview").adding("rows", rows))
    }

    /// The memory coverage measured on `card`'s simulated retina for a window of `windowFrames`.
    public func memoryCoverage(card: ModelCard, windowFrames: Int) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "memory coverage").adding("card", card).adding("windowFrames", windowFrames))
    }

    /// The model-level figures' inputs.
    public func modelFigures(channelTypes: ChannelTypeTable, card: ModelCard?, coverage: MemoryCoverage?) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "model figures").adding("channelTypes", channelTypes).adding("card", card)
            .adding("coverage", coverage))
    }

    /// The rendered figures of the result under `upstream`.
    public func figures(of upstream: StepCacheKey) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "figures").upstream(upstream).adding("formats", renderedFormats)
            .adding("dpi", config.dpi).adding("renderer", CairoFigureRenderer.libraryVersions))
    }

    /// The formats every figure is rendered in (PNG always: the HTML embeds it), sorted.
    public var renderedFormats: [FigureFormat] { Self.renderedFormats(config.formats) }

    static func renderedFormats(_ formats: [FigureFormat]) -> [FigureFormat] {
        Array(Set(formats + [.png])).sorted { $0.rawValue < $1.rawValue }
    }
}
