extension LayoutEngine {
    /// Swatch width and gap to the label, row spacing and inner padding of legends, in points.
    static let legendSwatchWidth = 12.0
    static let legendSwatchGap = 3.0
    static let legendRowGap = 1.0
    static let legendPadding = 2.0

    /// Legend entries of `axes`: labelled elements in order, first occurrence of each label.
    package func legendEntries(_ axes: Axes) -> [(swatch: LegendSwatch, label: String)] {
        var seen = Set<String>()
        var entries: [(LegendSwatch, String)] = []
        for element in axes.elements {
            let entry: (LegendSwatch, String?)
            switch element {
            case .line(let s): entry = (.line(s.style), s.label)
            case .band(let s): entry = (.patch(s.color, opacity: s.opacity), s.label)
            case .scatter(let s): entry = (.marker(s.marker, errorBars: s.yError != nil), s.label)
            case .step(let s): entry = (.line(s.style), s.label)
            case .blocks(let s): entry = (.patch(s.color, opacity: 1), s.label)
            case .span(let s): entry = (.patch(s.color, opacity: s.opacity), s.label)
            case .reference(let r): entry = (.line(r.style), r.inLegend ? r.label : nil)
            case .text, .heatmap, .scaleBar: entry = (.patch(.white, opacity: 0), nil)
            }
            if let label = entry.1, !label.isEmpty, seen.insert(label).inserted {
                entries.append((entry.0, label))
            }
        }
        return entries
    }

    /// Size of the legend box of `axes` (zero if it has no entries).
    func legendSize(_ axes: Axes, style: FigureStyle) -> (width: Double, height: Double) {
        let entries = legendEntries(axes)
        guard !entries.isEmpty else { return (0, 0) }
        let size = style.legendPoints
        let rowHeight = textHeight(size)
        var width = entries.map { Self.legendSwatchWidth + Self.legendSwatchGap + textWidth($0.label, size) }.max() ?? 0
        var height = Double(entries.count) * rowHeight + Double(entries.count - 1) * Self.legendRowGap
        if let title = axes.legend.title {
            width = max(width, textWidth(title, size, bold: true))
            height += rowHeight + Self.legendRowGap
        }
        return (width + 2 * Self.legendPadding, height + 2 * Self.legendPadding)
    }

    /// The legend box in `corner` of the plot area, inset by 2 pt.
    func legendBox(_ corner: Corner, size: (width: Double, height: Double), plot: LayoutRect) -> LayoutRect {
        let inset = 2.0
        let left = corner == .topLeft || corner == .bottomLeft
        let top = corner == .topLeft || corner == .topRight
        return LayoutRect(x: left ? plot.minX + inset : plot.maxX - inset - size.width,
                          y: top ? plot.minY + inset : plot.maxY - inset - size.height,
                          width: size.width, height: size.height)
    }

    /// The first corner (top-right, top-left, bottom-right, bottom-left) whose legend box crosses no data.
    package func freeCorner(for axes: Axes, in layout: AxesLayout, style: FigureStyle) -> Corner? {
        let size = legendSize(axes, style: style)
        guard size.width < layout.plotRect.width, size.height < layout.plotRect.height else { return nil }
        return Corner.allCases.first { corner in
            !LegendCollision.collides(legendBox(corner, size: size, plot: layout.plotRect), axes: axes, layout: layout)
        }
    }

    /// Places the legend: outside right when reserved, in the requested or first free corner otherwise
    /// (falling back to the corner crossing the fewest data segments).
    func placeLegend(_ axes: Axes, in layout: AxesLayout, outside: Bool, style: FigureStyle) -> LegendLayout? {
        let entries = legendEntries(axes)
        guard !entries.isEmpty else { return nil }
        let size = legendSize(axes, style: style)
        let box: LayoutRect
        let placement: LegendPlacement
        switch axes.legend.placement {
        case .hidden:
            return nil
        case .inside(let corner):
            box = legendBox(corner, size: size, plot: layout.plotRect)
            placement = .inside(corner)
        case .outsideRight, .automatic:
            if outside {
                box = LayoutRect(x: layout.plotRect.maxX + 2 * style.labelPaddingPoints, y: layout.plotRect.minY,
                                 width: size.width, height: size.height)
                placement = .outsideRight
            } else {
                let corner = freeCorner(for: axes, in: layout, style: style)
                    ?? Corner.allCases.min { a, b in
                        LegendCollision.hits(legendBox(a, size: size, plot: layout.plotRect), axes: axes, layout: layout)
                            < LegendCollision.hits(legendBox(b, size: size, plot: layout.plotRect), axes: axes, layout: layout)
                    } ?? .topRight
                box = legendBox(corner, size: size, plot: layout.plotRect)
                placement = .inside(corner)
            }
        }
        let fontSize = style.legendPoints
        let rowHeight = textHeight(fontSize)
        var y = box.minY + Self.legendPadding
        let title = axes.legend.title.map { text -> PlacedText in
            defer { y += rowHeight + Self.legendRowGap }
            return placed(text, at: LayoutPoint(x: box.minX + Self.legendPadding, y: y), .left, .top,
                          size: fontSize, bold: true, color: style.textColor)
        }
        let placedEntries = entries.map { entry -> LegendEntryLayout in
            defer { y += rowHeight + Self.legendRowGap }
            let swatch = LayoutRect(x: box.minX + Self.legendPadding, y: y, width: Self.legendSwatchWidth, height: rowHeight)
            let label = placed(entry.label, at: LayoutPoint(x: swatch.maxX + Self.legendSwatchGap, y: y + rowHeight / 2),
                               .left, .middle, size: fontSize, color: style.textColor)
            return LegendEntryLayout(swatch: entry.swatch, swatchRect: swatch, label: label)
        }
        return LegendLayout(box: box, placement: placement, title: title, entries: placedEntries)
    }
}
