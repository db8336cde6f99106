import Mechanisms
import Phenomena
import Plotting
import RetinaCore

extension MotionAnticipation: PhenomenonFigures {
    /// The motion-anticipation figures: `anticipation-traces`, `anticipation-attribution`,
    /// `anticipation-filters`, `anticipation-curve`, `anticipation-circuit`.
    ///
    public static func figures(for r: AnticipationAnalysisResult) throws -> [FigureSpec] {
        let parameters = r.parameters
        let h = r.channelTypes.history
        guard let centre = r.rfCentreXPixels else {
            throw FigureError.invalidInput(builder: "FigureCatalogue(anticipation)",
                                           reason: "the result has no RF centre (rfCentreXPixels is nil); expected a bar analysis")
        }
        let moving = try parameters.movingBarConditions(screen: .point, historyFrames: h, centresX: [centre])
        let flashes = try parameters.flashedBarConditions(screen: .point, historyFrames: h,
                                                          positionsPixels: parameters.flashPositions(centresX: [centre]))
        guard r.conditions.count == moving.count + flashes.count else {
            throw FigureError.invalidInput(builder: "FigureCatalogue(anticipation)",
                                           reason: "the result has \(r.conditions.count) conditions but the given protocol produces "
                                               + "\(moving.count) moving and \(flashes.count) flashed bars; pass the protocol the analysis ran with")
        }
        let matched = try CatalogueConditions.match(Array(r.conditions.prefix(moving.count)), moving, history: h, phenomenon: .anticipation)
        _ = try CatalogueConditions.match(Array(r.conditions.dropFirst(moving.count)), flashes, history: h, phenomenon: .anticipation)
        let c = CatalogueAnticipation(r: r, moving: matched, parameters: parameters, centre: centre)
        let figures = [
            try c.traces(),
            try c.attribution(),
            try CatalogueMechanism.filters(of: r, circuitName: "motion-anticipation"),
            try c.curve(),
            try CatalogueMechanism.circuit(of: r, responseName: "motion-anticipation response"),
        ]
        return figures.map(CatalogueLegends.resolved)
    }

    /// The moving-bar response profile against the bar position from the RF centre, signed along the
    /// motion, one panel per speed and direction (the profile whose peak gives δ).
    public static func headlineCurves(_ m: AnticipationMetrics, parameters: AnticipationProtocol, rfCentreXPixels: Double?) -> [HeadlineCurve] {
        m.moving.sorted { ($0.speedPixelsPerFrame, $0.direction.sign) < ($1.speedPixelsPerFrame, $1.direction.sign) }.map { bar in
            let points = bar.profile.sorted { $0.positionPixels < $1.positionPixels }
            return HeadlineCurve(title: "\(CatalogueAnticipation.arrow(bar.direction)) \(CatalogueText.shortSpeed(pixelsPerFrame: bar.speedPixelsPerFrame))",
                                 xLabel: "bar position along the motion", xUnit: "µm", yLabel: "rate", yUnit: "Hz",
                                 x: points.map { Units.microns(pixels: $0.positionPixels) }, y: points.map { $0.rateHz })
        }
    }

    /// The first moving bar (the first speed, of the headline δ, and the first direction), aligned on
    /// the moment its centre crosses the RF centre.
    public static func headlineTrace(for r: AnticipationAnalysisResult) throws -> HeadlineTrace {
        let builder = "FigureCatalogue.headlineTrace(anticipation)"
        guard let centre = r.rfCentreXPixels else {
            throw FigureError.invalidInput(builder: builder, reason: "the result has no RF centre (rfCentreXPixels is nil); expected a bar analysis")
        }
        let moving = try r.parameters.movingBarConditions(screen: .point, historyFrames: r.channelTypes.history, centresX: [centre])
        let matched = try CatalogueConditions.match(Array(r.conditions.prefix(moving.count)), moving, history: r.channelTypes.history,
                                                    phenomenon: .anticipation)
        guard let m = matched.first else { throw FigureError.invalidInput(builder: builder, reason: "the result has no moving bar") }
        let c = CatalogueAnticipation(r: r, moving: matched, parameters: r.parameters, centre: centre)
        return HeadlineTrace(condition: c.title(m.condition.events, short: false), timeLabel: "time from RF-centre crossing",
                             timesMs: m.timesMs(after: c.passingFrame(m.condition.events)), analysis: m.analysis)
    }
}

struct CatalogueAnticipation {
    let r: AnticipationAnalysisResult
    let moving: [MatchedCondition<BarEvents>]
    let parameters: AnticipationProtocol
    let centre: Double

    static let rightwardColor = RGBColor(hex: 0x5E3C99)
    static let leftwardColor = OkabeIto.reddishPurple
    static let flashColor = RGBColor(hex: 0x595959)

