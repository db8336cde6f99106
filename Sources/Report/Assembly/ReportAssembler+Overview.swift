import Figures
import Mechanisms
import ReportKit

extension ReportAssembler {
    /// The rows of the run overview figure (``Figures/FigureCatalogue/overview(_:)``), one per
    /// phenomenon in report order: the headline trace, the kept pathway types and the verdict counts,
    /// all read from what the analyses returned (the same judge, views and member readouts as the
    /// summary table), nothing recomputed.
    public static func overviewRows(_ phenomena: [PhenomenonReportInput]) -> [OverviewRow] {
        phenomena.map { input in
            switch input.outcome {
            case let .failed(_, message):
                return OverviewRow(phenomenon: input.phenomenon, title: input.title, outcome: .failed(message: message))
            case let .analysed(v):
                let kept = KeptPathway.merging(v.reduction.kept.compactMap { g in
                    v.channelTypes.types.indices.contains(g.channel) ? v.channelTypes[g.channel] : nil
                })
                return OverviewRow(phenomenon: input.phenomenon, title: input.title,
                                   outcome: .analysed(.init(trace: input.headlineTrace, kept: kept, verdict: overviewVerdict(v, input))))
            }
        }
    }

    /// The verdict counts of one analysis: the full model's criteria, the reduced circuit's among
    /// those, the members meeting every criterion, the causal test's words.
    static func overviewVerdict(_ v: AnalysisView, _ input: PhenomenonReportInput) -> OverviewVerdict {
        let met = v.checks.filter(\.fullPasses).count
        let reducedMet: Int
        switch v.verdict {
        case let .reproduced(n): reducedMet = n
        case let .partly(p, _): reducedMet = p
        case .notReproduced, .absentInFullModel: reducedMet = 0
        }
        let members = input.robustness.map { r in
            OverviewVerdict.Count(r.members.filter { $0.criteriaPassed == $0.criteria.count }.count, of: r.members.count)
        }
        var verdict = OverviewVerdict(criteriaMet: met, criteriaTotal: v.checks.count, reducedMet: reducedMet, members: members)
        if case let .tested(c)? = input.causal {
            verdict.necessary = c.test.verdict.necessary
            verdict.sufficient = c.test.verdict.sufficient
        }
        return verdict
    }

    /// The overview figure as it appears in the summary: its own caption, plus where the numbers are.
    static func overviewFigure(_ figure: ReportFigure) -> ReportFigure {
        var f = figure
        f.caption = figure.caption + " The numbers behind each row are in " + .table(summaryTableID) + " and the phenomenon's section."
        return f
    }
}
