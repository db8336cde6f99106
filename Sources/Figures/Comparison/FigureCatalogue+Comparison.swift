import Plotting

/// The two runs of a comparison and their colours: run A Okabe–Ito blue, run B vermillion (a pair
/// that stays distinct under every common colour-vision deficiency), with different markers too, so
/// the runs never differ by colour alone.
public enum ComparisonRun: String, Codable, Sendable, CaseIterable {
    case a = "A", b = "B"

    public var color: RGBColor { self == .a ? OkabeIto.blue : OkabeIto.vermillion }
    public var marker: MarkerShape { self == .a ? .circle : .square }
}

/// One run's headline curves of one phenomenon: the full model's and the reduced circuit's panels
/// (``PhenomenonFigures/headlineCurves(_:parameters:rfCentreXPixels:)``), as read from the run's data.
public struct RunHeadlineCurves: Codable, Sendable, Equatable {
    public var run: ComparisonRun
    /// "A: reference" — the legend label of the run.
    public var label: String
    public var full: [HeadlineCurve]
    public var reduced: [HeadlineCurve]

    public init(run: ComparisonRun, label: String, full: [HeadlineCurve], reduced: [HeadlineCurve]) {
        self.run = run; self.label = label; self.full = full; self.reduced = reduced
    }
}

extension FigureCatalogue {
    /// The overlay of two runs' headline curves of one phenomenon: per panel, each run's full model
    /// as points joined by a solid line and its reduced circuit as a dashed line, in the run's colour
    /// (``ComparisonRun``). Panels pair by position; both runs must have the same panel count
    /// (the same protocol), otherwise throws ``FigureError/invalidInput(builder:reason:)``.
    /// Figure id `compare-<phenomenon>-curve`.
    public static func comparisonCurves(phenomenon: String, title: String, a: RunHeadlineCurves, b: RunHeadlineCurves) throws -> FigureSpec {
        let builder = "FigureCatalogue.comparisonCurves(\(phenomenon))"
        guard a.full.count == b.full.count, !a.full.isEmpty else {
            throw FigureError.invalidInput(builder: builder, reason: "run A has \(a.full.count) curve panels and run B \(b.full.count); "
                                               + "expected the same non-zero number (the same protocol)")
        }
        let axes = a.full.indices.map { i -> Axes in
            let template = a.full[i]
            var elements: [PlotElement] = []
            for side in [a, b] {
                let c = side.run.color
                if i < side.reduced.count {
                    let r = side.reduced[i].finitePoints
                    if r.x.count >= 1 {
                        elements.append(.line(LineSeries(x: r.x, y: r.y, style: LineStyle(color: c, widthPoints: 0.9, dash: .dashed),
                                                         label: "\(side.label), reduced")))
                    }
                }
                let f = side.full[i].finitePoints
                if f.x.count >= 2 {
                    elements.append(.line(LineSeries(x: f.x, y: f.y, style: LineStyle(color: c, widthPoints: 1.2))))
                }
                if !f.x.isEmpty, f.x.count <= 60 {
                    elements.append(.scatter(ScatterSeries(x: f.x, y: f.y, marker: MarkerStyle(shape: side.run.marker, color: c, sizePoints: 3.2),
                                                           label: "\(side.label), full")))
                } else if f.x.count > 60 {
                    // Dense curves (traces, profiles): a heavier line stands for the full model in the legend.
                    elements.removeLast()
                    elements.append(.line(LineSeries(x: f.x, y: f.y, style: LineStyle(color: c, widthPoints: 1.2), label: "\(side.label), full")))
                }
            }
            if elements.isEmpty {
                elements.append(.text(TextAnnotation("no values in either run", x: 0.5, y: 0.5, coordinates: .axesFraction,
                                                     horizontalAlignment: .center, verticalAlignment: .middle)))
            }
            return Axes(x: AxisSpec(label: template.xLabel, unit: template.xUnit, limits: .padded(fraction: 0.06),
                                    scale: template.xLogarithmic ? .log10 : .linear),
                        y: AxisSpec(label: template.yLabel, unit: template.yUnit, limits: .padded(fraction: 0.06)),
                        title: template.title, elements: elements)
        }
        let columns = min(axes.count, 2)
        let caption = "\(title): headline curve of run A (blue, circles) and run B (vermillion, squares). Solid line with markers: "
            + "full model; dashed line: reduced circuit. " + (axes.count > 1 ? "Panels share their axis limits. " : "")
            + "Read from each run's data/\(phenomenon)/metrics.json; values a run could not measure are not drawn."
        return CatalogueCurves.figure(id: "compare-\(phenomenon)-curve", caption: caption, axes: axes, columns: columns,
                                      shareX: true, shareY: true,
                                      widthMillimetres: columns > 1 ? FigureSpec.doubleColumnMillimetres : FigureSpec.singleColumnMillimetres,
                                      rowHeightMillimetres: 62)
    }
}
