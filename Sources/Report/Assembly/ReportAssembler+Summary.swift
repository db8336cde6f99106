import RetinaCore
import Mechanisms
import Phenomena
import ReportKit

extension ReportAssembler {
    static let summaryTableID = "summary-phenomena"

    /// Section 1: the run's warnings, then what the run found — the outcome in words and the overview
    /// figure (one row per phenomenon) on the first screen — then what was done, and one table row per
    /// phenomenon.
    static func summarySection(_ inputs: ReportInputs) -> ReportSection {
        var blocks: [ReportBlock] = []
        if !inputs.warnings.isEmpty {
            blocks.append(.callout(ReportCallout(
                kind: .warning, title: RichText(inputs.warnings.count == 1 ? "1 warning" : "\(inputs.warnings.count) warnings"),
                paragraphs: inputs.warnings.map { RichText($0) })))
        }
        if !inputs.phenomena.isEmpty {
            blocks.append(.paragraph(outcomeSentence(inputs)))
            if let overview = inputs.overview { blocks.append(.figure(overviewFigure(overview))) }
            blocks.append(.paragraph(whatWasDone(inputs)))
            blocks.append(.table(summaryTable(inputs)))
        } else {
            blocks.append(.paragraph(whatWasDone(inputs)))
            blocks.append(.paragraph("No phenomenon was analysed in this run."))
        }
        return ReportSection("Summary", id: summaryID, blocks: blocks)
    }

    static func whatWasDone(_ inputs: ReportInputs) -> RichText {
        let subject: RichText = inputs.model.ensemble.map { e in
            (e.fromFiles
                ? e.memberFiles.enumerated().reduce(RichText("the \(e.memberNames.count) CNNs ")) { text, file in
                    text + RichText(file.offset == 0 ? "" : ", ") + .code(modelFileName(file.element))
                }
                : RichText("the \(e.memberNames.count) CNNs of the ensemble in ") + .code(modelFileName(inputs.model.path)))
                + RichText(", analysed as the mean of their rates,")
        } ?? ("the CNN in " + .code(modelFileName(inputs.model.path)))
        var text: RichText = "This report explains how " + subject
            + RichText(inputs.model.ensemble == nil ? " produces" : " produce") + " predictive phenomena of the retina. For each phenomenon the stimulus protocol was shown to "
            + "the model, and integrated gradients (IG) attributed the mean firing rate of the explained cells to the "
            + "first-layer units, relative to a gray screen. The attributions were pooled using the symmetry of the "
            + "stimulus (one term per channel for full-field stimuli, per channel and column for bars) and ranked; "
            + RichText(selectionPhrase(inputs.settings.reduction)) + ", and a reduced one-hidden-layer circuit "
            + "on them was fitted to the full model's response. The phenomenon metric was measured on the full model, "
            + "the reduced circuit"
        text = text + (inputs.groundTruthCompared ? " and the simulated ground-truth retina" : "")
            + (inputs.answerKeyApplies
                ? ", and the kept pathways were compared with the circuit planted in the simulated retina (the answer key)."
                : "; the model was not trained on the tool's simulated retina, so there is no planted circuit to compare with.")
            + " Details are in " + .section(methodsID) + "."
        return text
    }

    /// What was kept, with its verb: "the smallest set of pathways carrying at least 90 % of the total
    /// importance (at most 6) was kept" / "the 3 most important pathways were kept".
    static func selectionPhrase(_ r: ReductionSettings) -> String {
        switch r.selection {
        case .share(let s):
            return "the smallest set of pathways carrying at least \(NumberText.parameter(100 * s)) % of the total "
                + "importance (at most \(r.maxUnits)) was kept"
        case .topK(let k):
            let n = min(k, r.maxUnits)
            return n == 1 ? "the most important pathway was kept" : "the \(n) most important pathways were kept"
        }
    }

    /// How to read each present phenomenon's headline metric: "; OSR slope: 1 = locked to the expected flash, …".
    static func headlineHints(_ phenomena: [PhenomenonReportInput]) -> String {
        phenomena.isEmpty ? "" : "; " + phenomena.map(\.headlineHint).joined(separator: "; ")
    }

