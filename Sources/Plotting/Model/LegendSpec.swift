/// A corner of the plot area.
public enum Corner: String, Codable, Sendable, CaseIterable {
    case topRight, topLeft, bottomRight, bottomLeft
}

/// Where the legend of an ``Axes`` goes. Entries come from the labelled elements, in order,
/// de-duplicated by label.
public enum LegendPlacement: Codable, Sendable, Equatable {
    /// Inside the plot area in the first corner (top-right, top-left, bottom-right, bottom-left) where the
    /// legend box crosses no data; if every corner crosses data, outside to the right.
    case automatic
    /// Inside, in this corner, regardless of data.
    case inside(Corner)
    /// Outside the plot area, to the right (the plot area shrinks to make room).
    case outsideRight
    /// No legend.
    case hidden
}

public struct LegendSpec: Codable, Sendable, Equatable {
    public var placement: LegendPlacement
    public var title: String?

    public init(placement: LegendPlacement = .automatic, title: String? = nil) {
        self.placement = placement
        self.title = title
    }

    public static let hidden = LegendSpec(placement: .hidden)
}
