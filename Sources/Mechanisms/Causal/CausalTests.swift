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
        var suite = suite
        suite.phenomena = [phenomenon]
        let clock = ContinuousClock()
        var results: [CausalInterventionResult] = []
        var measuredCells: [Int] = []
        // Interventions that silence the same units (a single that is a whole pathway type, a control
        // that drew every non-kept group) are measured once.
        var measured: [[Bool]: PhenomenonReadout] = [:]
        let layout = Layer1Layout(model)
        for intervention in plan {
            let start = clock.now
            let mask = intervention.silencing.mask(channelCount: layout.channels, height: layout.height, width: layout.width)
            let readout: PhenomenonReadout
            if let known = measured[mask] {
                readout = known
            } else {
                let silenced: any ResponseModel = intervention.silencing.isEmpty ? model : try model.silencedResponseModel(intervention.silencing)
                let validation = try suite.measure(silenced, cells: cells)
                measuredCells = validation.cells
                readout = try PhenomenonReadout.read(phenomenon, from: validation)
                measured[mask] = readout
            }
            let d = clock.now - start
            results.append(CausalInterventionResult(intervention: intervention, readout: readout, retained: nil,
                                                    seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
        }
        return assemble(phenomenon: phenomenon, cells: measuredCells, kept: kept, settings: settings, results: results)
    }

    /// Fills in retained fractions and the verdict (results in plan order, the first being the full model).
    static func assemble(phenomenon: Phenomenon, cells: [Int], kept: [UnitGroup], settings: CausalTestSettings,
                         results: [CausalInterventionResult]) -> CausalTestResult {
        var results = results
        let full = results[0].readout
        // A phenomenon the full model does not show (no criterion met) has nothing to lose.
        let shows = full.criteria.isEmpty || full.criteriaPassed > 0
        for i in results.indices { results[i].retained = shows ? settings.verdict.retained(results[i].readout, full: full) : nil }
        func retained(_ k: CausalInterventionKind) -> Double? { results.first { $0.intervention.kind == k }?.retained }
        let verdict = CausalVerdict(rule: settings.verdict, retainedWithoutKept: retained(.allKept),
                                    retainedWithOnlyKept: retained(.allButKept), retainedUnderControl: retained(.control))
        return CausalTestResult(phenomenon: phenomenon, cells: cells, kept: kept, settings: settings, interventions: results,
                                verdict: verdict)
    }
}