    /// The run's outcome in one or two sentences; a phenomenon counts as shown only when the full model
    /// meets every one of its criteria, and partial ones are named with their counts.
    static func outcomeSentence(_ inputs: ReportInputs) -> RichText {
        let analysed = inputs.phenomena.compactMap { input in input.outcome.view.map { (input.title, $0) } }
        let views = analysed.map(\.1)
        let failed = inputs.phenomena.count - views.count
        var s = "\(views.count) of \(inputs.phenomena.count) analyses completed"
        s += failed > 0 ? " (\(failed) failed; see the error section\(failed == 1 ? "" : "s"))." : "."
        if views.count == 1 {
            let v = views[0]
            switch (v.fullModelShows, v.verdict) {
            case (.no, _), (_, .absentInFullModel):
                s += " By the acceptance criteria the full model does not show the phenomenon."
            case (.partly(let m, let n), let verdict):
                s += " By the acceptance criteria the full model shows the phenomenon only partly (\(m) of \(n) criteria); "
                    + (verdict == .reproduced(of: m) ? "the reduced circuit meets the same criteria." : "the reduced circuit does not meet all of them.")
            case (.yes, .reproduced): s += " The full model shows the phenomenon and the reduced circuit reproduces it."
            case (.yes, .partly): s += " The full model shows the phenomenon and the reduced circuit reproduces it partly."
            case (.yes, .notReproduced): s += " The full model shows the phenomenon; the reduced circuit does not reproduce it."
            }
        } else if !views.isEmpty {
            let full = analysed.filter { if case .yes = $0.1.fullModelShows { return true } else { return false } }
            let partly = analysed.compactMap { title, v -> String? in
                if case let .partly(m, n) = v.fullModelShows { return "\(title.lowercased()), \(m) of \(n) criteria" }
                return nil
            }
            let names = { (list: [(String, AnalysisView)]) in list.map { $0.0.lowercased() }.joined(separator: ", ") }
            s += " By the acceptance criteria the full model shows \(full.count) of the \(views.count) analysed phenomena"
            s += full.isEmpty ? "" : " (\(names(full)))"
            s += partly.isEmpty ? "" : " and \(partly.count) only partly (\(partly.joined(separator: "; ")))"
            let reproduced = full.filter { if case .reproduced = $0.1.verdict { return true } else { return false } }
            switch (full.count, reproduced.count) {
            case (0, _): s += "."
            case (let n, let r) where r == n:
                s += n == 1 ? "; the reduced circuit reproduces \(names(full))." : n == 2 ? "; the reduced circuit reproduces both." : "; the reduced circuit reproduces all \(n)."
            case (_, 0): s += "; the reduced circuit reproduces none of \(full.count == 2 ? "them" : "these")."
            default: s += "; of these the reduced circuit reproduces \(names(reproduced))."
            }
        }
        let gaps = views.map(\.completeness.maxGapOverResponseRange).filter(\.isFinite)
        if let worst = gaps.max() {
            s += " The largest IG completeness gap of any analysis is \(NumberText.significant(100 * worst, 2)) % of its response range "
                + "(each section's \"Attribution completeness\")."
        }
        let overview: RichText = inputs.overview.map { .figure($0.id) + " shows each phenomenon at a glance; " } ?? ""
        return RichText(s) + " " + overview + .table(summaryTableID) + " gives the headline numbers."
    }

    /// "yes / no": the causal verdict on the kept groups (the fractions left are in the phenomenon's
    /// causal tests); "—" when not tested.
    static func causalSummaryText(_ outcome: CausalOutcome?) -> String {
        guard case let .tested(c)? = outcome else { return "—" }
        return causalVerdictText(c.test.verdict)
    }

    /// "yes / no" for a verdict's necessity and sufficiency, "n/a" for an undecided word.
    static func causalVerdictText(_ v: CausalVerdict) -> String {
        func word(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "n/a" }
        return word(v.necessary) + " / " + word(v.sufficient)
    }

