/// N panels of the same kind on a grid with shared limits: the union of the data extents, snapped to
/// nice ticks, fixed on every panel; tick labels and axis labels only on the outer (left column,
/// bottom row) panels; letters in reading order.
public enum SmallMultiples {
    /// The axes with shared `.fixed` limits on the chosen axes (`.nice` resolution of the union extent;
    /// the first axes' spec decides scale and zero inclusion).
    public static func sharingLimits(_ axes: [Axes], x shareX: Bool = true, y shareY: Bool = true) -> [Axes] {
        guard let first = axes.first else { return [] }
        let union = axes.reduce(DataExtent()) { $0.union($1.dataExtent()) }
        var result = axes
        if shareX {
            let set = AxisResolver.resolve(first.x, extent: union.x, lengthPoints: 120, horizontal: true)
            for i in result.indices { result[i].x.limits = .fixed(lower: set.lower, upper: set.upper) }
        }
        if shareY {
            let set = AxisResolver.resolve(first.y, extent: union.y, lengthPoints: 100, horizontal: false)
            for i in result.indices { result[i].y.limits = .fixed(lower: set.lower, upper: set.upper) }
        }
        return result
    }

    /// Panels for `axes` laid out `columns` per row, sharing limits; inner tick labels and axis labels
    /// are hidden where the limits are shared.
    public static func panels(_ axes: [Axes], columns: Int, shareX: Bool = true, shareY: Bool = true) -> (grid: PanelGrid, panels: [Panel]) {
        let perRow = max(1, min(columns, max(axes.count, 1)))
        let rows = max(1, (axes.count + perRow - 1) / perRow)
        let shared = sharingLimits(axes, x: shareX, y: shareY)
        let panels = shared.enumerated().map { k, a -> Panel in
            var a = a
            let row = k / perRow, column = k % perRow
            let bottom = k + perRow >= axes.count
            if shareX, !bottom {
                a.x.showsTickLabels = false
                a.x.label = nil
                a.x.unit = nil
            }
            if shareY, column != 0 {
                a.y.showsTickLabels = false
                a.y.label = nil
                a.y.unit = nil
            }
            return Panel(.axes(a), at: GridCell(row: row, column: column), letter: FigureSpec.letter(k))
        }
        return (PanelGrid.uniform(rows: rows, columns: perRow), panels)
    }

    public static func figure(id: String, caption: String, axes: [Axes], columns: Int, shareX: Bool = true, shareY: Bool = true,
                              widthMillimetres: Double = FigureSpec.doubleColumnMillimetres, heightMillimetres: Double) -> FigureSpec {
        let (grid, panels) = self.panels(axes, columns: columns, shareX: shareX, shareY: shareY)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres, heightMillimetres: heightMillimetres,
                          grid: grid, panels: panels)
    }
}
