extension FigureBuilders {
    /// Width of colour-bar columns, in millimetres.
    package static let colorBarColumnMillimetres = 15.0

    /// Channel × time attribution maps side by side on one zero-centred diverging scale (shared
    /// symmetric limits, ``SharedColorScale``), one colour bar, and each map's response traces beneath it
    /// on the same time axis (response panels share their y limits).
    ///
    /// - Parameters:
    ///   - timeSeconds: time of each map column (column c covers `[t_c, t_c + Δt)`).
    ///   - maps: channel × time maps (row r = channel r, drawn top to bottom), all with
    ///     `columns == timeSeconds.count` and the same number of rows.
    ///   - unit: attribution unit; IG attributions sum to a change of rate, hence "Hz".
    ///   - percentile: if set, the colour limit is this percentile of |attribution| (see ``SharedColorScale``).
    public static func channelTimeHeatmaps(
        id: String, caption: String, timeSeconds: [Double], maps: [AttributionMap],
        timeUnit: TimeUnit = .milliseconds, rowAxisLabel: String = "channel", colorLabel: String = "attribution",
        unit: String = "Hz", percentile: Double? = nil, responseLabel: String = "rate", responseUnit: String = "Hz",
        widthMillimetres: Double = FigureSpec.doubleColumnMillimetres, heightMillimetres: Double = 75
    ) throws -> FigureSpec {
        let name = "channelTimeHeatmaps"
        try require(!maps.isEmpty, name, "expected at least one map, found none")
        try require(!timeSeconds.isEmpty, name, "expected at least one time sample, found none")
        let rows = maps[0].rows
        for map in maps {
            try require(map.rows == rows && map.rows > 0, name, "map '\(map.title)' has \(map.rows) rows, expected \(rows) (> 0) like the first map")
            try require(map.columns == timeSeconds.count, name, "map '\(map.title)' has \(map.columns) columns, expected \(timeSeconds.count) (one per time sample)")
            try require(map.values.count == map.rows * map.columns, name, "map '\(map.title)' has \(map.values.count) values, expected \(map.rows)×\(map.columns)")
            if let labels = map.rowLabels {
                try require(labels.count == rows, name, "map '\(map.title)' has \(labels.count) row labels, expected \(rows)")
            }
            try checkTraces(map.response, count: timeSeconds.count, name)
        }

        let scale = SharedColorScale.symmetric(across: maps.map(\.values), percentile: percentile)
        let x = timeSeconds.map(timeUnit.value(seconds:))
        let dt = spacing(x)
        let xLimits = AxisLimits.fixed(lower: x[0], upper: x[x.count - 1] + dt)
        let hasResponse = maps.contains { !$0.response.isEmpty }
        let rowLabels = maps[0].rowLabels ?? (1...rows).map(String.init)
        let heatmapTicks = TickSpec.labeled(rowLabels.enumerated().map { TickMark(Double(rows - $0.offset) - 0.5, $0.element) })

        // Shared y limits for the responses.
        let responseExtent = maps.flatMap(\.response).reduce(DataExtent()) { extent, trace in
            let lower = zip(trace.values, trace.spread ?? trace.values.map { _ in 0 }).map { $0 - $1 }
            let upper = zip(trace.values, trace.spread ?? trace.values.map { _ in 0 }).map { $0 + $1 }
            return extent.union(DataExtent(y: DataExtent.range(lower + upper + [0], positiveOnly: false)))
        }
        let responseTicks = responseExtent.y.map {
            NiceTicks.linear(lower: $0.lowerBound, upper: $0.upperBound, maxCount: 4, snap: true)
        }

        var panels: [Panel] = []
        for (k, map) in maps.enumerated() {
            let heatmap = Heatmap(rows: rows, columns: map.columns, values: map.values, xLower: x[0], xUpper: x[x.count - 1] + dt,
                                  yLower: 0, yUpper: Double(rows), firstRowAtTop: true, scale: scale)
            let first = k == 0
            let axes = Axes(
                x: hasResponse ? .hidden(limits: xLimits)
                    : AxisSpec(label: "time", unit: timeUnit.symbol, limits: xLimits),
                y: AxisSpec(label: first ? rowAxisLabel : nil, limits: .fixed(lower: 0, upper: Double(rows)),
                            ticks: heatmapTicks, showsTickLabels: first),
                title: map.title, elements: [.heatmap(heatmap)], legend: .hidden)
            panels.append(Panel(.axes(axes), at: GridCell(row: 0, column: k), letter: FigureSpec.letter(k)))
            if hasResponse, !map.response.isEmpty {
                let yLimits = responseTicks.map { AxisLimits.fixed(lower: $0.lower, upper: $0.upper) } ?? .niceIncludingZero
                let response = Axes(
                    x: AxisSpec(label: "time", unit: timeUnit.symbol, limits: xLimits),
                    y: AxisSpec(label: first ? responseLabel : nil, unit: first ? responseUnit : nil, limits: yLimits,
                                ticks: .maxCount(4), showsTickLabels: first),
                    elements: traceElements(map.response, x: x.map { $0 + dt / 2 }),
                    legend: LegendSpec(placement: k == maps.count - 1 ? .automatic : .hidden))
                panels.append(Panel(.axes(response), at: GridCell(row: 1, column: k)))
            }
        }
        panels.append(Panel(.colorBar(ColorBar(scale: scale, label: colorLabel, unit: unit)),
                            at: GridCell(row: 0, column: maps.count)))
        let grid = PanelGrid(rows: hasResponse ? [.weight(2.3), .weight(1)] : [.weight(1)],
                             columns: Array(repeating: .weight(1), count: maps.count) + [.millimetres(colorBarColumnMillimetres)],
                             rowGapPoints: 4, columnGapPoints: 12)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres, heightMillimetres: heightMillimetres,
                          grid: grid, panels: panels)
    }
}
