import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation

/// The phenomenon under one set of the simulated retina's ablations (empty = the intact retina).
public struct RetinaAblationMeasurement: Codable, Sendable, Equatable {
    /// Sorted by raw value; empty for the intact retina.
    public var ablations: [RetinaAblation]
    public var readout: PhenomenonReadout
    /// Retained fraction relative to the intact retina (``CausalVerdictRule/retained(_:full:)``).
    public var retained: Double?

    /// `intact`, `noOnSlow`, `noOnFast+noOnSlow`.
    public var name: String { ablations.isEmpty ? "intact" : ablations.map(\.rawValue).joined(separator: "+") }
}

/// The answer key by intervention: the simulated retina's phenomenon under its ablations (the
/// ablation table of `docs`), measured by the same suite code as the CNN, and the retina ablation
/// each CNN channel type stands for.
public enum RetinaAnswerKey {
    /// The suite for the retina: the given one with reduced screens (1 × 1, 1 × W; exact for the
    /// retina and much faster) and untrimmed movies (the retina remembers more than 40 frames).
    public static func retinaSuite(from suite: PhenomenonSuite = .validation) -> PhenomenonSuite {
        var s = suite
        s.screenPolicy = .reduced
        s.trimsToAnalysedFrames = false
        return s
    }

    /// The planted pathway a CNN channel type stands for, and the retina ablation that removes it:
    /// ON fast → ``RetinaSimulation/RetinaAblation/noOnFast``; ON slow → `noOnSlow`; OFF fast (the
    /// OFF bipolar's direct excitation) → `noOffToGanglion`; OFF slow (delayed OFF-driven, the
    /// amacrine-like channel) → `noAmacrine`.
    public static func ablation(polarity: ChannelPolarity, speed: ChannelSpeed) -> RetinaAblation {
        switch (polarity, speed) {
        case (.on, .fast): return .noOnFast
        case (.on, .slow): return .noOnSlow
        case (.off, .fast): return .noOffToGanglion
        case (.off, .slow): return .noAmacrine
        }
    }

    /// Measures `phenomenon` on the retina intact (always first) and under each set of
    /// `ablationSets` (duplicates and the empty set skipped), each re-calibrated as in the table.
    public static func measure(_ phenomenon: Phenomenon, ablationSets: [Set<RetinaAblation>],
                               retina: SimulatedRetina = SimulatedRetina(), suite: PhenomenonSuite = retinaSuite(),
                               cells: [Int]? = nil, rule: CausalVerdictRule = .init()) throws -> [RetinaAblationMeasurement] {
        var suite = suite
        suite.phenomena = [phenomenon]
        var sets: [Set<RetinaAblation>] = [[]]
        for s in ablationSets where !sets.contains(s) { sets.append(s) }
        var out: [RetinaAblationMeasurement] = []
        for s in sets {
            let model = s.isEmpty ? retina : try retina.ablated(s)
            let readout = try PhenomenonReadout.read(phenomenon, from: try suite.measure(model, cells: cells))
            out.append(RetinaAblationMeasurement(ablations: s.sorted { $0.rawValue < $1.rawValue }, readout: readout, retained: nil))
        }
        for i in out.indices { out[i].retained = rule.retained(out[i].readout, full: out[0].readout) }
        return out
    }

    /// Every single ablation of the table (``RetinaSimulation/RetinaAblation/allCases``), intact first.
    public static func table(_ phenomenon: Phenomenon, retina: SimulatedRetina = SimulatedRetina(),
                             suite: PhenomenonSuite = retinaSuite(), cells: [Int]? = nil) throws -> [RetinaAblationMeasurement] {
        try measure(phenomenon, ablationSets: RetinaAblation.allCases.map { [$0] }, retina: retina, suite: suite, cells: cells)
    }
}

