import Foundation
import Phenomena
import ReportKit
import RetinaCore

/// Builds the comparison report from a ``RunComparison`` and its rendered figures: reads the
/// comparison, never the runs' data again and never recomputes anything.
public enum ComparisonAssembler {
    public static func document(_ c: RunComparison, figures: [Phenomenon: ReportFigure], commandLine: String,
                                createdUTC: Date, comparisonID: String, gitCommit: String?) -> ReportDocument {
        let title = "Comparison of run \(c.runA.runID) (A) and run \(c.runB.runID) (B)"
        let metadata: [ReportDocument.MetadataLine] = [
            .init("Run A", .code(c.runA.runID) + RichText(" in ") + .code(c.runA.path) + RichText(", \(ManifestJSON.format(c.runA.createdUTC))")),
            .init("Run B", .code(c.runB.runID) + RichText(" in ") + .code(c.runB.path) + RichText(", \(ManifestJSON.format(c.runB.createdUTC))")),
            .init("Date (UTC)", RichText(ManifestJSON.format(createdUTC))),
            .init("Command", .code(commandLine)),
        ]
        var sections = [summary(c), conclusions(c), criteria(c), metrics(c)]
        if !figures.isEmpty { sections.append(curves(c, figures)) }
        sections.append(parameters(c))
        return ReportDocument(title: title, metadata: metadata, sections: sections,
                              colophon: .init(runID: comparisonID, toolName: "retina-report", toolVersion: ToolVersion.current, gitCommit: gitCommit))
    }

    static func title(_ p: Phenomenon) -> String { p.title }

    static func summary(_ c: RunComparison) -> ReportSection {
        var blocks: [ReportBlock] = []
        if !c.leftOut.isEmpty {
            blocks.append(.callout(ReportCallout(kind: .warning, title: RichText("Left out of the comparison (--shared)"),
                                                 paragraphs: c.leftOut.map { RichText("\($0.phenomenon.title): \($0.reason).") })))
        }
        let changedConclusions = c.conclusions.filter(\.changed).count, changedCriteria = c.criteria.filter(\.changed).count
        var text = "This report compares two runs of retina-report on \(c.compared.count) phenomen\(c.compared.count == 1 ? "on" : "a") ("
            + c.compared.map { $0.title.lowercased() }.joined(separator: ", ") + "), reading the data files each run wrote "
            + "(data/<phenomenon>/metrics.json, causal_tests.csv, hypotheses.csv, robustness.csv) and both manifests; nothing was recomputed. "
        text += changedConclusions + changedCriteria == 0
            ? "No conclusion and no criterion outcome changed."
            : "\(changedConclusions) headline conclusion\(changedConclusions == 1 ? "" : "s") and \(changedCriteria) criterion outcome\(changedCriteria == 1 ? "" : "s") of the full model changed; they are marked "
                + "in bold with a “changed” marker."
        blocks.append(.paragraph(RichText(text) + " " + .table("compare-conclusions") + " lists the conclusions, "
                                 + .table("compare-criteria") + " the criteria, " + .section("compare-metrics") + " the metric differences and "
                                 + .section("compare-parameters") + " the parameter and model differences."))
        if !c.parameters.isEmpty {
            blocks.append(.paragraph(RichText("\(c.parameters.count) parameter\(c.parameters.count == 1 ? "" : "s") or model input\(c.parameters.count == 1 ? "" : "s") differ between the runs (") + .table("compare-parameters-table") + ")."))
        } else {
            blocks.append(.paragraph("The two manifests record the same parameters, seed, software version and model inputs."))
        }
        return ReportSection("Summary", id: "compare-summary", blocks: blocks)
    }

    static func mark(_ text: String, _ changed: Bool) -> RichText { changed ? .changed(text) : RichText(text) }

    static func conclusions(_ c: RunComparison) -> ReportSection {
        let rows = c.conclusions.map { r -> [RichText] in
            [RichText(r.phenomenon.title), RichText(r.name), mark(r.a, r.changed), mark(r.b, r.changed), r.changed ? .strong("changed") : "same"]
        }
        let table = ReportTable(id: "compare-conclusions", header: ["Phenomenon", "Conclusion", "Run A", "Run B", "Status"], rows: rows,
                                caption: "Headline conclusions of each compared phenomenon in run A and run B, in the words of the run reports' "
                                    + "Table 1 (full model shows: criteria the full model meets; reproduced: the reduced circuit meets the criteria "
                                    + "the full model meets; one circuit: the same for the run's one circuit for all phenomena, with its pathway types; needs ÷: the division ablation; kept pathways: channel types of the kept groups; answer "
                                    + "key: planted pathways found; nec. / suff.: causal tests of the kept groups; members: ensemble members that alone "
                                    + "meet every criterion; hypotheses: their verdicts). Changed rows are bold with a “changed” marker.")
        return ReportSection("Headline conclusions", id: "compare-headline", blocks: [.table(table)])
    }

