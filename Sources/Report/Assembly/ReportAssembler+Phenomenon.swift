import Mechanisms
import Phenomena

extension ReportAssembler {
    /// One phenomenon: stimulus, figures, metrics, reduction, mechanism, completeness, data files; or
    /// the error section of a failed analysis (with the stimulus it was run on).
    static func phenomenonSection(_ input: PhenomenonReportInput, inputs: ReportInputs) -> ReportSection {
        let p = input.outcome.phenomenon
        let id = sectionID(p)
        guard let v = AnalysisView(input.outcome) else {
            guard case let .failed(_, step, message) = input.outcome else { preconditionFailure("no view of a success") }
            var section = ReportSection.failure(RichText(p.title), id: id, step: step, message: message)
            section.subsections = [
                ReportSection("Stimulus", id: "\(id)-stimulus", blocks: StimulusParameters.block(p, inputs: inputs, analysis: nil)),
            ]
            return section
        }
        var subsections = [
            ReportSection("Stimulus", id: "\(id)-stimulus", blocks: StimulusParameters.block(p, inputs: inputs, analysis: v)),
            ReportSection("Responses and attributions", id: "\(id)-figures", blocks: figureBlocks(input.figures, view: v)),
            ReportSection("Phenomenon metric", id: "\(id)-metrics", blocks: metricBlocks(v)),
            ReportSection("Model reduction", id: "\(id)-reduction", blocks: reductionBlocks(v)),
            ReportSection("Mechanism and the planted circuit", id: "\(id)-mechanism", blocks: mechanismBlocks(v, inputs: inputs)),
            ReportSection("Attribution completeness", id: "\(id)-completeness", blocks: completenessBlocks(v)),
        ]
        if !input.dataFiles.isEmpty {
            subsections.append(ReportSection("Data files", id: "\(id)-data", blocks: [
                .paragraph("Written for this analysis (paths relative to the run folder):"),
                .list(input.dataFiles.map { RichText.link($0, to: $0) }),
            ]))
        }
        return ReportSection(RichText(p.title), id: id, blocks: [.paragraph(introduction(v, input: input))],
                             subsections: subsections)
    }

    /// Who is explained, what the verdict is, and how long the analysis took.
    static func introduction(_ v: AnalysisView, input: PhenomenonReportInput) -> RichText {
        let cells = v.cells.map(String.init).joined(separator: ", ")
        var text = RichText("Explained: the mean rate of cell\(v.cells.count == 1 ? "" : "s") \(cells)")
        if let x = v.rfCentreXPixels {
            text = text + RichText(", the cells of the column at x = \(NumberText.significant(x)) px")
        }
        let explained = v.conditions.filter(\.explained).count
        text = text + RichText(", over \(v.conditions.count) stimulus condition\(v.conditions.count == 1 ? "" : "s") "
            + "(\(explained) explained by IG, the others used only to fit the reduced circuit). ")
        text = text + RichText(v.verdict.sentence)
        if input.seconds > 0 {
            text = text + RichText(" The analysis took \(NumberText.significant(input.seconds, 2)) s.")
        }
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
        let text = list + " the \(v.phenomenon.title.lowercased()) analysis: responses of the full model"
            + RichText(v.groundTruthCompared ? ", the reduced circuit and the ground truth" : " and the reduced circuit")
            + ", the pooled attributions and the kept pathways. Each caption states its panels and units."
        return [.paragraph(text)] + figures.map { .figure($0) }
    }

    // MARK: - Metrics

    static func metricBlocks(_ v: AnalysisView) -> [ReportBlock] {
        let id = sectionID(v.phenomenon)
        let rows = v.metricRows.map { row -> [RichText] in
            [RichText(row.name), RichText(row.unit.isEmpty ? "—" : row.unit),
             RichText(NumberText.significant(row.full)), RichText(NumberText.significant(row.reduced)),
             RichText(NumberText.significant(row.groundTruth))]
        }
        var blocks: [ReportBlock] = [
            .paragraph(.table("\(id)-metrics") + " compares the phenomenon metric of the full model, the reduced circuit "
                + "and the ground truth; " + .table("\(id)-checks") + " judges each model against the acceptance "
                + "criteria of the phenomenon."),
            .table(ReportTable(
                id: "\(id)-metrics", header: ["Metric", "Unit", "Full", "Reduced", "Ground truth"], rows: rows,
                alignments: [.left, .left, .right, .right, .right],
                caption: "Phenomenon metric of the \(v.phenomenon.title.lowercased()) analysis (n/a: not measurable"
                    + (v.groundTruthCompared ? ")." : " or no ground truth)."))),
        ]
        let checks = v.checks.map { c -> [RichText] in
            func cell(_ x: Double?, _ pass: Bool) -> RichText {
                RichText(NumberText.significant(x) + (x == nil ? "" : (pass ? " ✓" : " ✗")))
            }
            return [RichText(c.name), RichText(c.threshold), cell(c.full, c.fullPasses), cell(c.reduced, c.reducedPasses),
                    cell(c.groundTruth, c.groundTruthPasses)]
        }
        blocks.append(.table(ReportTable(
            id: "\(id)-checks", header: ["Criterion", "Threshold", "Full", "Reduced", "Ground truth"], rows: checks,
            alignments: [.left, .left, .right, .right, .right],
            caption: "Acceptance criteria of the phenomenon (✓ met, ✗ not met; a criterion also fails when a "
                + "period or speed has no peak). The reduced circuit reproduces the phenomenon when it meets every "
                + "criterion the full model meets.")))
        return blocks
    }
}
