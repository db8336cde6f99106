import RetinaCore
import Phenomena

/// The four phenomenon analyses (`docs/method.md` §6): for a model with an affine first layer,
/// explain the mean rate of chosen cells under a phenomenon's stimuli by integrated gradients to
/// layer 1, pool by the stimulus symmetry, reduce to a few pathways, refit a one-hidden-layer circuit
/// and check that it reproduces the phenomenon metric. Stimuli and metrics come from `Phenomena`.
///
/// Movies are trimmed to the frames their analysed rows need (exact for a model whose memory is
/// `historyFrames`, e.g. the CNN); a ground-truth model is shown the untrimmed movie and read on the
/// same rows.
public enum MechanismAnalyses {
    /// The explained cells: `settings.cells` or all, checked against the model.
    static func resolveCells(_ chosen: [Int]?, cellCount: Int) throws -> [Int] {
        let cells = chosen ?? Array(0..<cellCount)
        guard !cells.isEmpty else {
            throw MechanismsError.invalidSetting(name: "cells", expected: "at least one cell", found: "[]")
        }
        for c in cells where c < 0 || c >= cellCount {
            throw MechanismsError.invalidSetting(name: "cells", expected: "indices in 0..<\(cellCount)", found: "\(c)")
        }
        return cells
    }

    /// The model's screen as a Phenomena screen.
    static func screen<M: LayerOneDifferentiable>(_ model: M) -> StimulusScreen {
        StimulusScreen(heightPixels: model.screen.height, widthPixels: model.screen.width)
    }

    /// An input for a Phenomena condition, trimmed for the model; `event` is the frame (of the
    /// condition movie) times are measured from, and its name.
    static func input<E>(_ c: PhenomenonCondition<E>, history: Int, explain: Bool, event: (frame: Int, name: String),
                         responseWindow: (RowClock, Int) -> Range<Int>? = { _, _ in nil }) -> ConditionInput {
        let (movie, clock) = c.trimmed(historyFrames: history)
        return ConditionInput(label: c.label, parameter: c.parameter, movie: movie, clock: clock, fullMovie: c.movie,
                              explain: explain, responseWindow: responseWindow(clock, movie.windowCount(history: history)),
                              eventFrame: event.frame, eventName: event.name)
    }

    /// Gaussian smoothing of a trace by `sigmaMs` (identity at 0).
    static func smooth(_ y: [Double], sigmaMs: Double) -> [Double] {
        TraceSmoothing.gaussian(y, sigmaFrames: sigmaMs / Units.frameMilliseconds)
    }

    /// RF centre x of the bar analyses and the cells of that column.
    ///
    /// Order: `rfCentreX` if given (all chosen cells kept); else the model's `cellCentres` when it is
    /// also a `ResponseModel` that knows them (cells within 0.5 px of the first chosen cell's x);
    /// else the peak of the chosen cells' mean flashed-bar profile over every pixel column
    /// (`AnticipationMetrics.estimateCentre`).
    static func resolveColumn<M: LayerOneDifferentiable>(model: M, cells: [Int], rfCentreX: Double?,
                                                         flashes: AnticipationProtocol) throws -> (centre: Double, cells: [Int]) {
        if let x = rfCentreX { return (x, cells) }
        if let known = (model as Any as? any ResponseModel)?.cellCentres, known.count == model.cellCount {
            let x = known[cells[0]].x
            return (x, cells.filter { abs(known[$0].x - x) <= 0.5 })
        }
        let screen = screen(model)
        var profile: [FlashedBarMeasurement] = []
        for x in 0..<screen.widthPixels {
            let c = try flashes.flashedBarCondition(positionPixels: Double(x), screen: screen, historyFrames: model.historyFrames)
            let (movie, clock) = c.trimmed(historyFrames: model.historyFrames)
            let n = movie.windowCount(history: model.historyFrames)
            let rates = try model.ratesFromLayer1(model.layer1Preactivations(of: movie), count: n)
            let mean = (0..<n).map { r in cells.reduce(0.0) { $0 + Double(rates[r * model.cellCount + $1]) } / Double(cells.count) }
            profile.append(AnticipationMetrics.measureFlash(rateHz: mean, events: c.events, clock: clock, settings: flashes))
        }
        guard let centre = AnticipationMetrics.estimateCentre(profile: profile) else {
            throw MechanismsError.modelOutput(member: "flashed-bar profile", expected: "a response peak to locate the RF centre",
                                              found: "no peak at any position")
        }
        return (centre, cells)
    }

    /// Assembles a result with completeness and the statement.
    static func finish<Kind: PhenomenonAnalysis, M: LayerOneDifferentiable>(
        _ kind: Kind.Type, parameters: Kind.Parameters, model: M, cells: [Int], rfCentreX: Double?, out: ConditionExplainer<M>.Output,
        metrics m: ModelMetrics<Kind.Metric>, perCell: [Kind.Metric]?, rows: [MetricRow], notes: [String],
        settings: MechanismAnalysisSettings
    ) -> MechanismAnalysis<Kind> {
        let completeness = CompletenessSummary.of(out.conditions)
        let statement = MechanismStatement.compose(
            title: Kind.title, key: Kind.plantedCircuit, cells: cells, reduction: out.reduction, channelTypes: out.channelTypes, metricRows: rows,
            completeness: completeness, kernel: model.conv1KernelSize, rfCentreX: rfCentreX, notes: notes)
        return MechanismAnalysis(phenomenon: Kind.id, parameters: parameters, cells: cells, rfCentreXPixels: rfCentreX, conditions: out.conditions,
                                 channelTypes: out.channelTypes, reduction: out.reduction, fullMetric: m.full, reducedMetric: m.reduced,
                                 groundTruthMetric: m.groundTruth, subtractiveMetric: m.subtractive, perCellFullMetrics: perCell,
                                 metricRows: rows,
                                 completeness: completeness, statement: statement, settings: settings,
                                 historyFrames: model.historyFrames, reductionConditions: out.reductionConditions)
    }
}