/// A CNN intervention side by side with the retina ablation of the pathway types it silences.
public struct CausalKeyComparison: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var intervention: String
        public var kind: CausalInterventionKind
        /// Per channel type touched: label, channels of that type silenced (≥ half their units) and
        /// channels of that type, e.g. "ON slow 1/1".
        public var silencedTypes: [String]
        /// The retina counterpart: the ablations of the removed types ([] = the intact retina); nil
        /// for a spatial (part-of-a-map) silencing, which has none.
        public var retinaAblations: [RetinaAblation]?
        /// True when every touched type is removed whole (all its channels, all units): the pairing is
        /// then one to one; false when a type is only partly silenced.
        public var exact: Bool
        public var cnnStrength: Double?
        public var cnnRetained: Double?
        public var cnnCriteriaPassed: Int
        public var retinaStrength: Double?
        public var retinaRetained: Double?
        public var retinaCriteriaPassed: Int?
        public var criteriaCount: Int
        /// Both lose the phenomenon (retained ≤ the necessity threshold) or both keep it; nil when
        /// either retained fraction is undefined or the retina counterpart was not measured.
        public var agree: Bool?
    }

    public var phenomenon: Phenomenon
    public var strengthName: String
    public var strengthUnit: String
    public var rows: [Row]

    /// Interventions (the full model's row excluded) in agreement / with a verdict on both sides.
    public var agreement: (agree: Int, compared: Int) {
        let r = rows.filter { $0.kind != CausalInterventionKind.none }
        return (r.filter { $0.agree == true }.count, r.filter { $0.agree != nil }.count)
    }

    /// The retina ablation set each intervention of `test` stands for: a channel type is removed when
    /// at least half the layer-1 units of its channels are silenced (so silencing the only ON-slow
    /// channel removes the ON-slow pathway; one of three OFF-fast channels does not). Nil when the
    /// intervention silences part of a channel's map (spatial groups of the bar analyses): the
    /// retina's ablations remove whole pathways, so a spatial silencing has no counterpart.
    public static func counterpart(_ intervention: CausalIntervention, channelTypes: ChannelTypeTable,
                                   layout: Layer1Layout) -> (ablations: Set<RetinaAblation>?, types: [String], exact: Bool) {
        let mask = intervention.silencing.mask(channelCount: layout.channels, height: layout.height, width: layout.width)
        let map = layout.height * layout.width
        let silencedFraction = (0..<layout.channels).map { c in
            Double((0..<map).filter { mask[c * map + $0] }.count) / Double(max(1, map))
        }
        var ablations = Set<RetinaAblation>(), types: [String] = [], exact = true
        let labels = Array(Set(channelTypes.types.map(\.label))).sorted()
        for label in labels {
            let channels = channelTypes.types.filter { $0.label == label }.map(\.channel).filter { $0 < layout.channels }
            let touched = channels.filter { silencedFraction[$0] > 0 }
            guard !touched.isEmpty else { continue }
            let units = channels.reduce(0.0) { $0 + silencedFraction[$1] } / Double(channels.count)
            let silenced = channels.filter { silencedFraction[$0] >= 0.5 }.count
            types.append("\(label) \(silenced)/\(channels.count)")
            if units >= 0.5, let t = channelTypes.types.first(where: { $0.label == label }) {
                ablations.insert(RetinaAnswerKey.ablation(polarity: t.polarity, speed: t.speed))
            }
            if units < 1 - 1e-12 { exact = false }
        }
        return (intervention.silencing.normalised().regions.isEmpty ? ablations : nil, types, exact)
    }

    /// The retina ablation sets a comparison of `test` needs (measure them with
    /// ``RetinaAnswerKey/measure(_:ablationSets:retina:suite:cells:rule:)``).
    public static func ablationSets(for test: CausalTestResult, channelTypes: ChannelTypeTable,
                                    layout: Layer1Layout) -> [Set<RetinaAblation>] {
        test.interventions.compactMap { counterpart($0.intervention, channelTypes: channelTypes, layout: layout).ablations }
    }

    /// Pairs every intervention of `test` with the retina measurement of its counterpart (nil fields
    /// when that set is not in `retina`).
    public static func compare(_ test: CausalTestResult, channelTypes: ChannelTypeTable, layout: Layer1Layout,
                               retina: [RetinaAblationMeasurement]) -> CausalKeyComparison {
        let threshold = test.settings.verdict.necessityMaximumRetained
        let rows = test.interventions.map { r -> Row in
            let (ablations, types, exact) = counterpart(r.intervention, channelTypes: channelTypes, layout: layout)
            let key = ablations?.sorted { $0.rawValue < $1.rawValue }
            let m = key.flatMap { k in retina.first { $0.ablations == k } }
            var agree: Bool?
            if let c = r.retained, let g = m?.retained { agree = (c <= threshold) == (g <= threshold) }
            return Row(intervention: r.intervention.name, kind: r.intervention.kind, silencedTypes: types, retinaAblations: key,
                       exact: exact, cnnStrength: r.readout.strength, cnnRetained: r.retained,
                       cnnCriteriaPassed: r.readout.criteriaPassed, retinaStrength: m?.readout.strength,
                       retinaRetained: m?.retained, retinaCriteriaPassed: m?.readout.criteriaPassed,
                       criteriaCount: r.readout.criteria.count, agree: agree)
        }
        return CausalKeyComparison(phenomenon: test.phenomenon, strengthName: test.full.strengthName,
                                   strengthUnit: test.full.strengthUnit, rows: rows)
    }

    /// Measures the retina counterparts and compares (one call for the pipeline).
    /// `cells`: the retina cells measured (nil = the cells of `test`, which the model was trained to mimic).
    public static func run(_ test: CausalTestResult, channelTypes: ChannelTypeTable, layout: Layer1Layout,
                           retina: SimulatedRetina = SimulatedRetina(), suite: PhenomenonSuite = RetinaAnswerKey.retinaSuite(),
                           cells: [Int]? = nil)
        throws -> (comparison: CausalKeyComparison, retina: [RetinaAblationMeasurement]) {
        let measured = try RetinaAnswerKey.measure(test.phenomenon, ablationSets: ablationSets(for: test, channelTypes: channelTypes,
                                                                                                    layout: layout),
                                                   retina: retina, suite: suite, cells: cells ?? test.cells, rule: test.settings.verdict)
        return (compare(test, channelTypes: channelTypes, layout: layout, retina: measured), measured)
    }
}