    var groundTruth: Bool { r.conditions.first?.groundTruthHz != nil }

    /// Fractional frame at which the bar centre is at the RF centre.
    func passingFrame(_ e: BarEvents) -> Double {
        Double(e.referenceFrame) + (centre - e.referencePointPixels) / (e.direction.sign * e.speedPixelsPerFrame)
    }

    static func arrow(_ d: MotionDirection) -> String { d == .rightward ? "→" : "←" }

    func title(_ e: BarEvents, short: Bool) -> String {
        short ? "\(Self.arrow(e.direction)) \(CatalogueText.shortSpeed(pixelsPerFrame: e.speedPixelsPerFrame))"
            : "\(e.direction.rawValue), \(CatalogueText.shortSpeed(pixelsPerFrame: e.speedPixelsPerFrame))"
    }

    var barText: String {
        CatalogueText.bar(contrast: parameters.barContrast, widthPixels: parameters.barWidthPixels)
    }

    func traces() throws -> FigureSpec {
        let panels = moving.map { m in
            TracePanel(title: title(m.condition.events, short: false), timesMs: m.timesMs(after: passingFrame(m.condition.events)),
                       stimulus: .barMicrons([m.barCentreMicrons(rfCentreX: centre)]), traces: CatalogueConditions.traces(m.analysis),
                       markers: [(0, "bar at RF centre")])
        }
        let columns = max(1, parameters.directions.count)
        let caption = "Motion anticipation: \(barText) drifts across the receptive field (RF centre x = "
            + "\(CatalogueText.number(r.rfCentreXPixels, 1)) px) of the column of \(CatalogueText.cells(r.cells)), in each direction and at each speed (panels; "
            + "\(CatalogueText.number(Units.microns(pixels: parameters.travelPixels), 0)) µm of travel on each side). Top strips: bar centre "
            + "relative to the RF centre, µm (dotted line = RF centre). Below: \(CatalogueText.meanRate(r.cells)), Hz, y limits shared; "
            + "time in ms from the moment the bar centre crosses the RF centre (dashed line; x limits shared within a row). "
            + CatalogueText.modelStyles(groundTruth: groundTruth) + " " + CatalogueText.reducedFit(r.reduction)
        return try CatalogueTraces.figure(id: "anticipation-traces", caption: caption, panels: panels, columns: columns,
                                          xSharing: .perRow, timeLabel: "time from RF-centre crossing", rowHeightMillimetres: 50)
    }

    func attribution() throws -> FigureSpec {
        let speed = parameters.speedsPixelsPerFrame.first
        let picks = moving.filter { $0.condition.events.speedPixelsPerFrame == speed }
        let kernel = r.channelTypes.kernel
        let columns = picks.first?.analysis.attribution?.columns ?? 0
        let lo = Units.microns(pixels: Double(kernel - 1) / 2 - 0.5 - centre)
        let hi = Units.microns(pixels: Double(columns - 1) + Double(kernel - 1) / 2 + 0.5 - centre)
        let panels = picks.map { m -> AttributionPanel in
            let bar = m.barCentreMicrons(rfCentreX: centre)
            let times = m.timesMs(after: passingFrame(m.condition.events))
            // Rows while the bar centre is over the mapped positions.
            let inside = bar.indices.filter { bar[$0].map { $0 >= lo && $0 <= hi } ?? false }
            let rows = inside.count >= 2 ? inside.first!..<(inside.last! + 1) : 0..<m.rows
            return AttributionPanel(title: Self.arrow(m.condition.events.direction), analysis: m.analysis, rows: rows,
                                    timesMs: Array(times[rows]), trajectoryMicrons: Array(bar[rows]))
        }
        let channels = CatalogueMechanism.keptChannels(r.reduction)
        return try CatalogueAttribution.positionFigure(id: "anticipation-attribution", caption: { limit in
            "Integrated-gradients attribution of \(CatalogueText.meanRate(r.cells)) to first-layer units, summed over rows (Eq. 4): "
                + "position (µm, map-column centre relative to the RF centre) × time (ms) from the moment the bar centre crosses the RF "
                + "centre, one column per kept "
                + "channel (\(channels.map { CatalogueText.channel($0, r.channelTypes) }.joined(separator: ", "))), one row per direction "
                + "(→ rightward, ← leftward) of \(barText) drifting at \(CatalogueText.speed(pixelsPerFrame: speed ?? 0)); times while the bar "
                + "centre is over the mapped positions. Dashed line: bar centre; dotted: RF centre; coloured bar at the right edge: the "
                + "columns of that channel kept in the reduced circuit. " + CatalogueText.attributionScale(limit: limit, panels: "all maps")

        }, panels: panels, channels: channels, types: r.channelTypes, keptGroups: r.reduction.kept, rfCentreX: centre,
           timeLabel: "time from crossing")
    }

