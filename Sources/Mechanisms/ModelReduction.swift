/// One stimulus condition of a phenomenon (e.g. one flash period), as model reduction sees it.
public struct ReductionCondition: Sendable {
    /// Human-readable label ("period 50 ms").
    public var label: String
    /// Pooled layer-1 attributions of the target; its `targetRatesHz` is the full model's response.
    public var attribution: PooledAttribution
    /// Pooled layer-1 preactivations of the same windows (the reduced model's hidden inputs).
    public var hidden: PooledLayer1Response
    /// Windows over which importance is summed; nil = all windows. The fit always uses all windows.
    public var responseWindow: Range<Int>?

    /// Throws when the attribution and hidden arrays disagree in symmetry or shape, or the window is out of range.
    public init(label: String, attribution: PooledAttribution, hidden: PooledLayer1Response, responseWindow: Range<Int>? = nil) throws {
        guard attribution.symmetry == hidden.symmetry, attribution.windows == hidden.windows,
              attribution.channels == hidden.channels, attribution.columns == hidden.columns else {
            throw MechanismsError.shapeMismatch(
                parameter: "condition \(label)",
                expected: "attribution and hidden of one shape (\(attribution.symmetry) \(attribution.windows)x\(attribution.channels)x\(attribution.columns))",
                found: "\(hidden.symmetry) \(hidden.windows)x\(hidden.channels)x\(hidden.columns)")
        }
        if let r = responseWindow, r.lowerBound < 0 || r.upperBound > attribution.windows || r.isEmpty {
            throw MechanismsError.invalidSetting(name: "responseWindow of \(label)", expected: "non-empty within 0..<\(attribution.windows)",
                                                 found: "\(r)")
        }
        self.label = label; self.attribution = attribution; self.hidden = hidden; self.responseWindow = responseWindow
    }

    /// The response window, defaulting to all windows.
    public var window: Range<Int> { responseWindow ?? 0..<attribution.windows }
}

/// A pooled unit with its importance over all conditions.
public struct RankedUnit: Codable, Sendable, Equatable {
    public var unit: PooledUnit
    /// Channel-type label, or "".
    public var label: String
    /// Importance by the chosen ``ImportanceMeasure``.
    public var importance: Double
    /// `importance / Σ importance`.
    public var share: Double
    /// Share of this unit and all units ranked above it.
    public var cumulativeShare: Double
    /// `Σ_conditions Σ_{t ∈ window} A_k(t)`, Hz·windows: positive = net excitatory, negative = net inhibitory.
    public var netAttribution: Double
}

/// Full versus reduced response for one condition.
public struct ConditionComparison: Codable, Sendable {
    public var label: String
    /// The full model's target response, Hz.
    public var fullHz: [Float]
    /// The fitted reduced model's response, Hz.
    public var reducedHz: [Float]
    /// `r(0) + Σ_{k kept} A_k(t)`: the part of the exact attribution decomposition carried by the kept
    /// units (§5.3 option a; equals the full response, up to the completeness gap, when every unit is kept).
    public var keptAttributionHz: [Float]
    /// Reduced vs full, over this condition's windows (r2 = fraction of variance explained).
    public var reduced: FitQuality
    /// Kept-attribution sum vs full.
    public var keptAttribution: FitQuality
}

/// Everything model reduction found for one phenomenon.
public struct ReductionResult: Codable, Sendable {
    public var settings: ReductionSettings
    public var symmetry: PoolingSymmetry
    /// Every pooled unit, most important first (ties: lower channel, then lower column).
    public var ranking: [RankedUnit]
    /// The kept units, in ranking order.
    public var kept: [PooledUnit]
    /// Summed share of the kept units.
    public var keptShare: Double
    /// The fitted reduced circuit.
    public var model: ReducedModel
    /// Per-condition comparison.
    public var conditions: [ConditionComparison]
}

