import Mechanisms
import Phenomena
import Plotting
import RetinaCore

extension MotionReversal: PhenomenonFigures {
    /// The motion-reversal figures: `reversal-traces`, `reversal-attribution`, `reversal-filters`,
    /// `reversal-curve`, `reversal-circuit`.
    ///
    public static func figures(for r: ReversalAnalysisResult) throws -> [FigureSpec] {
        let c = try CatalogueReversal(r)
        let figures = [
            try c.traces(),
            try c.attribution(),
            try CatalogueMechanism.filters(of: r, circuitName: "motion-reversal"),
            try c.curve(),
            try CatalogueMechanism.circuit(of: r, responseName: "motion-reversal response"),
        ]
        return figures.map(CatalogueLegends.resolved)
    }

    /// The baseline-subtracted population rate aligned on the reversal, one panel per speed (the
    /// burst the headline latency is read from).
    public static func headlineCurves(_ m: ReversalMetrics, parameters: ReversalProtocol, rfCentreXPixels: Double?) -> [HeadlineCurve] {
        m.speeds.map { s in
            HeadlineCurve(title: CatalogueText.speed(pixelsPerFrame: s.speedPixelsPerFrame), xLabel: "time from reversal", xUnit: "ms",
                          yLabel: "rate above baseline", yUnit: "Hz", x: s.reversalTrace.timesMs, y: s.reversalTrace.rateHz.map { $0 })
        }
    }

    /// The first speed's reversals, averaged over the reversal points after aligning each on its
    /// reversal (the first `reversal-traces` panel without the no-reversal control).
    public static func headlineTrace(for r: ReversalAnalysisResult) throws -> HeadlineTrace {
        let c = try CatalogueReversal(r)
        guard let v = c.speeds.first, let means = c.means(speed: v), let reduced = means.reduced else {
            throw FigureError.invalidInput(builder: "FigureCatalogue.headlineTrace(reversal)",
                                           reason: "the result has no reversal condition with full and reduced rates on one time axis")
        }
        return HeadlineTrace(condition: CatalogueText.speed(pixelsPerFrame: v), timeLabel: "time from reversal", timesMs: means.times,
                             fullHz: means.full, reducedHz: reduced, groundTruthHz: means.groundTruth)
    }
}

struct CatalogueReversal {
    let r: ReversalAnalysisResult
    let matched: [MatchedCondition<BarEvents>]
    let parameters: ReversalProtocol
    let centre: Double

    var speeds: [Double] { parameters.speedsPixelsPerFrame }
    var groundTruth: Bool { r.conditions.first?.groundTruthHz != nil }

    func conditions(speed v: Double, reverses: Bool) -> [MatchedCondition<BarEvents>] {
        matched.filter { $0.condition.events.speedPixelsPerFrame == v && $0.condition.events.reverses == reverses }
    }

    func aligned(_ m: MatchedCondition<BarEvents>, _ rates: [Float]) -> EventAlignedTrace {
        EventAlignedTrace(rateHz: rates.map(Double.init), clock: m.analysis.clock, eventFrame: m.condition.events.referenceFrame)
    }

    /// `values` of `trace` at `times` (matched to 1e-6 ms), nil when a time is missing.
    static func resample(_ trace: EventAlignedTrace, at times: [Double]) -> [Double]? {
        var lookup: [Int: Double] = [:]
        for (t, v) in zip(trace.timesMs, trace.rateHz) { lookup[Int((t * 1000).rounded())] = v }
        let out = times.compactMap { lookup[Int(($0 * 1000).rounded())] }
        return out.count == times.count ? out : nil
    }

    var pointsText: String {
        let offsets = parameters.reversalOffsetsPixels.map { Units.microns(pixels: $0) }
        return "\(parameters.reversalOffsetsPixels.count) reversal points from \(CatalogueText.number(offsets.min(), 0)) to "
            + "\(CatalogueText.number(offsets.max(), 0)) µm relative to the RF centre (x = \(CatalogueText.number(centre, 1)) px)"
    }

    var barText: String {
        CatalogueText.bar(contrast: parameters.barContrast, widthPixels: parameters.barWidthPixels)
    }

