extension FigureBuilders {
    /// Position × time attribution maps, one per kept channel, as small multiples on one shared
    /// zero-centred scale, with one colour bar. Position (µm) runs upward, time to the right; outer
    /// panels carry the tick labels. An optional stimulus trajectory (e.g. the bar centre) is overlaid.
    ///
    /// - Parameters:
    ///   - timeSeconds: time of each map column.
    ///   - positionsMicrons: position of each map row (row 0 = first position, drawn at the bottom).
    ///   - maps: one per channel, `rows == positionsMicrons.count`, `columns == timeSeconds.count`.
    ///   - trajectoryMicrons: stimulus position per time sample, drawn as a thin dashed line.
    ///   - columns: panels per row (default: all in one row, at most 4).
    public static func positionTimeHeatmaps(
        id: String, caption: String, timeSeconds: [Double], positionsMicrons: [Double], maps: [AttributionMap],
        trajectoryMicrons: [Double]? = nil, timeUnit: TimeUnit = .milliseconds, colorLabel: String = "attribution",
        unit: String = "Hz", percentile: Double? = nil, columns: Int? = nil,
        widthMillimetres: Double = FigureSpec.doubleColumnMillimetres, heightMillimetres: Double? = nil
    ) throws -> FigureSpec {
        let name = "positionTimeHeatmaps"
        try require(!maps.isEmpty, name, "expected at least one map, found none")
        try require(!timeSeconds.isEmpty && !positionsMicrons.isEmpty, name,
                    "expected time and position samples, found \(timeSeconds.count) and \(positionsMicrons.count)")
        for map in maps {
            try require(map.rows == positionsMicrons.count && map.columns == timeSeconds.count, name,
                        "map '\(map.title)' is \(map.rows)×\(map.columns), expected \(positionsMicrons.count)×\(timeSeconds.count) (positions × times)")
            try require(map.values.count == map.rows * map.columns, name,
                        "map '\(map.title)' has \(map.values.count) values, expected \(map.rows * map.columns)")
        }
        if let trajectory = trajectoryMicrons {
            try require(trajectory.count == timeSeconds.count, name,
                        "trajectory has \(trajectory.count) values, expected \(timeSeconds.count)")
        }
        let perRow = max(1, min(columns ?? min(maps.count, 4), maps.count))
        let rowCount = (maps.count + perRow - 1) / perRow
        let scale = SharedColorScale.symmetric(across: maps.map(\.values), percentile: percentile)
        let x = timeSeconds.map(timeUnit.value(seconds:))
        let dt = spacing(x), dp = spacing(positionsMicrons)
        let xLimits = AxisLimits.fixed(lower: x[0], upper: x[x.count - 1] + dt)
        let yLower = positionsMicrons[0] - dp / 2, yUpper = positionsMicrons[positionsMicrons.count - 1] + dp / 2

        var panels: [Panel] = []
        for (k, map) in maps.enumerated() {
            let row = k / perRow, column = k % perRow
            let bottom = row == rowCount - 1 || k + perRow >= maps.count
            var elements: [PlotElement] = [.heatmap(Heatmap(
                rows: map.rows, columns: map.columns, values: map.values, xLower: x[0], xUpper: x[x.count - 1] + dt,
                yLower: yLower, yUpper: yUpper, firstRowAtTop: false, scale: scale))]
            if let trajectory = trajectoryMicrons {
                elements.append(.line(LineSeries(x: x.map { $0 + dt / 2 }, y: trajectory,
                                                 style: LineStyle(color: RGBColor(hex: 0x1A1A1A), widthPoints: 0.7, dash: .dashed))))
            }
            let axes = Axes(
                x: AxisSpec(label: bottom ? "time" : nil, unit: bottom ? timeUnit.symbol : nil, limits: xLimits,
                            ticks: .maxCount(5), showsTickLabels: bottom),
                y: AxisSpec(label: column == 0 ? "position" : nil, unit: column == 0 ? "µm" : nil,
                            limits: .fixed(lower: yLower, upper: yUpper), ticks: .maxCount(5), showsTickLabels: column == 0),
                title: map.title, elements: elements, legend: .hidden)
            panels.append(Panel(.axes(axes), at: GridCell(row: row, column: column), letter: FigureSpec.letter(k)))
        }
        panels.append(Panel(.colorBar(ColorBar(scale: scale, label: colorLabel, unit: unit)),
                            at: GridCell(row: 0, column: perRow, rowSpan: rowCount)))
        let grid = PanelGrid(rows: Array(repeating: .weight(1), count: rowCount),
                             columns: Array(repeating: .weight(1), count: perRow) + [.millimetres(colorBarColumnMillimetres)],
                             rowGapPoints: 8, columnGapPoints: 12)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres,
                          heightMillimetres: heightMillimetres ?? Double(rowCount) * 50 + 5, grid: grid, panels: panels)
    }
}
