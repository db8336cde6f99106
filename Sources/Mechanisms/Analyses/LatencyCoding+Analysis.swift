import RetinaCore
import Phenomena

extension LatencyCoding: PhenomenonAnalysis {
    /// The answer key (`docs/answer-key.md`).
    public static var plantedCircuit: PlantedCircuitKey {
        PlantedCircuitKey(phenomenon: id, pathways: [
                PlantedPathway(role: "OFF excitation", polarity: .off, speed: nil, effect: .excitatory),
                PlantedPathway(role: "delayed inhibition", polarity: nil, speed: .slow, effect: .inhibitory),
            ], summary: "OFF excitation + delayed (contrast-recruited) inhibition")
    }


    /// The latency-coding analysis (`docs/method.md` §6.2): every step contrast is explained
    /// (full-field, pooled to channels); the metric is `LatencyMetrics` on the (smoothed) mean rates.
    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: LatencyProtocol = .tanaka,
                                                          settings: MechanismAnalysisSettings = .init(),
                                                          groundTruth: (any ResponseModel)? = nil) throws -> LatencyAnalysisResult {
        let cells = try MechanismAnalyses.resolveCells(settings.cells, cellCount: model.cellCount)
        let h = model.historyFrames
        let conditions = try parameters.conditions(screen: MechanismAnalyses.screen(model), historyFrames: h)
        let inputs = conditions.map { MechanismAnalyses.input($0, history: h, explain: true, event: ($0.events.onsetFrame, "step onset")) }
        let out = try ConditionExplainer(model: model, cells: cells, settings: settings, symmetry: .fullField,
                                         groundTruth: groundTruth).run(inputs)
        let metric = try traceMetric(parameters: parameters, screen: MechanismAnalyses.screen(model), historyFrames: h, settings: settings,
                                     rfCentreX: nil)
        let m = try out.metrics { traces, gray in try metric(traces, grayRateHz: gray) }
        let perCell = try cells.map { j in try metric(out.conditions.map { $0.cellRatesHz.trace(cell: j).doubles }, grayRateHz: 0) }
        let rows = [
            m.row("latency shift (lowest − highest contrast)", "ms") { $0.shiftMs },
            m.row("Spearman ρ of latency vs contrast", "") { $0.spearmanRho },
            m.row("latency slope", "ms/decade") { $0.slopeMsPerDecade },
        ]
        return MechanismAnalyses.finish(Self.self, parameters: parameters, model: model, cells: cells, rfCentreX: nil, out: out, metrics: m, perCell: perCell, rows: rows,
                      notes: [], settings: settings)
    }

    /// `LatencyMetrics` of the smoothed traces (``MechanismAnalysisSettings/traceSmoothingSigmaMs``), one per contrast.
    public static func traceMetric(parameters: LatencyProtocol, screen: StimulusScreen, historyFrames h: Int,
                                   settings: MechanismAnalysisSettings, rfCentreX: Double?) throws -> TraceMetric<LatencyMetrics> {
        let timing = try parameters.conditions(screen: screen, historyFrames: h).map { c in
            let layout = c.trimmedLayout(historyFrames: h)
            return (events: c.events, clock: layout.clock, rows: layout.rows)
        }
        let sigma = settings.traceSmoothingSigmaMs
        return TraceMetric(rowCounts: timing.map(\.rows)) { traces, _ in
            LatencyMetrics.measure(traces: traces.map { MechanismAnalyses.smooth($0, sigmaMs: sigma) },
                                   conditions: timing.map { (events: $0.events, clock: $0.clock) }, settings: parameters)
        }
    }
}
