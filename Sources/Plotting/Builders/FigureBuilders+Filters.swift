extension FigureBuilders {
    /// Per channel (one row each): the temporal filter against time before the response (ms, in the
    /// channel's pathway colour), the spatial filter at the peak lag (µm, equal aspect) and the x–t
    /// slice (position × lag); all maps share one zero-centred diverging scale and one colour bar.
    /// Columns are lettered (a temporal, b spatial, c x–t).
    ///
    /// - Parameters:
    ///   - channels: filters with the same spatial size; temporal filters in window order (oldest first).
    ///   - frameSeconds: duration of one filter frame (10 ms).
    ///   - pixelMicrons: size of one spatial pixel (55 µm).
    public static func spatiotemporalFilters(
        id: String, caption: String, channels: [ChannelFilter], frameSeconds: Double = 0.01,
        pixelMicrons: Double = 55, weightLabel: String = "weight", weightUnit: String = "a.u.",
        widthMillimetres: Double = FigureSpec.doubleColumnMillimetres, heightMillimetres: Double? = nil
    ) throws -> FigureSpec {
        let name = "spatiotemporalFilters"
        try require(!channels.isEmpty, name, "expected at least one channel, found none")
        for c in channels {
            try require(c.temporal.count >= 2, name, "channel '\(c.label)' temporal filter has \(c.temporal.count) values, expected ≥ 2")
            try require(c.spatialRows > 0 && c.spatialColumns > 0 && c.spatial.count == c.spatialRows * c.spatialColumns, name,
                        "channel '\(c.label)' spatial filter has \(c.spatial.count) values, expected \(c.spatialRows)×\(c.spatialColumns) > 0")
            if let xt = c.xtSlice {
                try require(xt.count == c.temporal.count * c.spatialColumns, name,
                            "channel '\(c.label)' x–t slice has \(xt.count) values, expected \(c.temporal.count)×\(c.spatialColumns)")
            }
        }
        let showsSlices = channels.contains { $0.xtSlice != nil }
        let scale = SharedColorScale.symmetric(across: channels.map(\.spatial) + channels.compactMap(\.xtSlice))
        let frameMs = frameSeconds * 1000
        var panels: [Panel] = []
        let count = channels.count
        for (row, channel) in channels.enumerated() {
            let bottom = row == count - 1
            let color = PathwayPalette.color(polarity: channel.polarity, speed: channel.speed)
            let n = channel.temporal.count
            let lags = (0..<n).map { Double(n - 1 - $0) * frameMs }
            let temporal = Axes(
                x: AxisSpec(label: bottom ? "time before response" : nil, unit: bottom ? "ms" : nil,
                            limits: .fixed(lower: 0, upper: Double(n - 1) * frameMs), ticks: .maxCount(5), showsTickLabels: bottom),
                y: AxisSpec(label: weightLabel, unit: weightUnit, limits: .nice, ticks: .maxCount(3)),
                title: "<span foreground=\"\(color.hexString)\">\(channel.label)</span>",
                elements: [.reference(ReferenceLine(.horizontal(y: 0), style: LineStyle(color: RGBColor(hex: 0xB3B3B3), widthPoints: 0.5))),
                           .line(LineSeries(x: lags, y: channel.temporal, style: LineStyle(color: color, widthPoints: 1.4)))],
                legend: .hidden)
            panels.append(Panel(.axes(temporal), at: GridCell(row: row, column: 0), letter: row == 0 ? "a" : nil))

            let halfWidth = Double(channel.spatialColumns) * pixelMicrons / 2
            let halfHeight = Double(channel.spatialRows) * pixelMicrons / 2
            // Spatial map: no axes, a scale bar in µm (one per map, so each map reads on its own).
            let spatial = Axes(
                x: .hidden(limits: .fixed(lower: -halfWidth, upper: halfWidth)),
                y: .hidden(limits: .fixed(lower: -halfHeight, upper: halfHeight)),
                elements: [.heatmap(Heatmap(rows: channel.spatialRows, columns: channel.spatialColumns, values: channel.spatial,
                                            xLower: -halfWidth, xUpper: halfWidth, yLower: -halfHeight, yUpper: halfHeight,
                                            firstRowAtTop: true, scale: scale)),
                           .scaleBar(.automatic(span: 2 * halfWidth, unit: "µm"))],
                legend: .hidden, equalAspect: true)
            panels.append(Panel(.axes(spatial), at: GridCell(row: row, column: 1), letter: row == 0 ? "b" : nil))

            if showsSlices, let slice = channel.xtSlice {
                let sliceAxes = Axes(
                    x: AxisSpec(label: bottom ? "position" : nil, unit: bottom ? "µm" : nil, limits: .fixed(lower: -halfWidth, upper: halfWidth),
                                ticks: .maxCount(5), showsTickLabels: bottom),
                    y: AxisSpec(label: "lag", unit: "ms", limits: .fixed(lower: 0, upper: Double(n) * frameMs), ticks: .maxCount(3)),
                    elements: [.heatmap(Heatmap(rows: n, columns: channel.spatialColumns, values: slice,
                                                xLower: -halfWidth, xUpper: halfWidth, yLower: 0, yUpper: Double(n) * frameMs,
                                                firstRowAtTop: true, scale: scale))],
                    legend: .hidden)
                panels.append(Panel(.axes(sliceAxes), at: GridCell(row: row, column: 2), letter: row == 0 ? "c" : nil))
            }
        }
        let mapColumns = showsSlices ? 2 : 1
        panels.append(Panel(.colorBar(ColorBar(scale: scale, label: weightLabel, unit: weightUnit)),
                            at: GridCell(row: 0, column: 1 + mapColumns, rowSpan: count)))
        let grid = PanelGrid(rows: Array(repeating: .weight(1), count: count),
                             columns: [.weight(1.5), .weight(0.75)] + Array(repeating: .weight(1), count: mapColumns - 1)
                                 + [.millimetres(colorBarColumnMillimetres)],
                             rowGapPoints: 6, columnGapPoints: 10)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres,
                          heightMillimetres: heightMillimetres ?? Double(count) * 36 + 8, grid: grid, panels: panels)
    }
}
