import RetinaCore
import Phenomena

extension MotionReversal: PhenomenonAnalysis {
    /// The answer key (`docs/answer-key.md`).
    public static var plantedCircuit: PlantedCircuitKey {
        PlantedCircuitKey(phenomenon: id, pathways: [
                PlantedPathway(role: "OFF excitation on either side of the reversal", polarity: .off, speed: nil, effect: .excitatory),
                PlantedPathway(role: "wide delayed OFF-driven inhibition", polarity: .off, speed: .slow, effect: .inhibitory),
            ], summary: "OFF units on either side of the reversal point + a wide, delayed inhibitory OFF-driven channel")
    }

    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: Parameters, settings: MechanismAnalysisSettings,
                                                          groundTruth: (any ResponseModel)?) throws -> MechanismAnalysis<Self> {
        try analyse(model: model, parameters: parameters, settings: settings, groundTruth: groundTruth, rfCentreX: nil)
    }


    /// The motion-reversal analysis (`docs/method.md` §6.3) for one column of cells: every reversal
    /// movie (each speed × reversal point `RF centre + offset`) is explained (bars, pooled to channel ×
    /// column), importance counts the rows from 100 ms before to ``ReversalProtocol/burstWindowEndMs``
    /// after the reversal (integrated gradients runs on those rows, see ``ExplainedRows``), and the
    /// no-reversal controls join the fit. The metric is
    /// `ReversalMetrics` on the population trace per speed: the mean over reversal points of the
    /// baseline-subtracted rate aligned on the reversal (`EventAlignedTrace.mean`), for the full,
    /// reduced (baseline = its gray-screen rate) and ground-truth models.
    ///
    /// - Parameter rfCentreX: the column's RF centre, px; see ``resolveColumn`` when nil.
    public static func analyse<M: LayerOneDifferentiable>(model: M, parameters: ReversalProtocol = .tanaka,
                                                           settings: MechanismAnalysisSettings = .init(),
                                                           groundTruth: (any ResponseModel)? = nil,
                                                           rfCentreX: Double? = nil) throws -> ReversalAnalysisResult {
        let h = model.historyFrames
        let (centre, cells) = try MechanismAnalyses.resolveColumn(model: model, cells: MechanismAnalyses.resolveCells(settings.cells, cellCount: model.cellCount),
                                                rfCentreX: rfCentreX, flashes: .groundTruth)
        var column = settings
        column.cells = cells
        try parameters.validate(reversalPointsPixels: parameters.reversalPoints(centresX: [centre]),
                                screenWidthPixels: model.screen.width)
        let conditions = try analysedConditions(parameters, centre: centre, screen: MechanismAnalyses.screen(model), historyFrames: h)
        let inputs = conditions.map { c in
            MechanismAnalyses.input(c, history: h, explain: c.events.reverses,
                  event: (c.events.referenceFrame, c.events.reverses ? "reversal" : "bar at the reversal point")) { clock, rows in
                clock.rows(from: -100, to: parameters.burstWindowEndMs, after: c.events.referenceFrame, rowCount: rows)
                    .map { $0.lowerBound..<($0.upperBound + 1) }
            }
        }
        let out = try ConditionExplainer(model: model, cells: cells, settings: column, symmetry: .verticalBars,
                                         groundTruth: groundTruth).run(inputs)
        let metric = try traceMetric(parameters: parameters, screen: MechanismAnalyses.screen(model), historyFrames: h, settings: settings,
                                     rfCentreX: centre)
        let m = try out.metrics { traces, gray in try metric(traces, grayRateHz: gray) }
        let rows = [
            m.row("mean burst latency after reversal", "ms") { $0.meanBurstLatencyMs },
            m.row("SD of burst latency across speeds", "ms") { $0.burstLatencySDMs },
            m.row("smallest burst ratio", "") { $0.minimumBurstRatio },
        ]
        let offsets = parameters.reversalOffsetsPixels
        var notes = ["Reversal points lie \(MechanismStatement.f(offsets.min(), 0))…\(MechanismStatement.f(offsets.max(), 0)) px "
                     + "from the RF centre (x = \(MechanismStatement.f(centre, 1)) px)."]
        notes += BarAttributionGeometry.keptGroupNotes(out.reduction, types: out.channelTypes, kernel: model.conv1KernelSize,
                                                       rfCentreX: centre)
        return MechanismAnalyses.finish(Self.self, parameters: parameters, model: model, cells: cells, rfCentreX: centre, out: out, metrics: m, perCell: nil, rows: rows,
                      notes: notes, settings: column)
    }

    /// Every speed × reversal point `centre + offset`, each reversing and its no-reversal control, in
    /// the analysis' order.
    static func analysedConditions(_ parameters: ReversalProtocol, centre: Double, screen: StimulusScreen,
                                   historyFrames h: Int) throws -> [ReversalCondition] {
        var conditions: [ReversalCondition] = []
        for v in parameters.speedsPixelsPerFrame {
            for xr in parameters.reversalPoints(centresX: [centre]) {
                for reverses in [true, false] {
                    conditions.append(try parameters.condition(speed: v, reversalPointPixels: xr, reverses: reverses,
                                                               screen: screen, historyFrames: h))
                }
            }
        }
        return conditions
    }

    /// `ReversalMetrics` of the population trace per speed: the mean over reversal points of the
    /// baseline-subtracted rate (baseline = the responding model's gray rate) aligned on the reversal.
    /// Needs `rfCentreX` (the analysed column's centre).
    public static func traceMetric(parameters: ReversalProtocol, screen: StimulusScreen, historyFrames h: Int,
                                   settings: MechanismAnalysisSettings, rfCentreX: Double?) throws -> TraceMetric<ReversalMetrics> {
        guard let centre = rfCentreX else {
            throw MechanismsError.invalidSetting(name: "rfCentreX", expected: "the analysed column's RF centre, px", found: "none")
        }
        let conditions = try analysedConditions(parameters, centre: centre, screen: screen, historyFrames: h)
        let timing = conditions.map { c in
            let layout = c.trimmedLayout(historyFrames: h)
            return (events: c.events, clock: layout.clock, rows: layout.rows)
        }
        return TraceMetric(rowCounts: timing.map(\.rows)) { traces, baseline in
            let speeds = parameters.speedsPixelsPerFrame.map { v -> ReversalSpeedMeasurement in
                func population(_ reverses: Bool) -> EventAlignedTrace {
                    EventAlignedTrace.mean(timing.indices.filter {
                        timing[$0].events.speedPixelsPerFrame == v && timing[$0].events.reverses == reverses
                    }.map { EventAlignedTrace(rateHz: traces[$0], clock: timing[$0].clock,
                                              eventFrame: timing[$0].events.referenceFrame, baselineHz: baseline) })
                }
                return ReversalMetrics.measureSpeed(v, reversal: population(true), control: population(false), settings: parameters)
            }
            return ReversalMetrics.summarize(speeds)
        }
    }
}
