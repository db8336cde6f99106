import Foundation

/// A node of a circuit diagram: a first-layer pathway or the ganglion-cell output.
public struct CircuitNode: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        /// A pathway (first-layer channel type): circle in its polarity colour, label to the left.
        case pathway
        /// The ganglion cell the pathways converge on: larger dark circle, label below.
        case output
    }

    public var id: String
    /// E.g. "OFF fast", "ON slow" (Pango markup allowed).
    public var label: String
    public var role: Role
    public var color: RGBColor
    /// Temporal filter drawn as a sparkline inside the node, in window order (oldest first, newest
    /// last); amplitude is normalised to the node, so units do not matter. `nil` = no sparkline.
    public var filter: [Double]?
    /// Centre in the diagram's unit square: x from left (0) to right (1), y from top (0) to bottom (1).
    public var x: Double
    public var y: Double

    public init(id: String, label: String, role: Role = .pathway, color: RGBColor, filter: [Double]? = nil,
                x: Double, y: Double) {
        self.id = id
        self.label = label
        self.role = role
        self.color = color
        self.filter = filter
        self.x = x
        self.y = y
    }
}

/// A signed connection. Positive weights are excitatory (arrowhead), negative inhibitory (bar end);
/// the stroke width grows with |weight| (see ``CircuitDiagram/strokeWidth(for:)``).
public struct CircuitEdge: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var weight: Double
    /// Print the weight next to the edge.
    public var showsWeight: Bool
    /// Divisive gain of the source on the target (printed "÷ v" after the weight); nil or 0 = none.
    public var divisiveGain: Double?

    public init(from: String, to: String, weight: Double, showsWeight: Bool = true, divisiveGain: Double? = nil) {
        self.from = from
        self.to = to
        self.weight = weight
        self.showsWeight = showsWeight
        self.divisiveGain = divisiveGain
    }

    public var isExcitatory: Bool { weight >= 0 }
}

/// Pathway nodes converging on an output node with signed, weighted edges.
public struct CircuitDiagram: Codable, Sendable, Equatable {
    public var nodes: [CircuitNode]
    public var edges: [CircuitEdge]
    public var title: String?
    /// Decimals of the printed weights.
    public var weightDecimals: Int
    /// Stroke width of the edge with the largest |weight|; others scale linearly, never below
    /// `minimumStrokePoints`.
    public var maximumStrokePoints: Double
    public var minimumStrokePoints: Double

    public init(nodes: [CircuitNode], edges: [CircuitEdge], title: String? = nil, weightDecimals: Int = 2,
                maximumStrokePoints: Double = 3, minimumStrokePoints: Double = 0.6) {
        self.nodes = nodes
        self.edges = edges
        self.title = title
        self.weightDecimals = weightDecimals
        self.maximumStrokePoints = maximumStrokePoints
        self.minimumStrokePoints = minimumStrokePoints
    }

    /// Stroke width (points) of an edge: `max(minimum, maximum · |w| / max_e |w_e|)`.
    public func strokeWidth(for weight: Double) -> Double {
        let largest = edges.map { abs($0.weight) }.max() ?? 0
        guard largest > 0 else { return minimumStrokePoints }
        return max(minimumStrokePoints, maximumStrokePoints * abs(weight) / largest)
    }

    /// The printed weight: sign always shown ("+0.75", "−0.40").
    public func weightLabel(_ weight: Double) -> String {
        let body = TickFormatter.decimal(abs(weight), digits: weightDecimals)
        return (weight < 0 ? TickFormatter.minus : "+") + body
    }

    /// The printed label of an edge: its weight, then "÷ v" (two significant digits) when the source
    /// also divides the target ("+1.79 ÷ 0.093").
    public func edgeLabel(_ edge: CircuitEdge) -> String {
        guard let v = edge.divisiveGain, v > 0, v.isFinite else { return weightLabel(edge.weight) }
        let digits = max(0, 1 - Int(floor(log10(v))))
        return weightLabel(edge.weight) + " ÷ " + TickFormatter.decimal(v, digits: digits)
    }
}
