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
    /// kept units (docs/method.md §5.5; equals the full response up to the completeness gap when all are kept).
    /// Nil for a fit-only condition. Covers ``attributionRows`` only (value `i` ↔ row
    /// `attributionRows.lowerBound + i` of ``fullHz``).
    public var keptAttributionHz: [Float]?
    /// Rows of ``fullHz`` covered by ``keptAttributionHz`` (all rows unless the condition was explained
    /// only around its response); nil for a fit-only condition.
    public var attributionRows: Range<Int>?
    /// Reduced vs full, over this condition's windows (r2 = fraction of variance explained).
    public var reduced: FitQuality
    /// Kept-attribution sum vs full over ``attributionRows`` (nil for a fit-only condition).
    public var keptAttribution: FitQuality?
    /// The response of ``ReductionResult/subtractiveModel`` (the division ablation), Hz; nil when the
    /// fitted circuit does not divide.
    public var subtractiveHz: [Float]?
    /// ``subtractiveHz`` vs full over this condition's windows.
    public var subtractive: FitQuality?
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
    /// The division ablation: when ``model`` divides, the best purely subtractive circuit (the
    /// reference code's form) on the same groups; nil otherwise. Comparing the two tells whether the
    /// phenomenon needs gain control.
    public var subtractiveModel: ReducedModel?
    /// Per-condition comparison.
    public var conditions: [ConditionComparison]
}