    /// `y / max y` (unchanged when the maximum is not positive).
    static func normalised(_ y: [Double]) -> [Double] {
        guard let m = y.max(), m > 0 else { return y }
        return y.map { $0 / m }
    }

    /// Profiles of one model at one speed: moving bars (screen position relative to the RF centre, µm)
    /// and the flashed-bar profile, each normalised to its own maximum.
    func profileAxes(_ m: AnticipationMetrics, model: String, speed v: Double) -> Axes {
        var elements: [PlotElement] = [.reference(ReferenceLine(.vertical(x: 0), style: LineStyle(color: RGBColor(hex: 0xA6A6A6), widthPoints: 0.6, dash: .dashed)))]
        let flash = m.flashProfile.compactMap { f -> (Double, Double)? in
            guard let y = f.rateAtCommonTimeHz ?? f.peakRateHz, y.isFinite else { return nil }
            return (Units.microns(pixels: f.centrePixels - centre), y)
        }
        if flash.count >= 2 {
            let y = Self.normalised(flash.map(\.1))
            elements.append(.line(LineSeries(x: flash.map(\.0), y: y, style: LineStyle(color: Self.flashColor, widthPoints: 0.8))))
            elements.append(.scatter(ScatterSeries(x: flash.map(\.0), y: y, marker: MarkerStyle(shape: .circle, color: Self.flashColor, sizePoints: 2.2),
                                                   label: "flashed")))
        }
        for bar in m.moving where bar.speedPixelsPerFrame == v {
            let points = bar.profile.map { (Units.microns(pixels: bar.direction.sign * $0.positionPixels), $0.rateHz) }
                .filter { $0.1.isFinite }.sorted { $0.0 < $1.0 }
            guard points.count >= 2 else { continue }
            let color = bar.direction == .rightward ? Self.rightwardColor : Self.leftwardColor
            elements.append(.line(LineSeries(x: points.map(\.0), y: Self.normalised(points.map(\.1)),
                                             style: LineStyle(color: color, widthPoints: 1.2),
                                             label: "moving \(Self.arrow(bar.direction))")))
        }
        return Axes(x: AxisSpec(label: "bar position from RF centre", unit: "µm", limits: .nice, ticks: .maxCount(6)),
                    y: AxisSpec(label: "normalised rate", limits: .niceIncludingZero, ticks: .maxCount(5)),
                    title: "\(model) · \(CatalogueText.shortSpeed(pixelsPerFrame: v))", elements: elements,
                    legend: LegendSpec(placement: .automatic))
    }

    func curve() throws -> FigureSpec {
        var models: [(String, AnticipationMetrics)] = [("full CNN", r.fullMetric), ("reduced circuit", r.reducedMetric)]
        if let g = r.groundTruthMetric { models.append(("ground truth", g)) }
        var axes: [Axes] = []
        for v in parameters.speedsPixelsPerFrame.sorted() {
            for (name, m) in models {
                axes.append(profileAxes(m, model: name, speed: v))
            }
        }
        func deltas(_ m: AnticipationMetrics?) -> String {
            guard let m else { return "n/a" }
            return m.bySpeed.map { "\(CatalogueText.number($0.meanDeltaMicrons, 0)) µm at \(CatalogueText.shortSpeed(pixelsPerFrame: $0.speedPixelsPerFrame))" }
                .joined(separator: ", ") + " (L_flash \(CatalogueText.number(m.flashLatencyMs, 0)) ms)"
        }
        let caption = "Motion anticipation: response profiles of \(CatalogueText.meanRate(r.cells)) against the bar-centre position "
            + "relative to the RF centre (µm, screen coordinates; dashed line = RF centre), one column per model (full CNN, reduced circuit"
            + (groundTruth ? ", ground-truth retina" : "") + "), one row per speed. Purple: bar moving rightward (→); pink: leftward (←); "
            + "grey points: bars flashed for \(parameters.flashDurationFrames * 10) ms at each position (rate at the common time after "
            + "onset where the mean flash response peaks). Each curve is normalised to its own maximum; axes shared. A moving-bar peak "
            + "on the near side of the RF centre (left for →, right for ←) means the response anticipates the bar. δ (bar centre relative "
            + "to the RF centre at the response peak, along the motion, mean over directions; negative = leads): full \(deltas(r.fullMetric)); "
            + "reduced \(deltas(r.reducedMetric))" + (groundTruth ? "; ground truth \(deltas(r.groundTruthMetric))" : "") + "."
        return CatalogueCurves.figure(id: "anticipation-curve", caption: caption, axes: axes, columns: models.count, shareX: true,
                                      shareY: true, widthMillimetres: FigureSpec.doubleColumnMillimetres, rowHeightMillimetres: 55)
    }
}
