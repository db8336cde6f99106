import Mechanisms
import Plotting
import RetinaCore

/// One condition's attribution, cropped to `rows`, with its time axis (ms relative to the event).
struct AttributionPanel {
    var title: String
    var analysis: ConditionAnalysis
    var rows: Range<Int>
    var timesMs: [Double]
    /// Bar centre relative to the RF centre per row of `rows`, µm (bars only).
    var trajectoryMicrons: [Double?] = []

    /// The panel restricted to the rows integrated gradients explained (`explainedRows`; the
    /// attribution's row 0 is `explainedRows.lowerBound`), so every shown value was computed.
    func croppedToExplained() -> AttributionPanel {
        guard let explained = analysis.explainedRows else { return self }
        let lo = max(rows.lowerBound, explained.lowerBound), hi = min(rows.upperBound, explained.upperBound)
        guard lo < hi else { return self }
        var p = self
        let drop = lo - rows.lowerBound, keep = hi - lo
        p.rows = lo..<hi
        p.timesMs = Array(timesMs.dropFirst(drop).prefix(keep))
        if !trajectoryMicrons.isEmpty { p.trajectoryMicrons = Array(trajectoryMicrons.dropFirst(drop).prefix(keep)) }
        return p
    }

    /// First condition row held by the attribution array.
    var attributionOffset: Int { analysis.explainedRows?.lowerBound ?? 0 }
}

/// Attribution heat maps of the catalogue: channel × time (Eq. 3, full field) through
/// ``FigureBuilders/channelTimeHeatmaps(id:caption:timeSeconds:maps:timeUnit:rowAxisLabel:colorLabel:unit:percentile:responseLabel:responseUnit:widthMillimetres:heightMillimetres:)``
/// and position × time per channel (Eq. 4, bars) on a conditions × channels grid. Every panel of a
/// figure shares one symmetric diverging scale (``SharedColorScale``).
enum CatalogueAttribution {
    /// Channel labels coloured by pathway; kept channels bold.
    static func channelRowLabels(_ types: ChannelTypeTable, channels: Int, kept: Set<Int>) -> [String] {
        (0..<channels).map { c in
            let text = "<span foreground=\"\(CatalogueText.color(c, types).hexString)\">\(CatalogueText.channel(c, types))</span>"
            return kept.contains(c) ? "<b>\(text)</b>" : text
        }
    }

