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

    public init(target y: [Double], prediction p: [Double]) {
        r2 = Statistics.fractionOfVarianceExplained(target: y, prediction: p)
        pearson = Statistics.pearson(y, p)
        let sse = zip(y, p).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        rmseHz = y.isEmpty ? 0 : (sse / Double(y.count)).squareRoot()
        samples = y.count
    }
}

/// The reduced one-hidden-layer circuit (`paper-method.md` §5.3 option b, the form of the reference
/// code's OSR model §5.2):
///
///     h_k(t) = [ σ_k (z_k(t) − θ_k) ]_+ ,     r_red(t) = [ w_0 + Σ_k w_k h_k(t) ]_+
///
/// `z_k` is the kept unit's pooled layer-1 preactivation (bias included), `σ_k = ±1` its
/// rectification sign, `θ_k` its threshold, `w_k` its weight (Hz per unit of z; negative = inhibitory)
/// and `w_0` an offset. The outer rectifier is present when ``outputRectified``.
///
/// Why a rectified sum and not a softplus output: it is the form of the reference code, it keeps
/// rates non-negative, and for fixed thresholds it is linear in the weights, so the fit is a
/// closed-form least-squares problem (``ModelReduction``); a softplus would add a scale parameter
/// and make every fit iterative without changing which pathways carry the response.
public struct ReducedModel: Codable, Sendable, Equatable {
    /// One hidden unit.
    public struct Unit: Codable, Sendable, Equatable {
        /// The pooled first-layer unit it reads.
        public var unit: PooledUnit
        /// Channel-type label ("OFF fast", …) or "" when no types were given.
        public var label: String
        /// `σ_k`: +1 passes increases of z above θ, −1 passes decreases below θ.
        public var sign: Double
        /// `θ_k`, in units of z.
        public var threshold: Double
        /// `w_k`, Hz per unit of z.
        public var weight: Double
    }

    public var units: [Unit]
    /// `w_0`, Hz.
    public var offsetHz: Double
    public var outputRectified: Bool
    /// Fit quality on the samples it was fitted to.
    public var fit: FitQuality

    /// `h_k` for one value of z.
    @inlinable public func hidden(_ k: Int, z: Double) -> Double {
        max(0, units[k].sign * (z - units[k].threshold))
    }

    /// The drive `u = w_0 + Σ_k w_k h_k` before the output rectifier.
    public func drive(hidden z: [Double]) -> Double {
        var u = offsetHz
        for k in units.indices { u += units[k].weight * hidden(k, z: z[k]) }
        return u
    }

    /// Rates (Hz) for pooled preactivation traces `hidden[k][t]`, one per unit in ``units`` order.
    /// Precondition: one trace per unit, all of equal length.
    public func predict(hidden: [[Float]]) -> [Float] {
        precondition(hidden.count == units.count, "predict needs one trace per unit (\(units.count)), got \(hidden.count)")
        let n = hidden.first?.count ?? 0
        precondition(hidden.allSatisfy { $0.count == n }, "predict needs traces of equal length")
        return (0..<n).map { t in
            let u = drive(hidden: hidden.map { Double($0[t]) })
            return Float(outputRectified ? max(0, u) : u)
        }
    }
}
