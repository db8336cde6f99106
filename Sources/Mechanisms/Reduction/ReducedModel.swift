import RetinaCore
/// Goodness of fit of a prediction to the full model's response.
public struct FitQuality: Codable, Sendable, Equatable {
    /// `1 − Σ(y − ŷ)² / Σ(y − ȳ)²` (fraction of variance explained; can be negative).
    public var r2: Double
    /// Pearson correlation of ŷ with y.
    public var pearson: Double
    /// Root-mean-square error, Hz.
    public var rmseHz: Double
    /// Number of samples (windows) compared.
    public var samples: Int
    /// `max y − min y` of the target, Hz (0 when empty): how much there was to explain. Pearson r
    /// and FEV of a flat target (a bar flashed far from the RF) are noise. nil in results written
    /// before it existed (then every condition counts as responsive, as before).
    public var targetRangeHz: Double?

    /// Targets spanning less than this are "flat" for per-condition summaries, Hz (the same 1 Hz
    /// floor the equal-per-condition fit weighting uses).
    public static let flatRangeHz = 1.0

    /// True when the target spans at least ``flatRangeHz``.
    public var hasResponse: Bool { (targetRangeHz ?? .infinity) >= Self.flatRangeHz }

    public init(target y: [Double], prediction p: [Double]) {
        r2 = Statistics.fractionOfVarianceExplained(target: y, prediction: p) ?? (y == p ? 1 : 0)
        pearson = Statistics.pearson(y, p) ?? 0
        let sse = zip(y, p).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        rmseHz = y.isEmpty ? 0 : (sse / Double(y.count)).squareRoot()
        samples = y.count
        targetRangeHz = y.isEmpty ? 0 : (y.max()! - y.min()!)
    }
}

/// The reduced one-hidden-layer circuit (`docs/method.md` §5.3, the form of the reference
/// code's OSR model §5.2):
///
///     h_k(t) = Σ_{m ∈ group k} [ σ_k (z_m(t) − θ_k) ]_+ ,     r_red(t) = [ w_0 + Σ_k w_k h_k(t) ]_+ / D(t)
///     D(t) = 1 + Σ_k v_k h_k(t)      (v_k ≥ 0; all v_k = 0 gives the reference code's form, D = 1)
///
/// `z_m` is a pooled layer-1 preactivation (bias included) of a member of the unit's ``UnitGroup``
/// (one member for a channel or a single column; several for a spatial subunit group, which then
/// shares one threshold and one weight), `σ_k = ±1` the rectification sign, `θ_k` the threshold,
/// `w_k` the weight (Hz per unit of z; negative = inhibitory), `w_0` an offset and `v_k` the
/// unit's divisive gain (per unit of z): a unit with `v_k > 0` also divides the output, the one-layer
/// stand-in for contrast gain control (a subtractive unit truncates the response by the same amount
/// at every contrast; a divisive one by a share that grows with its own activity, which is what
/// shortens the latency of strong steps). The outer rectifier is present when ``outputRectified``;
/// since D ≥ 1 it commutes with the division.
///
/// Why a rectified sum and not a softplus output: it is the form of the reference code, it keeps
/// rates non-negative, and for fixed thresholds it is linear in the weights, so the fit is a
/// closed-form least-squares problem (``ModelReduction``); a softplus would add a scale parameter
/// and make every fit iterative without changing which pathways carry the response.
public struct ReducedModel: Codable, Sendable, Equatable {
    /// One hidden unit.
    public struct Unit: Codable, Sendable, Equatable {
        /// The pooled first-layer units it reads.
        public var group: UnitGroup
        /// Channel-type label ("OFF fast", …) or "" when no types were given.
        public var label: String
        /// `σ_k`: +1 passes increases of z above θ, −1 passes decreases below θ.
        public var sign: Double
        /// `θ_k`, in units of z.
        public var threshold: Double
        /// `w_k`, Hz per unit of z.
        public var weight: Double
        /// `v_k ≥ 0`, per unit of z: how strongly the unit divides the output (0 = not at all).
        public var divisiveGain: Double
        /// `max_t h_k(t)` over the samples the circuit was fitted to (units of z; 0 when unknown).
        /// With it the weight and gain read as effects: `w_k · max h_k` Hz, division by up to
        /// ``peakDivision``.
        public var peakActivity: Double

        public init(group: UnitGroup, label: String, sign: Double, threshold: Double, weight: Double, divisiveGain: Double = 0,
                    peakActivity: Double = 0) {
            self.group = group; self.label = label; self.sign = sign; self.threshold = threshold; self.weight = weight
            self.divisiveGain = divisiveGain; self.peakActivity = peakActivity
        }

        /// `1 + v_k · max h_k`: the factor by which this unit alone divides the output at its most active.
        public var peakDivision: Double { 1 + divisiveGain * peakActivity }

        private enum CodingKeys: String, CodingKey { case group, label, sign, threshold, weight, divisiveGain, peakActivity }

        /// Decodes a unit; `divisiveGain` and `peakActivity` may be absent (models written before they
        /// existed) and read as 0.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(group: try c.decode(UnitGroup.self, forKey: .group), label: try c.decode(String.self, forKey: .label),
                      sign: try c.decode(Double.self, forKey: .sign), threshold: try c.decode(Double.self, forKey: .threshold),
                      weight: try c.decode(Double.self, forKey: .weight),
                      divisiveGain: try c.decodeIfPresent(Double.self, forKey: .divisiveGain) ?? 0,
                      peakActivity: try c.decodeIfPresent(Double.self, forKey: .peakActivity) ?? 0)
        }

        /// `h_k` for the members' values of z.
        @inlinable public func activity(_ z: [Double]) -> Double {
            z.reduce(0) { $0 + max(0, sign * ($1 - threshold)) }
        }
    }

    public var units: [Unit]
    /// `w_0`, Hz.
    public var offsetHz: Double
    public var outputRectified: Bool
    /// Fit quality on the samples it was fitted to.
    public var fit: FitQuality

    /// True when some unit divides the output (`v_k > 0`).
    public var isDivisive: Bool { units.contains { $0.divisiveGain > 0 } }

    /// The rate `[w_0 + Σ_k w_k h_k]_+ / (1 + Σ_k v_k h_k)` (no `[·]_+` without ``outputRectified``);
    /// `z[k]` = member values of unit k.
    public func rate(_ z: [[Double]]) -> Double {
        var u = offsetHz, d = 1.0
        for k in units.indices {
            let h = units[k].activity(z[k])
            u += units[k].weight * h
            d += units[k].divisiveGain * h
        }
        return (outputRectified ? max(0, u) : u) / d
    }

    /// Rates (Hz) from member traces `traces[k][m][t]` (unit k, member m of its group, window t).
    /// Precondition: the member counts match the groups and all traces have equal length.
    public func predict(traces: [[[Float]]]) -> [Float] {
        precondition(traces.count == units.count, "predict needs traces for \(units.count) units, got \(traces.count)")
        for k in units.indices {
            precondition(traces[k].count == units[k].group.members.count, "unit \(k) needs \(units[k].group.members.count) member traces")
        }
        let n = traces.first?.first?.count ?? 0
        return (0..<n).map { t in
            Float(rate(traces.map { $0.map { Double($0[t]) } }))
        }
    }

    /// Rates (Hz) for every window of pooled preactivations (the layout the model was fitted on).
    public func predict(hidden: PooledLayer1Response) -> [Float] {
        predict(traces: units.map { $0.group.members.map { hidden.trace($0) } })
    }
}
