import Mechanisms
import Phenomena
import Plotting

/// The figure facet of a phenomenon: its analysis result as figure specs (no drawing), in display
/// order — see ``FigureCatalogue`` for the ids and contents every phenomenon provides. Implemented in
/// the phenomenon's own catalogue file (`FigureCatalogue+<Phenomenon>.swift`).
public protocol PhenomenonFigures: PhenomenonAnalysis {
    /// Figures of `result`, drawn from the protocol it carries; throws
    /// ``FigureError/invalidInput(builder:reason:)`` when the result's conditions do not match it.
    static func figures(for result: MechanismAnalysis<Self>) throws -> [FigureSpec]

    /// The headline curve of one model's metric (the points of the `<id>-curve` figure's full-model
    /// series, or its closest summary read from the metric alone), one entry per panel in display
    /// order; `parameters` is the protocol the metric was measured with and `rfCentreXPixels` the
    /// analysed column's RF centre (bar analyses). Used by `retina-report compare` to overlay two runs.
    static func headlineCurves(_ metric: Metric, parameters: Parameters, rfCentreXPixels: Double?) -> [HeadlineCurve]

    /// The one condition of `result` that shows the phenomenon at a glance — full model, reduced
    /// circuit and (when compared) ground truth on one time axis from the condition's event — for the
    /// run overview figure (``FigureCatalogue/overview(_:)``). Read from the result (the protocol it
    /// carries), never recomputed; throws ``FigureError/invalidInput(builder:reason:)`` like
    /// ``figures(for:)`` when the result's conditions do not match that protocol.
    static func headlineTrace(for result: MechanismAnalysis<Self>) throws -> HeadlineTrace
}

extension FigureCatalogue {
    /// The figures of any phenomenon's result: its kind's ``PhenomenonFigures/figures(for:)``.
    public static func figures<K: PhenomenonFigures>(for result: MechanismAnalysis<K>) throws -> [FigureSpec] {
        try K.figures(for: result)
    }
}
