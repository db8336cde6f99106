import Phenomena

/// One intervention and what the phenomenon did under it.
public struct CausalInterventionResult: Codable, Sendable, Equatable {
    public var intervention: CausalIntervention
    public var readout: PhenomenonReadout
    /// Retained fraction of the phenomenon relative to the full model (``CausalVerdictRule/retained(_:full:)``).
    /// (No wall times here: results are deterministic; the run's manifest records the step times.)
    public var retained: Double?
}

/// A causal test of one phenomenon: the full model and every intervention, with the verdict.
public struct CausalTestResult: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    /// Cells measured (model indices).
    public var cells: [Int]
    public var kept: [UnitGroup]
    public var settings: CausalTestSettings
    /// In ``CausalIntervention/plan(kept:all:layout:settings:)`` order; the first is the full model.
    public var interventions: [CausalInterventionResult]
    public var verdict: CausalVerdict

    /// The result of the intervention of `kind` (the first one for ``CausalInterventionKind/single``).
    public func result(_ kind: CausalInterventionKind) -> CausalInterventionResult? {
        interventions.first { $0.intervention.kind == kind }
    }

    /// The full model's readout.
    public var full: PhenomenonReadout { interventions[0].readout }
}
