import RetinaCore
import Phenomena

extension MechanismAnalyses {
    /// The motion-reversal analysis (`paper-method.md` §6.3) for one column of cells: every reversal
    /// movie (each speed × reversal point `RF centre + offset`) is explained (bars, pooled to channel ×
    /// column), importance counts the rows from 100 ms before to ``ReversalProtocol/burstWindowEndMs``
    /// after the reversal (integrated gradients runs on those rows, see ``ExplainedRows``), and the
    /// no-reversal controls join the fit. The metric is
    /// `ReversalMetrics` on the population trace per speed: the mean over reversal points of the
    /// baseline-subtracted rate aligned on the reversal (`EventAlignedTrace.mean`), for the full,
    /// reduced (baseline = its gray-screen rate) and ground-truth models.
    ///
    /// - Parameter rfCentreX: the column's RF centre, px; see ``resolveColumn`` when nil.
    public static func reversal<M: LayerOneDifferentiable>(model: M, parameters: ReversalProtocol = .tanaka,
                                                           settings: MechanismAnalysisSettings = .init(),
                                                           groundTruth: (any ResponseModel)? = nil,
                                                           rfCentreX: Double? = nil) throws -> ReversalAnalysisResult {
        let h = model.historyFrames
        let (centre, cells) = try resolveColumn(model: model, cells: resolveCells(settings.cells, cellCount: model.cellCount),
                                                rfCentreX: rfCentreX, flashes: .groundTruth)
        var column = settings
        column.cells = cells
        try parameters.validate(reversalPointsPixels: parameters.reversalPoints(centresX: [centre]),
                                screenWidthPixels: model.screen.width)
        var conditions: [ReversalCondition] = []
        for v in parameters.speedsPixelsPerFrame {
            for xr in parameters.reversalPoints(centresX: [centre]) {
                for reverses in [true, false] {
                    conditions.append(try parameters.condition(speed: v, reversalPointPixels: xr, reverses: reverses,
                                                               screen: screen(model), historyFrames: h))
                }
            }
        }
        let inputs = conditions.map { c in
            input(c, history: h, explain: c.events.reverses,
                  event: (c.events.referenceFrame, c.events.reverses ? "reversal" : "bar at the reversal point")) { clock, rows in
                clock.rows(from: -100, to: parameters.burstWindowEndMs, after: c.events.referenceFrame, rowCount: rows)
                    .map { $0.lowerBound..<($0.upperBound + 1) }
            }
        }
        let out = try ConditionExplainer(model: model, cells: cells, settings: column, symmetry: .verticalBars,
                                         groundTruth: groundTruth).run(inputs)
        func metric(_ traces: [[Double]], baseline: Double) -> ReversalMetrics {
            let speeds = parameters.speedsPixelsPerFrame.map { v -> ReversalSpeedMeasurement in
                func population(_ reverses: Bool) -> EventAlignedTrace {
                    EventAlignedTrace.mean(conditions.indices.filter {
                        conditions[$0].events.speedPixelsPerFrame == v && conditions[$0].events.reverses == reverses
                    }.map { EventAlignedTrace(rateHz: traces[$0], clock: inputs[$0].clock,
                                              eventFrame: conditions[$0].events.referenceFrame, baselineHz: baseline) })
                }
                return ReversalMetrics.measureSpeed(v, reversal: population(true), control: population(false), settings: parameters)
            }
            return ReversalMetrics.summarize(speeds)
        }
        let full = metric(out.conditions.map(\.fullHz.doubles), baseline: out.baselineHz)
        let reduced = metric(out.conditions.map(\.reducedHz.doubles), baseline: out.reducedBaselineHz)
        let truth = groundTruth == nil ? nil
            : metric(out.conditions.map { $0.groundTruthHz!.doubles }, baseline: out.groundTruthBaselineHz ?? 0)
        let sub = out.subtractiveTraces.map { metric($0, baseline: out.subtractiveBaselineHz ?? 0) }
        let rows = [
            MetricRow(name: "mean burst latency after reversal", unit: "ms", full: full.meanBurstLatencyMs,
                      reduced: reduced.meanBurstLatencyMs, groundTruth: truth?.meanBurstLatencyMs,
                      subtractive: sub?.meanBurstLatencyMs),
            MetricRow(name: "SD of burst latency across speeds", unit: "ms", full: full.burstLatencySDMs,
                      reduced: reduced.burstLatencySDMs, groundTruth: truth?.burstLatencySDMs, subtractive: sub?.burstLatencySDMs),
            MetricRow(name: "smallest burst ratio", unit: "", full: full.minimumBurstRatio, reduced: reduced.minimumBurstRatio,
                      groundTruth: truth?.minimumBurstRatio, subtractive: sub?.minimumBurstRatio),
        ]
        let offsets = parameters.reversalOffsetsPixels
        var notes = ["Reversal points lie \(MechanismStatement.f(offsets.min(), 0))…\(MechanismStatement.f(offsets.max(), 0)) px "
                     + "from the RF centre (x = \(MechanismStatement.f(centre, 1)) px)."]
        notes += BarAttributionGeometry.keptGroupNotes(out.reduction, types: out.channelTypes, kernel: model.conv1KernelSize,
                                                       rfCentreX: centre)
        return finish(.reversal, model: model, cells: cells, rfCentreX: centre, out: out, full: full, reduced: reduced,
                      truth: truth, subtractive: sub, perCell: nil, rows: rows, notes: notes, settings: column)
    }
}