/// Model reduction (`paper-method.md` §5): rank pooled first-layer units by attribution, keep the few
/// that dominate, fit a one-hidden-layer circuit from their linear responses, compare with the full model.
public enum ModelReduction {
    /// Ranks every pooled unit by `measure` over the conditions' response windows.
    public static func rank(_ conditions: [ReductionCondition], measure: ImportanceMeasure,
                            channelTypes: ChannelTypeTable? = nil) throws -> [RankedUnit] {
        guard let first = conditions.first else {
            throw MechanismsError.invalidSetting(name: "conditions", expected: "at least one", found: "none")
        }
        guard conditions.allSatisfy({ $0.attribution.symmetry == first.attribution.symmetry
            && $0.attribution.channels == first.attribution.channels && $0.attribution.columns == first.attribution.columns }) else {
            throw MechanismsError.shapeMismatch(parameter: "conditions", expected: "one symmetry and unit layout", found: "a mix")
        }
        let units = first.attribution.units
        var importance = [Double](repeating: 0, count: units.count), net = importance
        for condition in conditions {
            let a = condition.attribution, stride = a.channels * a.columns
            for t in condition.window {
                for u in 0..<units.count {
                    let v = Double(a.attributions[t * stride + u])
                    net[u] += v
                    switch measure {
                    case .sumOfAbsolute: importance[u] += abs(v)
                    case .peakAbsolute: importance[u] = max(importance[u], abs(v))
                    case .absoluteOfSum: break
                    }
                }
            }
        }
        if measure == .absoluteOfSum { importance = net.map(abs) }
        let total = importance.reduce(0, +)
        let order = units.indices.sorted { importance[$0] > importance[$1] || (importance[$0] == importance[$1] && $0 < $1) }
        var cumulative = 0.0
        return order.map { u in
            let share = total > 0 ? importance[u] / total : 0
            cumulative += share
            return RankedUnit(unit: units[u], label: channelTypes.map { $0[units[u].channel].label } ?? "",
                              importance: importance[u], share: share, cumulativeShare: min(1, cumulative), netAttribution: net[u])
        }
    }

    /// The kept units: the top-K, or the smallest top set reaching the share; at most `maxUnits`, at least one.
    public static func select(_ ranking: [RankedUnit], selection: UnitSelection, maxUnits: Int) -> [PooledUnit] {
        var count: Int
        switch selection {
        case .topK(let k): count = k
        case .share(let s):
            count = (ranking.firstIndex { $0.cumulativeShare >= s - 1e-12 } ?? (ranking.count - 1)) + 1
        }
        count = max(1, min(count, maxUnits, ranking.count))
        return ranking.prefix(count).map(\.unit)
    }

    /// Fits the reduced circuit on `units` to the full response over all windows of all conditions.
    public static func fit(units: [PooledUnit], conditions: [ReductionCondition], channelTypes: ChannelTypeTable? = nil,
                           settings: ReductionSettings = .init()) throws -> ReducedModel {
        try settings.validate()
        guard !units.isEmpty, !conditions.isEmpty else {
            throw MechanismsError.invalidSetting(name: "units / conditions", expected: "non-empty", found: "\(units.count) / \(conditions.count)")
        }
        for u in units where u.channel >= conditions[0].hidden.channels || (u.column ?? 0) >= conditions[0].hidden.columns {
            throw MechanismsError.invalidSetting(name: "unit \(u)", expected: "inside the pooled layout", found: "out of range")
        }
        let z = units.map { u in conditions.flatMap { $0.hidden.trace(u).map(Double.init) } }
        let y = conditions.flatMap { $0.attribution.targetRatesHz.map(Double.init) }
        let labels = units.map { u in channelTypes.map { $0[u.channel].label } ?? "" }
        return ReducedModelFit.fit(hidden: z, target: y, units: units, labels: labels, settings: settings)
    }

    /// Ranks, selects (or uses `keep`), fits and compares.
    public static func reduce(_ conditions: [ReductionCondition], channelTypes: ChannelTypeTable? = nil,
                              settings: ReductionSettings = .init(), keep: [PooledUnit]? = nil) throws -> ReductionResult {
        try settings.validate()
        let ranking = try rank(conditions, measure: settings.importance, channelTypes: channelTypes)
        let kept = keep ?? select(ranking, selection: settings.selection, maxUnits: settings.maxUnits)
        let model = try fit(units: kept, conditions: conditions, channelTypes: channelTypes, settings: settings)
        let keptSet = Set(kept)
        let comparisons = conditions.map { c -> ConditionComparison in
            let full = c.attribution.targetRatesHz
            let reduced = model.predict(hidden: kept.map { c.hidden.trace($0) })
            var subset = [Float](repeating: c.attribution.baselineRateHz, count: c.attribution.windows)
            for u in c.attribution.units where keptSet.contains(u) {
                for (t, a) in c.attribution.trace(u).enumerated() { subset[t] += a }
            }
            let y = full.map(Double.init)
            return ConditionComparison(label: c.label, fullHz: full, reducedHz: reduced, keptAttributionHz: subset,
                                       reduced: FitQuality(target: y, prediction: reduced.map(Double.init)),
                                       keptAttribution: FitQuality(target: y, prediction: subset.map(Double.init)))
        }
        let keptShare = ranking.filter { keptSet.contains($0.unit) }.reduce(0) { $0 + $1.share }
        return ReductionResult(settings: settings, symmetry: conditions[0].attribution.symmetry, ranking: ranking, kept: kept,
                               keptShare: keptShare, model: model, conditions: comparisons)
    }
}
