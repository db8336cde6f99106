/// How important a pooled unit is over the response window (`docs/method.md` §5.2).
public enum ImportanceMeasure: String, Codable, Sendable {
    /// `I_k = Σ_conditions Σ_t |A_k(t)|` (default): total absolute contribution, excitatory and
    /// inhibitory alike.
    case sumOfAbsolute
    /// `I_k = max_{conditions, t} |A_k(t)|`: favours units with one strong transient.
    case peakAbsolute
    /// `I_k = |Σ_conditions Σ_t A_k(t)|`: the net signed contribution; a unit that first excites and
    /// then inhibits cancels itself, so biphasic contributors are under-ranked.
    case absoluteOfSum
}

/// Which ranked units are kept (docs/method.md §5.2).
///
/// Coded as a one-key object, `{"share": 0.9}` or `{"topK": 3}`, so a configuration key reads
/// `analysis.reduction.selection.share`.
public enum UnitSelection: Codable, Sendable, Equatable {
    /// The smallest top-ranked set whose summed importance is ≥ the share (0 < share ≤ 1) of the total.
    case share(Double)
    /// A fixed number of top-ranked units.
    case topK(Int)

    private enum CodingKeys: String, CodingKey, CaseIterable { case share, topK }

    public init(from decoder: any Decoder) throws {
        self = try OneKeyCoding.decode(decoder, CodingKeys.self) { c, key in
            switch key {
            case .share: return .share(try OneKeyCoding.value(Double.self, c, key))
            case .topK: return .topK(try OneKeyCoding.value(Int.self, c, key))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .share(s): try c.encode(s, forKey: .share)
        case let .topK(k): try c.encode(k, forKey: .topK)
        }
    }
}

/// Sign constraint on the reduced model's hidden-to-output weights.
public enum WeightConstraint: String, Codable, Sendable {
    /// Any sign (excitation and inhibition); default.
    case signed
    /// `w_k ≥ 0` (as the reference code's hand-set OSR model); non-negative least squares.
    case nonNegative
}

/// How the reduced-model fit weighs the conditions of a phenomenon (see ``ReductionSettings/conditionWeighting``).
public enum ConditionWeighting: String, Codable, Sendable {
    case perWindow
    case equalPerCondition
}

/// Settings of model reduction: unit ranking, selection and the fit of the one-hidden-layer model.
public struct ReductionSettings: Codable, Sendable, Equatable {
    public var importance: ImportanceMeasure
    public var selection: UnitSelection
    /// Grouping of pooled units into spatial subunit groups before selection (bars only). Default
    /// contiguous columns above 25 % of the channel's peak column importance.
    public var grouping: UnitGrouping
    /// Upper bound on the kept groups whatever the selection rule says. Default 6.
    public var maxUnits: Int
    /// Threshold candidates per unit, as quantiles of its pooled preactivation over all fitted samples
    /// (for a negative rectification sign the mirrored quantile `1 − q` is used). Quantile 0 makes the
    /// unit linear over the observed range. Default 0, 0.1, …, 0.9.
    public var thresholdQuantiles: [Double]
    /// Also try `[θ − z]_+` (a unit driven by decreases of z, e.g. after a negative BN scale). Default true.
    public var allowNegativeRectification: Bool
    public var weights: WeightConstraint
    /// Output `[u]_+` instead of `u` (rates are non-negative). Default true.
    public var outputRectified: Bool
    /// Coordinate-search sweeps over the threshold grid. Default 6.
    public var maxSweeps: Int
    /// Levenberg–Marquardt iterations refining weights and thresholds jointly; 0 disables. Default 100.
    public var refinementIterations: Int
    /// How the fit weighs the conditions. nil or `.perWindow`: every window counts the same, so
    /// strong conditions dominate. `.equalPerCondition`: each condition's squared errors are divided by
    /// its window count and its squared response range (floored at 1 Hz²), so a weak condition (a
    /// low-contrast step) shapes the circuit as much as a strong one. Optional so settings saved
    /// before it existed still decode.
    public var conditionWeighting: ConditionWeighting?
    /// Divisive-gain candidates of the threshold search, as multiples of `1 / max_t h_k(t)` (so 1
    /// halves the output where the unit is most active); the refinement then tunes each `v_k ≥ 0`
    /// continuously. nil (or only 0) = no division, the reference code's purely subtractive circuit.
    /// Optional so settings saved before it existed still decode.
    public var divisiveGains: [Double]?

