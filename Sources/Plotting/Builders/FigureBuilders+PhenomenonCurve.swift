extension FigureBuilders {
    /// A phenomenon summary curve (latency vs period, intensity or speed): ground truth as a grey dotted
    /// line (drawn first), reduced model as a dashed line, full model as points with SD error bars, plus
    /// any extra curves and an optional labelled reference line (e.g. slope 1 for OSR timing).
    public static func phenomenonCurvePanel(
        xLabel: String, xUnit: String?, yLabel: String, yUnit: String?, full: CurveData? = nil,
        reduced: CurveData? = nil, groundTruth: CurveData? = nil, extra: [CurveData] = [],
        reference: CurveReference? = nil, xScale: AxisScale = .linear, title: String? = nil
    ) throws -> PanelContent {
        let name = "phenomenonCurve"
        let curves = [groundTruth, reduced, full].compactMap { $0 } + extra
        try require(!curves.isEmpty, name, "expected at least one curve, found none")
        for curve in curves {
            try require(!curve.x.isEmpty && curve.x.count == curve.y.count, name,
                        "curve '\(curve.label)' has \(curve.x.count) x and \(curve.y.count) y values, expected equal non-zero counts")
            if let e = curve.yError {
                try require(e.count == curve.x.count, name, "curve '\(curve.label)' has \(e.count) error values, expected \(curve.x.count)")
            }
        }
        var elements: [PlotElement] = []
        if let reference {
            elements.append(.reference(ReferenceLine(.affine(slope: reference.slope, intercept: reference.intercept),
                                                     style: LineStyle(color: RGBColor(hex: 0xA6A6A6), widthPoints: 0.6, dash: .dashed),
                                                     label: reference.label, inLegend: true)))
        }
        if let g = groundTruth {
            elements.append(.line(LineSeries(x: g.x, y: g.y, style: ConditionStyle.groundTruth, label: g.label)))
        }
        if let r = reduced {
            elements.append(.line(LineSeries(x: r.x, y: r.y, style: ConditionStyle.reduced, label: r.label)))
        }
        // Extra curves cycle through the Okabe–Ito colours the fixed series do not use (black is the
        // full model, bluish green the reduced circuit), so no extra line looks like either.
        let extraColors = [OkabeIto.reddishPurple, OkabeIto.orange, OkabeIto.skyBlue, OkabeIto.blue, OkabeIto.vermillion, OkabeIto.yellow]
        for (i, e) in extra.enumerated() {
            let style = LineStyle(color: extraColors[i % extraColors.count], widthPoints: 1, dash: i < extraColors.count ? .solid : .dashed)
            elements.append(.line(LineSeries(x: e.x, y: e.y, style: style, label: e.label)))
        }
        if let f = full {
            elements.append(.scatter(ScatterSeries(x: f.x, y: f.y, yError: f.yError,
                                                   marker: MarkerStyle(shape: .circle, color: ConditionStyle.fullColor, sizePoints: 3.6),
                                                   label: f.label)))
        }
        return .axes(Axes(x: AxisSpec(label: xLabel, unit: xUnit, limits: .padded(fraction: 0.06), scale: xScale),
                          y: AxisSpec(label: yLabel, unit: yUnit, limits: .padded(fraction: 0.06)),
                          title: title, elements: elements))
    }

    public static func phenomenonCurve(
        id: String, caption: String, xLabel: String, xUnit: String?, yLabel: String, yUnit: String?,
        full: CurveData? = nil, reduced: CurveData? = nil, groundTruth: CurveData? = nil, extra: [CurveData] = [],
        reference: CurveReference? = nil, xScale: AxisScale = .linear,
        widthMillimetres: Double = FigureSpec.singleColumnMillimetres, heightMillimetres: Double = 60
    ) throws -> FigureSpec {
        let content = try phenomenonCurvePanel(xLabel: xLabel, xUnit: xUnit, yLabel: yLabel, yUnit: yUnit, full: full,
                                               reduced: reduced, groundTruth: groundTruth, extra: extra,
                                               reference: reference, xScale: xScale)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres, heightMillimetres: heightMillimetres,
                          grid: .uniform(rows: 1, columns: 1), panels: [Panel(content, at: GridCell(row: 0, column: 0))])
    }
}
