import RetinaCore
import Mechanisms
import Phenomena
import ReportKit

extension ReportAssembler {
    /// One phenomenon: stimulus, figures, metrics, reduction, mechanism, completeness, data files; or
    /// the error section of a failed analysis (with the stimulus it was run on).
    ///
    /// The parts are anchored headings (`sec-<p>-stimulus`, …), not numbered subsections, so the table of
    /// contents lists each phenomenon once instead of repeating the same seven entries four times.
    static func phenomenonSection(_ input: PhenomenonReportInput, inputs: ReportInputs) -> ReportSection {
        let p = input.phenomenon
        let id = sectionID(p)
        guard case let .analysed(v) = input.outcome else {
            guard case let .failed(step, message) = input.outcome else { preconditionFailure("no view of a success") }
            var section = ReportSection.failure(RichText(input.title), id: id, step: step, message: message)
            section.blocks += [.heading("Stimulus", id: "\(id)-stimulus")] + StimulusParameters.block(input, analysis: nil)
            return section
        }
        var parts: [(title: RichText, part: String, blocks: [ReportBlock])] = [
            ("Stimulus", "stimulus", StimulusParameters.block(input, analysis: v)),
            ("Responses and attributions", "figures", figureBlocks(input.figures, view: v)),
            ("Phenomenon metric", "metrics", metricBlocks(v)),
            ("Model reduction", "reduction", reductionBlocks(v)),
            ("Mechanism", "mechanism", mechanismBlocks(v)),
        ]
        if inputs.answerKeyApplies {
            parts.append(("Comparison with the planted circuit", "comparison", comparisonBlocks(v, inputs: inputs)))
        }
        if let causal = causalBlocks(input, view: v, inputs: inputs) {
            parts.append(("Causal tests", "causal", causal))
        }
        if let robustness = robustnessBlocks(input, view: v, inputs: inputs) {
            parts.append(("Robustness across ensemble members", "robustness", robustness))
        }
        parts.append(("Attribution completeness", "completeness", completenessBlocks(v)))
        if !input.dataFiles.isEmpty {
            parts.append(("Data files", "data", [
                .paragraph("Written for this analysis (paths relative to the run folder):"),
                .list(input.dataFiles.map { RichText.link($0, to: $0) }),
            ]))
        }
        var blocks: [ReportBlock] = [.paragraph(introduction(v, input: input))]
        for part in parts {
            blocks.append(.heading(part.title, id: "\(id)-\(part.part)"))
            blocks += part.blocks
        }
        return ReportSection(RichText(input.title), id: id, blocks: blocks)
    }

    /// Anchor ids of the parts of a successful phenomenon section, in order (`osr-stimulus`, …).
    static func partIDs(_ p: Phenomenon, dataFiles: Bool, answerKey: Bool = true, causal: Bool = false) -> [String] {
        (["stimulus", "figures", "metrics", "reduction", "mechanism"] + (answerKey ? ["comparison"] : []) + (causal ? ["causal"] : [])
            + ["completeness"]
            + (dataFiles ? ["data"] : []))
            .map { "\(sectionID(p))-\($0)" }
    }

    /// Who is explained and what the verdict is (no wall-clock time: the report body is reproducible).
    static func introduction(_ v: AnalysisView, input: PhenomenonReportInput) -> RichText {
        let cells = v.cells.map(String.init).joined(separator: ", ")
        var text = RichText("Explained: the mean rate of cell\(v.cells.count == 1 ? "" : "s") \(cells)")
        if let x = v.rfCentreXPixels {
            text = text + RichText(" (the column at x = \(NumberText.fixed(x, decimals: 1)) px)")
        }
        let explained = v.conditions.filter(\.explained).count
        let n = v.conditions.count
        text = text + RichText(", over \(n) stimulus condition\(n == 1 ? "" : "s") ("
            + (explained == n ? "all explained by IG). "
                : "\(explained) explained by IG, the other \(n - explained) used only to fit the reduced circuit). "))
        text = text + RichText(v.verdict.sentence)
        let missed = v.checks.filter { $0.fullPasses && !$0.reducedPasses }.map(\.name)
        if !missed.isEmpty {
            text = text + RichText(" Not met by the reduced circuit: \(missed.joined(separator: "; ")).")
        }
        if let ablation = v.divisionAblationText { text = text + RichText(" " + ablation) }
        return text
    }

