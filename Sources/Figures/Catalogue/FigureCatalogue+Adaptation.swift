import Mechanisms
import Phenomena
import Plotting
import RetinaCore

extension ContrastAdaptation: PhenomenonFigures {
    /// The contrast-adaptation figures: `adaptation-traces`, `adaptation-attribution`,
    /// `adaptation-filters`, `adaptation-curve`, `adaptation-circuit`.
    public static func figures(for r: MechanismAnalysis<ContrastAdaptation>) throws -> [FigureSpec] {
        let parameters = r.parameters
        let h = r.channelTypes.history
        let matched = try CatalogueConditions.match(r.conditions, parameters.conditions(screen: .point, historyFrames: h),
                                                    history: h, phenomenon: id)
        let figures = [
            try CatalogueAdaptation.traces(r, matched, parameters: parameters),
            try CatalogueAdaptation.attribution(r, matched),
            try CatalogueMechanism.filters(of: r, circuitName: "contrast-adaptation"),
            try CatalogueAdaptation.curve(r, parameters: parameters),
            try CatalogueMechanism.circuit(of: r, responseName: "response to contrast switches"),
        ]
        return figures.map(CatalogueLegends.resolved)
    }

    /// Relative gain against time after the contrast switch, to high and to low contrast (the
    /// `adaptation-curve` panels).
    public static func headlineCurves(_ m: AdaptationMetrics, parameters: AdaptationProtocol, rfCentreXPixels: Double?) -> [HeadlineCurve] {
        [("to high contrast", m.afterIncrease), ("to low contrast", m.afterDecrease)].map { title, t in
            HeadlineCurve(title: title, xLabel: "time after the switch", xUnit: "ms", yLabel: "relative gain", yUnit: nil,
                          x: t.binTimesMs, y: t.relativeGain)
        }
    }

    /// The first cycle, whole, aligned on the switch to high contrast (both switches marked).
    public static func headlineTrace(for r: MechanismAnalysis<ContrastAdaptation>) throws -> HeadlineTrace {
        let h = r.channelTypes.history
        let matched = try CatalogueConditions.match(r.conditions, r.parameters.conditions(screen: .point, historyFrames: h),
                                                    history: h, phenomenon: id)
        guard let m = matched.first else {
            throw FigureError.invalidInput(builder: "FigureCatalogue.headlineTrace(adaptation)", reason: "the result has no conditions")
        }
        let blockMs = Double(r.parameters.blockFrames) * Units.frameMilliseconds
        return HeadlineTrace(condition: m.condition.label, timeLabel: "time from the switch to high contrast",
                             timesMs: m.timesMs(after: Double(m.condition.events.upSwitchFrame)), analysis: m.analysis,
                             markersMs: [0, blockMs])
    }
}

enum CatalogueAdaptation {
    static func flickerText(_ p: AdaptationProtocol) -> String {
        "full-field Gaussian flicker (new value every \(p.holdFrames * 10) ms), SD \(CatalogueText.trimmed(p.lowContrastSD)) → "
            + "\(CatalogueText.trimmed(p.highContrastSD)) → \(CatalogueText.trimmed(p.lowContrastSD)) in blocks of "
            + "\(CatalogueText.trimmed(Double(p.blockFrames) / 100)) s"
    }

    /// The first cycle (and the second when there is one), whole: both switches marked.
    static func traces(_ r: MechanismAnalysis<ContrastAdaptation>, _ matched: [MatchedCondition<AdaptationEvents>],
                       parameters p: AdaptationProtocol) throws -> FigureSpec {
        let picks = Array(matched.indices.prefix(2))
        let blockMs = Double(p.blockFrames) * Units.frameMilliseconds
        let panels = picks.map { i -> TracePanel in
            let m = matched[i]
            return TracePanel(title: m.condition.label, timesMs: m.timesMs(after: Double(m.condition.events.upSwitchFrame)),
                              stimulus: .contrast(m.fullFieldContrast()), traces: CatalogueConditions.traces(m.analysis),
                              markers: [(0, "to high contrast"), (blockMs, "to low contrast")])
        }
        let caption = "Contrast adaptation: responses of \(CatalogueText.meanRate(r.cells)) to \(flickerText(p)) (top strips: the "
            + "flicker, limits shared), cycles \(picks.map { String($0 + 1) }.joined(separator: " and ")) of the \(matched.count) "
            + "analysed, each with its own flicker; time from the switch to high contrast (dashed lines: the two switches). Below: "
            + "firing rate in Hz, y limits shared. "
            + CatalogueText.modelStyles(groundTruth: r.conditions.first?.groundTruthHz != nil) + " " + CatalogueText.reducedFit(r.reduction)
        return try CatalogueTraces.figure(id: "adaptation-traces", caption: caption, panels: panels, columns: 1,
                                          timeLabel: "time from the switch to high contrast", rowHeightMillimetres: 46)
    }

