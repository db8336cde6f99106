/// One stimulus condition of a phenomenon (e.g. one flash period), as model reduction sees it.
///
/// A condition with attributions is *explained*: it takes part in the ranking. A condition without
/// (e.g. a no-reversal control or a flashed bar) only takes part in the fit and the comparison.
public struct ReductionCondition: Sendable {
    /// Human-readable label ("period 50 ms").
    public var label: String
    /// Pooled layer-1 attributions of the target, when the condition was explained.
    public var attribution: PooledAttribution?
    /// Pooled layer-1 preactivations of the same windows (the reduced model's hidden inputs).
    public var hidden: PooledLayer1Response
    /// The full model's target response per window, Hz.
    public var fullResponseHz: [Float]
    /// The target at the gray screen, Hz.
    public var baselineRateHz: Float
    /// Windows over which importance is summed; nil = all windows. The fit always uses all windows.
    public var responseWindow: Range<Int>?

    /// An explained condition; the full response and baseline come from the attribution.
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
        self.fullResponseHz = attribution.targetRatesHz; self.baselineRateHz = attribution.baselineRateHz
    }

    /// A fit-only condition. Throws when the response length differs from the hidden windows.
    public init(label: String, hidden: PooledLayer1Response, fullResponseHz: [Float], baselineRateHz: Float) throws {
        guard fullResponseHz.count == hidden.windows else {
            throw MechanismsError.shapeMismatch(parameter: "fullResponseHz of \(label)", expected: "\(hidden.windows) values",
                                                found: "\(fullResponseHz.count)")
        }
        self.label = label; self.attribution = nil; self.hidden = hidden; self.responseWindow = nil
        self.fullResponseHz = fullResponseHz; self.baselineRateHz = baselineRateHz
    }

    /// The response window, defaulting to all windows.
    public var window: Range<Int> { responseWindow ?? 0..<hidden.windows }
}

/// A unit group with its importance over all conditions.
public struct RankedGroup: Codable, Sendable, Equatable {
    public var group: UnitGroup
    /// Channel-type label, or "".
    public var label: String
    /// Importance of the group's summed attribution trace `A_g(t) = Σ_{m ∈ g} A_m(t)` by the chosen
    /// ``ImportanceMeasure``.
    public var importance: Double
    /// `importance / total`, where the total runs over every group plus every pooled unit left out of
    /// all groups (so shares stay comparable with and without grouping).
    public var share: Double
    /// Share of this group and all groups ranked above it.
    public var cumulativeShare: Double
    /// `Σ_conditions Σ_{t ∈ window} A_g(t)`, Hz·windows: positive = net excitatory, negative = net inhibitory.
    public var netAttribution: Double
}

/// Full versus reduced response for one condition.
public struct ConditionComparison: Codable, Sendable {
    public var label: String
    /// The full model's target response, Hz.
    public var fullHz: [Float]
    /// The fitted reduced model's response, Hz.
    public var reducedHz: [Float]
    /// `r(0) + Σ_{kept groups} A_g(t)`: the part of the exact attribution decomposition carried by the
    /// kept units (§5.3 option a; equals the full response up to the completeness gap when all are kept).
    /// Nil for a fit-only condition.
    public var keptAttributionHz: [Float]?
    /// Reduced vs full, over this condition's windows (r2 = fraction of variance explained).
    public var reduced: FitQuality
    /// Kept-attribution sum vs full (nil for a fit-only condition).
    public var keptAttribution: FitQuality?
}

/// Everything model reduction found for one phenomenon.
public struct ReductionResult: Codable, Sendable {
    public var settings: ReductionSettings
    public var symmetry: PoolingSymmetry
    /// Every pooled unit on its own, most important first (ties: lower channel, then lower column).
    public var unitRanking: [RankedGroup]
    /// The groups formed by ``ReductionSettings/grouping``, most important first.
    public var groupRanking: [RankedGroup]
    /// Importance share per channel (all its pooled units), indexed by channel.
    public var channelShares: [Double]
    /// The kept groups, in ranking order.
    public var kept: [UnitGroup]
    /// Summed share of the kept groups.
    public var keptShare: Double
    /// The fitted reduced circuit (its units are ``kept``, in order).
    public var model: ReducedModel
    /// Per-condition comparison.
    public var conditions: [ConditionComparison]
}

