import Plotting
/// One stimulus-plus-response panel of a catalogue trace figure: a stimulus strip (full-field
/// contrast as blocks, or bar-centre trajectories) above the responses, on a time axis relative to
/// the condition's event.
struct TracePanel {
    enum Stimulus {
        /// Full-field contrast per sample, drawn as blocks (dark blocks hang below the baseline).
        case contrast([Double])
        /// Bar-centre trajectories relative to the RF centre, µm per sample (nil = no bar), one line each.
        case barMicrons([[Double?]])
    }

    var title: String
    /// Time of each sample relative to the event, ms (increasing, 10 ms apart).
    var timesMs: [Double]
    var stimulus: Stimulus
    var traces: [Trace]
    /// Vertical markers, ms relative to the event.
    var markers: [(ms: Double, label: String)]
}

/// Small multiples of ``TracePanel``s: response y limits shared by every panel (nice limits of the
/// union, including 0), stimulus limits shared by every strip (bars: the trajectories' range + 5 %), x limits shared by all panels or by the
/// panels of one row; tick and axis labels only on the outer panels; one legend (``CatalogueLegends/shared(_:)``).
enum CatalogueTraces {
    enum XSharing { case all, perRow }

    static func figure(id: String, caption: String, panels: [TracePanel], columns: Int, xSharing: XSharing = .all,
                       timeLabel: String, widthMillimetres: Double = FigureSpec.doubleColumnMillimetres,
                       rowHeightMillimetres: Double = 52) throws -> FigureSpec {
        try FigureBuilders.require(!panels.isEmpty, "FigureCatalogue.traces", "expected at least one panel for '\(id)', found none")
        for p in panels {
            try FigureBuilders.require(!p.timesMs.isEmpty, "FigureCatalogue.traces", "panel '\(p.title)' has no samples")
            try FigureBuilders.checkTraces(p.traces, count: p.timesMs.count, "FigureCatalogue.traces")
        }
        let perRow = max(1, min(columns, panels.count))
        let rowCount = (panels.count + perRow - 1) / perRow

        // Shared response limits.
        let values = panels.flatMap { p in p.traces.flatMap { t in
            t.values.indices.flatMap { i in [t.values[i] - (t.spread?[i] ?? 0), t.values[i] + (t.spread?[i] ?? 0)] } } }
        let yTicks = NiceTicks.linear(lower: min(0, values.min() ?? 0), upper: max(values.max() ?? 1, 1e-9), maxCount: 5, snap: true)
        let stimulusLimits = sharedStimulusLimits(panels)

        func xLimits(_ members: ArraySlice<TracePanel>) -> (Double, Double) {
            let lo = members.compactMap { $0.timesMs.first }.min() ?? 0
            let hi = members.compactMap { $0.timesMs.last }.max() ?? 1
            return (lo, hi > lo ? hi : lo + 10)
        }
        let global = xLimits(panels[...])

        var out: [Panel] = []
        for (k, p) in panels.enumerated() {
            let row = k / perRow, column = k % perRow
            let rowMembers = panels[(row * perRow)..<min(panels.count, (row + 1) * perRow)]
            let (xlo, xhi) = xSharing == .all ? global : xLimits(rowMembers)
            let bottom = xSharing == .perRow || k + perRow >= panels.count
            let first = column == 0
            let x = AxisLimits.fixed(lower: xlo, upper: xhi)
            let strip = stripAxes(p, limits: x, stimulusLimits: stimulusLimits, showsLabel: first)
            let markers = p.markers.map { m in
                PlotElement.reference(ReferenceLine(.vertical(x: m.ms),
                                                    style: LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.6, dash: .dashed),
                                                    label: k == 0 ? m.label : nil))
            }
            let response = Axes(
                x: AxisSpec(label: bottom ? timeLabel : nil, unit: bottom ? "ms" : nil, limits: x, ticks: .maxCount(6),
                            showsTickLabels: bottom),
                y: AxisSpec(label: first ? "rate" : nil, unit: first ? "Hz" : nil, limits: .fixed(lower: yTicks.lower, upper: yTicks.upper),
                            ticks: .values(yTicks.values), showsTickLabels: first),
                elements: markers + FigureBuilders.traceElements(p.traces, x: p.timesMs),
                legend: k == 0 ? LegendSpec(placement: .automatic) : .hidden)
            let weights: [Double]
            switch p.stimulus {
            case .contrast: weights = [1, 4.5]
            case .barMicrons: weights = [2.1, 4]
            }
            out.append(Panel(.stack(AxesStack(members: [strip, response], heightWeights: weights, gapPoints: 3)),
                             at: GridCell(row: row, column: column), letter: FigureSpec.letter(k)))
        }
        let grid = PanelGrid(rows: Array(repeating: .weight(1), count: rowCount), columns: Array(repeating: .weight(1), count: perRow),
                             rowGapPoints: 8, columnGapPoints: 10)
        return CatalogueLegends.shared(FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres,
                                                  heightMillimetres: Double(rowCount) * rowHeightMillimetres + 4, grid: grid, panels: out))
    }

    /// Contrast strips share `min(0, min) … max(0, max)` over every panel; bar strips share the nice
    /// limits of all trajectories.
    static func sharedStimulusLimits(_ panels: [TracePanel]) -> (lower: Double, upper: Double) {
        var contrast: [Double] = [], bar: [Double] = []
        for p in panels {
            switch p.stimulus {
            case .contrast(let c): contrast += c
            case .barMicrons(let lines): bar += lines.flatMap { $0.compactMap { $0 } }
            }
        }
        if !bar.isEmpty, let lo = bar.min(), let hi = bar.max() {
            let pad = max(0.05 * (hi - lo), 1)
            return (lo - pad, hi + pad)
        }
        let lo = min(0, contrast.min() ?? 0), hi = max(0, contrast.max() ?? 0)
        return lo < hi ? (lo, hi) : (-1, 1)
    }

    static func stripAxes(_ p: TracePanel, limits: AxisLimits, stimulusLimits s: (lower: Double, upper: Double),
                          showsLabel: Bool) -> Axes {
        switch p.stimulus {
        case .contrast(let values):
            let dt = FigureBuilders.spacing(p.timesMs)
            return Axes(x: .hidden(limits: limits),
                        y: AxisSpec(label: showsLabel ? "stimulus" : nil, limits: .fixed(lower: s.lower, upper: s.upper), ticks: .none,
                                    isVisible: false, horizontalLabel: true),
                        title: p.title, elements: [.blocks(BlockTrace.from(times: p.timesMs, values: values, sampleDuration: dt))],
                        legend: .hidden)
        case .barMicrons(let lines):
            var elements: [PlotElement] = [.reference(ReferenceLine(.horizontal(y: 0),
                                                                    style: LineStyle(color: RGBColor(hex: 0xB3B3B3), widthPoints: 0.5, dash: .dotted)))]
            for line in lines {
                for segment in segments(x: p.timesMs, y: line) {
                    elements.append(.line(LineSeries(x: segment.x, y: segment.y,
                                                     style: LineStyle(color: PathwayPalette.stimulus, widthPoints: 0.9))))
                }
            }
            return Axes(x: .hidden(limits: limits),
                        y: AxisSpec(label: showsLabel ? "bar" : nil, unit: showsLabel ? "µm" : nil,
                                    limits: .fixed(lower: s.lower, upper: s.upper), ticks: .maxCount(4), showsTickLabels: showsLabel),
                        title: p.title, elements: elements, legend: .hidden)
        }
    }

    /// Maximal runs of non-nil `y` (and, with `within`, of values inside the range) as polylines.
    static func segments(x: [Double], y: [Double?], within range: ClosedRange<Double>? = nil) -> [(x: [Double], y: [Double])] {
        var out: [(x: [Double], y: [Double])] = []
        var current: (x: [Double], y: [Double]) = ([], [])
        for (xi, yi) in zip(x, y) {
            if let v = yi, range?.contains(v) ?? true {
                current.x.append(xi); current.y.append(v)
            } else if !current.x.isEmpty {
                out.append(current); current = ([], [])
            }
        }
        if !current.x.isEmpty { out.append(current) }
        return out.filter { $0.x.count >= 2 }
    }
}
