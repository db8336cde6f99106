import Mechanisms
import Phenomena
import Plotting

extension LatencyCoding: PhenomenonFigures {
    /// The latency-coding figures: `latency-traces`, `latency-attribution`, `latency-filters`,
    /// `latency-curve`, `latency-circuit`.
    ///
    public static func figures(for r: LatencyAnalysisResult) throws -> [FigureSpec] {
        let parameters = r.parameters
        let h = r.channelTypes.history
        let matched = try CatalogueConditions.match(r.conditions, parameters.conditions(screen: .point, historyFrames: h),
                                                    history: h, phenomenon: .latency)
        let picks = CatalogueConditions.representative(matched.count, count: 4)
        let figures = [
            try CatalogueLatency.traces(r, matched, picks: picks, parameters: parameters),
            try CatalogueLatency.attribution(r, matched, picks: picks),
            try CatalogueMechanism.filters(of: r, circuitName: "latency-coding"),
            try CatalogueLatency.curve(r, parameters: parameters),
            try CatalogueMechanism.circuit(of: r, responseName: "latency coding"),
        ]
        return figures.map(CatalogueLegends.resolved)
    }

    /// Peak latency against step contrast (the `latency-curve` points, log contrast axis).
    public static func headlineCurves(_ m: LatencyMetrics, parameters: LatencyProtocol, rfCentreXPixels: Double?) -> [HeadlineCurve] {
        let points = m.measurements.filter { $0.contrast > 0 }
        return [HeadlineCurve(xLabel: "step contrast", xUnit: nil, yLabel: "peak latency", yUnit: "ms", xLogarithmic: true,
                              x: points.map(\.contrast), y: points.map(\.peakLatencyMs))]
    }

    /// The strongest step (largest |contrast|, the clearest response), aligned on its onset.
    public static func headlineTrace(for r: LatencyAnalysisResult) throws -> HeadlineTrace {
        let h = r.channelTypes.history
        let matched = try CatalogueConditions.match(r.conditions, r.parameters.conditions(screen: .point, historyFrames: h),
                                                    history: h, phenomenon: .latency)
        guard let m = matched.max(by: { abs($0.condition.events.contrast) < abs($1.condition.events.contrast) }) else {
            throw FigureError.invalidInput(builder: "FigureCatalogue.headlineTrace(latency)", reason: "the result has no conditions")
        }
        return HeadlineTrace(condition: CatalogueLatency.contrastLabel(m), timeLabel: "time from step onset",
                             timesMs: m.timesMs(after: Double(m.condition.events.onsetFrame)), analysis: m.analysis)
    }
}

enum CatalogueLatency {
    static func contrastLabel(_ m: MatchedCondition<StepEvents>) -> String {
        "contrast \(CatalogueText.trimmed(m.condition.events.contrast))"
    }

    static func contrasts(_ matched: [MatchedCondition<StepEvents>], _ picks: [Int]) -> String {
        picks.map { CatalogueText.trimmed(matched[$0].condition.events.contrast) }.joined(separator: ", ")
    }

    static func stepText(_ p: LatencyProtocol) -> String {
        "full-field \(p.polarity < 0 ? "dark" : "bright") step from gray, held \(p.stepDurationFrames * 10) ms"
    }

    static func traces(_ r: LatencyAnalysisResult, _ matched: [MatchedCondition<StepEvents>], picks: [Int],
                       parameters: LatencyProtocol) throws -> FigureSpec {
        let panels = picks.map { i -> TracePanel in
            let m = matched[i]
            return TracePanel(title: contrastLabel(m), timesMs: m.timesMs(after: Double(m.condition.events.onsetFrame)),
                              stimulus: .contrast(m.fullFieldContrast()), traces: CatalogueConditions.traces(m.analysis),
                              markers: [(0, "step onset")])
        }
        let caption = "Latency coding: responses of \(CatalogueText.meanRate(r.cells)) to a \(stepText(parameters)) (top strips, "
            + "grey block = the step, its depth proportional to the contrast, limits shared), for contrasts \(contrasts(matched, picks)) "
            + "of the \(matched.count) analysed; time from step onset (dashed line). Below: firing rate in Hz, y limits shared. "
            + CatalogueText.modelStyles(groundTruth: r.conditions.first?.groundTruthHz != nil) + " " + CatalogueText.reducedFit(r.reduction)
        return try CatalogueTraces.figure(id: "latency-traces", caption: caption, panels: panels, columns: picks.count,
                                          timeLabel: "time from step onset")
    }

