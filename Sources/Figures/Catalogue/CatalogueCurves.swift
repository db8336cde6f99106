import Plotting
/// Summary-curve panels of the catalogue (phenomenon metric against the swept parameter).
enum CatalogueCurves {
    /// Points `(x, y)` with a y, as a curve (nil when none has one).
    static func curve(_ label: String, _ points: [(x: Double, y: Double?)], error: [Double?]? = nil) -> CurveData? {
        let kept = points.indices.filter { points[$0].y?.isFinite ?? false }
        guard !kept.isEmpty else { return nil }
        let errors = error.map { e in kept.map { e[$0].flatMap { $0.isFinite ? $0 : nil } ?? 0 } }
        return CurveData(label: label, x: kept.map { points[$0].x }, y: kept.map { points[$0].y! }, yError: errors)
    }

    /// A phenomenon-curve panel, or an axes saying `emptyMessage` when no curve has a point.
    static func panel(xLabel: String, xUnit: String?, yLabel: String, yUnit: String?, full: CurveData?, reduced: CurveData?,
                      groundTruth: CurveData?, extra: [CurveData] = [], reference: CurveReference? = nil,
                      xScale: AxisScale = .linear, title: String? = nil, emptyMessage: String) throws -> Axes {
        if full == nil, reduced == nil, groundTruth == nil, extra.isEmpty {
            return Axes(x: AxisSpec(label: xLabel, unit: xUnit, limits: .fixed(lower: 0, upper: 1), ticks: .none),
                        y: AxisSpec(label: yLabel, unit: yUnit, limits: .fixed(lower: 0, upper: 1), ticks: .none), title: title,
                        elements: [.text(TextAnnotation(emptyMessage, x: 0.5, y: 0.5, coordinates: .axesFraction,
                                                        horizontalAlignment: .center, verticalAlignment: .middle))],
                        legend: .hidden)
        }
        let content = try FigureBuilders.phenomenonCurvePanel(
            xLabel: xLabel, xUnit: xUnit, yLabel: yLabel, yUnit: yUnit, full: full, reduced: reduced, groundTruth: groundTruth,
            extra: extra, reference: reference, xScale: xScale, title: title)
        guard case .axes(let axes) = content else { preconditionFailure("phenomenonCurvePanel returns axes") }
        return axes
    }

    /// Sample standard deviation (n − 1) of the finite values; nil for fewer than two.
    static func standardDeviation(_ values: [Double?]) -> Double? {
        let v = values.compactMap { $0 }.filter(\.isFinite)
        guard v.count >= 2 else { return nil }
        let mean = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)).squareRoot()
    }

    /// Small multiples of curve axes (shared limits as requested, one legend: ``CatalogueLegends/shared(_:)``).
    static func figure(id: String, caption: String, axes: [Axes], columns: Int, shareX: Bool, shareY: Bool,
                       widthMillimetres: Double, rowHeightMillimetres: Double) -> FigureSpec {
        let rows = (axes.count + max(columns, 1) - 1) / max(columns, 1)
        var spec = SmallMultiples.figure(id: id, caption: caption, axes: axes, columns: columns, shareX: shareX, shareY: shareY,
                                         widthMillimetres: widthMillimetres, heightMillimetres: Double(rows) * rowHeightMillimetres + 4)
        if axes.count == 1 { spec.panels[0].letter = nil }
        spec = CatalogueLegends.shared(spec)
        return spec
    }
}
