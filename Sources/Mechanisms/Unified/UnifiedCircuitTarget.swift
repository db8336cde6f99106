import Phenomena

/// One analysed phenomenon as the unified circuit sees it: the conditions its reduction was fitted on
/// (pooled layer-1 responses and the full model's response), the criteria of the full model, of the
/// phenomenon's own reduced circuit and of the ground truth, and the phenomenon's own judge of any
/// response to those conditions (its ``TraceMetric`` followed by the one criteria judge,
/// ``Phenomena/PhenomenonKind/judge(_:perCell:criteria:)``). Type-erased, so the unified circuit
/// never dispatches on the phenomenon.
public struct UnifiedCircuitTarget: Sendable {
    public var phenomenon: Phenomenon
    public var title: String
    /// The analysis' reduction conditions, in its condition order.
    public var conditions: [ReductionCondition]
    /// Project criteria on the full model (with the per-cell values), the phenomenon's own reduced
    /// circuit and the ground truth (nil without one).
    public var full: [CriterionResult]
    public var reduced: [CriterionResult]
    public var groundTruth: [CriterionResult]?
    /// Fraction of variance of the full response the phenomenon's own circuit explains.
    public var reducedR2: Double
    /// Pathway types the phenomenon's own reduction kept ("OFF fast", …), in rank order, unique.
    public var reducedTypes: [String]
    /// Bar phenomena: the attribution share of each layer-1 map column (summed over channels; sums
    /// to ≤ 1); nil for full-field ones.
    public var columnShares: [Double]?
    /// The project criteria of `traces` (one per condition) of a model whose gray rate is `grayRateHz`.
    let judge: @Sendable ([[Double]], Double) throws -> [CriterionResult]

    /// Memberwise, for tests and other callers with their own judge.
    public init(phenomenon: Phenomenon, title: String, conditions: [ReductionCondition], full: [CriterionResult],
                reduced: [CriterionResult], groundTruth: [CriterionResult]?, reducedR2: Double, reducedTypes: [String],
                columnShares: [Double]?, judge: @escaping @Sendable ([[Double]], Double) throws -> [CriterionResult]) {
        self.phenomenon = phenomenon; self.title = title; self.conditions = conditions; self.full = full; self.reduced = reduced
        self.groundTruth = groundTruth; self.reducedR2 = reducedR2; self.reducedTypes = reducedTypes; self.columnShares = columnShares
        self.judge = judge
    }

    /// The target of a completed analysis on a model with `screen`. Throws when the analysis no longer
    /// holds its reduction conditions (a decoded result) or they disagree with its metric's rows.
    public static func of<K: PhenomenonAnalysis>(_ a: MechanismAnalysis<K>, screen: StimulusScreen) throws -> Self {
        guard !a.reductionConditions.isEmpty else {
            throw MechanismsError.invalidSetting(name: "\(K.id.rawValue) analysis", expected: "its reduction conditions (a fresh analysis)",
                                                 found: "none (a result read back from a file keeps only what it shows)")
        }
        let metric = try a.traceMetric(screen: screen)
        let rows = a.reductionConditions.map(\.hidden.windows)
        guard rows == metric.rowCounts else {
            throw MechanismsError.shapeMismatch(parameter: "\(K.id.rawValue) conditions", expected: "rows \(metric.rowCounts) of its metric",
                                                found: "rows \(rows)")
        }
        let criteria = a.criteria()
        var columns: [Double]?
        if let h = a.reductionConditions.first?.hidden, h.symmetry != .fullField {
            var shares = [Double](repeating: 0, count: h.columns)
            for r in a.reduction.unitRanking {
                for x in r.group.columns ?? [] where x < shares.count { shares[x] += r.share }
            }
            columns = shares
        }
        var types: [String] = []
        for g in a.reduction.kept where !types.contains(a.channelTypes[g.channel].label) { types.append(a.channelTypes[g.channel].label) }
        return UnifiedCircuitTarget(
            phenomenon: K.id, title: K.title, conditions: a.reductionConditions, full: criteria.full, reduced: criteria.reduced,
            groundTruth: criteria.groundTruth, reducedR2: a.reduction.model.fit.r2, reducedTypes: types, columnShares: columns,
            judge: { traces, gray in K.judge(try metric(traces, grayRateHz: gray), criteria: K.projectCriteria) })
    }
}
