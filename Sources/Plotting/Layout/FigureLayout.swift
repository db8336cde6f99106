/// Text placed at an anchor point: the renderer aligns the measured text box on `anchor` with the given
/// alignments; `rotated` text reads bottom-to-top (turned −90°) and its alignments refer to the unrotated
/// box. `box` is the bounding box in figure coordinates (as measured by the layout's measurer).
public struct PlacedText: Codable, Sendable, Equatable {
    public var text: String
    public var anchor: LayoutPoint
    public var horizontal: HorizontalAlignment
    public var vertical: VerticalAlignment
    public var sizePoints: Double
    public var bold: Bool
    public var rotated: Bool
    public var color: RGBColor
    public var box: LayoutRect
}

/// A tick: data value, position along its axis in figure coordinates (x for an x axis, y for a y axis),
/// and its label.
public struct PlacedTick: Codable, Sendable, Equatable {
    public var value: Double
    public var position: Double
    public var label: PlacedText?
}

/// A resolved axis: final limits, ticks and label.
public struct AxisLayout: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var scale: AxisScale
    public var isVisible: Bool
    public var ticks: [PlacedTick]
    public var label: PlacedText?
}

/// What a legend entry shows before its label.
public enum LegendSwatch: Codable, Sendable, Equatable {
    case line(LineStyle)
    case marker(MarkerStyle, errorBars: Bool)
    case patch(RGBColor, opacity: Double)
}

public struct LegendEntryLayout: Codable, Sendable, Equatable {
    public var swatch: LegendSwatch
    public var swatchRect: LayoutRect
    public var label: PlacedText
}

/// A placed legend. `placement` is the resolved one (never `.automatic`).
public struct LegendLayout: Codable, Sendable, Equatable {
    public var box: LayoutRect
    public var placement: LegendPlacement
    public var title: PlacedText?
    public var entries: [LegendEntryLayout]
}

/// A placed colour bar: gradient rectangle (lower value at the bottom), ticks on its right, label.
public struct ColorBarLayout: Codable, Sendable, Equatable {
    public var bar: LayoutRect
    public var scale: ColorScale
    public var ticks: [PlacedTick]
    public var label: PlacedText?
}

public struct CircuitNodeLayout: Codable, Sendable, Equatable {
    public var id: String
    public var center: LayoutPoint
    public var radius: Double
    public var role: CircuitNode.Role
    public var color: RGBColor
    public var label: PlacedText
    /// Filter sparkline in figure coordinates (empty if none).
    public var sparkline: [LayoutPoint]
}

public struct CircuitEdgeLayout: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    /// Where the stroke starts (on the source circle) and ends (at the base of the arrowhead or bar).
    public var start: LayoutPoint
    public var end: LayoutPoint
    /// Tip of the arrowhead, or centre of the inhibitory bar (just outside the target circle).
    public var tip: LayoutPoint
    public var widthPoints: Double
    public var isExcitatory: Bool
    public var color: RGBColor
    public var weightLabel: PlacedText?
}

public struct CircuitLayout: Codable, Sendable, Equatable {
    public var area: LayoutRect
    public var title: PlacedText?
    public var nodes: [CircuitNodeLayout]
    public var edges: [CircuitEdgeLayout]
}

/// The layout of one panel's content.
public enum ContentLayout: Codable, Sendable, Equatable {
    case axes(AxesLayout)
    case stack([AxesLayout])
    case colorBar(ColorBarLayout)
    case circuit(CircuitLayout)
    case blank
}

public struct PanelLayout: Codable, Sendable, Equatable {
    /// Index into ``FigureSpec/panels``.
    public var index: Int
    /// The grid area of the panel.
    public var frame: LayoutRect
    public var letter: PlacedText?
    public var content: ContentLayout
}

/// Where everything of a figure goes, in points from the top-left corner: the renderer's input together
/// with the spec, and what layout tests check.
public struct FigureLayout: Codable, Sendable, Equatable {
    public var widthPoints: Double
    public var heightPoints: Double
    public var panels: [PanelLayout]
}
