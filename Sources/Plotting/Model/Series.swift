/// A polyline through `(x[i], y[i])`. `x` and `y` have equal, non-zero length and finite values.
public struct LineSeries: Codable, Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var style: LineStyle
    /// Legend entry; `nil` = not in the legend.
    public var label: String?

    public init(x: [Double], y: [Double], style: LineStyle, label: String? = nil) {
        self.x = x
        self.y = y
        self.style = style
        self.label = label
    }
}

/// A filled region between `lower[i]` and `upper[i]` over `x[i]` (e.g. mean ± SD).
public struct Band: Codable, Sendable, Equatable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var color: RGBColor
    /// 0…1; 0.2–0.3 reads as a shade behind the mean line.
    public var opacity: Double
    public var label: String?

    public init(x: [Double], lower: [Double], upper: [Double], color: RGBColor, opacity: Double = 0.25, label: String? = nil) {
        self.x = x
        self.lower = lower
        self.upper = upper
        self.color = color
        self.opacity = opacity
        self.label = label
    }

    /// `mean ± sd`.
    public static func meanPlusMinus(x: [Double], mean: [Double], sd: [Double], color: RGBColor,
                                     opacity: Double = 0.25, label: String? = nil) -> Band {
        Band(x: x, lower: zip(mean, sd).map { $0 - $1 }, upper: zip(mean, sd).map { $0 + $1 },
             color: color, opacity: opacity, label: label)
    }
}

/// Points with optional symmetric error bars (`yError[i]` = half-length, e.g. SD).
public struct ScatterSeries: Codable, Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var yError: [Double]?
    public var xError: [Double]?
    public var marker: MarkerStyle
    /// Stroke width of the error bars and their caps, in points.
    public var errorBarWidthPoints: Double
    public var label: String?

    public init(x: [Double], y: [Double], yError: [Double]? = nil, xError: [Double]? = nil,
                marker: MarkerStyle, errorBarWidthPoints: Double = 0.75, label: String? = nil) {
        self.x = x
        self.y = y
        self.yError = yError
        self.xError = xError
        self.marker = marker
        self.errorBarWidthPoints = errorBarWidthPoints
        self.label = label
    }
}

/// A piecewise-constant curve: `values[i]` holds from `edges[i]` to `edges[i+1]`
/// (`edges.count == values.count + 1`, increasing).
public struct StepSeries: Codable, Sendable, Equatable {
    public var edges: [Double]
    public var values: [Double]
    public var style: LineStyle
    public var label: String?

    public init(edges: [Double], values: [Double], style: LineStyle, label: String? = nil) {
        self.edges = edges
        self.values = values
        self.style = style
        self.label = label
    }
}
