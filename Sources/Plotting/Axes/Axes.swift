/// A plotting area with an x and a y axis and the elements drawn in it.
///
/// Style is despined (left and bottom spines only, ticks outward); elements are drawn in order, so put
/// bands and spans first and lines on top.
public struct Axes: Codable, Sendable, Equatable {
    public var x: AxisSpec
    public var y: AxisSpec
    /// Optional title above the plot area (Pango markup allowed).
    public var title: String?
    public var elements: [PlotElement]
    public var legend: LegendSpec
    /// One data unit has the same length on both axes (spatial maps in µm); the plot area shrinks
    /// (centred) to keep it.
    public var equalAspect: Bool

    public init(
        x: AxisSpec = AxisSpec(), y: AxisSpec = AxisSpec(), title: String? = nil,
        elements: [PlotElement] = [], legend: LegendSpec = LegendSpec(), equalAspect: Bool = false
    ) {
        self.x = x
        self.y = y
        self.title = title
        self.elements = elements
        self.legend = legend
        self.equalAspect = equalAspect
    }
}

/// Axes stacked vertically that share one x axis, e.g. a stimulus strip above a response.
///
/// The members get heights in proportion to `heightWeights`, separated by `gapPoints`; their plot areas
/// share left and right edges. Only the bottom member should show its x axis (builders hide the others'
/// x axes); all members should use the same x limits (builders set them `.fixed`).
public struct AxesStack: Codable, Sendable, Equatable {
    public var members: [Axes]
    public var heightWeights: [Double]
    public var gapPoints: Double

    public init(members: [Axes], heightWeights: [Double]? = nil, gapPoints: Double = 3) {
        self.members = members
        self.heightWeights = heightWeights ?? Array(repeating: 1, count: members.count)
        self.gapPoints = gapPoints
    }
}
