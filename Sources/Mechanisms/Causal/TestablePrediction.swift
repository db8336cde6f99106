import Phenomena

/// What silencing one pathway type does to one phenomenon, as an experimenter would test it:
/// "blocking ON slow removes the OSR: peak / train ratio 3.82 → 1.41". Read off the causal tests'
/// pathway-type interventions (``CausalInterventionKind/pathwayType``: every channel of the type
/// silenced); nothing is measured again.
///
/// Outcome, from the retained fraction `f` of the full CNN's effect (``CausalVerdictRule``):
/// **removes** when `f ≤ necessityMaximumRetained` (0.5), **keeps** otherwise; **untestable** when `f`
/// is not defined: the full CNN meets none of the phenomenon's criteria or has no effect in its
/// direction, so nothing can be lost (the rule of ``CausalTests``). The retina side uses the same rule
/// on the intact retina.
///
/// For a model of the simulated retina, ``retina`` is the same experiment on the retina: the ablation
/// of the planted pathway the type stands for (``RetinaAnswerKey/ablation(polarity:speed:)``),
/// measured by the same code, and whether it confirms the prediction (both remove or both keep the
/// phenomenon; nil when either side is untestable).
public struct TestablePrediction: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case removes, keeps, untestable
    }

    /// The retina's side of the prediction.
    public struct RetinaCheck: Codable, Sendable, Equatable {
        /// The retina ablations of the silenced type ([] = the intact retina).
        public var ablations: [String]
        public var strength: Double?
        public var retained: Double?
        public var criteriaPassed: Int?
        public var outcome: Outcome
        /// Both remove or both keep the phenomenon; nil when either is untestable.
        public var confirms: Bool?
    }

    public var phenomenon: Phenomenon
    /// The silenced pathway type, e.g. "ON slow".
    public var pathwayType: String
    /// Channels of the type silenced (all of them).
    public var channels: [Int]
    /// Name and unit of the phenomenon's strength (``PhenomenonReadout``).
    public var strengthName: String
    public var strengthUnit: String
    /// The full CNN's strength and criteria met, and the same with the type silenced.
    public var fullStrength: Double?
    public var silencedStrength: Double?
    public var fullCriteriaPassed: Int
    public var silencedCriteriaPassed: Int
    public var criteriaCount: Int
    /// Retained fraction of the full CNN's effect (nil when not defined).
    public var retained: Double?
    public var outcome: Outcome
    public var retina: RetinaCheck?
}

public enum TestablePredictions {
    /// One prediction per pathway-type intervention of each causal test, in test order, then in the
    /// plan's type order. `comparison` (the retina side) is matched by intervention name and kind.
    public static func make(_ tests: [(test: CausalTestResult, comparison: CausalKeyComparison?)]) -> [TestablePrediction] {
        tests.flatMap { test, comparison -> [TestablePrediction] in
            let rule = test.verdict.rule
            func outcome(_ f: Double?, testable: Bool = true) -> TestablePrediction.Outcome {
                guard testable, let f else { return .untestable }
                return f <= rule.necessityMaximumRetained ? .removes : .keeps
            }
            let full = test.full
            return test.interventions.compactMap { r -> TestablePrediction? in
                guard let label = r.intervention.pathwayTypeLabel else { return nil }
                let own = outcome(r.retained)
                let retina = comparison?.rows.first { $0.kind == r.intervention.kind && $0.intervention == r.intervention.name }
                    .flatMap { row -> TestablePrediction.RetinaCheck? in
                        guard let ablations = row.retinaAblations else { return nil }
                        let intact = comparison?.rows.first { $0.kind == .none }
                        // As for the CNN: an intact retina meeting no criterion has nothing to lose.
                        let shows = (intact?.retinaCriteriaPassed ?? 0) > 0
                        let theirs = outcome(row.retinaRetained, testable: shows)
                        let confirms: Bool? = own == .untestable || theirs == .untestable ? nil : own == theirs
                        return .init(ablations: ablations.map(\.rawValue), strength: row.retinaStrength, retained: row.retinaRetained,
                                     criteriaPassed: row.retinaCriteriaPassed, outcome: theirs, confirms: confirms)
                    }
                return TestablePrediction(
                    phenomenon: test.phenomenon, pathwayType: label,
                    channels: r.intervention.silencedGroups.map(\.channel),
                    strengthName: full.strengthName, strengthUnit: full.strengthUnit,
                    fullStrength: full.strength, silencedStrength: r.readout.strength,
                    fullCriteriaPassed: full.criteriaPassed, silencedCriteriaPassed: r.readout.criteriaPassed,
                    criteriaCount: full.criteria.count, retained: r.retained, outcome: own, retina: retina)
            }
        }
    }

    /// A standard manipulation that silences `pathwayType` in a real retina, only where it is
    /// textbook, phrased as a suggestion; nil otherwise. ON bipolar cells: L-AP4 (an mGluR6 agonist)
    /// blocks both ON types at once (Slaughter & Miller 1981), so it is named for either ON type with
    /// that caveat. The OFF types and the fast/slow split have no selective textbook block.
    public static func suggestedManipulation(pathwayType: String) -> String? {
        guard pathwayType.hasPrefix("ON") else { return nil }
        return "L-AP4 (an mGluR6 agonist) blocks ON bipolar cells, both ON types at once"
    }
}