    static func attribution(_ r: LatencyAnalysisResult, _ matched: [MatchedCondition<StepEvents>], picks: [Int]) throws -> FigureSpec {
        let times = picks.map { matched[$0].timesMs(after: Double(matched[$0].condition.events.onsetFrame)) }
        let lo = times.compactMap(\.first).max() ?? 0, hi = times.compactMap(\.last).min() ?? 0
        let panels = zip(picks, times).map { i, t -> AttributionPanel in
            let first = t.firstIndex { $0 >= lo - 1e-6 } ?? 0
            let last = t.lastIndex { $0 <= hi + 1e-6 } ?? (t.count - 1)
            return AttributionPanel(title: contrastLabel(matched[i]), analysis: matched[i].analysis, rows: first..<(last + 1),
                                    timesMs: Array(t[first...last]))
        }
        let baseline = r.conditions.first?.attribution?.baselineRateHz ?? 0
        return try CatalogueAttribution.channelFigure(id: "latency-attribution", caption: { limit in
            "Integrated-gradients attribution of \(CatalogueText.meanRate(r.cells)) to each first-layer channel, summed over space "
                + "(Eq. 3), for steps of contrast \(contrasts(matched, picks)); time from step onset. Rows: channels "
                + "c0…c\(r.channelTypes.types.count - 1) with their ON/OFF and fast/slow type in the pathway colour; bold = kept in the "
                + "reduced circuit. " + CatalogueText.attributionScale(limit: limit, panels: "all maps")
                + " The attributions of a time bin sum to the rate minus the gray-screen rate r₀ = \(CatalogueText.number(Double(baseline), 1)) Hz "
                + "(largest completeness gap \(CatalogueText.significant(r.completeness.maxAbsoluteGapHz)) Hz). Below each map: rate in Hz "
                + "(y limits shared) of the full CNN (black), whose response the attributions explain, and of the reduced circuit (green dashed)."
        }, panels: panels, types: r.channelTypes, kept: Set(r.reduction.kept.map(\.channel)),
           timeLabel: "time from step onset")
    }

    static func curve(_ r: LatencyAnalysisResult, parameters: LatencyProtocol) throws -> FigureSpec {
        func points(_ m: LatencyMetrics) -> [(x: Double, y: Double?)] {
            m.measurements.filter { $0.contrast > 0 }.map { ($0.contrast, $0.peakLatencyMs) }
        }
        let contrasts = r.fullMetric.measurements.filter { $0.contrast > 0 }.map(\.contrast)
        let spread = contrasts.map { c in
            CatalogueCurves.standardDeviation((r.perCellFullMetrics ?? []).map { cell in
                cell.measurements.first { $0.contrast == c }?.peakLatencyMs })
        }
        let axes = try CatalogueCurves.panel(
            xLabel: "step contrast", xUnit: nil, yLabel: "peak latency", yUnit: "ms",
            full: CatalogueCurves.curve("full CNN", points(r.fullMetric), error: spread),
            reduced: CatalogueCurves.curve("reduced circuit", points(r.reducedMetric)),
            groundTruth: r.groundTruthMetric.flatMap { CatalogueCurves.curve("ground truth", points($0)) },
            extra: r.subtractiveMetric.flatMap { CatalogueCurves.curve(CatalogueText.ablationLabel, points($0)) }.map { [$0] } ?? [],
            xScale: .log10, emptyMessage: "no response peak found")
        func shift(_ m: LatencyMetrics?) -> String { CatalogueText.number(m?.shiftMs, 0) }
        func rho(_ m: LatencyMetrics?) -> String { CatalogueText.number(m?.spearmanRho, 2) }
        let caption = "Latency coding: time of the response peak after step onset (argmax "
            + "\(CatalogueText.number(parameters.peakWindowStartMs, 0))–\(CatalogueText.number(parameters.peakWindowEndMs, 0)) ms, "
            + "parabolic interpolation), ms, against the step contrast (log axis; \(stepText(parameters))). Points: full CNN on "
            + "\(CatalogueText.meanRate(r.cells)), error bars = SD of the \(r.cells.count) cells' own peak latencies (when at least two "
            + "have a peak); green dashed: reduced circuit; grey dotted: ground-truth retina. Latency shift from the lowest to the "
            + "highest contrast: full \(shift(r.fullMetric)) ms, reduced \(shift(r.reducedMetric)) ms, ground truth "
            + "\(shift(r.groundTruthMetric)) ms; Spearman ρ(latency, contrast): full \(rho(r.fullMetric)), reduced \(rho(r.reducedMetric)), "
            + "ground truth \(rho(r.groundTruthMetric))"
            + (r.subtractiveMetric == nil ? "." : "; " + CatalogueText.ablationCaption + ": shift \(shift(r.subtractiveMetric)) ms, "
                + "ρ \(rho(r.subtractiveMetric)).")
        return CatalogueCurves.figure(id: "latency-curve", caption: caption, axes: [axes], columns: 1, shareX: false, shareY: false,
                                      widthMillimetres: FigureSpec.singleColumnMillimetres, rowHeightMillimetres: 62)
    }
}
