import Phenomena
import RetinaCore

extension ContrastAdaptation: PhenomenonAnalysis {
    /// The answer key (`docs/answer-key.md` §3): the simulated retina adapts by a per-cell divisive gain
    /// control driven by the cell's own, mostly OFF-driven excitation after a delay of 50–100 ms; in
    /// a reduction that is OFF excitation plus a delayed unit that suppresses (divides, or subtracts
    /// more at high contrast).
    public static var plantedCircuit: PlantedCircuitKey {
        PlantedCircuitKey(phenomenon: id, pathways: [
            PlantedPathway(role: "OFF-driven excitation", polarity: .off, speed: nil, effect: .excitatory),
            PlantedPathway(role: "delayed, contrast-recruited suppression (gain control)", polarity: nil, speed: .slow,
                           effect: .inhibitory),
        ], summary: "OFF excitation + a delayed suppression recruited by contrast (the per-cell divisive gain control)")
    }

    /// The contrast-adaptation analysis: every cycle joins the reduced-circuit fit; integrated
    /// gradients explain the first ``AdaptationProtocol/explainedCycles`` cycles from
    /// ``AdaptationProtocol/explainWindowStartMs`` to ``AdaptationProtocol/explainWindowEndMs`` after the
    /// switch to high contrast (full-field, pooled to channels). The metric is ``AdaptationMetrics``
    /// on the full, reduced and ground-truth mean rates (no extra smoothing: the gain fit averages).
    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: AdaptationProtocol = .standard,
                                                          settings: MechanismAnalysisSettings = .init(),
                                                          groundTruth: (any ResponseModel)? = nil) throws -> MechanismAnalysis<Self> {
        let cells = try MechanismAnalyses.resolveCells(settings.cells, cellCount: model.cellCount)
        let h = model.historyFrames
        let conditions = try parameters.conditions(screen: MechanismAnalyses.screen(model), historyFrames: h)
        let inputs = conditions.enumerated().map { k, c in
            MechanismAnalyses.input(c, history: h, explain: k < parameters.explainedCycles,
                                    event: (c.events.upSwitchFrame, "switch to high contrast")) { clock, rows in
                clock.rows(from: parameters.explainWindowStartMs, to: parameters.explainWindowEndMs,
                           after: c.events.upSwitchFrame, rowCount: rows).map { $0.lowerBound..<($0.upperBound + 1) }
            }
        }
        let out = try ConditionExplainer(model: model, cells: cells, settings: settings, symmetry: .fullField,
                                         groundTruth: groundTruth).run(inputs)
        let metric = try traceMetric(parameters: parameters, screen: MechanismAnalyses.screen(model), historyFrames: h, settings: settings,
                                     rfCentreX: nil)
        let m = try out.metrics { traces, gray in try metric(traces, grayRateHz: gray) }
        let perCell = try cells.map { j in try metric(out.conditions.map { $0.cellRatesHz.trace(cell: j).doubles }, grayRateHz: 0) }
        let rows = [
            m.row("gain at low / gain at high contrast", "") { $0.gainRatio },
            m.row("time constant of the gain decrease after the switch to high contrast", "ms") { $0.afterIncrease.timeConstantMs },
            m.row("time constant of the gain recovery after the switch to low contrast", "ms") { $0.afterDecrease.timeConstantMs },
            m.row("gain at high contrast", "Hz per unit contrast") { $0.highContrastGain },
        ]
        return MechanismAnalyses.finish(Self.self, parameters: parameters, model: model, cells: cells, rfCentreX: nil, out: out,
                                        metrics: m, perCell: perCell, rows: rows, notes: [], settings: settings)
    }

    /// `AdaptationMetrics` of the traces (no extra smoothing), one per cycle.
    public static func traceMetric(parameters: AdaptationProtocol, screen: StimulusScreen, historyFrames h: Int,
                                   settings: MechanismAnalysisSettings, rfCentreX: Double?) throws -> TraceMetric<AdaptationMetrics> {
        let timing = try parameters.conditions(screen: screen, historyFrames: h).map { c in
            let layout = c.trimmedLayout(historyFrames: h)
            return (events: c.events, clock: layout.clock, rows: layout.rows)
        }
        return TraceMetric(rowCounts: timing.map(\.rows)) { traces, _ in
            AdaptationMetrics.measure(traces: traces, conditions: timing.map { (events: $0.events, clock: $0.clock) }, settings: parameters)
        }
    }
}
