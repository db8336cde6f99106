/// A response time course sampled at the figure's time points.
public struct Trace: Codable, Sendable, Equatable {
    public var label: String
    /// One value per time sample (e.g. rate in Hz).
    public var values: [Double]
    /// Optional SD per sample: drawn as a band `values ± spread` behind the line.
    public var spread: [Double]?
    public var role: TraceRole

    public init(label: String, values: [Double], spread: [Double]? = nil, role: TraceRole) {
        self.label = label
        self.values = values
        self.spread = spread
        self.role = role
    }
}

/// A labelled vertical marker on a time axis (e.g. "omitted flash").
public struct TimeMarker: Codable, Sendable, Equatable {
    public var timeSeconds: Double
    public var label: String?

    public init(timeSeconds: Double, label: String? = nil) {
        self.timeSeconds = timeSeconds
        self.label = label
    }
}

/// A rows × columns attribution map (channel × time or position × time), row-major.
public struct AttributionMap: Codable, Sendable, Equatable {
    public var title: String
    public var rows: Int
    public var columns: Int
    /// `values[r·columns + c]`; for channel maps row r = channel r, for position maps row r = position r.
    public var values: [Double]
    /// Row names for channel maps ("1 OFF fast", …); `nil` = numbered 1…rows.
    public var rowLabels: [String]?
    /// Traces drawn under the map (channel maps) on the same time axis.
    public var response: [Trace]

    public init(title: String, rows: Int, columns: Int, values: [Double], rowLabels: [String]? = nil,
                response: [Trace] = []) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.values = values
        self.rowLabels = rowLabels
        self.response = response
    }
}

/// Filters of one first-layer channel.
public struct ChannelFilter: Codable, Sendable, Equatable {
    public var label: String
    public var polarity: Polarity
    public var speed: PathwaySpeed?
    /// Temporal filter in window order: index 0 = oldest frame, last = the frame at the response (lag 0).
    public var temporal: [Double]
    /// Spatial filter at the peak lag, `spatialRows × spatialColumns`, row-major, row 0 at the top.
    public var spatial: [Double]
    public var spatialRows: Int
    public var spatialColumns: Int
    /// x–t slice, `temporal.count × spatialColumns`, row-major, rows in window order (oldest first);
    /// `nil` = no x–t panel.
    public var xtSlice: [Double]?

    public init(label: String, polarity: Polarity, speed: PathwaySpeed? = nil, temporal: [Double],
                spatial: [Double], spatialRows: Int, spatialColumns: Int, xtSlice: [Double]? = nil) {
        self.label = label
        self.polarity = polarity
        self.speed = speed
        self.temporal = temporal
        self.spatial = spatial
        self.spatialRows = spatialRows
        self.spatialColumns = spatialColumns
        self.xtSlice = xtSlice
    }
}

/// Points of a phenomenon curve (e.g. latency vs period) with optional SD.
public struct CurveData: Codable, Sendable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    public var yError: [Double]?

    public init(label: String, x: [Double], y: [Double], yError: [Double]? = nil) {
        self.label = label
        self.x = x
        self.y = y
        self.yError = yError
    }
}

/// A straight reference `y = slope·x + intercept` with a label (e.g. "slope 1").
public struct CurveReference: Codable, Sendable, Equatable {
    public var slope: Double
    public var intercept: Double
    public var label: String

    public init(slope: Double, intercept: Double, label: String) {
        self.slope = slope
        self.intercept = intercept
        self.label = label
    }
}

/// One pathway of a reduced circuit.
public struct CircuitPathway: Codable, Sendable, Equatable {
    /// E.g. "OFF fast".
    public var label: String
    public var polarity: Polarity
    public var speed: PathwaySpeed?
    /// Temporal filter in window order (oldest first), for the node sparkline.
    public var filter: [Double]?
    /// Signed weight onto the ganglion cell (> 0 excitatory, < 0 inhibitory).
    public var weight: Double
    /// Divisive gain onto the ganglion cell (the pathway also divides the output), nil or 0 = none.
    public var divisiveGain: Double?

    public init(label: String, polarity: Polarity, speed: PathwaySpeed? = nil, filter: [Double]? = nil, weight: Double,
                divisiveGain: Double? = nil) {
        self.label = label
        self.polarity = polarity
        self.speed = speed
        self.filter = filter
        self.weight = weight
        self.divisiveGain = divisiveGain
    }
}