    func traces() throws -> FigureSpec {
        var panels: [TracePanel] = []
        for v in speeds {
            let group = conditions(speed: v, reverses: true)
            guard let means = means(speed: v) else { continue }
            let times = means.times
            var traces: [Trace] = []
            if let g = means.groundTruth {
                traces.append(Trace(label: "ground truth", values: g, role: .groundTruth))
            }
            if let c = means.control {
                traces.append(Trace(label: "full CNN, no reversal", values: c,
                                    role: .custom(LineStyle(color: RGBColor(hex: 0xB3B3B3), widthPoints: 0.9))))
            }
            traces.append(Trace(label: "full CNN", values: means.full, role: .fullModel))
            if let red = means.reduced {
                traces.append(Trace(label: "reduced circuit", values: red, role: .reducedModel))
            }
            let trajectories = group.map { m -> [Double?] in
                let own = m.timesMs(after: Double(m.condition.events.referenceFrame))
                let bar = m.barCentreMicrons(rfCentreX: centre)
                var lookup: [Int: Double?] = [:]
                for (t, x) in zip(own, bar) { lookup[Int((t * 1000).rounded())] = x }
                return times.map { lookup[Int(($0 * 1000).rounded())] ?? nil }
            }
            panels.append(TracePanel(title: CatalogueText.speed(pixelsPerFrame: v), timesMs: times, stimulus: .barMicrons(trajectories),
                                     traces: traces, markers: [(0, "reversal")]))
        }
        let caption = "Motion reversal: \(barText) moves rightward at the speed given above each panel and reverses at one of \(pointsText). "
            + "Top strips: the bar-centre trajectories relative to the RF centre (µm; dotted line = RF centre). Below: "
            + "\(CatalogueText.meanRate(r.cells)), the cells of one column, averaged over the reversal points after aligning each on its "
            + "reversal (time 0, dashed line; time in ms); rate in Hz, y limits shared. "
            + CatalogueText.modelStyles(groundTruth: groundTruth)
            + " Light grey: full CNN for the same bars without reversal, aligned on the time they pass the reversal point. "
            + CatalogueText.reducedFit(r.reduction)
        return try CatalogueTraces.figure(id: "reversal-traces", caption: caption, panels: panels, columns: max(1, panels.count),
                                          timeLabel: "time from reversal")
    }

    /// The rates at speed `v` averaged over the reversal points after aligning each on its reversal,
    /// on the full model's common time axis (ms from the reversal): full model, reduced circuit and
    /// ground truth (when compared), and the full model for the same bars without reversal (aligned on
    /// the time they pass the reversal point); nil when there is no reversal at that speed.
    func means(speed v: Double) -> (times: [Double], full: [Double], reduced: [Double]?, groundTruth: [Double]?, control: [Double]?)? {
        let group = conditions(speed: v, reverses: true)
        guard !group.isEmpty else { return nil }
        let fullMean = EventAlignedTrace.mean(group.map { aligned($0, $0.analysis.fullHz) })
        let times = fullMean.timesMs
        guard !times.isEmpty else { return nil }
        let truth = groundTruth
            ? Self.resample(EventAlignedTrace.mean(group.map { aligned($0, $0.analysis.groundTruthHz ?? []) }), at: times) : nil
        let controls = conditions(speed: v, reverses: false)
        let control = controls.isEmpty ? nil : Self.resample(EventAlignedTrace.mean(controls.map { aligned($0, $0.analysis.fullHz) }), at: times)
        let reduced = Self.resample(EventAlignedTrace.mean(group.map { aligned($0, $0.analysis.reducedHz) }), at: times)
        return (times, fullMean.rateHz, reduced, truth, control)
    }

    /// Per speed, the reversal whose point is nearest the RF centre.
    func representative() -> [MatchedCondition<BarEvents>] {
        speeds.compactMap { v in
            conditions(speed: v, reverses: true).min {
                abs($0.condition.events.referencePointPixels - centre) < abs($1.condition.events.referencePointPixels - centre)
            }
        }
    }

    func attribution() throws -> FigureSpec {
        let picks = representative()
        let panels = picks.map { m in
            AttributionPanel(title: CatalogueText.shortSpeed(pixelsPerFrame: m.condition.events.speedPixelsPerFrame), analysis: m.analysis,
                             rows: 0..<m.rows, timesMs: m.timesMs(after: Double(m.condition.events.referenceFrame)),
                             trajectoryMicrons: m.barCentreMicrons(rfCentreX: centre))
        }
        let channels = CatalogueMechanism.keptChannels(r.reduction)
        let point = picks.first.map { Units.microns(pixels: $0.condition.events.referencePointPixels - centre) }
        return try CatalogueAttribution.positionFigure(id: "reversal-attribution", caption: { limit in
            "Integrated-gradients attribution of \(CatalogueText.meanRate(r.cells)) to first-layer units, summed over rows (Eq. 4): "
                + "position (µm, map-column centre relative to the RF centre) × time from the reversal, one column per kept channel "
                + "(\(channels.map { CatalogueText.channel($0, r.channelTypes) }.joined(separator: ", "))), one row per bar speed, for the "
                + "reversal nearest the RF centre (at \(CatalogueText.number(point, 0)) µm) of \(barText). Dashed line: bar centre; dotted: RF "
                + "centre; coloured bar at the right edge: the columns of that channel kept in the reduced circuit. "
                + CatalogueText.attributionScale(limit: limit, panels: "all maps")
                + " A time bin's attributions over all channels and positions sum to the rate minus the gray-screen rate."
        }, panels: panels, channels: channels, types: r.channelTypes, keptGroups: r.reduction.kept, rfCentreX: centre,
           timeLabel: "time from reversal")
    }

