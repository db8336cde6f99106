import RetinaCore
import Phenomena

extension OmittedStimulusResponse: PhenomenonAnalysis {
    /// The answer key (`docs/answer-key.md`).
    public static var plantedCircuit: PlantedCircuitKey {
        PlantedCircuitKey(phenomenon: id, pathways: [
                PlantedPathway(role: "ON slow excitation", polarity: .on, speed: .slow, effect: .excitatory),
                PlantedPathway(role: "ON fast excitation", polarity: .on, speed: .fast, effect: .excitatory),
                PlantedPathway(role: "OFF-driven (delayed) inhibition", polarity: .off, speed: nil, effect: .inhibitory),
            ], summary: "ON slow + ON fast + an OFF channel acting through delayed inhibition, interacting nonlinearly")
    }


    /// The omitted-stimulus-response analysis (`docs/method.md` §6.1): every period is explained
    /// (full-field, pooled to channels), the reduction is fitted over all periods, and the OSR metric
    /// (`OSRMetrics`) is computed on the full, reduced and ground-truth mean rates after
    /// ``MechanismAnalysisSettings/traceSmoothingSigmaMs`` smoothing.
    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: OSRProtocol = .tanaka,
                                                      settings: MechanismAnalysisSettings = .init(),
                                                      groundTruth: (any ResponseModel)? = nil) throws -> OSRAnalysisResult {
        let cells = try MechanismAnalyses.resolveCells(settings.cells, cellCount: model.cellCount)
        let h = model.historyFrames
        let conditions = try parameters.conditions(screen: MechanismAnalyses.screen(model), historyFrames: h)
        let inputs = conditions.map { MechanismAnalyses.input($0, history: h, explain: true, event: ($0.events.omittedFlashFrame, "omitted flash onset")) }
        let out = try ConditionExplainer(model: model, cells: cells, settings: settings, symmetry: .fullField,
                                         groundTruth: groundTruth).run(inputs)
        let metric = try traceMetric(parameters: parameters, screen: MechanismAnalyses.screen(model), historyFrames: h, settings: settings,
                                     rfCentreX: nil)
        let m = try out.metrics { traces, gray in try metric(traces, grayRateHz: gray) }
        let perCell = try cells.map { j in try metric(out.conditions.map { $0.cellRatesHz.trace(cell: j).doubles }, grayRateHz: 0) }
        let rows = [
            m.row("OSR peak latency slope vs period", "") { $0.slopeVsPeriod },
            m.row("OSR latency spread", "ms") { $0.latencySpreadMs },
            m.row("Tanaka onset slope vs period", "") { $0.tanakaSlopeVsPeriod },
        ]
        return MechanismAnalyses.finish(Self.self, parameters: parameters, model: model, cells: cells, rfCentreX: nil, out: out, metrics: m, perCell: perCell, rows: rows,
                      notes: [], settings: settings)
    }

    /// `OSRMetrics` of the smoothed traces (``MechanismAnalysisSettings/traceSmoothingSigmaMs``), one per period.
    public static func traceMetric(parameters: OSRProtocol, screen: StimulusScreen, historyFrames h: Int,
                                   settings: MechanismAnalysisSettings, rfCentreX: Double?) throws -> TraceMetric<OSRMetrics> {
        let timing = try parameters.conditions(screen: screen, historyFrames: h).map { c in
            let layout = c.trimmedLayout(historyFrames: h)
            return (events: c.events, clock: layout.clock, rows: layout.rows)
        }
        let sigma = settings.traceSmoothingSigmaMs
        return TraceMetric(rowCounts: timing.map(\.rows)) { traces, _ in
            OSRMetrics.measure(traces: traces.map { MechanismAnalyses.smooth($0, sigmaMs: sigma) },
                               conditions: timing.map { (events: $0.events, clock: $0.clock) }, settings: parameters)
        }
    }
}
