import Mechanisms
import ReportKit

/// The causal tests of a run (`causal.*` keys): which interventions follow each analysis, the
/// verdict thresholds, and the collaborators' hypotheses (`--hypotheses`, `--hypothesis`).
///
/// Each phenomenon's causal test silences its reduction's kept groups (alone, together, all but
/// them, a matched control) and every pathway type whole, measuring the phenomenon on the silenced
/// CNN with the run's protocols and criteria (docs/method.md §5.6). No gradients: one suite run of the
/// phenomenon per intervention.
public struct CausalRunSettings: Codable, Sendable, Equatable {
    /// Run the causal tests (default true; `--no-causal-tests` switches them off).
    public var enabled: Bool
    /// Silence each kept group alone (one suite run per kept group); nil = on for a single model, off
    /// for an ensemble mean (where every intervention costs one forward pass per member).
    public var includeSingles: Bool?
    /// Silence every channel of each pathway type in turn (the interventions the simulated
    /// retina's ablations answer one to one).
    public var includePathwayTypes: Bool
    /// Seed of the matched control's draw.
    public var controlSeed: UInt64
    /// Thresholds of the verdict (necessary, sufficient, more than control).
    public var verdict: CausalVerdictRule
    /// Hypotheses to test, each on its phenomenon's analysis (the phenomenon must be in the run).
    public var hypotheses: [Hypothesis]

    public init(enabled: Bool = true, includeSingles: Bool? = nil, includePathwayTypes: Bool = true, controlSeed: UInt64 = 12,
                verdict: CausalVerdictRule = .init(), hypotheses: [Hypothesis] = []) {
        self.enabled = enabled; self.includeSingles = includeSingles; self.includePathwayTypes = includePathwayTypes
        self.controlSeed = controlSeed; self.verdict = verdict; self.hypotheses = hypotheses
    }

    /// The settings of a phenomenon's causal test (`ensemble`: the model is an ensemble mean).
    func testSettings(ensemble: Bool) -> CausalTestSettings {
        CausalTestSettings(controlSeed: controlSeed, includeSingles: includeSingles ?? !ensemble, includePathwayTypes: includePathwayTypes,
                           verdict: verdict)
    }

    /// The settings of a hypothesis test: necessity, sufficiency and control only.
    var hypothesisSettings: CausalTestSettings {
        CausalTestSettings(controlSeed: controlSeed, includeSingles: false, includePathwayTypes: false, verdict: verdict)
    }
}
