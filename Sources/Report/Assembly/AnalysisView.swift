import Mechanisms
import RetinaCore
import Phenomena
import ReportKit

/// The parts of one successful ``Mechanisms/MechanismAnalysis`` the report shows, independent of its
/// phenomenon, plus the acceptance checks read from the phenomenon's one criteria judge
/// (``Mechanisms/MechanismAnalysis/criteria(_:)``).
public struct AnalysisView: Sendable {
    var phenomenon: Phenomenon
    var title: String
    var cells: [Int]
    var rfCentreXPixels: Double?
    /// Condition labels with whether IG explained them.
    var conditions: [ConditionSummary]
    var channelTypes: ChannelTypeTable
    var reduction: ReductionResult
    var metricRows: [MetricRow]
    var completeness: CompletenessSummary
    var statement: MechanismStatement
    var settings: MechanismAnalysisSettings
    var checks: [PhenomenonCheck]
    /// The criteria judged on the division ablation (its values in the `reduced` slot); nil when
    /// the reduced circuit does not divide.
    var subtractiveChecks: [PhenomenonCheck]?
    var groundTruthCompared: Bool
    /// Position in ``metricRows`` of the summary's headline metric (the kind's ``ReportablePhenomenon/headlineMetricIndex``).
    var headlineRowIndex: Int?

    struct ConditionSummary: Sendable {
        var label: String
        var explained: Bool
    }

    init<K: ReportablePhenomenon>(_ a: MechanismAnalysis<K>) {
        phenomenon = K.id
        title = K.title
        cells = a.cells
        rfCentreXPixels = a.rfCentreXPixels
        conditions = a.conditions.map { ConditionSummary(label: $0.label, explained: $0.explained) }
        channelTypes = a.channelTypes
        reduction = a.reduction
        metricRows = a.metricRows
        completeness = a.completeness
        statement = a.statement
        settings = a.settings
        let judged = a.criteria()
        checks = PhenomenonCheck.zip(full: judged.full, reduced: judged.reduced, groundTruth: judged.groundTruth)
        subtractiveChecks = judged.subtractive.map {
            PhenomenonCheck.zip(full: judged.full, reduced: $0, groundTruth: judged.groundTruth)
        }
        groundTruthCompared = a.groundTruthMetric != nil
        headlineRowIndex = metricRows.isEmpty ? nil : min(K.headlineMetricIndex, metricRows.count - 1)
    }

    var verdict: ReproductionVerdict { ReproductionVerdict(checks) }

    /// How many of the phenomenon's criteria the full model meets. A phenomenon is *shown* only when
    /// every criterion is met; one met criterion of three is "partly", never "shown".
    var fullModelShows: FullModelShows { FullModelShows(met: checks.filter(\.fullPasses).count, of: checks.count) }

    /// The verdict on the division ablation (nil when the circuit does not divide).
    var subtractiveVerdict: ReproductionVerdict? { subtractiveChecks.map(ReproductionVerdict.init) }

    /// The summary's "Needs ÷" cell: "yes" when the circuit reproduces the phenomenon and its division
    /// ablation does not, "no" when the ablation reproduces it too, "—" otherwise.
    var needsDivisionText: String { Self.needsDivisionText(shows: fullModelShows, verdict: verdict, ablation: subtractiveVerdict) }

    /// "yes" when the full model shows the phenomenon (every criterion met), `verdict` is reproduced
    /// and the division ablation's is not; "no" when both are; "—" otherwise — like "Reproduced", no
    /// claim about a phenomenon the full model does not show (also read by `compare` from a run's criteria).
    static func needsDivisionText(shows: FullModelShows, verdict: ReproductionVerdict, ablation: ReproductionVerdict?) -> String {
        guard case .yes = shows, case .reproduced = verdict, let ablation else { return "—" }
        if case .reproduced = ablation { return "no" }
        return "yes"
    }

    /// One or two sentences on the division ablation: what the best subtractive circuit on the same
    /// pathways meets, and what that says about the need for gain control. Nil without division.
    var divisionAblationText: String? {
        guard let ablation = subtractiveVerdict, let model = reduction.subtractiveModel else { return nil }
        let fit = "FEV \(NumberText.percent(model.fit.r2)) %; with division \(NumberText.percent(reduction.model.fit.r2)) %"
        let intro = "Division ablation: the best purely subtractive circuit on the same pathways (\(fit)) "
        switch (verdict, ablation) {
        case (.absentInFullModel, _):
            return nil
        case (.reproduced, .reproduced):
            return intro + "also reproduces the phenomenon: division is not needed for it."
        case (.reproduced, .partly(let p, let n)):
            return intro + "meets only \(p) of the \(n) criteria: the phenomenon needs the divisive (gain-control) units."
        case (.reproduced, .notReproduced(let n)):
            return intro + "meets none of the \(n) criteria: the phenomenon needs the divisive (gain-control) units."
        case (_, .reproduced(let n)):
            return intro + "meets all \(n) criteria the full model meets, more than the divisive circuit does: the "
                + "least-squares optimum is not the circuit that best reproduces this phenomenon."
        case (_, .partly(let p, let n)):
            return intro + "meets \(p) of the \(n) criteria."
        case (_, .notReproduced(let n)):
            return intro + (n == 1 ? "fails the one criterion." : "meets none of the \(n) criteria.")
        case (_, .absentInFullModel):
            return nil
        }
    }

    var headline: MetricRow? { headlineRowIndex.map { metricRows[$0] } }

    /// The kept groups' channel types in ranking order, repeated labels counted:
    /// "OFF fast, ON slow, ON fast" or "2 × OFF fast, OFF slow".
    var keptPathwaysText: String { Self.pathwaysText(reduction.kept.map { channelTypes[$0.channel].label }) }

    /// Channel-type labels in ranking order with repeats counted ("2 × OFF fast, OFF slow"); "none"
    /// for no label.
    static func pathwaysText(_ labels: [String]) -> String {
        guard !labels.isEmpty else { return "none" }
        var order: [String] = []
        var counts: [String: Int] = [:]
        for label in labels {
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        return order.map { counts[$0]! > 1 ? "\(counts[$0]!) × \($0)" : $0 }.joined(separator: ", ")
    }

    /// The ranking entry of a kept group.
    func ranked(_ g: UnitGroup) -> RankedGroup? { reduction.groupRanking.first { $0.group == g } }

    /// "excitatory" / "inhibitory" from the sign of the group's net attribution (the rule the planted
    /// circuit comparison uses).
    func effect(_ g: UnitGroup) -> String {
        (ranked(g)?.netAttribution ?? 0) >= 0 ? "excitatory" : "inhibitory"
    }

    /// "2 of 3 found": planted pathways played by a kept group (kept groups outside the key are
    /// listed in the phenomenon section).
    var plantedAgreementText: String { Self.plantedAgreementText(statement.comparison) }

    static func plantedAgreementText(_ c: CircuitComparison) -> String { "\(c.recovered) of \(c.matches.count) found" }
}