    static func summaryTable(_ inputs: ReportInputs) -> ReportTable {
        let key = inputs.answerKeyApplies
        let causal = inputs.phenomena.contains { $0.causal != nil }
        let ensemble = inputs.phenomena.contains { $0.robustness != nil }
        let unified = inputs.unified != nil
        let header: [RichText] = ["Phenomenon", "Metric", "Full", "Reduced"] + (inputs.groundTruthCompared ? ["Ground truth"] : [])
            + ["Full model shows"] + ["Reproduced"] + (unified ? ["One circuit"] : []) + ["Needs ÷", "Kept pathways"]
            + (causal ? ["Nec. / suff."] : [])
            + (key ? ["Answer key"] : [])
        let rows = inputs.phenomena.map { input -> [RichText] in
            let p = input.phenomenon
            let name = RichText.link(input.title, to: "#" + Anchor.section(sectionID(p)))
            guard let v = input.outcome.view else {
                return [name, "failed — see " + .section(sectionID(p))] + Array(repeating: "—", count: header.count - 2)
            }
            let h = v.headline
            let metric = h.map { $0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))" } ?? "none"
            return [name, RichText(metric), RichText(NumberText.significant(h?.full)), RichText(NumberText.significant(h?.reduced))]
                + (inputs.groundTruthCompared ? [RichText(NumberText.significant(h?.groundTruth))] : [])
                + [RichText(v.fullModelShows.shortText + (ensemble ? "; members: \(membersShowingText(input))" : ""))]
                + [RichText(v.fullModelShows.reproducedText(v.verdict))]
                + (unified ? [RichText(unifiedSummaryText(p, inputs: inputs))] : [])
                + [RichText(v.needsDivisionText), RichText(v.keptPathwaysText)]
                + (causal ? [RichText(causalSummaryText(input.causal))] : [])
                + (key ? [RichText(v.plantedAgreementText)] : [])
        }
        return ReportTable(
            id: summaryTableID, header: header, rows: rows,
            alignments: [.left, .left, .right, .right] + (inputs.groundTruthCompared ? [.right] : []) + [.left, .left] + (unified ? [.left] : []) + [.left, .left]
                + (causal ? [.left] : []) + (key ? [.left] : []),
            caption: "Headline metric of each phenomenon for the full CNN, the reduced circuit"
                + (inputs.groundTruthCompared ? " and the ground truth" : "") + " (n/a: not measurable)"
                + RichText(headlineHints(inputs.phenomena))
                + ". Full model shows: how many of the phenomenon's acceptance criteria the full CNN meets — it shows the "
                + "phenomenon only when it meets all of them. "
                + (ensemble ? "Full is the ensemble mean (the mean of the members' rates); members: how many members alone "
                    + "meet every criterion. " : "")
                + "Reproduced: the reduced circuit meets every acceptance "
                + "criterion the full model meets (" + .section("methods-reproduction") + "). "
                + (unified ? RichText("One circuit: the same for the one circuit fitted to every phenomenon at once (") + .section(unifiedID)
                    + "); where the full model meets only some criteria, how many of those the one circuit meets. " : "")
                + "Needs ÷: whether the "
                + "reproduction needs the circuit's divisive (gain-control) units — yes when the best purely subtractive "
                + "circuit on the same pathways meets fewer criteria, no when it meets them too, — when the circuit does "
                + "not divide or does not reproduce the phenomenon. Kept pathways: channel "
                + "types of the kept first-layer groups, most important first. "
                + (causal ? "Nec. / suff.: the causal tests on the full CNN — with the kept groups silenced, is the phenomenon "
                    + "gone (necessary), and with everything else silenced, does it stay (sufficient); n/a when the full CNN "
                    + "does not show it. " : "")
                + (key ? "Answer key: pathways of the planted circuit played by a kept group." : ""))
    }

    /// Table 1's "One circuit" cell: "yes", "no (0 of 3)", "partly (1 of 3)" or, where the full model
    /// meets only some criteria, "— (2 of 2)": how many of those the one circuit meets (the caption
    /// says so; "Reproduced" next to it gives the full model's count); "—" when the full model meets
    /// none or the phenomenon was not in the fit.
    static func unifiedSummaryText(_ p: Phenomenon, inputs: ReportInputs) -> String {
        unifiedSummaryText(inputs.unified?.result.summaries.first { $0.phenomenon == p })
    }

    /// The same cell from one phenomenon's summary of the unified circuit (also read by `compare`).
    static func unifiedSummaryText(_ summary: UnifiedPhenomenonSummary?) -> String {
        guard let s = summary else { return "—" }
        let u = s.unified
        let all = s.full.count
        if u.fullMeets == 0 { return "—" }
        if u.fullMeets < all { return "— (\(u.circuitMeetsOfThose) of \(u.fullMeets))" }
        if u.matchesFullModel { return "yes" }
        return u.circuitMeetsOfThose == 0 ? "no (0 of \(all))" : "partly (\(u.circuitMeetsOfThose) of \(all))"
    }
}