    /// The explained rows of the explained cycles (around the switch to high contrast).
    static func attribution(_ r: MechanismAnalysis<ContrastAdaptation>,
                            _ matched: [MatchedCondition<AdaptationEvents>]) throws -> FigureSpec {
        let explained = matched.filter { $0.analysis.explained }.prefix(2)
        let panels = explained.map { m -> AttributionPanel in
            let t = m.timesMs(after: Double(m.condition.events.upSwitchFrame))
            return AttributionPanel(title: m.condition.label, analysis: m.analysis, rows: 0..<t.count, timesMs: t)
        }
        let baseline = r.conditions.first?.attribution?.baselineRateHz ?? 0
        return try CatalogueAttribution.channelFigure(id: "adaptation-attribution", caption: { limit in
            "Integrated-gradients attribution of \(CatalogueText.meanRate(r.cells)) to each first-layer channel, summed over space "
                + "(Eq. 3), around the switch to high contrast (time 0) in the explained cycles. Rows: channels "
                + "c0…c\(r.channelTypes.types.count - 1) with their ON/OFF and fast/slow type in the pathway colour; bold = kept in the "
                + "reduced circuit. " + CatalogueText.attributionScale(limit: limit, panels: "all maps")
                + " The attributions of a time bin sum to the rate minus the gray-screen rate r₀ = \(CatalogueText.number(Double(baseline), 1)) Hz "
                + "(largest completeness gap \(CatalogueText.significant(r.completeness.maxAbsoluteGapHz)) Hz). Below each map: rate in Hz "
                + "(y limits shared) of the full CNN (black), whose response the attributions explain, and of the reduced circuit (green dashed)."
        }, panels: Array(panels), types: r.channelTypes, kept: Set(r.reduction.kept.map(\.channel)),
           timeLabel: "time from the switch to high contrast")
    }

    /// The relative gain in time bins after each switch (1 = adapted to the new contrast), full vs
    /// reduced vs ground truth.
    static func curve(_ r: MechanismAnalysis<ContrastAdaptation>, parameters p: AdaptationProtocol) throws -> FigureSpec {
        func points(_ t: AdaptationTransient) -> [(x: Double, y: Double?)] { Array(zip(t.binTimesMs, t.relativeGain)) }
        func panel(_ pick: (AdaptationMetrics) -> AdaptationTransient, title: String) throws -> Axes {
            try CatalogueCurves.panel(
                xLabel: "time after the switch", xUnit: "ms", yLabel: "relative gain", yUnit: nil,
                full: CatalogueCurves.curve("full CNN", points(pick(r.fullMetric))),
                reduced: CatalogueCurves.curve("reduced circuit", points(pick(r.reducedMetric))),
                groundTruth: r.groundTruthMetric.flatMap { CatalogueCurves.curve("ground truth", points(pick($0))) },
                extra: r.subtractiveMetric.flatMap { CatalogueCurves.curve(CatalogueText.ablationLabel, points(pick($0))) }.map { [$0] } ?? [],
                reference: CurveReference(slope: 0, intercept: 1, label: "adapted gain"), title: title,
                emptyMessage: "no gain could be fitted")
        }
        let axes = [try panel(\.afterIncrease, title: "to high contrast"), try panel(\.afterDecrease, title: "to low contrast")]
        func ratio(_ m: AdaptationMetrics?) -> String { CatalogueText.number(m?.gainRatio, 2) }
        func tau(_ m: AdaptationMetrics?, _ pick: (AdaptationMetrics) -> AdaptationTransient) -> String {
            CatalogueText.number(m.flatMap { pick($0).timeConstantMs }, 0)
        }
        let caption = "Contrast adaptation: gain after each switch of \(flickerText(p)), relative to the gain adapted to the new "
            + "contrast (1, grey dashed line). The gain of a \(CatalogueText.trimmed(p.gainBinMs)) ms bin is the least-squares slope "
            + "of the rate on the prediction of the linear filter fitted to the steady state of the new contrast, over the "
            + "\(r.conditions.count) cycles; a gain above 1 after the switch to high contrast falls as the cell adapts, a gain below 1 "
            + "after the switch to low contrast recovers. Black: full CNN on \(CatalogueText.meanRate(r.cells)); green dashed: reduced "
            + "circuit; grey dotted: ground-truth retina. Steady-state gain ratio low / high contrast: full \(ratio(r.fullMetric)), "
            + "reduced \(ratio(r.reducedMetric)), ground truth \(ratio(r.groundTruthMetric)); time constant after the switch up: full "
            + "\(tau(r.fullMetric, \.afterIncrease)) ms, reduced \(tau(r.reducedMetric, \.afterIncrease)) ms, ground truth "
            + "\(tau(r.groundTruthMetric, \.afterIncrease)) ms"
            + (r.subtractiveMetric == nil ? "." : "; " + CatalogueText.ablationCaption + ": gain ratio \(ratio(r.subtractiveMetric)).")
        return CatalogueCurves.figure(id: "adaptation-curve", caption: caption, axes: axes, columns: 2, shareX: true, shareY: true,
                                      widthMillimetres: FigureSpec.doubleColumnMillimetres, rowHeightMillimetres: 62)
    }
}
