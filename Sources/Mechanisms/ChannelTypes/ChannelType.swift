/// ON/OFF polarity of a first-layer channel: the sign of its temporal filter's dominant recent lobe.
public enum ChannelPolarity: String, Codable, Sendable {
    case on = "ON"
    case off = "OFF"
}

/// Fast/slow label of a channel, relative to the other channels (see ``FastSlowRule``).
public enum ChannelSpeed: String, Codable, Sendable {
    case fast
    case slow
}

/// How the fast/slow threshold on peak latency is chosen. A channel is fast when its peak latency
/// is ≤ the threshold.
public enum FastSlowRule: Codable, Sendable, Equatable {
    /// The exact 1-D two-means split of the peak latencies (minimum within-group sum of squares; ties
    /// → the earliest split); threshold = midpoint between the two groups. With one distinct latency
    /// the threshold is that latency (all fast).
    case twoMeans
    /// The median peak latency.
    case median
    /// A fixed latency in milliseconds.
    case fixed(milliseconds: Double)
}

/// Which channels the fast/slow threshold is computed over.
public enum FastSlowScope: String, Codable, Sendable {
    /// One threshold over all channels.
    case allChannels
    /// One threshold per polarity (the ON fast/slow split of the OSR); a polarity with fewer than two
    /// distinct peak latencies uses the all-channel threshold.
    case withinPolarity
}

/// The functional type of one first-layer channel (`docs/method.md` §4.4).
///
/// Time convention: the temporal filter `f[τ]` has `T` values with `τ = T − 1` the newest frame of a
/// window. The window ending at frame `n` drives the response row for bin `n`, so filter index `τ`
/// looks `(T − 1 − τ) · 10 ms` back: index `T − 1` (39) is 0 ms before the response, index 0 is 390 ms.
public struct ChannelType: Codable, Sendable {
    /// Channel index.
    public var channel: Int
    /// `f[τ] = Σ_{u,v} W1[c, τ, u, v]`, `τ = 0 … T−1` (newest last).
    public var temporalFilter: [Double]
    /// Index `τ*` of the dominant lobe: argmax |f| among the `recentFrames` newest frames.
    public var peakIndex: Int
    /// `f[τ*]`.
    public var peakAmplitude: Double
    /// `(T − 1 − τ*) · 10 ms`.
    public var peakLatencyMilliseconds: Double
    /// ON if `f[τ*] > 0`, OFF if `< 0` (a zero filter is labelled OFF).
    public var polarity: ChannelPolarity
    /// Fast or slow relative to the threshold of its ``ChannelTypeTable``.
    public var speed: ChannelSpeed
    /// The kernel at the peak lag, `W1[c, τ*, u, v]`, `K × K` row-major (u = row).
    public var spatialProfile: [Double]
    /// Row-summed kernel `Σ_u W1[c, τ, u, v]`, `T × K` row-major (τ, v): the x–t slice bars see.
    public var spaceTime: [Double]
    /// Pearson correlation of the filter with each reference kernel (see ``ChannelTyping``).
    public var referenceCorrelations: [String: Double]
    /// The reference with the largest (signed) correlation, if any was given.
    public var bestReference: String?
    /// How ``polarity`` and ``speed`` were decided (nil = ``ChannelTypingSource/latencyRule``).
    public var typedBy: ChannelTypingSource?
    /// The latency rule's type, kept beside a kernel-match type (nil when the rule decided).
    public var rulePolarity: ChannelPolarity?
    public var ruleSpeed: ChannelSpeed?

    /// "ON fast", "OFF slow", …
    public var label: String { "\(polarity.rawValue) \(speed.rawValue)" }
    /// The latency rule's label ("ON slow"), whichever rule decided ``label``.
    public var ruleLabel: String { "\((rulePolarity ?? polarity).rawValue) \((ruleSpeed ?? speed).rawValue)" }
    /// Pearson r with ``bestReference``.
    public var bestReferenceCorrelation: Double? { bestReference.flatMap { referenceCorrelations[$0] } }
}

/// What decided a channel's type.
public enum ChannelTypingSource: String, Codable, Sendable {
    /// Polarity = sign of the dominant recent lobe; fast/slow = its peak latency against the
    /// ``FastSlowRule`` threshold.
    case latencyRule
    /// The type of the best-matching reference kernel (``ChannelTyping/retypedByKernelMatch(_:minimumCorrelation:referenceTypes:)``).
    case kernelMatch
}

/// Channel types of a whole first layer, with the thresholds used.
public struct ChannelTypeTable: Codable, Sendable {
    public var types: [ChannelType]
    /// Frames per filter, `T`.
    public var history: Int
    /// Kernel side `K`.
    public var kernel: Int
    /// Newest frames searched for the dominant lobe (25 in the reference code).
    public var recentFrames: Int
    public var rule: FastSlowRule
    public var scope: FastSlowScope
    /// Fast/slow thresholds in ms: key "all", or "ON" / "OFF" with ``FastSlowScope/withinPolarity``.
    public var thresholdsMilliseconds: [String: Double]
    /// The smallest r at which a kernel match overrode the latency rule, when it was applied.
    public var kernelMatchMinimumCorrelation: Double? = nil

    /// Lag of every filter index in ms before the response: `(T − 1 − τ) · 10`.
    public var lagMilliseconds: [Double] { (0..<history).map { ChannelTyping.lagMilliseconds(index: $0, history: history) } }

    public subscript(channel: Int) -> ChannelType { types[channel] }
}
