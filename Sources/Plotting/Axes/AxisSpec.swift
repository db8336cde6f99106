/// How an axis chooses its limits.
public enum AxisLimits: Codable, Sendable, Equatable {
    /// From the data, grown outward to the neighbouring nice ticks.
    case nice
    /// Like ``nice`` but the range always contains 0 (rates, counts).
    case niceIncludingZero
    /// Exactly the data range (heatmap extents, time axes that must not run past the data).
    case tight
    /// The data range grown by `fraction` of its span on each side, not snapped (points that would
    /// otherwise sit on the spines: scatter plots, summary curves).
    case padded(fraction: Double)
    /// Fixed limits in data units (`lower < upper`), e.g. shared by small multiples.
    case fixed(lower: Double, upper: Double)
}

/// How an axis chooses its ticks.
public enum TickSpec: Codable, Sendable, Equatable {
    /// 1-2-5 ticks, as many as fit the axis length (about one per 34 pt on x, 26 pt on y; 3…8).
    case automatic
    /// 1-2-5 ticks, at most this many.
    case maxCount(Int)
    /// These values, labelled with the 1-2-5 formatter of their smallest spacing.
    case values([Double])
    /// Explicit positions and labels (categorical axes, e.g. channel names on heatmap rows).
    case labeled([TickMark])
    /// No ticks and no tick labels (the spine is still drawn if the axis is visible).
    case none
}

/// One explicit tick: position in data units and label (Pango markup allowed).
public struct TickMark: Codable, Sendable, Equatable {
    public var value: Double
    public var label: String
    public init(_ value: Double, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// Linear or base-10 logarithmic mapping of data to the axis.
public enum AxisScale: String, Codable, Sendable {
    case linear
    /// Data must be > 0 (validation checks).
    case log10
}

/// One axis of an ``Axes``: label with unit, limits, ticks, scale.
public struct AxisSpec: Codable, Sendable, Equatable {
    /// Quantity name, e.g. "time" (Pango markup allowed).
    public var label: String?
    /// Unit shown in parentheses after the label, e.g. "ms", "µm", "s<sup>−1</sup>".
    public var unit: String?
    public var limits: AxisLimits
    public var ticks: TickSpec
    public var scale: AxisScale
    /// `false` hides spine, ticks, tick labels and label (stimulus strips, shared axes of stacks).
    public var isVisible: Bool
    /// Draw the (y) label horizontally to the left of the axis instead of rotated; for short strips.
    public var horizontalLabel: Bool
    /// `false` keeps the tick marks but drops their labels (inner panels of small multiples).
    public var showsTickLabels: Bool

    public init(
        label: String? = nil, unit: String? = nil, limits: AxisLimits = .nice, ticks: TickSpec = .automatic,
        scale: AxisScale = .linear, isVisible: Bool = true, horizontalLabel: Bool = false,
        showsTickLabels: Bool = true
    ) {
        self.label = label
        self.unit = unit
        self.limits = limits
        self.ticks = ticks
        self.scale = scale
        self.isVisible = isVisible
        self.horizontalLabel = horizontalLabel
        self.showsTickLabels = showsTickLabels
    }

    /// An invisible axis with the given limits.
    public static func hidden(limits: AxisLimits = .nice) -> AxisSpec {
        AxisSpec(limits: limits, ticks: .none, isVisible: false)
    }

    /// The text drawn for the label: `"label (unit)"`, `"label"`, or `nil`.
    public var displayLabel: String? {
        switch (label, unit) {
        case let (label?, unit?) where !unit.isEmpty: return "\(label) (\(unit))"
        case let (label?, _): return label
        case let (nil, unit?) where !unit.isEmpty: return "(\(unit))"
        default: return nil
        }
    }
}
