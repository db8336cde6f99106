/// Model reduction (`docs/method.md` §5): rank pooled first-layer units by attribution, group them
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
            let first = c.attributionRows.lowerBound
            for t in c.window {
                var v = 0.0
                for o in offsets { v += Double(a.attributions[(t - first) * stride + o]) }
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
        try fitWithSubtractive(groups: groups, conditions: conditions, channelTypes: channelTypes, settings: settings).best
    }

    /// ``fit(groups:conditions:channelTypes:settings:)`` plus, when the best circuit divides, the best
    /// purely subtractive circuit on the same groups (nil otherwise).
    static func fitWithSubtractive(groups: [UnitGroup], conditions: [ReductionCondition], channelTypes: ChannelTypeTable?,
                                   settings: ReductionSettings) throws -> (best: ReducedModel, subtractive: ReducedModel?) {
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
        var rowWeights: [Double]?
        if settings.conditionWeighting == .equalPerCondition {
            rowWeights = conditions.flatMap { c -> [Double] in
                let r = c.fullResponseHz.map(Double.init)
                let range = (r.max() ?? 0) - (r.min() ?? 0)
                let w = 1 / (Double(max(1, r.count)) * max(range * range, 1))
                return [Double](repeating: w, count: r.count)
            }
        }
        return ReducedModelFit.fitWithSubtractive(hidden: z, target: y, groups: groups, labels: labels, settings: settings,
                                                  rowWeights: rowWeights)
    }

    /// Ranks, groups, selects (or uses `keep`), fits and compares.
    public static func reduce(_ conditions: [ReductionCondition], channelTypes: ChannelTypeTable? = nil,
                              settings: ReductionSettings = .init(), keep: [UnitGroup]? = nil) throws -> ReductionResult {
        try settings.validate()
        let unitRanking = try rank(conditions, measure: settings.importance, channelTypes: channelTypes)
        let groupRanking = try rank(conditions, measure: settings.importance, groups: settings.grouping.groups(unitRanking),
                                    channelTypes: channelTypes)
        let kept = keep ?? select(groupRanking, selection: settings.selection, maxUnits: settings.maxUnits)
        let (model, subtractive) = try fitWithSubtractive(groups: kept, conditions: conditions, channelTypes: channelTypes,
                                                          settings: settings)
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
            let attributed = c.attribution == nil ? nil : c.attributionRows
            let withoutDivision = subtractive?.predict(hidden: c.hidden)
            return ConditionComparison(label: c.label, fullHz: full, reducedHz: reduced, keptAttributionHz: subset,
                                       attributionRows: attributed,
                                       reduced: FitQuality(target: y, prediction: reduced.map(Double.init)),
                                       keptAttribution: subset.map { FitQuality(target: Array(y[attributed!]), prediction: $0.map(Double.init)) },
                                       subtractiveHz: withoutDivision,
                                       subtractive: withoutDivision.map { FitQuality(target: y, prediction: $0.map(Double.init)) })
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
                               keptShare: keptShare, model: model, subtractiveModel: subtractive, conditions: comparisons)
    }
}
