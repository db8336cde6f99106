/// A rows × columns grid of values painted with a ``ColorScale`` over a rectangle in data coordinates.
///
/// `values` is row-major (`values[r·columns + c]`). Columns span `xLower…xUpper` evenly (column `c`
/// covers `xLower + c·Δx … xLower + (c+1)·Δx`); rows span `yLower…yUpper`, and row 0 is at the top when
/// `firstRowAtTop` (channel maps) or at the bottom otherwise (position maps, position increasing upward).
public struct Heatmap: Codable, Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var values: [Double]
    public var xLower: Double
    public var xUpper: Double
    public var yLower: Double
    public var yUpper: Double
    public var firstRowAtTop: Bool
    public var scale: ColorScale

    public init(rows: Int, columns: Int, values: [Double], xLower: Double, xUpper: Double,
                yLower: Double, yUpper: Double, firstRowAtTop: Bool, scale: ColorScale) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.xLower = xLower
        self.xUpper = xUpper
        self.yLower = yLower
        self.yUpper = yUpper
        self.firstRowAtTop = firstRowAtTop
        self.scale = scale
    }

    /// The value at (row, column).
    public func value(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// The colour painted for (row, column).
    public func color(row: Int, column: Int) -> RGBColor { scale.color(for: value(row: row, column: column)) }

    /// The y-centre of `row` in data units.
    public func rowCenter(_ row: Int) -> Double {
        let height = (yUpper - yLower) / Double(rows)
        let fromBottom = firstRowAtTop ? rows - 1 - row : row
        return yLower + (Double(fromBottom) + 0.5) * height
    }
}

/// A colour bar: the gradient of a scale with ticks and a label, drawn as its own panel so several
/// heatmap panels can share one.
public struct ColorBar: Codable, Sendable, Equatable {
    public var scale: ColorScale
    public var label: String?
    public var unit: String?
    public var ticks: TickSpec
    /// Width of the gradient bar in points.
    public var barWidthPoints: Double

    public init(scale: ColorScale, label: String? = nil, unit: String? = nil, ticks: TickSpec = .maxCount(5),
                barWidthPoints: Double = 6) {
        self.scale = scale
        self.label = label
        self.unit = unit
        self.ticks = ticks
        self.barWidthPoints = barWidthPoints
    }

    /// `"label (unit)"` as for axes.
    public var displayLabel: String? { AxisSpec(label: label, unit: unit).displayLabel }
}