    // MARK: - Figures

    static func figureBlocks(_ figures: [ReportFigure], view v: AnalysisView) -> [ReportBlock] {
        guard !figures.isEmpty else {
            return [.paragraph("No figures were rendered for this analysis; the numbers are in the tables below.")]
        }
        let refs = figures.map { RichText.figure($0.id) }
        let list: RichText
        switch refs.count {
        case 1: list = refs[0] + " shows"
        case 2: list = refs[0] + " and " + refs[1] + " show"
        default: list = refs[0] + " to " + refs[refs.count - 1] + " show"
        }
        let text = list + " the \(v.title.lowercased()) analysis: responses of the full model"
            + RichText(v.groundTruthCompared ? ", the reduced circuit and the ground truth" : " and the reduced circuit")
            + ", the pooled attributions and the kept pathways. Each caption states its panels and units."
        return [.paragraph(text)] + figures.map { .figure($0) }
    }

    // MARK: - Metrics

    static func metricBlocks(_ v: AnalysisView) -> [ReportBlock] {
        let id = sectionID(v.phenomenon)
        // The division ablation gets a column after "Reduced" when the circuit divides.
        let ablation = v.subtractiveChecks != nil
        let ablationHeader: [RichText] = ablation ? ["Reduced, no ÷"] : []
        let ablationAlignment: [ReportTable.Alignment] = ablation ? [.right] : []
        let ablationNote = ablation ? " Reduced, no ÷: the division ablation (the best purely subtractive circuit on the same pathways)." : ""
        // No ground-truth column for a model without one (a column of n/a is noise).
        let truth = v.groundTruthCompared
        let truthHeader: [RichText] = truth ? ["Ground truth"] : []
        let truthAlignment: [ReportTable.Alignment] = truth ? [.right] : []
        let rows = v.metricRows.map { row -> [RichText] in
            [RichText(row.name), RichText(row.unit.isEmpty ? "—" : row.unit),
             RichText(NumberText.significant(row.full)), RichText(NumberText.significant(row.reduced))]
                + (ablation ? [RichText(NumberText.significant(row.subtractive))] : [])
                + (truth ? [RichText(NumberText.significant(row.groundTruth))] : [])
        }
        var blocks: [ReportBlock] = [
            .paragraph(.table("\(id)-metrics") + " compares the phenomenon metric of the full model" + (truth ? ", " : " and ")
                + "the reduced circuit" + (truth ? " and the ground truth" : "") + "; " + .table("\(id)-checks")
                + " judges each model against the acceptance criteria of the phenomenon."),
            .table(ReportTable(
                id: "\(id)-metrics", header: ["Metric", "Unit", "Full", "Reduced"] + ablationHeader + truthHeader, rows: rows,
                alignments: [.left, .left, .right, .right] + ablationAlignment + truthAlignment,
                caption: RichText("Phenomenon metric of the \(v.title.lowercased()) analysis (n/a: not measurable)." + ablationNote))),
        ]
        let checks = v.checks.enumerated().map { (i, c) -> [RichText] in
            func cell(_ x: Double?, _ pass: Bool) -> RichText {
                RichText(NumberText.significant(x) + (x == nil ? "" : (pass ? " ✓" : " ✗")))
            }
            let ablated = v.subtractiveChecks.map { s in [cell(s[i].reduced, s[i].reducedPasses)] } ?? []
            return [RichText(c.name), RichText(c.threshold), cell(c.full, c.fullPasses), cell(c.reduced, c.reducedPasses)]
                + ablated + (truth ? [cell(c.groundTruth, c.groundTruthPasses)] : [])
        }
        blocks.append(.table(ReportTable(
            id: "\(id)-checks", header: ["Criterion", "Threshold", "Full", "Reduced"] + ablationHeader + truthHeader, rows: checks,
            alignments: [.left, .left, .right, .right] + ablationAlignment + truthAlignment,
            caption: RichText("Acceptance criteria of the phenomenon (✓ met, ✗ not met; a criterion also fails when a "
                + "period or speed has no peak). The reduced circuit reproduces the phenomenon when it meets every "
                + "criterion the full model meets." + ablationNote))))
        return blocks
    }
}
