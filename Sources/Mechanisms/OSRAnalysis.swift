import RetinaCore
import Phenomena

extension MechanismAnalyses {
    /// The omitted-stimulus-response analysis (`paper-method.md` §6.1): every period is explained
    /// (full-field, pooled to channels), the reduction is fitted over all periods, and the OSR metric
    /// (`OSRMetrics`) is computed on the full, reduced and ground-truth mean rates after
    /// ``MechanismAnalysisSettings/traceSmoothingSigmaMs`` smoothing.
    public static func osr<M: LayerOneDifferentiable>(model: M, parameters: OSRProtocol = .tanaka,
                                                      settings: MechanismAnalysisSettings = .init(),
                                                      groundTruth: (any ResponseModel)? = nil) throws -> OSRAnalysisResult {
        let cells = try resolveCells(settings.cells, cellCount: model.cellCount)
        let h = model.historyFrames
        let conditions = try parameters.conditions(screen: screen(model), historyFrames: h)
        let inputs = conditions.map { input($0, history: h, explain: true, event: ($0.events.omittedFlashFrame, "omitted flash onset")) }
        let out = try ConditionExplainer(model: model, cells: cells, settings: settings, symmetry: .fullField,
                                         groundTruth: groundTruth).run(inputs)
        let timing = zip(conditions, inputs).map { (events: $0.events, clock: $1.clock) }
        func metric(_ traces: [[Double]]) -> OSRMetrics {
            OSRMetrics.measure(traces: traces.map { smooth($0, sigmaMs: settings.traceSmoothingSigmaMs) }, conditions: timing,
                               settings: parameters)
        }
        let m = out.metrics { traces, _ in metric(traces) }
        let perCell = cells.map { j in metric(out.conditions.map { $0.cellRatesHz.trace(cell: j).doubles }) }
        let rows = [
            m.row("OSR peak latency slope vs period", "") { $0.slopeVsPeriod },
            m.row("OSR latency spread", "ms") { $0.latencySpreadMs },
            m.row("Tanaka onset slope vs period", "") { $0.tanakaSlopeVsPeriod },
        ]
        return finish(.osr, model: model, cells: cells, rfCentreX: nil, out: out, metrics: m, perCell: perCell, rows: rows,
                      notes: [], settings: settings)
    }

    /// Assembles a result with completeness and the statement.
    static func finish<M: LayerOneDifferentiable, Metric>(
        _ phenomenon: Phenomenon, model: M, cells: [Int], rfCentreX: Double?, out: ConditionExplainer<M>.Output,
        metrics m: ModelMetrics<Metric>, perCell: [Metric]?, rows: [MetricRow], notes: [String],
        settings: MechanismAnalysisSettings
    ) -> MechanismAnalysis<Metric> {
        let completeness = CompletenessSummary.of(out.conditions)
        let statement = MechanismStatement.compose(
            phenomenon: phenomenon, cells: cells, reduction: out.reduction, channelTypes: out.channelTypes, metricRows: rows,
            completeness: completeness, kernel: model.conv1KernelSize, rfCentreX: rfCentreX, notes: notes)
        return MechanismAnalysis(phenomenon: phenomenon, cells: cells, rfCentreXPixels: rfCentreX, conditions: out.conditions,
                                 channelTypes: out.channelTypes, reduction: out.reduction, fullMetric: m.full, reducedMetric: m.reduced,
                                 groundTruthMetric: m.groundTruth, subtractiveMetric: m.subtractive, perCellFullMetrics: perCell,
                                 metricRows: rows,
                                 completeness: completeness, statement: statement, settings: settings)
    }
}
