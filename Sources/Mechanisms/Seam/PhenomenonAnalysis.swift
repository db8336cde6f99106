import Phenomena
import RetinaCore

/// The analysis facet of a phenomenon: explain a model's response to the phenomenon's stimuli by
/// integrated gradients to layer 1, pool by the stimulus symmetry, reduce to a few pathways, refit a
/// one-hidden-layer circuit and measure the phenomenon on the full model, the reduced circuit and the
/// ground truth (`docs/method.md`). Each phenomenon implements it in its own file
/// (`Analyses/<Kind>+Analysis.swift`).
public protocol PhenomenonAnalysis: PhenomenonKind {
    /// The answer key: the simulated retina's pathways for this phenomenon (`docs/answer-key.md`).
    static var plantedCircuit: PlantedCircuitKey { get }

    /// Runs the analysis on `model` for `settings.cells` with the protocol `parameters`; compares
    /// with `groundTruth` (the same metric on its mean rate) when given.
    static func analyse<M: LayerOneDifferentiable>(model: M, parameters: Parameters, settings: MechanismAnalysisSettings,
                                                   groundTruth: (any ResponseModel)?) throws -> MechanismAnalysis<Self>

    /// The metric the analysis applies to each model's response (``TraceMetric``), for a model with
    /// `screen` and `historyFrames` of memory; `rfCentreX` is the analysed column's RF centre, px
    /// (bar phenomena: ``MechanismAnalysis/rfCentreXPixels``; ignored by full-field ones). Builds the
    /// protocol's conditions (stimulus timing only is kept).
    static func traceMetric(parameters: Parameters, screen: StimulusScreen, historyFrames: Int,
                            settings: MechanismAnalysisSettings, rfCentreX: Double?) throws -> TraceMetric<Metric>
}

extension PhenomenonAnalysis {
    /// How the metric is pooled: channels for full-field stimuli, channel × column for bars.
    public static var symmetry: PoolingSymmetry { layout == .fullField ? .fullField : .verticalBars }
}

extension MechanismAnalysis {
    /// The analysis' own metric of any response to its conditions, on `screen`.
    public func traceMetric(screen: StimulusScreen) throws -> TraceMetric<Metric> {
        try Kind.traceMetric(parameters: parameters, screen: screen, historyFrames: historyFrames, settings: settings,
                             rfCentreX: rfCentreXPixels)
    }
}
