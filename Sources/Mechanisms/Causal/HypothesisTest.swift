import RetinaCore
import Phenomena

/// Supported / partly / refuted.
public enum HypothesisVerdictWord: String, Codable, Sendable {
    case supported, partly, refuted
    /// The full model shows no measurable phenomenon, so nothing can be lost.
    case untestable
}

/// The restricted reduced circuit's part of a hypothesis test.
public struct HypothesisCircuitFit: Codable, Sendable, Equatable {
    /// Fraction of variance of the full response explained by the circuit restricted to the
    /// hypothesis' pathways (all conditions), and by the reduction's own circuit for comparison.
    public var r2: Double
    public var reductionR2: Double?
    /// Per pathway with a stated sign: the sign it takes (`excitatory` when the net attribution of its
    /// channels over the response windows is ≥ 0, `inhibitory` when negative — the convention of the
    /// planted-circuit comparison — and `divisive` when divisive was stated and one of its fitted units
    /// divides), and whether it matches.
    public var signs: [SignCheck]

    public struct SignCheck: Codable, Sendable, Equatable {
        public var pathway: String
        public var stated: PathwaySign
        public var fitted: [PathwaySign]
        public var matches: Bool
    }
}

/// A hypothesis tested by intervention (and, when given, by a restricted reduced circuit).
public struct HypothesisResult: Codable, Sendable, Equatable {
    public var hypothesis: Hypothesis
    /// The channels it resolves to.
    public var channels: [Int]
    /// Necessity and sufficiency: the causal test with the hypothesis' channels as the kept groups.
    public var causal: CausalTestResult
    public var circuit: HypothesisCircuitFit?
    public var verdict: HypothesisVerdictWord
    /// The numbers behind the word.
    public var text: String
}

/// One half of ``HypothesisTests/runAll(_:model:channelTypes:suite:cells:settings:conditions:reductionSettings:reduction:minimumCircuitR2:)``.
enum HypothesisBatchPart: Sendable {
    case circuits([HypothesisCircuitFit])
    case tests([HypothesisResult])
}

public enum HypothesisTests {
    /// Tests `hypothesis` on `model`: silences its channels (necessity), keeps only them
    /// (sufficiency) and a seeded control of as many other channels; per-channel singles are not run.
    ///
    /// Verdict: **supported** when necessary and sufficient (``CausalVerdictRule``), **partly** when
    /// exactly one holds, or both hold but a stated sign disagrees with the restricted circuit, or a
    /// restricted circuit explains < `minimumCircuitR2` of the variance; **refuted** when neither holds;
    /// **untestable** when the full model shows no phenomenon.
    public static func run<M: SilenceableModel>(_ hypothesis: Hypothesis, model: M, channelTypes: ChannelTypeTable,
                                                suite: PhenomenonSuite, cells: [Int]? = nil,
                                                settings: CausalTestSettings = .init(includeSingles: false),
                                                circuit: HypothesisCircuitFit? = nil,
                                                minimumCircuitR2: Double = 0.5) throws -> HypothesisResult {
        let channels = try hypothesis.channels(in: channelTypes)
        let kept = channels.map { UnitGroup(channel: $0) }
        let all = (0..<model.layer1Channels).map { UnitGroup(channel: $0) }
        let causal = try CausalTests.run(model: model, phenomenon: hypothesis.phenomenon, kept: kept, all: all, suite: suite,
                                         cells: cells, settings: settings)
        return judge(hypothesis, channels: channels, causal: causal, circuit: circuit, minimumCircuitR2: minimumCircuitR2)
    }

    /// Every hypothesis of one phenomenon, each by intervention and by its restricted circuit
    /// (``fitCircuit(_:conditions:channelTypes:settings:reduction:)`` on `conditions`): the same
    /// results as ``run(_:model:channelTypes:suite:cells:settings:circuit:minimumCircuitR2:)`` with
    /// the fitted circuit, but the serial circuit fits run beside the interventions (which use two
    /// threads of their own) instead of before them.
    public static func runAll<M: SilenceableModel>(_ hypotheses: [Hypothesis], model: M, channelTypes: ChannelTypeTable,
                                                   suite: PhenomenonSuite, cells: [Int]? = nil,
                                                   settings: CausalTestSettings = .init(includeSingles: false),
                                                   conditions: [ReductionCondition], reductionSettings: ReductionSettings = .init(),
                                                   reduction: ReductionResult? = nil,
                                                   minimumCircuitR2: Double = 0.5) throws -> [HypothesisResult] {
        guard !hypotheses.isEmpty else { return [] }
        let parts = try ParallelChunks.run(ranges: [0..<1, 1..<2]) { range -> HypothesisBatchPart in
            if range.lowerBound == 0 {
                return .circuits(try hypotheses.map {
                    try fitCircuit($0, conditions: conditions, channelTypes: channelTypes, settings: reductionSettings, reduction: reduction)
                })
            }
            return .tests(try hypotheses.map {
                try run($0, model: model, channelTypes: channelTypes, suite: suite, cells: cells, settings: settings, circuit: nil,
                        minimumCircuitR2: minimumCircuitR2)
            })
        }
        guard case .circuits(let circuits) = parts[0], case .tests(let tests) = parts[1] else { return [] }
        return zip(tests, circuits).map { test, circuit in
            judge(test.hypothesis, channels: test.channels, causal: test.causal, circuit: circuit, minimumCircuitR2: minimumCircuitR2)
        }
    }