    static func number(_ x: Double?) -> String { NumberText.significant(x) }

    static func spread(_ s: MemberSpread?) -> String {
        guard let s else { return "—" }
        return "\(NumberText.significant(s.mean)) ± \(NumberText.significant(s.standardDeviation)) (\(NumberText.significant(s.minimum)) … \(NumberText.significant(s.maximum)), n = \(s.count))"
    }

    static func criteria(_ c: RunComparison) -> ReportSection {
        let members = c.criteria.contains { $0.membersA != nil && $0.membersB != nil }
        let rows = c.criteria.map { r -> [RichText] in
            func cell(_ v: Double?, _ passed: Bool?) -> RichText {
                mark(number(v) + (passed.map { $0 ? " ✓" : " ✗" } ?? ""), r.changed)
            }
            let u = r.unit.isEmpty ? "" : " \(r.unit)"
            return [RichText(r.phenomenon.title), RichText(r.name), RichText(r.threshold), cell(r.a, r.passedA), cell(r.b, r.passedB),
                    RichText(number(r.difference) + (r.difference == nil ? "" : u))]
                + (members ? [RichText(spread(r.membersA)), RichText(spread(r.membersB))] : [])
        }
        let table = ReportTable(id: "compare-criteria",
                                header: ["Phenomenon", "Criterion", "Threshold", "Run A", "Run B", "B − A"] + (members ? ["Members A", "Members B"] : []),
                                rows: rows, alignments: [.left, .left, .left, .right, .right, .right] + (members ? [.left, .left] : []),
                                caption: "The full model against each acceptance criterion in both runs (✓ met, ✗ not met); a changed outcome is bold "
                                    + "with a “changed” marker. " + (members ? "Members: the ensemble members' values of the criterion, mean ± SD "
                                    + "(smallest … largest, n members), shown where both runs have members." : ""))
        return ReportSection("Acceptance criteria", id: "compare-criteria-section", blocks: [.table(table)])
    }

    static func metrics(_ c: RunComparison) -> ReportSection {
        var blocks: [ReportBlock] = [.paragraph("Each phenomenon's metric rows (the run reports' “Phenomenon metric” tables) for the full model, the "
                                                + "reduced circuit and the ground truth; B − A in the metric's unit (n/a: not measurable in a run).")]
        for p in c.compared {
            let rows = c.metrics.filter { $0.phenomenon == p }.map { r -> [RichText] in
                [RichText(r.name), RichText(r.model), RichText(r.unit.isEmpty ? "—" : r.unit), RichText(number(r.a)), RichText(number(r.b)),
                 RichText(number(r.difference))]
            }
            guard !rows.isEmpty else { continue }
            blocks.append(.table(ReportTable(id: "compare-metrics-\(p.rawValue)", header: ["Metric", "Model", "Unit", "Run A", "Run B", "B − A"],
                                             rows: rows, alignments: [.left, .left, .left, .right, .right, .right],
                                             caption: RichText("Metric differences, \(p.title.lowercased()).")))) 
        }
        return ReportSection("Metric differences", id: "compare-metrics", blocks: blocks)
    }

    static func curves(_ c: RunComparison, _ figures: [Phenomenon: ReportFigure]) -> ReportSection {
        var blocks: [ReportBlock] = [.paragraph("The headline curve of each phenomenon from both runs, run A in blue with circles and run B in "
                                                + "vermillion with squares (distinct in colour and marker), drawn from the metrics each run wrote.")]
        for p in c.compared { if let f = figures[p] { blocks.append(.figure(f)) } }
        return ReportSection("Headline curves", id: "compare-curves", blocks: blocks)
    }

    static func parameters(_ c: RunComparison) -> ReportSection {
        guard !c.parameters.isEmpty else {
            return ReportSection("Parameters and models", id: "compare-parameters",
                                 blocks: [.paragraph("No parameter, seed, software version or model input differs.")])
        }
        let rows = c.parameters.map { [RichText.code($0.key), RichText($0.a), RichText($0.b)] }
        return ReportSection("Parameters and models", id: "compare-parameters", blocks: [.table(ReportTable(
            id: "compare-parameters-table", header: ["Parameter", "Run A", "Run B"], rows: rows,
            caption: "Resolved parameters (key paths as for --set), seed, software and model inputs (path and SHA-256) that differ between "
                + "the two manifests, and the models' history window read from the first-layer filters; “absent”: the run's "
                + "configuration has no such key. Where the runs were written and their ids are not listed."))])
    }
}
