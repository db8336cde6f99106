import RetinaCore
import Mechanisms
import Phenomena

extension ReportAssembler {
    static let summaryTableID = "summary-phenomena"

    /// Section 1: the run's warnings, what was done, and one table row per phenomenon.
    static func summarySection(_ inputs: ReportInputs) -> ReportSection {
        var blocks: [ReportBlock] = []
        if !inputs.warnings.isEmpty {
            blocks.append(.callout(ReportCallout(
                kind: .warning, title: RichText(inputs.warnings.count == 1 ? "1 warning" : "\(inputs.warnings.count) warnings"),
                paragraphs: inputs.warnings.map { RichText($0) })))
        }
        blocks.append(.paragraph(whatWasDone(inputs)))
        if !inputs.phenomena.isEmpty {
            blocks.append(.paragraph(outcomeSentence(inputs)))
            blocks.append(.table(summaryTable(inputs)))
        } else {
            blocks.append(.paragraph("No phenomenon was analysed in this run."))
        }
        return ReportSection("Summary", id: summaryID, blocks: blocks)
    }

    static func whatWasDone(_ inputs: ReportInputs) -> RichText {
        var text: RichText = "This report explains how the CNN in " + .code(modelFileName(inputs.model.path))
            + " produces predictive phenomena of the retina. For each phenomenon the stimulus protocol was shown to "
            + "the model, and integrated gradients (IG) attributed the mean firing rate of the explained cells to the "
            + "first-layer units, relative to a gray screen. The attributions were pooled using the symmetry of the "
            + "stimulus (one term per channel for full-field stimuli, per channel and column for bars) and ranked; "
            + RichText(selectionPhrase(inputs.settings.reduction)) + ", and a reduced one-hidden-layer circuit "
            + "on them was fitted to the full model's response. The phenomenon metric was measured on the full model, "
            + "the reduced circuit"
        text = text + (inputs.groundTruthCompared ? " and the simulated ground-truth retina" : "")
            + ", and the kept pathways were compared with the circuit planted in the simulated retina (the answer key"
            + (inputs.groundTruthCompared ? ")." : "; for a model not trained on it, for orientation only).")
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

    static func outcomeSentence(_ inputs: ReportInputs) -> RichText {
        let views = inputs.phenomena.compactMap(\.outcome.view)
        let failed = inputs.phenomena.count - views.count
        let reproduced = views.filter { if case .reproduced = $0.verdict { return true } else { return false } }.count
        let shown = views.filter { $0.verdict != .absentInFullModel }.count
        var s = "\(views.count) of \(inputs.phenomena.count) analyses completed"
        s += failed > 0 ? " (\(failed) failed; see the error section\(failed == 1 ? "" : "s"))." : "."
        if views.count == 1 {
            switch views[0].verdict {
            case .absentInFullModel: s += " By the acceptance criteria the full model does not show the phenomenon."
            case .reproduced: s += " The full model shows the phenomenon and the reduced circuit reproduces it."
            case .partly: s += " The full model shows the phenomenon and the reduced circuit reproduces it partly."
            case .notReproduced: s += " The full model shows the phenomenon; the reduced circuit does not reproduce it."
            }
        } else if shown == 0 && !views.isEmpty {
            s += " By the acceptance criteria the full model shows none of the \(views.count) analysed phenomena."
        } else if !views.isEmpty {
            s += " By the acceptance criteria the full model shows \(shown) of the \(views.count) analysed phenomena; "
                + "the reduced circuit reproduces \(reproduced) of \(shown == 1 ? "it" : "these \(shown)")."
        }
        return RichText(s) + " " + .table(summaryTableID) + " gives the headline numbers."
    }

    static func summaryTable(_ inputs: ReportInputs) -> ReportTable {
        let header: [RichText] = ["Phenomenon", "Metric", "Full", "Reduced", "Ground truth", "Reproduced",
                                  "Needs ÷", "Kept pathways", "Answer key", "Gap (%)"]
        let rows = inputs.phenomena.map { input -> [RichText] in
            let p = input.phenomenon
            let name = RichText.link(input.title, to: "#" + Anchor.section(sectionID(p)))
            guard let v = input.outcome.view else {
                return [name, "failed — see " + .section(sectionID(p))] + Array(repeating: "—", count: header.count - 2)
            }
            let h = v.headline
            let metric = h.map { $0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))" } ?? "none"
            return [
                name, RichText(metric),
                RichText(NumberText.significant(h?.full)), RichText(NumberText.significant(h?.reduced)),
                RichText(NumberText.significant(h?.groundTruth)),
                RichText(v.verdict.shortText), RichText(v.needsDivisionText), RichText(v.keptPathwaysText),
                RichText(v.plantedAgreementText),
                RichText(NumberText.significant(100 * v.completeness.maxGapOverResponseRange, 2)),
            ]
        }
        return ReportTable(
            id: summaryTableID, header: header, rows: rows,
            alignments: [.left, .left, .right, .right, .right, .left, .left, .left, .left, .right],
            caption: "Headline metric of each phenomenon for the full CNN, the reduced circuit and the ground truth "
                + "(n/a: not measurable or not compared)" + RichText(headlineHints(inputs.phenomena))
                + ". Reproduced: the reduced circuit meets every acceptance "
                + "criterion the full model meets (" + .section("methods-reproduction") + "). Needs ÷: whether the "
                + "reproduction needs the circuit's divisive (gain-control) units — yes when the best purely subtractive "
                + "circuit on the same pathways meets fewer criteria, no when it meets them too, — when the circuit does "
                + "not divide or does not reproduce the phenomenon. Kept pathways: channel "
                + "types of the kept first-layer groups, most important first. Answer key: pathways of the planted "
                + "circuit played by a kept group. Gap: largest IG completeness gap, % of the response range.")
    }
}