    /// The verdict from a causal test (and an optional circuit fit); see ``run(_:model:channelTypes:suite:cells:settings:circuit:minimumCircuitR2:)``.
    public static func judge(_ hypothesis: Hypothesis, channels: [Int], causal: CausalTestResult,
                             circuit: HypothesisCircuitFit?, minimumCircuitR2: Double = 0.5) -> HypothesisResult {
        let v = causal.verdict
        func pct(_ x: Double?) -> String { x.map { "\(NumberText.percent($0, decimals: 0)) %" } ?? "n/a" }
        var word: HypothesisVerdictWord
        switch (v.necessary, v.sufficient) {
        case (nil, _), (_, nil): word = .untestable
        case (true?, true?): word = .supported
        case (false?, false?): word = .refuted
        default: word = .partly
        }
        let silenced = channels.map { "c\($0)" }.joined(separator: ", ")
        var text: String
        if let why = v.rule.undefinedReason(full: causal.full) {
            // No fraction to print: say what was done and why it cannot be judged.
            text = "untestable with \(silenced) silenced or kept alone: \(why)"
        } else {
            text = "\(pct(v.retainedWithoutKept)) of the \(causal.full.strengthName) left with \(silenced) silenced"
                + " (necessary if ≤ \(pct(v.rule.necessityMaximumRetained))), \(pct(v.retainedWithOnlyKept)) with only them"
                + " (sufficient if ≥ \(pct(v.rule.sufficiencyMinimumRetained)))"
        }
        if let c = v.retainedUnderControl {
            text += ", \(pct(c)) under a matched control"
        } else if !causal.interventions.contains(where: { $0.intervention.kind == .control }) {
            text += "; no matched control (the other channels are not more than its \(channels.count))"
        }
        if let circuit {
            text += "; restricted circuit r² \(String(format: "%.2f", circuit.r2))"
                + (circuit.reductionR2.map { " (reduction \(String(format: "%.2f", $0)))" } ?? "")
            let wrong = circuit.signs.filter { !$0.matches }
            if !wrong.isEmpty {
                text += "; signs not as stated: " + wrong.map { "\($0.pathway) fitted \($0.fitted.map(\.rawValue).joined(separator: "/"))" }
                    .joined(separator: ", ")
            }
            if word == .supported && (!wrong.isEmpty || circuit.r2 < minimumCircuitR2) { word = .partly }
        }
        return HypothesisResult(hypothesis: hypothesis, channels: channels, causal: causal, circuit: circuit, verdict: word,
                                text: text + ".")
    }

    /// The reduced circuit restricted to the hypothesis' channels, fitted on the analysis' reduction
    /// conditions with ``ModelReduction/reduce(_:channelTypes:settings:keep:)`` (the same fit as the
    /// reduction, on the given groups): a full-field channel per channel, or every map column of the
    /// channel as one group for bar analyses. Signs are read from the fitted units.
    public static func fitCircuit(_ hypothesis: Hypothesis, conditions: [ReductionCondition], channelTypes: ChannelTypeTable,
                                  settings: ReductionSettings = .init(), reduction: ReductionResult? = nil) throws -> HypothesisCircuitFit {
        let channels = try hypothesis.channels(in: channelTypes)
        guard let layout = conditions.first?.hidden else {
            throw MechanismsError.invalidSetting(name: "conditions", expected: "at least one", found: "none")
        }
        let groups = channels.map { c in
            layout.symmetry == .fullField ? UnitGroup(channel: c) : UnitGroup(channel: c, columns: Array(0..<layout.columns))
        }
        let result = try ModelReduction.reduce(conditions, channelTypes: channelTypes, settings: settings, keep: groups)
        var checks: [HypothesisCircuitFit.SignCheck] = []
        for p in hypothesis.pathways {
            guard let stated = p.sign else { continue }
            let members: [Int]
            switch p.selector {
            case .channel(let c): members = [c]
            case let .type(pol, speed): members = channelTypes.types.filter { $0.polarity == pol && $0.speed == speed }.map(\.channel)
            }
            // One sign per pathway, by the convention of the planted-circuit comparison: the sign of the
            // pathway's net attribution (summed over its channels' groups and the response windows);
            // divisive when the stated role is divisive and one of its fitted units divides.
            let ranked = result.groupRanking.filter { members.contains($0.group.channel) }
            let units = result.model.units.filter { members.contains($0.group.channel) }
            var fitted: [PathwaySign] = []
            if !ranked.isEmpty {
                let net = ranked.reduce(0.0) { $0 + $1.netAttribution }
                fitted = [stated == .divisive && units.contains { $0.divisiveGain > 0 } ? .divisive : (net >= 0 ? .excitatory : .inhibitory)]
            }
            checks.append(.init(pathway: p.selector.description, stated: stated, fitted: fitted,
                                matches: fitted == [stated]))
        }
        return HypothesisCircuitFit(r2: result.model.fit.r2, reductionR2: reduction?.model.fit.r2, signs: checks)
    }
}
