extension LayoutEngine {
    /// Ticks of a colour bar along a bar of `length` points. A symmetric scale always gets a 0 tick.
    func colorBarTicks(_ bar: ColorBar, length: Double) -> TickSet {
        var spec = AxisSpec(limits: .fixed(lower: bar.scale.lower, upper: bar.scale.upper), ticks: bar.ticks)
        if case .automatic = bar.ticks { spec.ticks = .maxCount(5) }
        return AxisResolver.resolve(spec, extent: nil, lengthPoints: length, horizontal: false)
    }

    /// Margins of a colour-bar panel: half a tick label above and below (the end labels are centred on
    /// the bar ends), tick + labels + rotated label on the right; the bar itself sits at the left edge.
    func colorBarMargins(_ bar: ColorBar, frame: LayoutRect, style: FigureStyle) -> Margins {
        let tickHeight = textHeight(style.tickLabelPoints)
        let set = colorBarTicks(bar, length: frame.height)
        let widest = set.labels.map { textWidth($0, style.tickLabelPoints) }.max() ?? 0
        var right = max(frame.width - bar.barWidthPoints, 0)
        let needed = style.tickLengthPoints + style.labelPaddingPoints + widest
            + (bar.displayLabel == nil ? 0 : style.labelPaddingPoints + textHeight(style.axisLabelPoints))
        right = max(right, needed)
        return Margins(top: tickHeight / 2, left: 0, bottom: tickHeight / 2, right: right)
    }

    /// The bar occupies the left `barWidthPoints` of the region, full height; value `lower` at the bottom.
    func finalColorBar(_ bar: ColorBar, region: LayoutRect, style: FigureStyle) -> ColorBarLayout {
        let rect = LayoutRect(x: region.minX, y: region.minY, width: min(bar.barWidthPoints, max(region.width, 0)),
                              height: region.height)
        let set = colorBarTicks(bar, length: rect.height)
        let labelX = rect.maxX + style.tickLengthPoints + style.labelPaddingPoints
        let span = bar.scale.upper - bar.scale.lower
        let ticks = zip(set.values, set.labels).map { value, text -> PlacedTick in
            let position = rect.maxY - (value - bar.scale.lower) / span * rect.height
            return PlacedTick(value: value, position: position,
                              label: placed(text, at: LayoutPoint(x: labelX, y: position), .left, .middle,
                                            size: style.tickLabelPoints, color: style.textColor))
        }
        let widest = ticks.compactMap { $0.label?.box.width }.max() ?? 0
        let label = bar.displayLabel.map {
            placed($0, at: LayoutPoint(x: labelX + widest + style.labelPaddingPoints, y: rect.midY), .left, .middle,
                   size: style.axisLabelPoints, rotated: true, color: style.textColor)
        }
        return ColorBarLayout(bar: rect, scale: bar.scale, ticks: ticks, label: label)
    }
}
