import ModelCards
import Plotting

/// The memory-coverage figure of the model card: each cell's long-window filter against lag with
/// the window's edge marked, and per cell the share of filter weight outside the window (and, for
/// the simulated retina, the window-truncated retina's FEV).
enum CatalogueMemory {
    static func figure(_ m: MemoryCoverage) throws -> FigureSpec {
        let lagsMs = (0..<m.filterFrames).map { Double($0) * 10 }
        let edgeMs = Double(m.firstLagFrames + m.windowFrames) * 10
        // Each filter scaled to its own peak |k| = 1 (cells differ in gain; the shape carries the memory).
        let curves: [[Double]] = m.cells.map { c in
            let peak = c.filter.map(abs).max() ?? 0
            return peak > 0 ? c.filter.map { $0 / peak } : c.filter
        }
        let thin = LineStyle(color: RGBColor(hex: 0x9A9A9A), widthPoints: 0.6)
        let mean = (0..<m.filterFrames).map { t in curves.isEmpty ? 0 : curves.reduce(0) { $0 + $1[t] } / Double(curves.count) }
        let seen = Span(from: Double(m.firstLagFrames) * 10, to: edgeMs, color: RGBColor(hex: 0xEFEFEF), label: "seen by the model")
        let filters = Axes(
            x: AxisSpec(label: "lag before the response bin", unit: "ms", limits: .fixed(lower: 0, upper: lagsMs.last ?? 1), ticks: .maxCount(6)),
            y: AxisSpec(label: "filter (scaled to peak |k| = 1)", limits: .nice, ticks: .maxCount(5)),
            title: "long-window linear filters (window: \(m.windowFrames) frames)",
            elements: [.span(seen)]
                + curves.map { .line(LineSeries(x: lagsMs, y: $0, style: thin)) }
                + [.line(LineSeries(x: lagsMs, y: mean, style: LineStyle(color: ConditionStyle.fullColor, widthPoints: 1.4), label: "mean over cells")),
                   .reference(ReferenceLine(.vertical(x: edgeMs), style: LineStyle(color: OkabeIto.vermillion, widthPoints: 0.9, dash: .dashed),
                                            label: "edge")),
                   .reference(ReferenceLine(.horizontal(y: 0), style: LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.5)))],
            legend: LegendSpec(placement: .inside(.bottomRight)))
        let cells = m.cells.map { Double($0.cell) }
        let ticks: TickSpec = cells.count <= 12 ? .values(cells) : .maxCount(6)
        var perCell: [PlotElement] = [
            .scatter(ScatterSeries(x: cells, y: m.cells.map(\.weightOutsideWindow),
                                   marker: MarkerStyle(shape: .circle, color: ConditionStyle.fullColor, sizePoints: 3.4),
                                   label: "filter weight outside the window")),
            .reference(ReferenceLine(.horizontal(y: 1 - MemoryCoverage.warningThreshold),
                                     style: LineStyle(color: OkabeIto.vermillion, widthPoints: 0.6, dash: .dotted),
                                     label: "\(CatalogueText.number(100 * (1 - MemoryCoverage.warningThreshold), 0)) %")),
        ]
        let fev = m.cells.compactMap(\.truncatedFEV)
        if fev.count == m.cells.count, !fev.isEmpty {
            perCell.append(.scatter(ScatterSeries(x: cells, y: fev.map { 1 - $0 },
                                                  marker: MarkerStyle(shape: .square, color: OkabeIto.blue, sizePoints: 3, filled: false),
                                                  label: "1 − FEV of the truncated retina")))
        }
        let upper = max(0.1, ((perCell.flatMap { e -> [Double] in if case .scatter(let s) = e { return s.y } else { return [] } }.max() ?? 0) * 1.15))
        let shares = Axes(
            x: AxisSpec(label: "cell", limits: .fixed(lower: -0.6, upper: Double(max(1, cells.count)) - 0.4), ticks: ticks),
            y: AxisSpec(label: "outside the window", unit: "fraction", limits: .fixed(lower: 0, upper: min(1, upper)), ticks: .maxCount(5)),
            title: "per cell", elements: perCell, legend: LegendSpec(placement: .automatic))
        let panels = [filters, shares].enumerated().map { k, a in
            Panel(.axes(a), at: GridCell(row: 0, column: k), letter: FigureSpec.letter(k))
        }
        var caption = "Memory coverage of the model's \(m.windowFrames)-frame (\(m.windowFrames * 10) ms) window, "
            + "measured on the \(m.data). (a) Each cell's linear temporal filter over \(m.filterFrames) frames (grey; "
            + "ridge regression on a smooth log-time basis of the response on the stimulus projected onto the cell's receptive field, "
            + "each scaled to its peak), their mean (black), the lags the model sees (shaded) and the window's edge (dashed). "
            + "(b) Per cell, the share of the filter's absolute weight above chance that lies outside the window (circles)"
        if fev.count == m.cells.count, !fev.isEmpty {
            caption += " and the variance the simulated retina loses when restricted to the window, 1 − FEV on "
                + "\(m.sampledBins ?? 0) bins (open squares; the retina's nonlinear memory included)"
        }
        caption += "; dotted line: the \(CatalogueText.number(100 * (1 - MemoryCoverage.warningThreshold), 0)) % warning level. "
            + "Coverage: \(CatalogueText.number(100 * m.coverage, 1)) %."
        return FigureSpec(id: "model-memory", caption: caption, widthMillimetres: FigureSpec.doubleColumnMillimetres,
                          heightMillimetres: 62, grid: PanelGrid(rows: [.weight(1)], columns: [.weight(1.6), .weight(1)],
                                                                 rowGapPoints: 6, columnGapPoints: 16),
                          panels: panels)
    }
}