/// Model reduction (`paper-method.md` §5): rank pooled first-layer units by attribution, group them
/// (spatial subunit groups for bars), keep the few groups that dominate, fit a one-hidden-layer circuit
/// from their linear responses, and compare it with the full model.
public enum ModelReduction {
    /// Ranks `groups` (default: every pooled unit on its own) by `measure` over the response windows of
    /// the explained conditions (those with attributions).
    public static func rank(_ conditions: [ReductionCondition], measure: ImportanceMeasure, groups: [UnitGroup]? = nil,
                            channelTypes: ChannelTypeTable? = nil) throws -> [RankedGroup] {
        try checkLayout(conditions)
        guard let first = conditions.first(where: { $0.attribution != nil })?.attribution else {
            throw MechanismsError.invalidSetting(name: "conditions", expected: "at least one with attributions", found: "none")
        }
        let units = first.units
        let groups = groups ?? units.map(UnitGroup.init)
        let grouped = Set(groups.flatMap { $0.members })
        for u in grouped where !units.contains(u) {
            throw MechanismsError.invalidSetting(name: "group member \(u)", expected: "inside the pooled layout", found: "out of range")
        }
        let scored = groups.map { score($0.members, conditions, measure) }
        let leftover = units.filter { !grouped.contains($0) }.reduce(0.0) { $0 + score([$1], conditions, measure).importance }
        let total = scored.reduce(leftover) { $0 + $1.importance }
        let order = groups.indices.sorted { scored[$0].importance > scored[$1].importance
            || (scored[$0].importance == scored[$1].importance && $0 < $1) }
        var cumulative = 0.0
        return order.map { i in
            let share = total > 0 ? scored[i].importance / total : 0
            cumulative += share
            return RankedGroup(group: groups[i], label: channelTypes.map { $0[groups[i].channel].label } ?? "",
                               importance: scored[i].importance, share: share, cumulativeShare: min(1, cumulative),
                               netAttribution: scored[i].net)
        }
    }

    /// Throws unless every condition has one symmetry and unit layout.
    static func checkLayout(_ conditions: [ReductionCondition]) throws {
        guard let h = conditions.first?.hidden else {
            throw MechanismsError.invalidSetting(name: "conditions", expected: "at least one", found: "none")
        }
        guard conditions.allSatisfy({ $0.hidden.symmetry == h.symmetry && $0.hidden.channels == h.channels
            && $0.hidden.columns == h.columns }) else {
            throw MechanismsError.shapeMismatch(parameter: "conditions", expected: "one symmetry and unit layout", found: "a mix")
        }
    }

    /// Importance and net attribution of the summed trace of `members`.
    static func score(_ members: [PooledUnit], _ conditions: [ReductionCondition], _ measure: ImportanceMeasure) -> (importance: Double, net: Double) {
        var importance = 0.0, net = 0.0
        for c in conditions {
            guard let a = c.attribution else { continue }
            let stride = a.channels * a.columns
            let offsets = members.map(a.offset(of:))
            for t in c.window {
                var v = 0.0
                for o in offsets { v += Double(a.attributions[t * stride + o]) }
                net += v
                switch measure {
                case .sumOfAbsolute: importance += abs(v)
                case .peakAbsolute: importance = max(importance, abs(v))
                case .absoluteOfSum: break
                }
            }
        }
        return (measure == .absoluteOfSum ? abs(net) : importance, net)
    }

    /// The kept groups: the top-K, or the smallest top set reaching the share; at most `maxUnits`, at least one.
    public static func select(_ ranking: [RankedGroup], selection: UnitSelection, maxUnits: Int) -> [UnitGroup] {
        var count: Int
        switch selection {
        case .topK(let k): count = k
        case .share(let s):
            count = (ranking.firstIndex { $0.cumulativeShare >= s - 1e-12 } ?? (ranking.count - 1)) + 1
        }
        count = max(1, min(count, maxUnits, ranking.count))
        return ranking.prefix(count).map(\.group)
    }