    /// The channel × time map of one panel: `values[c · T + t] = A_c(row t)`.
    static func channelValues(_ a: PooledAttribution, rows: Range<Int>, offset: Int = 0) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(a.channels * rows.count)
        let stride = a.channels * a.columns
        for c in 0..<a.channels {
            for t in rows {
                var sum = 0.0
                for x in 0..<a.columns { sum += Double(a.attributions[(t - offset) * stride + c * a.columns + x]) }
                out.append(sum)
            }
        }
        return out
    }

    /// The position × time map of channel `c`: `values[p · T + t] = A_cp(row t)` (row 0 = map column 0).
    static func positionValues(_ a: PooledAttribution, channel c: Int, rows: Range<Int>, offset: Int = 0) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(a.columns * rows.count)
        let stride = a.channels * a.columns
        for p in 0..<a.columns {
            for t in rows { out.append(Double(a.attributions[(t - offset) * stride + c * a.columns + p])) }
        }
        return out
    }

    static func attribution(_ panel: AttributionPanel, figure: String) throws -> PooledAttribution {
        guard let a = panel.analysis.attribution else {
            throw FigureError.invalidInput(builder: "FigureCatalogue", reason: "figure '\(figure)': condition '\(panel.analysis.label)' "
                                           + "was not explained (no attribution); expected an explained condition")
        }
        return a
    }

    /// Panels cropped to their explained rows and then to the time window (relative to each
    /// condition's event) that all of them share, so side-by-side maps have one time axis.
    static func commonExplainedWindow(_ panels: [AttributionPanel]) -> [AttributionPanel] {
        let cropped = panels.map { $0.croppedToExplained() }
        guard let start = cropped.map({ $0.timesMs.first ?? 0 }).max(),
              let end = cropped.map({ $0.timesMs.last ?? 0 }).min(), start <= end else { return cropped }
        let trimmed = cropped.map { p -> AttributionPanel in
            guard let i0 = p.timesMs.firstIndex(where: { $0 >= start - 1e-9 }),
                  let i1 = p.timesMs.lastIndex(where: { $0 <= end + 1e-9 }), i0 <= i1 else { return p }
            var q = p
            q.rows = (p.rows.lowerBound + i0)..<(p.rows.lowerBound + i1 + 1)
            q.timesMs = Array(p.timesMs[i0...i1])
            if !p.trajectoryMicrons.isEmpty { q.trajectoryMicrons = Array(p.trajectoryMicrons[i0...i1]) }
            return q
        }
        let n = trimmed.map(\.rows.count).min() ?? 0
        return trimmed.map { p in
            var q = p
            q.rows = p.rows.lowerBound..<(p.rows.lowerBound + n)
            q.timesMs = Array(p.timesMs.prefix(n))
            if !p.trajectoryMicrons.isEmpty { q.trajectoryMicrons = Array(p.trajectoryMicrons.prefix(n)) }
            return q
        }
    }

    /// Channel × time maps side by side with the responses beneath; returns the figure and the colour limit.
    static func channelFigure(id: String, caption: (Double) -> String, panels: [AttributionPanel], types: ChannelTypeTable,
                              kept: Set<Int>, timeLabel: String) throws -> FigureSpec {
        let panels = commonExplainedWindow(panels)
        var maps: [AttributionMap] = []
        for p in panels {
            let a = try attribution(p, figure: id)
            maps.append(AttributionMap(title: p.title, rows: a.channels, columns: p.rows.count, values: channelValues(a, rows: p.rows, offset: p.attributionOffset),
                                       rowLabels: channelRowLabels(types, channels: a.channels, kept: kept),
                                       response: CatalogueConditions.traces(p.analysis, rows: p.rows, groundTruth: false)))
        }
        let limit = SharedColorScale.symmetricLimit(across: maps.map(\.values))
        let times = panels[0].timesMs.map { $0 / 1000 }
        let rows = maps.first?.rows ?? 8
        var spec = try FigureBuilders.channelTimeHeatmaps(
            id: id, caption: caption(limit), timeSeconds: times, maps: maps, colorLabel: "attribution", unit: "Hz",
            heightMillimetres: max(70, 30 + 5.5 * Double(rows)))
        // The response panels are small: their line styles are given in the caption (and in the legend of
        // the traces figure) rather than by a legend that would cover the traces or narrow the maps.
        for i in spec.panels.indices {
            if case .axes(var a) = spec.panels[i].content {
                a.legend.placement = .hidden
                if a.x.label != nil { a.x.label = timeLabel }
                spec.panels[i].content = .axes(a)
            }
        }
        return spec
    }

    /// Position × time maps: one row per panel (condition), one column per channel, colour bar on the
    /// right; the bar trajectory dashed, the RF centre dotted, and the position range of every kept group
    /// of the channel as a bar in the channel colour along the right edge.
    static func positionFigure(id: String, caption: (Double) -> String, panels: [AttributionPanel], channels: [Int],
                               types: ChannelTypeTable, keptGroups: [UnitGroup], rfCentreX: Double,
                               timeLabel: String) throws -> FigureSpec {
        try FigureBuilders.require(!panels.isEmpty && !channels.isEmpty, "FigureCatalogue",
                                   "figure '\(id)' needs at least one condition and one channel; found \(panels.count) and \(channels.count)")
        let panels = panels.map { $0.croppedToExplained() }
        let attributions = try panels.map { try attribution($0, figure: id) }
        let columns = attributions[0].columns
        let kernel = types.kernel
        let positions = (0..<columns).map { Units.microns(pixels: Double($0) + Double(kernel - 1) / 2 - rfCentreX) }
        let dp = FigureBuilders.spacing(positions)
        let yLower = positions[0] - dp / 2, yUpper = positions[columns - 1] + dp / 2
        var values: [[[Double]]] = []
        for (p, a) in zip(panels, attributions) {
            values.append(channels.map { positionValues(a, channel: $0, rows: p.rows, offset: p.attributionOffset) })
        }
        let limit = SharedColorScale.symmetricLimit(across: values.flatMap { $0 })
        let scale = ColorScale.symmetric(limit: limit)
        let sameTime = Set(panels.map { [$0.timesMs.first ?? 0, $0.timesMs.last ?? 0] }).count == 1

        var out: [Panel] = []
        for (r, p) in panels.enumerated() {
            let dt = FigureBuilders.spacing(p.timesMs)
            let x0 = p.timesMs[0], x1 = p.timesMs[p.timesMs.count - 1] + dt
            let bottom = r == panels.count - 1
            for (k, c) in channels.enumerated() {
                var elements: [PlotElement] = [.heatmap(Heatmap(rows: columns, columns: p.rows.count, values: values[r][k],
                                                                xLower: x0, xUpper: x1, yLower: yLower, yUpper: yUpper,
                                                                firstRowAtTop: false, scale: scale))]
                elements.append(.reference(ReferenceLine(.horizontal(y: 0),
                                                         style: LineStyle(color: RGBColor(hex: 0x4D4D4D), widthPoints: 0.5, dash: .dotted))))
                let centres = p.timesMs.map { $0 + dt / 2 }
                for s in CatalogueTraces.segments(x: centres, y: p.trajectoryMicrons, within: yLower...yUpper) {
                    elements.append(.line(LineSeries(x: s.x, y: s.y, style: LineStyle(color: RGBColor(hex: 0x1A1A1A), widthPoints: 0.7, dash: .dashed))))
                }
                let edge = x1 - 0.012 * (x1 - x0)
                for g in keptGroups where g.channel == c {
                    guard let range = CatalogueText.micronRange(g, kernel: kernel, rfCentreX: rfCentreX) else { continue }
                    elements.append(.line(LineSeries(x: [edge, edge], y: [range.lowerBound - dp / 2, range.upperBound + dp / 2],
                                                     style: LineStyle(color: CatalogueText.color(c, types), widthPoints: 2.4))))
                }
                let name = "<span foreground=\"\(CatalogueText.color(c, types).hexString)\">\(CatalogueText.channel(c, types))</span>"
                let axes = Axes(
                    x: AxisSpec(label: bottom ? timeLabel : nil, unit: bottom ? "ms" : nil, limits: .fixed(lower: x0, upper: x1),
                                ticks: .maxCount(5), showsTickLabels: bottom || !sameTime),
                    y: AxisSpec(label: k == 0 ? "position" : nil, unit: k == 0 ? "µm" : nil, limits: .fixed(lower: yLower, upper: yUpper),
                                ticks: .maxCount(5), showsTickLabels: k == 0),
                    title: p.title.isEmpty ? name : "\(name) · \(p.title)", elements: elements, legend: .hidden)
                out.append(Panel(.axes(axes), at: GridCell(row: r, column: k), letter: FigureSpec.letter(r * channels.count + k)))
            }
        }
        out.append(Panel(.colorBar(ColorBar(scale: scale, label: "attribution", unit: "Hz")),
                         at: GridCell(row: 0, column: channels.count, rowSpan: panels.count)))
        let grid = PanelGrid(rows: Array(repeating: .weight(1), count: panels.count),
                             columns: Array(repeating: .weight(1), count: channels.count) + [.millimetres(FigureBuilders.colorBarColumnMillimetres)],
                             rowGapPoints: 8, columnGapPoints: 10)
        return FigureSpec(id: id, caption: caption(limit), widthMillimetres: FigureSpec.doubleColumnMillimetres,
                          heightMillimetres: Double(panels.count) * 48 + 6, grid: grid, panels: out)
    }
}
