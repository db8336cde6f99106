import Mechanisms
import Phenomena
import Plotting
import RetinaCore

extension OmittedStimulusResponse: PhenomenonFigures {
    /// The omitted-stimulus-response figures: `osr-traces`, `osr-attribution`, `osr-filters`,
    /// `osr-curve`, `osr-circuit`.
    ///
    public static func figures(for r: OSRAnalysisResult) throws -> [FigureSpec] {
        let parameters = r.parameters
        let h = r.channelTypes.history
        let matched = try CatalogueConditions.match(r.conditions, parameters.conditions(screen: .point, historyFrames: h),
                                                    history: h, phenomenon: .osr)
        let picks = CatalogueConditions.representative(matched.count)
        let figures = [
            try CatalogueOSR.traces(r, matched, picks: picks, parameters: parameters),
            try CatalogueOSR.attribution(r, matched, picks: picks),
            try CatalogueMechanism.filters(of: r, circuitName: "OSR"),
            try CatalogueOSR.curve(r, parameters: parameters),
            try CatalogueMechanism.circuit(of: r, responseName: "omitted stimulus response"),
        ]
        return figures.map(CatalogueLegends.resolved)
    }

    /// OSR peak time after the last flash against the flash period (the `osr-curve` points).
    public static func headlineCurves(_ m: OSRMetrics, parameters: OSRProtocol, rfCentreXPixels: Double?) -> [HeadlineCurve] {
        [HeadlineCurve(xLabel: "flash period", xUnit: "ms", yLabel: "OSR peak after last flash", yUnit: "ms",
                       x: m.periods.map(\.periodMs), y: m.periods.map(\.peakLatencyAfterLastFlashMs))]
    }

    /// The middle period of the `osr-traces` panels, aligned on the omitted flash.
    public static func headlineTrace(for r: OSRAnalysisResult) throws -> HeadlineTrace {
        let h = r.channelTypes.history
        let matched = try CatalogueConditions.match(r.conditions, r.parameters.conditions(screen: .point, historyFrames: h),
                                                    history: h, phenomenon: .osr)
        let picks = CatalogueConditions.representative(matched.count)
        try FigureBuilders.require(!picks.isEmpty, "FigureCatalogue.headlineTrace(osr)", "the result has no conditions")
        let m = matched[picks[picks.count / 2]]
        return HeadlineTrace(condition: CatalogueOSR.periodLabel(m), timeLabel: "time from omitted flash",
                             timesMs: m.timesMs(after: Double(m.condition.events.omittedFlashFrame)), analysis: m.analysis)
    }
}

enum CatalogueOSR {
    static func periodLabel(_ m: MatchedCondition<OSREvents>) -> String {
        "period \(CatalogueText.trimmed(Double(m.condition.events.periodFrames) * Units.frameMilliseconds)) ms"
    }

    static func periods(_ matched: [MatchedCondition<OSREvents>], _ picks: [Int]) -> String {
        picks.map { CatalogueText.trimmed(Double(matched[$0].condition.events.periodFrames) * Units.frameMilliseconds) }
            .joined(separator: ", ")
    }

    static func traces(_ r: OSRAnalysisResult, _ matched: [MatchedCondition<OSREvents>], picks: [Int],
                       parameters: OSRProtocol) throws -> FigureSpec {
        let panels = picks.map { i -> TracePanel in
            let m = matched[i]
            return TracePanel(title: periodLabel(m), timesMs: m.timesMs(after: Double(m.condition.events.omittedFlashFrame)),
                              stimulus: .contrast(m.fullFieldContrast()), traces: CatalogueConditions.traces(m.analysis),
                              markers: [(0, "omitted flash")])
        }
        let gt = r.conditions.first?.groundTruthHz != nil
        let caption = "Omitted stimulus response of \(CatalogueText.meanRate(r.cells)). Top strips: full-field stimulus, "
            + "dark flashes (contrast \(CatalogueText.trimmed(parameters.flashContrast)), \(parameters.flashDurationFrames * 10) ms) "
            + "repeated with the period given above each panel, the last \(parameters.trainWindowPeriods) of the train shown; time 0 "
            + "(dashed line) is when the next flash was expected but omitted. Periods \(periods(matched, picks)) ms of the "
            + "\(matched.count) analysed. Below: firing rate in Hz, y limits shared by all panels. "
            + CatalogueText.modelStyles(groundTruth: gt) + " " + CatalogueText.reducedFit(r.reduction)
        return try CatalogueTraces.figure(id: "osr-traces", caption: caption, panels: panels, columns: picks.count,
                                          timeLabel: "time from omitted flash")
    }

