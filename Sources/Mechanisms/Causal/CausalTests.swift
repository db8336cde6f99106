import Phenomena
import RetinaCore

/// Causal tests of a reduction: silence what the attributions point at and see whether the phenomenon
/// goes. Each intervention (``CausalIntervention/plan(kept:all:layout:settings:)``) is applied to the
/// model (``SilenceableModel``), the phenomenon is measured on the silenced model by `suite` — the
/// same stimuli, metrics and criteria as everywhere else — and compared with the unsilenced model.
/// No gradients are computed: one suite run of one phenomenon per distinct set of silenced units.
public enum CausalTests {
    /// Runs the causal test of `phenomenon` on `model`.
    ///
    /// - Parameters:
    ///   - kept: the reduction's kept groups (``ReductionResult/kept``).
    ///   - all: every group the control may draw from (e.g. ``ReductionResult/groupRanking`` groups,
    ///     or every channel).
    ///   - suite: the protocols and criteria (its `phenomena` are replaced by `[phenomenon]`); e.g.
    ///     ``Phenomena/PhenomenonSuite/validation`` with `trimsToAnalysedFrames` for a CNN.
    ///   - cells: model cells measured (nil = all).
    ///   - channelTypes: the model's channel types; with them (and ``CausalTestSettings/includePathwayTypes``)
    ///     each pathway type is also silenced whole.
    public static func run<M: SilenceableModel>(model: M, phenomenon: Phenomenon, kept: [UnitGroup], all: [UnitGroup],
                                                suite: PhenomenonSuite, cells: [Int]? = nil,
                                                settings: CausalTestSettings = .init(),
                                                channelTypes: ChannelTypeTable? = nil) throws -> CausalTestResult {
        let plan = try CausalIntervention.plan(kept: kept, all: all, layout: Layer1Layout(model), settings: settings,
                                               channelTypes: channelTypes)
        var one = suite
        one.phenomena = [phenomenon]
        let suite = one
        // Interventions that silence the same units (a single that is a whole pathway type, a control
        // that drew every non-kept group) are measured once.
        let layout = Layer1Layout(model)
        let masks = plan.map { $0.silencing.mask(channelCount: layout.channels, height: layout.height, width: layout.width) }
        var firstOf: [[Bool]: Int] = [:]
        for (i, m) in masks.enumerated() where firstOf[m] == nil { firstOf[m] = i }
        let distinct = plan.indices.filter { firstOf[masks[$0]] == $0 }
        // A model with a memo computes every intervention's rates on a movie in one sweep, the first
        // time any intervention shows it; the first silenced intervention therefore runs alone (its
        // sweeps use both cores) and the rest, mostly memo look-ups, stimuli and metrics, two at a time.
        try model.prepareSilencingSweep(distinct.map { plan[$0].silencing }.filter { !$0.isEmpty })
        @Sendable func measure(_ j: Int) throws -> (PhenomenonReadout, [Int]) {
            let intervention = plan[distinct[j]]
            let silenced: any ResponseModel = intervention.silencing.isEmpty ? model : try model.silencedResponseModel(intervention.silencing)
            let validation = try suite.measure(silenced, cells: cells)
            return (try PhenomenonReadout.read(phenomenon, from: validation), validation.cells)
        }
        let lead = distinct.indices.prefix { plan[distinct[$0]].silencing.isEmpty }.count + 1
        let first = try (0..<min(lead, distinct.count)).map(measure)
        let rest = Array(first.count..<distinct.count)
        let measured = try first + ParallelChunks.run(ranges: ParallelChunks.split(rest.count, parts: min(2, rest.count))) { range in
            try range.map { try measure(rest[$0]) }
        }.flatMap { $0 }
        var byIndex: [Int: (PhenomenonReadout, [Int])] = [:]
        for (j, i) in distinct.enumerated() { byIndex[i] = measured[j] }
        let measuredCells = measured.first?.1 ?? []
        let results = plan.indices.map { i -> CausalInterventionResult in
            let first = firstOf[masks[i]]!
            return CausalInterventionResult(intervention: plan[i], readout: byIndex[first]!.0, retained: nil)
        }
        return assemble(phenomenon: phenomenon, cells: measuredCells, kept: kept, settings: settings, results: results)
    }

    /// Fills in retained fractions and the verdict (results in plan order, the first being the full model).
    static func assemble(phenomenon: Phenomenon, cells: [Int], kept: [UnitGroup], settings: CausalTestSettings,
                         results: [CausalInterventionResult]) -> CausalTestResult {
        var results = results
        let full = results[0].readout
        // No fraction where the full model has no effect to lose (``CausalVerdictRule/undefinedReason(full:)``).
        for i in results.indices { results[i].retained = settings.verdict.retained(results[i].readout, full: full) }
        func retained(_ k: CausalInterventionKind) -> Double? { results.first { $0.intervention.kind == k }?.retained }
        let verdict = CausalVerdict(rule: settings.verdict, retainedWithoutKept: retained(.allKept),
                                    retainedWithOnlyKept: retained(.allButKept), retainedUnderControl: retained(.control))
        return CausalTestResult(phenomenon: phenomenon, cells: cells, kept: kept, settings: settings, interventions: results,
                                verdict: verdict)
    }
}
