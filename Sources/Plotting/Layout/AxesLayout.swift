import Foundation

/// A resolved axes: plot area, axes, title, legend, and the data → figure transform.
public struct AxesLayout: Codable, Sendable, Equatable {
    /// The data area; spines run along its left and bottom edges.
    public var plotRect: LayoutRect
    public var x: AxisLayout
    public var y: AxisLayout
    public var title: PlacedText?
    public var legend: LegendLayout?

    /// Horizontal figure coordinate of data value `v`:
    /// `minX + (f(v) − f(lower)) / (f(upper) − f(lower)) · width`, `f` = identity or log10.
    public func xPosition(_ v: Double) -> Double {
        plotRect.minX + Self.fraction(v, x) * plotRect.width
    }

    /// Vertical figure coordinate of data value `v` (upward in data = downward in figure).
    public func yPosition(_ v: Double) -> Double {
        plotRect.maxY - Self.fraction(v, y) * plotRect.height
    }

    public func point(_ x: Double, _ y: Double) -> LayoutPoint {
        LayoutPoint(x: xPosition(x), y: yPosition(y))
    }

    static func fraction(_ v: Double, _ axis: AxisLayout) -> Double {
        switch axis.scale {
        case .linear:
            return (v - axis.lower) / (axis.upper - axis.lower)
        case .log10:
            let lv = v > 0 ? log10(v) : -300
            return (lv - log10(axis.lower)) / (log10(axis.upper) - log10(axis.lower))
        }
    }
}