    static func attribution(_ r: OSRAnalysisResult, _ matched: [MatchedCondition<OSREvents>], picks: [Int]) throws -> FigureSpec {
        // Common window relative to the omitted flash (conditions start at different times).
        let times = picks.map { matched[$0].timesMs(after: Double(matched[$0].condition.events.omittedFlashFrame)) }
        let lo = times.compactMap(\.first).max() ?? 0, hi = times.compactMap(\.last).min() ?? 0
        let panels = zip(picks, times).map { i, t -> AttributionPanel in
            let first = t.firstIndex { $0 >= lo - 1e-6 } ?? 0
            let last = t.lastIndex { $0 <= hi + 1e-6 } ?? (t.count - 1)
            return AttributionPanel(title: periodLabel(matched[i]), analysis: matched[i].analysis, rows: first..<(last + 1),
                                    timesMs: Array(t[first...last]))
        }
        let baseline = r.conditions.first?.attribution?.baselineRateHz ?? 0
        let kept = Set(r.reduction.kept.map(\.channel))
        return try CatalogueAttribution.channelFigure(id: "osr-attribution", caption: { limit in
            "Integrated-gradients attribution of \(CatalogueText.meanRate(r.cells)) to each first-layer channel, summed over space "
                + "(Eq. 3), during the omitted stimulus response; periods \(periods(matched, picks)) ms, time from the omitted flash "
                + "(\(CatalogueText.number(lo, 0)) to \(CatalogueText.number(hi, 0)) ms, the window all shown periods share). "
                + "Rows: channels c0…c\(r.channelTypes.types.count - 1) with their ON/OFF and fast/slow type in the pathway colour; "
                + "bold = kept in the reduced circuit. "
                + CatalogueText.attributionScale(limit: limit, panels: "all maps")
                + " The attributions of a time bin sum to the rate minus the gray-screen rate r₀ = \(CatalogueText.number(Double(baseline), 1)) Hz "
                + "(largest completeness gap \(CatalogueText.significant(r.completeness.maxAbsoluteGapHz)) Hz). Below each map: rate in Hz "
                + "(y limits shared) of the full CNN (black), whose response the attributions explain, and of the reduced circuit (green dashed)."
        }, panels: panels, types: r.channelTypes, kept: kept, timeLabel: "time from omitted flash")
    }

    static func curve(_ r: OSRAnalysisResult, parameters: OSRProtocol) throws -> FigureSpec {
        func points(_ m: OSRMetrics) -> [(x: Double, y: Double?)] { m.periods.map { ($0.periodMs, $0.peakLatencyAfterLastFlashMs) } }
        let spread = r.fullMetric.periods.map { p in
            CatalogueCurves.standardDeviation((r.perCellFullMetrics ?? []).map { cell in
                cell.periods.first { $0.periodMs == p.periodMs }?.peakLatencyAfterLastFlashMs })
        }
        let full = CatalogueCurves.curve("full CNN", points(r.fullMetric), error: spread)
        let reduced = CatalogueCurves.curve("reduced circuit", points(r.reducedMetric))
        let truth = r.groundTruthMetric.flatMap { CatalogueCurves.curve("ground truth", points($0)) }
        let anchor = full ?? truth ?? reduced
        let reference = anchor.map { c in
            CurveReference(slope: 1, intercept: zip(c.x, c.y).map { $1 - $0 }.reduce(0, +) / Double(c.x.count),
                           label: "slope 1 (locked to expected flash)")
        }
        let ablation = r.subtractiveMetric.flatMap { CatalogueCurves.curve(CatalogueText.ablationLabel, points($0)) }
        let axes = try CatalogueCurves.panel(xLabel: "flash period", xUnit: "ms", yLabel: "OSR peak after last flash", yUnit: "ms",
                                             full: full, reduced: reduced, groundTruth: truth, extra: ablation.map { [$0] } ?? [],
                                             reference: reference, emptyMessage: "no OSR peak found")
        func slope(_ m: OSRMetrics?) -> String { CatalogueText.number(m?.slopeVsPeriod, 2) }
        let caption = "OSR timing against the flash period. y: time of the response peak after the omitted flash (centroid of the part above "
            + "\(CatalogueText.number(100 * parameters.peakCentroidFraction, 0)) % of the largest local maximum "
            + "\(CatalogueText.number(parameters.analysisWindowStartMs, 0))–\(CatalogueText.number(parameters.analysisWindowEndMs, 0)) ms "
            + "after the omission), in ms from the onset of the last real flash. Points: full CNN on \(CatalogueText.meanRate(r.cells)), "
            + "error bars = SD of the \(r.cells.count) cells' own peak times (shown when at least two cells have a peak); green dashed: "
            + "reduced circuit; grey dotted: ground-truth retina. Grey dashed line: slope 1 through the mean offset of the points, the "
            + "expectation for a response locked to the expected flash (slope 0 = locked to the last flash). Fitted slopes: full "
            + "\(slope(r.fullMetric)), reduced \(slope(r.reducedMetric)), ground truth \(slope(r.groundTruthMetric))"
            + (ablation == nil ? "" : "; " + CatalogueText.ablationCaption + " \(slope(r.subtractiveMetric))")
            + ". Periods without a peak are not drawn."
        return CatalogueCurves.figure(id: "osr-curve", caption: caption, axes: [axes], columns: 1, shareX: false, shareY: false,
                                      widthMillimetres: FigureSpec.singleColumnMillimetres, rowHeightMillimetres: 62)
    }
}
