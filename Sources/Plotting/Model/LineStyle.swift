/// Dash pattern of a stroked line, in multiples of the line width (so patterns scale with the width).
public enum DashPattern: String, Codable, Sendable, CaseIterable {
    case solid
    /// 3.5 on, 2 off (× width).
    case dashed
    /// 1 on, 1.6 off (× width), round caps.
    case dotted
    /// 4 on, 1.6 off, 1 on, 1.6 off (× width).
    case dashDot

    /// On/off lengths in multiples of the line width; empty for solid.
    public var unitLengths: [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [3.5, 2]
        case .dotted: return [0.01, 1.8]
        case .dashDot: return [4, 1.6, 0.01, 1.6]
        }
    }

    /// Dotted and dash-dot patterns need round caps (their "dots" are zero-length dashes).
    public var usesRoundCaps: Bool { self == .dotted || self == .dashDot }
}

/// How a line is stroked. Widths are in points (1/72 inch) at print size.
public struct LineStyle: Codable, Sendable, Equatable {
    public var color: RGBColor
    public var widthPoints: Double
    public var dash: DashPattern
    /// 0…1.
    public var opacity: Double

    public init(color: RGBColor, widthPoints: Double = 1.0, dash: DashPattern = .solid, opacity: Double = 1) {
        self.color = color
        self.widthPoints = widthPoints
        self.dash = dash
        self.opacity = opacity
    }
}

/// Shape of a scatter marker.
public enum MarkerShape: String, Codable, Sendable, CaseIterable {
    case circle, square, triangle, diamond
}

/// How scatter points are drawn. `sizePoints` is the marker diameter (or side) in points.
public struct MarkerStyle: Codable, Sendable, Equatable {
    public var shape: MarkerShape
    public var color: RGBColor
    public var sizePoints: Double
    /// Filled with `color`; otherwise white fill and `color` outline.
    public var filled: Bool

    public init(shape: MarkerShape = .circle, color: RGBColor, sizePoints: Double = 3.5, filled: Bool = true) {
        self.shape = shape
        self.color = color
        self.sizePoints = sizePoints
        self.filled = filled
    }
}
