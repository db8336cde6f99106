import Foundation

/// A shaded interval across the whole plot (e.g. the window of a step stimulus).
public struct Span: Codable, Sendable, Equatable {
    public enum Orientation: String, Codable, Sendable {
        /// `from…to` on x, full height.
        case vertical
        /// `from…to` on y, full width.
        case horizontal
    }

    public var orientation: Orientation
    public var from: Double
    public var to: Double
    public var color: RGBColor
    public var opacity: Double
    public var label: String?

    public init(orientation: Orientation = .vertical, from: Double, to: Double,
                color: RGBColor = RGBColor(hex: 0xE5E5E5), opacity: Double = 1, label: String? = nil) {
        self.orientation = orientation
        self.from = from
        self.to = to
        self.color = color
        self.opacity = opacity
        self.label = label
    }
}

/// A straight reference line across the plot with an optional label at its end.
public struct ReferenceLine: Codable, Sendable, Equatable {
    public enum Geometry: Codable, Sendable, Equatable {
        /// `x = value`; label at the top end.
        case vertical(x: Double)
        /// `y = value`; label at the right end.
        case horizontal(y: Double)
        /// `y = slope·x + intercept` (e.g. the slope-1 line of OSR timing); label at the upper end.
        case affine(slope: Double, intercept: Double)
    }

    public var geometry: Geometry
    public var style: LineStyle
    /// Shown next to the line (small, in the line colour) and not in the legend unless `inLegend`.
    public var label: String?
    public var inLegend: Bool

    public init(_ geometry: Geometry, style: LineStyle = LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.6, dash: .dashed),
                label: String? = nil, inLegend: Bool = false) {
        self.geometry = geometry
        self.style = style
        self.label = label
        self.inLegend = inLegend
    }
}

/// Horizontal alignment of a text box relative to its anchor point.
public enum HorizontalAlignment: String, Codable, Sendable {
    case left, center, right
}

/// Vertical alignment of a text box relative to its anchor point.
public enum VerticalAlignment: String, Codable, Sendable {
    case top, middle, bottom
}

/// Free text in the plot (Pango markup allowed).
public struct TextAnnotation: Codable, Sendable, Equatable {
    public enum Coordinates: String, Codable, Sendable {
        /// `x`, `y` in data units.
        case data
        /// `x`, `y` as fractions of the plot area (0,0 = bottom left, 1,1 = top right).
        case axesFraction
    }

    public var text: String
    public var x: Double
    public var y: Double
    public var coordinates: Coordinates
    public var horizontalAlignment: HorizontalAlignment
    public var verticalAlignment: VerticalAlignment
    /// `nil` = the figure's annotation size.
    public var sizePoints: Double?
    public var color: RGBColor

    public init(_ text: String, x: Double, y: Double, coordinates: Coordinates = .data,
                horizontalAlignment: HorizontalAlignment = .left, verticalAlignment: VerticalAlignment = .bottom,
                sizePoints: Double? = nil, color: RGBColor = .black) {
        self.text = text
        self.x = x
        self.y = y
        self.coordinates = coordinates
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.sizePoints = sizePoints
        self.color = color
    }
}

/// A horizontal scale bar of `length` x-data units with a label (e.g. "200 µm"), drawn inside a corner
/// of the plot area; used instead of axes on spatial maps.
public struct ScaleBar: Codable, Sendable, Equatable {
    public var length: Double
    public var label: String
    public var corner: Corner
    public var color: RGBColor

    public init(length: Double, label: String, corner: Corner = .bottomRight, color: RGBColor = RGBColor(hex: 0x1A1A1A)) {
        self.length = length
        self.label = label
        self.corner = corner
        self.color = color
    }

    /// A bar of a 1-2-5 length no longer than `fraction` of `span`, labelled "`length` `unit`".
    public static func automatic(span: Double, unit: String, fraction: Double = 0.35, corner: Corner = .bottomRight) -> ScaleBar {
        let target = max(span * fraction, .leastNonzeroMagnitude)
        var step = TickStep(mantissa: 1, exponent: Int(floor(log10(target))))
        while step.next.value <= target { step = step.next }
        let length = step.value
        let digits = max(0, -step.exponent)
        return ScaleBar(length: length, label: "\(TickFormatter.decimal(length, digits: digits)) \(unit)", corner: corner)
    }
}
