import Phenomena

/// One pathway type of the unified circuit: its label and the layer-1 channels pooled into it.
public struct UnifiedPathway: Codable, Sendable, Equatable {
    /// "OFF fast", "OFF slow", "ON fast", "ON slow".
    public var label: String
    public var channels: [Int]
    /// Mean temporal filter of its channels (``ChannelType/temporalFilter``, oldest first), for figures.
    public var temporalFilter: [Double]
}

/// How a circuit does on one phenomenon's conditions.
public struct UnifiedPhenomenonFit: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    /// The circuit against the full model's response over this phenomenon's conditions (unweighted).
    public var fit: FitQuality
    /// The project criteria on the circuit's response.
    public var criteria: [CriterionResult]
    /// Criteria the full model meets, and how many of them the circuit meets too.
    public var fullMeets: Int
    public var circuitMeetsOfThose: Int

    /// The circuit matches the full model on the phenomenon: the full model meets some criterion and
    /// the circuit meets every criterion the full model meets (the per-phenomenon reductions' rule).
    public var matchesFullModel: Bool { fullMeets > 0 && circuitMeetsOfThose == fullMeets }
}

/// One fitted candidate of the search: a set of pathway types and its circuit.
public struct UnifiedCircuitCandidate: Codable, Sendable, Equatable {
    /// Labels of the pathway types it reads, in ``UnifiedCircuitResult/pathways`` order.
    public var pathways: [String]
    /// The fitted circuit: one unit per pathway type (``ReducedModel/Unit/group`` names the type's
    /// first channel only; the unit reads ``UnifiedCircuitResult/columns`` of the type's pooled signal).
    public var model: ReducedModel
    /// `1 − Σ w (y − ŷ)² / Σ w (y − ȳ_w)²` over every phenomenon's conditions with the fit's weights.
    public var weightedR2: Double
    public var phenomena: [UnifiedPhenomenonFit]

    /// Phenomena the full model shows at least in part (meets some criterion) on which this circuit matches it.
    public var matchedPhenomena: Int { phenomena.filter(\.matchesFullModel).count }
    /// Criteria the full model meets that the circuit meets too, over all phenomena.
    public var matchedCriteria: Int { phenomena.reduce(0) { $0 + $1.circuitMeetsOfThose } }
}

/// What silencing one unit of the chosen circuit does to one phenomenon.
public struct UnifiedUnitContribution: Codable, Sendable, Equatable {
    public var pathway: String
    public var phenomenon: Phenomenon
    /// `Σ_t w_t (r(t) − r₋ₖ(t))²` over the phenomenon's rows, divided by the same sum over every unit:
    /// the share of the circuit's response to this phenomenon's stimuli that this unit carries
    /// (shares of one phenomenon sum to 1; 0 when no unit changes the response).
    public var share: Double
    /// The project criteria of the circuit without this unit.
    public var criteriaWithout: [CriterionResult]
    /// The circuit still matches the full model without this unit (false also when it did not with it).
    public var matchesWithout: Bool
}

/// One phenomenon: the full model, its own reduced circuit, the ground truth and the unified circuit.
public struct UnifiedPhenomenonSummary: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    public var title: String
    public var full: [CriterionResult]
    public var reduced: [CriterionResult]
    public var groundTruth: [CriterionResult]?
    public var reducedR2: Double
    public var reducedTypes: [String]
    /// The chosen unified circuit on this phenomenon.
    public var unified: UnifiedPhenomenonFit
    /// The smallest candidate (search order) matching the full model on this phenomenon, nil when none does.
    public var smallestReproducing: [String]?

    /// The full model meets some criterion of it (shows it at least in part).
    public var fullShows: Bool { unified.fullMeets > 0 }
}

/// The unified circuit (`docs/method.md` §5.8): one circuit of pathway-type units fitted jointly to
/// every analysed phenomenon, with the pathway types chosen by an exhaustive search.
public struct UnifiedCircuitResult: Codable, Sendable, Equatable {
    /// The pathway types present in the model, in the search's order.
    public var pathways: [UnifiedPathway]
    /// Layer-1 map columns a unit reads (bar phenomena: the columns carrying ``columnShare`` of their
    /// attribution, as one contiguous span); empty when every phenomenon is full-field.
    public var columns: [Int]
    /// The attribution share the columns were chosen to cover.
    public var columnShare: Double
    /// Every candidate, in search order (fewer types first, then the types' order).
    public var candidates: [UnifiedCircuitCandidate]
    /// Index into ``candidates`` of the chosen circuit.
    public var chosen: Int
    public var summaries: [UnifiedPhenomenonSummary]
    /// One per unit of the chosen circuit and phenomenon.
    public var contributions: [UnifiedUnitContribution]
    /// Samples (10 ms rows over all conditions) the circuits were fitted to.
    public var samples: Int

    public var chosenCandidate: UnifiedCircuitCandidate { candidates[chosen] }
    /// Fits the search took (one per candidate).
    public var fitCount: Int { candidates.count }
    /// Phenomena the full model shows at least in part.
    public var shownCount: Int { summaries.filter(\.fullShows).count }
}