    /// Burst latency of each reversal condition on its own (largest local maximum in the burst window).
    func burstLatency(_ m: MatchedCondition<BarEvents>, _ rates: [Float]?) -> Double? {
        guard let rates, !rates.isEmpty else { return nil }
        return ReversalMetrics.measureSpeed(m.condition.events.speedPixelsPerFrame, reversal: aligned(m, rates), control: nil,
                                            settings: parameters).burstLatencyMs
    }

    func curve() throws -> FigureSpec {
        var axes: [Axes] = []
        for v in speeds {
            let group = conditions(speed: v, reverses: true)
            func points(_ rates: (ConditionAnalysis) -> [Float]?) -> [(x: Double, y: Double?)] {
                group.map { (Units.microns(pixels: $0.condition.events.referencePointPixels - centre), burstLatency($0, rates($0.analysis))) }
            }
            let population = r.fullMetric.speeds.first { $0.speedPixelsPerFrame == v }?.burstLatencyMs
            axes.append(try CatalogueCurves.panel(
                xLabel: "reversal point from RF centre", xUnit: "µm", yLabel: "burst latency", yUnit: "ms",
                full: CatalogueCurves.curve("full CNN", points { $0.fullHz }),
                reduced: CatalogueCurves.curve("reduced circuit", points { $0.reducedHz }),
                groundTruth: groundTruth ? CatalogueCurves.curve("ground truth", points { $0.groundTruthHz }) : nil,
                reference: population.map { CurveReference(slope: 0, intercept: $0, label: "full CNN, mean trace") },
                title: CatalogueText.speed(pixelsPerFrame: v), emptyMessage: "no burst \(CatalogueText.number(parameters.burstWindowStartMs, 0))–"
                    + "\(CatalogueText.number(parameters.burstWindowEndMs, 0)) ms after reversal"))
        }
        func row(_ m: ReversalMetrics?, _ name: String) -> String {
            "\(name) \(CatalogueText.number(m?.meanBurstLatencyMs, 0)) ms (smallest ratio of burst to smooth-motion peak "
                + "\(CatalogueText.number(m?.minimumBurstRatio, 1)))"
        }
        let caption = "Motion reversal: latency of the burst after the reversal (largest local maximum "
            + "\(CatalogueText.number(parameters.burstWindowStartMs, 0))–\(CatalogueText.number(parameters.burstWindowEndMs, 0)) ms after it, "
            + "parabolic interpolation), ms, for each reversal point on its own, against the reversal point relative to the RF centre "
            + "(µm), one panel per speed; \(CatalogueText.meanRate(r.cells)). Points: full CNN; green dashed: reduced circuit; grey dotted: "
            + "ground-truth retina; grey dashed line: the full CNN's burst latency on the trace averaged over reversal points. A flat "
            + "curve = a burst at a fixed latency wherever the reversal happens. Mean latency over speeds: "
            + [row(r.fullMetric, "full"), row(r.reducedMetric, "reduced"), groundTruth ? row(r.groundTruthMetric, "ground truth") : nil]
                .compactMap { $0 }.joined(separator: "; ") + ". Points without a burst are not drawn."
        return CatalogueCurves.figure(id: "reversal-curve", caption: caption, axes: axes, columns: max(1, axes.count), shareX: true,
                                      shareY: true, widthMillimetres: axes.count > 1 ? FigureSpec.doubleColumnMillimetres : FigureSpec.singleColumnMillimetres,
                                      rowHeightMillimetres: 62)
    }
}

extension CatalogueReversal {
    /// The result's conditions matched with the protocol it carries (RF centre required).
    init(_ r: ReversalAnalysisResult) throws {
        let parameters = r.parameters
        let h = r.channelTypes.history
        guard let centre = r.rfCentreXPixels else {
            throw FigureError.invalidInput(builder: "FigureCatalogue(reversal)", reason: "the result has no RF centre (rfCentreXPixels is nil); expected a bar analysis")
        }
        var conditions: [ReversalCondition] = []
        for v in parameters.speedsPixelsPerFrame {
            for xr in parameters.reversalPoints(centresX: [centre]) {
                for reverses in [true, false] {
                    conditions.append(try parameters.condition(speed: v, reversalPointPixels: xr, reverses: reverses, screen: .point,
                                                               historyFrames: h))
                }
            }
        }
        let matched = try CatalogueConditions.match(r.conditions, conditions, history: h, phenomenon: .reversal)
        self.init(r: r, matched: matched, parameters: parameters, centre: centre)
    }
}
