import CCairo
import Plotting

extension CairoPainter {
    /// Elements (clipped to the plot area grown by 2 pt, so strokes at the limits are not cut), then
    /// spines, ticks, labels, title and legend.
    func paint(_ axes: Axes, _ layout: AxesLayout) {
        let plot = layout.plotRect
        cairo_save(cr)
        cairo_rectangle(cr, plot.minX - 2, plot.minY - 2, plot.width + 4, plot.height + 4)
        cairo_clip(cr)
        for element in axes.elements { paint(element, layout) }
        cairo_restore(cr)
        paintReferenceLabels(axes, layout)
        paintAxisLines(layout)
        if let title = layout.title { text.draw(title, on: cr) }
        if let legend = layout.legend { paintLegend(legend) }
    }

    /// Despined axes: left and bottom spines only, ticks pointing outward.
    func paintAxisLines(_ layout: AxesLayout) {
        let plot = layout.plotRect
        cairo_save(cr)
        setColor(style.spineColor)
        cairo_set_line_width(cr, style.spineWidthPoints)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        cairo_set_dash(cr, nil, 0, 0)
        if layout.x.isVisible {
            strokeSegment(LayoutPoint(x: plot.minX, y: plot.maxY), LayoutPoint(x: plot.maxX, y: plot.maxY))
            for tick in layout.x.ticks {
                strokeSegment(LayoutPoint(x: tick.position, y: plot.maxY),
                              LayoutPoint(x: tick.position, y: plot.maxY + style.tickLengthPoints))
            }
        }
        if layout.y.isVisible {
            strokeSegment(LayoutPoint(x: plot.minX, y: plot.minY), LayoutPoint(x: plot.minX, y: plot.maxY))
            for tick in layout.y.ticks {
                strokeSegment(LayoutPoint(x: plot.minX - style.tickLengthPoints, y: tick.position),
                              LayoutPoint(x: plot.minX, y: tick.position))
            }
        }
        cairo_restore(cr)
        for tick in layout.x.ticks + layout.y.ticks {
            if let label = tick.label { text.draw(label, on: cr) }
        }
        if let label = layout.x.label { text.draw(label, on: cr) }
        if let label = layout.y.label { text.draw(label, on: cr) }
    }

    func paintLegend(_ legend: LegendLayout) {
        if let title = legend.title { text.draw(title, on: cr) }
        for entry in legend.entries {
            let r = entry.swatchRect
            cairo_save(cr)
            switch entry.swatch {
            case .line(let line):
                apply(line)
                strokeSegment(LayoutPoint(x: r.minX, y: r.midY), LayoutPoint(x: r.maxX, y: r.midY))
            case .marker(let marker, let errorBars):
                if errorBars {
                    setColor(marker.color)
                    cairo_set_line_width(cr, 0.75)
                    let h = min(r.height / 2, marker.sizePoints * 1.2)
                    strokeSegment(LayoutPoint(x: r.midX, y: r.midY - h), LayoutPoint(x: r.midX, y: r.midY + h))
                }
                paintMarker(marker, at: LayoutPoint(x: r.midX, y: r.midY))
            case .patch(let color, let opacity):
                setColor(color, opacity: opacity)
                let h = min(r.height * 0.6, 5)
                cairo_rectangle(cr, r.minX, r.midY - h / 2, r.width, h)
                cairo_fill(cr)
            }
            cairo_restore(cr)
            text.draw(entry.label, on: cr)
        }
    }
}
