import RetinaCore
import Phenomena

extension MotionAnticipation: PhenomenonAnalysis {
    /// The answer key (`docs/answer-key.md`).
    public static var plantedCircuit: PlantedCircuitKey {
        PlantedCircuitKey(phenomenon: id, pathways: [
                PlantedPathway(role: "OFF excitation", polarity: .off, speed: nil, effect: .excitatory),
                PlantedPathway(role: "delayed inhibition from positions already crossed", polarity: nil, speed: .slow,
                               effect: .inhibitory),
            ], summary: "OFF excitation + delayed inhibition from positions the bar has already crossed")
    }

    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: Parameters, settings: MechanismAnalysisSettings,
                                                          groundTruth: (any ResponseModel)?) throws -> MechanismAnalysis<Self> {
        try analyse(model: model, parameters: parameters, settings: settings, groundTruth: groundTruth, rfCentreX: nil)
    }


    /// The motion-anticipation analysis (`docs/method.md` §6.4) for one column of cells: the drifting
    /// bars (each speed × direction) are explained (bars, pooled to channel × column), importance
    /// counts the rows while the bar centre is within ``AnticipationProtocol/peakSearchHalfWidthPixels``
    /// of the RF centre (integrated gradients runs on those rows, see ``ExplainedRows``), and the
    /// flashed bars join the fit. The metric is `AnticipationMetrics`
    /// (flash profile, δ per speed and direction) on the full, reduced and ground-truth mean rates.
    ///
    /// A note reports, per drifting bar, where the inhibitory attribution sits relative to the
    /// excitatory one along the motion (negative = behind, i.e. from positions already crossed).
    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: AnticipationProtocol = .tanaka,
                                                               settings: MechanismAnalysisSettings = .init(),
                                                               groundTruth: (any ResponseModel)? = nil,
                                                               rfCentreX: Double? = nil) throws -> AnticipationAnalysisResult {
        let h = model.historyFrames
        let (centre, cells) = try MechanismAnalyses.resolveColumn(model: model, cells: MechanismAnalyses.resolveCells(settings.cells, cellCount: model.cellCount),
                                                rfCentreX: rfCentreX, flashes: parameters)
        var column = settings
        column.cells = cells
        let moving = try parameters.movingBarConditions(screen: MechanismAnalyses.screen(model), historyFrames: h, centresX: [centre])
        let flashes = try parameters.flashedBarConditions(screen: MechanismAnalyses.screen(model), historyFrames: h,
                                                          positionsPixels: parameters.flashPositions(centresX: [centre]))
        let movingInputs = moving.map { c in
            MechanismAnalyses.input(c, history: h, explain: true, event: (arrivalFrame(c.events, centre), "bar centre at the RF centre")) { clock, rows in
                let near = (0..<rows).filter { r in
                    c.events.barCentre(atFrame: clock.frame(ofRow: Double(r))).map { abs($0 - centre) <= parameters.peakSearchHalfWidthPixels } ?? false
                }
                return near.first.map { $0..<(near.last! + 1) }
            }
        }
        let inputs = movingInputs + flashes.map { MechanismAnalyses.input($0, history: h, explain: false, event: ($0.events.onsetFrame, "flash onset")) }
        let out = try ConditionExplainer(model: model, cells: cells, settings: column, symmetry: .verticalBars,
                                         groundTruth: groundTruth).run(inputs)
        let metric = try traceMetric(parameters: parameters, screen: MechanismAnalyses.screen(model), historyFrames: h, settings: settings,
                                     rfCentreX: centre)
        let m = try out.metrics { traces, gray in try metric(traces, grayRateHz: gray) }
        var rows = [m.row("flash latency L_flash", "ms") { $0.flashLatencyMs }]
        for (i, speed) in m.full.bySpeed.enumerated() {
            rows.append(m.row("δ at \(speed.speedPixelsPerFrame) px/frame (mean over directions)", "px") { $0.bySpeed[i].meanDeltaPixels })
        }
        var notes = BarAttributionGeometry.keptGroupNotes(out.reduction, types: out.channelTypes, kernel: model.conv1KernelSize,
                                                          rfCentreX: centre)
        for (i, c) in moving.enumerated() {
            guard let a = out.conditions[i].attribution, let window = inputs[i].responseWindow,
                  let first = out.conditions[i].explainedRows?.lowerBound else { continue }
            let rows = (window.lowerBound - first)..<(window.upperBound - first)
            let (exc, inh) = BarAttributionGeometry.centroids(a, rows: rows, kernel: model.conv1KernelSize)
            if let exc, let inh {
                let offset = c.events.direction.sign * (inh - exc)
                notes.append("\(c.label): inhibition is centred \(MechanismStatement.f(abs(offset), 1)) px "
                             + "\(offset < 0 ? "behind" : "ahead of") the excitation along the motion.")
            }
        }
        return MechanismAnalyses.finish(Self.self, parameters: parameters, model: model, cells: cells, rfCentreX: centre, out: out, metrics: m, perCell: nil, rows: rows,
                      notes: notes, settings: column)
    }

    /// `AnticipationMetrics` (flash profile, δ per speed and direction) of the traces of the drifting
    /// bars followed by the flashed bars, for the column at `rfCentreX` (required).
    public static func traceMetric(parameters: AnticipationProtocol, screen: StimulusScreen, historyFrames h: Int,
                                   settings: MechanismAnalysisSettings, rfCentreX: Double?) throws -> TraceMetric<AnticipationMetrics> {
        guard let centre = rfCentreX else {
            throw MechanismsError.invalidSetting(name: "rfCentreX", expected: "the analysed column's RF centre, px", found: "none")
        }
        let moving = try parameters.movingBarConditions(screen: screen, historyFrames: h, centresX: [centre]).map { c in
            let layout = c.trimmedLayout(historyFrames: h)
            return (events: c.events, clock: layout.clock, rows: layout.rows)
        }
        let flashes = try parameters.flashedBarConditions(screen: screen, historyFrames: h,
                                                          positionsPixels: parameters.flashPositions(centresX: [centre])).map { c in
            let layout = c.trimmedLayout(historyFrames: h)
            return (events: c.events, clock: layout.clock, rows: layout.rows)
        }
        let n = moving.count
        return TraceMetric(rowCounts: moving.map(\.rows) + flashes.map(\.rows)) { traces, _ in
            let movingMeasurements = moving.indices.map {
                AnticipationMetrics.measureMoving(rateHz: traces[$0], events: moving[$0].events, clock: moving[$0].clock,
                                                  rfCentreX: centre, settings: parameters)
            }
            let profile = AnticipationMetrics.flashProfile(
                traces: Array(traces[n...]), events: flashes.map(\.events), clocks: flashes.map(\.clock), settings: parameters)
            return AnticipationMetrics.assemble(rfCentreX: centre, flashProfile: profile, moving: movingMeasurements)
        }
    }

    /// The frame whose bar centre is closest to `centreX` (the first such frame), or the first frame
    /// of motion when the bar never comes within 1 px.
    static func arrivalFrame(_ e: BarEvents, _ centreX: Double) -> Int {
        var best = e.referenceFrame, distance = 1.0
        for (f, x) in e.barCentrePixelsByFrame.enumerated() {
            if let x, abs(x - centreX) < distance { best = f; distance = abs(x - centreX) }
        }
        return best
    }
}