    /// Fits the reduced circuit on `groups` to the full response over all windows of all conditions.
    public static func fit(groups: [UnitGroup], conditions: [ReductionCondition], channelTypes: ChannelTypeTable? = nil,
                           settings: ReductionSettings = .init()) throws -> ReducedModel {
        try settings.validate()
        guard !groups.isEmpty, !conditions.isEmpty else {
            throw MechanismsError.invalidSetting(name: "groups / conditions", expected: "non-empty", found: "\(groups.count) / \(conditions.count)")
        }
        let h = conditions[0].hidden
        for g in groups {
            for u in g.members where u.channel >= h.channels || (u.column ?? 0) >= h.columns || (u.column == nil) != (h.symmetry == .fullField) {
                throw MechanismsError.invalidSetting(name: "group \(g)", expected: "inside the pooled layout", found: "member \(u)")
            }
        }
        try checkLayout(conditions)
        let z = groups.map { g in g.members.map { u in conditions.flatMap { $0.hidden.trace(u).map(Double.init) } } }
        let y = conditions.flatMap { $0.fullResponseHz.map(Double.init) }
        let labels = groups.map { g in channelTypes.map { $0[g.channel].label } ?? "" }
        return ReducedModelFit.fit(hidden: z, target: y, groups: groups, labels: labels, settings: settings)
    }

    /// Ranks, groups, selects (or uses `keep`), fits and compares.
    public static func reduce(_ conditions: [ReductionCondition], channelTypes: ChannelTypeTable? = nil,
                              settings: ReductionSettings = .init(), keep: [UnitGroup]? = nil) throws -> ReductionResult {
        try settings.validate()
        let unitRanking = try rank(conditions, measure: settings.importance, channelTypes: channelTypes)
        let groupRanking = try rank(conditions, measure: settings.importance, groups: settings.grouping.groups(unitRanking),
                                    channelTypes: channelTypes)
        let kept = keep ?? select(groupRanking, selection: settings.selection, maxUnits: settings.maxUnits)
        let model = try fit(groups: kept, conditions: conditions, channelTypes: channelTypes, settings: settings)
        let keptMembers = Set(kept.flatMap { $0.members })
        let comparisons = conditions.map { c -> ConditionComparison in
            let full = c.fullResponseHz
            let reduced = model.predict(hidden: c.hidden)
            var subset: [Float]?
            if let a = c.attribution {
                var s = [Float](repeating: a.baselineRateHz, count: a.windows)
                for u in a.units where keptMembers.contains(u) {
                    for (t, v) in a.trace(u).enumerated() { s[t] += v }
                }
                subset = s
            }
            let y = full.map(Double.init)
            return ConditionComparison(label: c.label, fullHz: full, reducedHz: reduced, keptAttributionHz: subset,
                                       reduced: FitQuality(target: y, prediction: reduced.map(Double.init)),
                                       keptAttribution: subset.map { FitQuality(target: y, prediction: $0.map(Double.init)) })
        }
        var channelShares = [Double](repeating: 0, count: conditions[0].hidden.channels)
        for r in unitRanking { channelShares[r.group.channel] += r.share }
        var keptShare = 0.0
        for g in kept {
            if let ranked = groupRanking.first(where: { $0.group == g }) { keptShare += ranked.share; continue }
            let own = try rank(conditions, measure: settings.importance, groups: [g]).first!
            let total = unitRanking.reduce(0.0) { $0 + $1.importance }
            keptShare += total > 0 ? own.importance / total : 0
        }
        return ReductionResult(settings: settings, symmetry: conditions[0].hidden.symmetry, unitRanking: unitRanking,
                               groupRanking: groupRanking, channelShares: channelShares, kept: kept,
                               keptShare: keptShare, model: model, conditions: comparisons)
    }
}
