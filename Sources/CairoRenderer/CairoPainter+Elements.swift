import CCairo
import Foundation
import Plotting

extension CairoPainter {
    func paint(_ element: PlotElement, _ layout: AxesLayout) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        switch element {
        case .line(let s):
            apply(s.style)
            polyline(zip(s.x, s.y).map { layout.point($0, $1) })
            cairo_stroke(cr)
        case .band(let s):
            setColor(s.color, opacity: s.opacity)
            let upper = zip(s.x, s.upper).map { layout.point($0, $1) }
            let lower = zip(s.x, s.lower).map { layout.point($0, $1) }
            polyline(upper + lower.reversed())
            cairo_close_path(cr)
            cairo_fill(cr)
        case .scatter(let s):
            paintScatter(s, layout)
        case .step(let s):
            apply(s.style)
            var points: [LayoutPoint] = []
            for i in s.values.indices {
                points.append(layout.point(s.edges[i], s.values[i]))
                points.append(layout.point(s.edges[i + 1], s.values[i]))
            }
            polyline(points)
            cairo_stroke(cr)
        case .blocks(let s):
            setColor(s.color)
            if s.showsBaseline {
                cairo_set_line_width(cr, 0.5)
                let y = layout.yPosition(s.baseline)
                strokeSegment(LayoutPoint(x: layout.plotRect.minX, y: y), LayoutPoint(x: layout.plotRect.maxX, y: y))
            }
            for b in s.blocks {
                let a = layout.point(b.start, b.level), c = layout.point(b.end, s.baseline)
                cairo_rectangle(cr, min(a.x, c.x), min(a.y, c.y), abs(c.x - a.x), abs(c.y - a.y))
            }
            cairo_fill(cr)
        case .span(let s):
            setColor(s.color, opacity: s.opacity)
            let plot = layout.plotRect
            if s.orientation == .vertical {
                let x0 = layout.xPosition(s.from), x1 = layout.xPosition(s.to)
                cairo_rectangle(cr, min(x0, x1), plot.minY, abs(x1 - x0), plot.height)
            } else {
                let y0 = layout.yPosition(s.from), y1 = layout.yPosition(s.to)
                cairo_rectangle(cr, plot.minX, min(y0, y1), plot.width, abs(y1 - y0))
            }
            cairo_fill(cr)
        case .reference(let r):
            apply(r.style)
            polyline(referencePoints(r, layout))
            cairo_stroke(cr)
        case .text(let t):
            let anchor = t.coordinates == .data
                ? layout.point(t.x, t.y)
                : LayoutPoint(x: layout.plotRect.minX + t.x * layout.plotRect.width,
                              y: layout.plotRect.maxY - t.y * layout.plotRect.height)
            text.draw(t.text, anchor: anchor, t.horizontalAlignment, t.verticalAlignment,
                      size: t.sizePoints ?? style.annotationPoints, color: t.color, on: cr)
        case .heatmap(let h):
            paintHeatmap(h, layout)
        case .scaleBar(let bar):
            paintScaleBar(bar, layout)
        }
    }

    /// A 1.5 pt bar inset 4 pt from the corner, its label centred above it.
    func paintScaleBar(_ bar: ScaleBar, _ layout: AxesLayout) {
        let plot = layout.plotRect
        let length = abs(layout.xPosition(layout.x.lower + bar.length) - layout.xPosition(layout.x.lower))
        let inset = 4.0, thickness = 1.5
        let left = bar.corner == .topLeft || bar.corner == .bottomLeft
        let top = bar.corner == .topLeft || bar.corner == .topRight
        let label = text.boxSize(bar.label, size: style.annotationPoints)
        let x0 = left ? plot.minX + inset : plot.maxX - inset - length
        let y = top ? plot.minY + inset + label.height + thickness / 2 : plot.maxY - inset - thickness / 2
        setColor(bar.color)
        cairo_rectangle(cr, x0, y - thickness / 2, length, thickness)
        cairo_fill(cr)
        text.draw(bar.label, anchor: LayoutPoint(x: x0 + length / 2, y: y - thickness / 2 - 0.5), .center, .bottom,
                  size: style.annotationPoints, color: bar.color, on: cr)
    }

    func polyline(_ points: [LayoutPoint]) {
        guard let first = points.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
    }

    /// Error bars (with caps) first, then markers on top.
    func paintScatter(_ s: ScatterSeries, _ layout: AxesLayout) {
        setColor(s.marker.color)
        cairo_set_line_width(cr, s.errorBarWidthPoints)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        let cap = s.marker.sizePoints * 0.45
        for i in s.x.indices {
            if let e = s.yError?[i], e > 0 {
                let a = layout.point(s.x[i], s.y[i] - e), b = layout.point(s.x[i], s.y[i] + e)
                strokeSegment(a, b)
                strokeSegment(LayoutPoint(x: a.x - cap, y: a.y), LayoutPoint(x: a.x + cap, y: a.y))
                strokeSegment(LayoutPoint(x: b.x - cap, y: b.y), LayoutPoint(x: b.x + cap, y: b.y))
            }
            if let e = s.xError?[i], e > 0 {
                let a = layout.point(s.x[i] - e, s.y[i]), b = layout.point(s.x[i] + e, s.y[i])
                strokeSegment(a, b)
                strokeSegment(LayoutPoint(x: a.x, y: a.y - cap), LayoutPoint(x: a.x, y: a.y + cap))
                strokeSegment(LayoutPoint(x: b.x, y: b.y - cap), LayoutPoint(x: b.x, y: b.y + cap))
            }
        }
        for i in s.x.indices { paintMarker(s.marker, at: layout.point(s.x[i], s.y[i])) }
    }

    /// A marker of diameter/side `sizePoints`: filled with a thin white rim (separates overlapping
    /// points), or white with a coloured outline.
    func paintMarker(_ marker: MarkerStyle, at p: LayoutPoint) {
        let r = marker.sizePoints / 2
        switch marker.shape {
        case .circle:
            cairo_new_sub_path(cr)
            cairo_arc(cr, p.x, p.y, r, 0, 2 * Double.pi)
        case .square:
            cairo_rectangle(cr, p.x - r, p.y - r, 2 * r, 2 * r)
        case .triangle:
            let h = r * 1.15
            polyline([LayoutPoint(x: p.x, y: p.y - h), LayoutPoint(x: p.x + h, y: p.y + 0.75 * h),
                      LayoutPoint(x: p.x - h, y: p.y + 0.75 * h)])
            cairo_close_path(cr)
        case .diamond:
            let h = r * 1.25
            polyline([LayoutPoint(x: p.x, y: p.y - h), LayoutPoint(x: p.x + h, y: p.y),
                      LayoutPoint(x: p.x, y: p.y + h), LayoutPoint(x: p.x - h, y: p.y)])
            cairo_close_path(cr)
        }
        cairo_set_dash(cr, nil, 0, 0)
        if marker.filled {
            setColor(marker.color)
            cairo_fill_preserve(cr)
            setColor(.white)
            cairo_set_line_width(cr, 0.35)
        } else {
            setColor(.white)
            cairo_fill_preserve(cr)
            setColor(marker.color)
            cairo_set_line_width(cr, 0.8)
        }
        cairo_stroke(cr)
    }

    /// The visible part of a reference line, as figure points (affine lines sampled at 65 x values so
    /// they also work on log axes; the clip cuts what leaves the plot).
    func referencePoints(_ r: ReferenceLine, _ layout: AxesLayout) -> [LayoutPoint] {
        switch r.geometry {
        case .vertical(let x):
            return [layout.point(x, layout.y.lower), layout.point(x, layout.y.upper)]
        case .horizontal(let y):
            return [layout.point(layout.x.lower, y), layout.point(layout.x.upper, y)]
        case .affine(let slope, let intercept):
            return (0...64).map { i in
                let f = Double(i) / 64
                let x = layout.x.scale == .log10
                    ? layout.x.lower * pow(layout.x.upper / layout.x.lower, f)
                    : layout.x.lower + (layout.x.upper - layout.x.lower) * f
                return layout.point(x, slope * x + intercept)
            }
        }
    }

    /// Reference-line labels, small and in the line colour: right of the top end of vertical lines,
    /// above the right end of horizontal lines, left of the last visible point of affine lines.
    func paintReferenceLabels(_ axes: Axes, _ layout: AxesLayout) {
        let plot = layout.plotRect
        for case .reference(let r) in axes.elements {
            guard let label = r.label, !r.inLegend else { continue }
            let points = referencePoints(r, layout)
            switch r.geometry {
            case .vertical:
                guard let top = points.last else { continue }
                text.draw(label, anchor: LayoutPoint(x: top.x + 1.5, y: plot.minY), .left, .top,
                          size: style.annotationPoints, color: r.style.color, on: cr)
            case .horizontal:
                guard let end = points.last else { continue }
                text.draw(label, anchor: LayoutPoint(x: plot.maxX, y: end.y - 1), .right, .bottom,
                          size: style.annotationPoints, color: r.style.color, on: cr)
            case .affine:
                guard let end = points.last(where: { plot.contains($0) }) else { continue }
                text.draw(label, anchor: LayoutPoint(x: end.x - 2, y: end.y + 1), .right, .top,
                          size: style.annotationPoints, color: r.style.color, on: cr)
            }
        }
    }
}
