/// Each ensemble member's own reduction, read off the ensemble mean's analysis.
///
/// Why no second attribution pass: integrated gradients is linear in the function, so the ensemble
/// mean's attribution to member `k`'s first-layer units is exactly member `k`'s own attribution divided
/// by `K` (tested in `EnsembleModelTests`). Member `k`'s groups in the ensemble's ranking therefore rank
/// exactly as its own analysis would rank them (importance scales by 1/K; grouping of bar columns is per
/// channel). Shares are renormalised to the member's grouped importance and the run's selection rule
/// (``ReductionSettings/selection``, at most ``ReductionSettings/maxUnits``) picks its kept groups.
/// Invariant: every kept group of member `k` has its channel in `k·C ..< (k+1)·C`.
public struct MemberReduction: Codable, Sendable, Equatable {
    /// Member index `k` (0-based, ensemble order).
    public var member: Int
    /// The member's groups, ranked, shares relative to the member's grouped importance.
    public var ranking: [RankedGroup]
    /// Kept groups, channels in ensemble numbering (`k·C + c`).
    public var kept: [UnitGroup]

    /// Member reductions from the ensemble mean's reduction.
    public static func members(of reduction: ReductionResult, layout: EnsembleLayout,
                               settings: ReductionSettings) -> [MemberReduction] {
        (0..<layout.memberCount).map { k in
            let own = reduction.groupRanking.filter { layout.memberChannel($0.group.channel)?.member == k }
            let total = own.reduce(0.0) { $0 + $1.importance }
            var cumulative = 0.0
            let ranking = own.sorted { $0.importance > $1.importance }.map { g -> RankedGroup in
                var r = g
                r.share = total > 0 ? g.importance / total : 0
                cumulative += r.share
                r.cumulativeShare = cumulative
                return r
            }
            let kept = ranking.isEmpty ? [] : ModelReduction.select(ranking, selection: settings.selection, maxUnits: settings.maxUnits)
            return MemberReduction(member: k, ranking: ranking, kept: kept)
        }
    }

    /// The planted-circuit comparison of this member's kept groups (``CircuitComparison/compare(key:reduction:channelTypes:)``
    /// on the ensemble's reduction with the kept set replaced).
    public func comparison(key: PlantedCircuitKey, ensembleReduction: ReductionResult, channelTypes: ChannelTypeTable) -> CircuitComparison {
        var r = ensembleReduction
        r.kept = kept
        return CircuitComparison.compare(key: key, reduction: r, channelTypes: channelTypes)
    }
}