    /// True when the fit may give units a divisive gain.
    public var allowsDivision: Bool { divisiveGains?.contains { $0 > 0 } ?? false }

    public init(importance: ImportanceMeasure = .sumOfAbsolute, selection: UnitSelection = .share(0.9),
                grouping: UnitGrouping = .contiguousColumns(relativeThreshold: 0.25), maxUnits: Int = 6,
                thresholdQuantiles: [Double] = (0..<10).map { Double($0) / 10 }, allowNegativeRectification: Bool = true,
                weights: WeightConstraint = .signed, outputRectified: Bool = true, maxSweeps: Int = 6,
                refinementIterations: Int = 100, conditionWeighting: ConditionWeighting? = nil,
                divisiveGains: [Double]? = nil) {
        self.importance = importance; self.selection = selection; self.grouping = grouping; self.maxUnits = maxUnits
        self.thresholdQuantiles = thresholdQuantiles; self.allowNegativeRectification = allowNegativeRectification
        self.weights = weights; self.outputRectified = outputRectified; self.maxSweeps = maxSweeps
        self.refinementIterations = refinementIterations; self.conditionWeighting = conditionWeighting
        self.divisiveGains = divisiveGains
    }

    /// The ranges of ``validate()``: far above the defaults (6 units, 10 quantiles, 5 gains in `run`,
    /// 6 sweeps, 100 iterations) and bounding the fit's work (units × quantiles × gains candidates per
    /// sweep, then the refinement), so a typo is refused at once instead of running for days.
    public static let maximumUnits = 32
    public static let maximumThresholdQuantiles = 50
    public static let maximumDivisiveGains = 20
    public static let maximumSweeps = 50
    public static let maximumRefinementIterations = 10_000

    /// Throws if a value is outside its range.
    public func validate() throws {
        switch selection {
        case .share(let s) where !(s > 0 && s <= 1):
            throw MechanismsError.invalidSetting(name: "selection share", expected: "in (0, 1]", found: "\(s)")
        case .topK(let k) where k < 1:
            throw MechanismsError.invalidSetting(name: "selection topK", expected: "≥ 1", found: "\(k)")
        default: break
        }
        if case .contiguousColumns(let r) = grouping, !(r > 0 && r <= 1) {
            throw MechanismsError.invalidSetting(name: "grouping relativeThreshold", expected: "in (0, 1]", found: "\(r)")
        }
        func outside(_ name: String, _ range: ClosedRange<Int>, _ value: Int) throws {
            if !range.contains(value) {
                throw MechanismsError.invalidSetting(name: name, expected: "\(range.lowerBound) … \(range.upperBound)", found: "\(value)")
            }
        }
        try outside("maxUnits", 1...Self.maximumUnits, maxUnits)
        guard (1...Self.maximumThresholdQuantiles).contains(thresholdQuantiles.count) else {
            throw MechanismsError.invalidSetting(name: "thresholdQuantiles", expected: "1 … \(Self.maximumThresholdQuantiles) entries",
                                                 found: "\(thresholdQuantiles.count) entries")
        }
        guard thresholdQuantiles.allSatisfy({ $0 >= 0 && $0 < 1 }) else {
            throw MechanismsError.invalidSetting(name: "thresholdQuantiles", expected: "each in [0, 1)", found: "\(thresholdQuantiles)")
        }
        if let gains = divisiveGains {
            guard (1...Self.maximumDivisiveGains).contains(gains.count) else {
                throw MechanismsError.invalidSetting(name: "divisiveGains", expected: "1 … \(Self.maximumDivisiveGains) entries", found: "\(gains.count) entries")
            }
            guard gains.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw MechanismsError.invalidSetting(name: "divisiveGains", expected: "each finite and ≥ 0", found: "\(gains)")
            }
        }
        try outside("maxSweeps", 1...Self.maximumSweeps, maxSweeps)
        try outside("refinementIterations", 0...Self.maximumRefinementIterations, refinementIterations)
    }
}
