import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension ReportAssembler {
    /// The "Robustness across members" part of a phenomenon section in an ensemble run: every member's
    /// phenomenon against the criteria beside the ensemble mean's, which pathway types each member's own
    /// reduction keeps, how often the answer key is recovered, a figure of every member and the mean against each criterion's band, and one sentence. Nil for
    /// a single model.
    static func robustnessBlocks(_ input: PhenomenonReportInput, view v: AnalysisView, inputs: ReportInputs) -> [ReportBlock]? {
        guard let r = input.robustness, !r.members.isEmpty else { return nil }
        let id = sectionID(v.phenomenon)
        let k = r.members.count
        let names = r.mean.criteria.map(\.name)
        func mark(_ c: CriterionResult) -> RichText { RichText(NumberText.significant(c.measured) + (c.passed ? " ✓" : " ✗")) }
        var rows = zip(r.memberNames + ["ensemble mean"], r.members + [r.mean]).map { name, readout -> [RichText] in
            [RichText(name), RichText(NumberText.significant(readout.strength))] + readout.criteria.map(mark)
                + [RichText("\(readout.criteriaPassed) of \(readout.criteria.count)")]
        }
        let meeting = names.indices.map { i in r.members.filter { $0.criteria.indices.contains(i) && $0.criteria[i].passed }.count }
        let allMet = r.members.filter { $0.criteriaPassed == $0.criteria.count }.count
        rows.append([.strong("members meeting it"), "—"] + meeting.map { RichText("\($0) of \(k)") } + [RichText("all: \(allMet) of \(k)")])
        let strength = r.mean.strengthName + (r.mean.strengthUnit.isEmpty ? "" : " (\(r.mean.strengthUnit))")
        var blocks: [ReportBlock] = [
            .paragraph(RichText(robustnessText(r, title: v.title)) + " " + .table("\(id)-members") + " gives each member's phenomenon and "
                + .table("\(id)-member-types") + " the pathway types each member's own reduction keeps."),
            .table(ReportTable(
                id: "\(id)-members", header: ["Model", RichText("Strength: \(strength)")] + names.map { RichText($0) } + ["Criteria met"],
                rows: rows, alignments: [.left, .right] + names.map { _ in .right } + [.right],
                caption: RichText("The \(v.title.lowercased()) of every ensemble member alone and of the ensemble mean (the mean of the "
                    + "members' rates), measured with the same stimuli, cells and criteria (✓ met, ✗ not; n/a: not measurable)."))),
        ]
        let key = r.plantedRecovered != nil
        let typeRows = r.memberNames.indices.map { m -> [RichText] in
            [RichText(r.memberNames[m]), RichText(r.reductions[m].kept.map(\.description).joined(separator: ", "))]
                + r.typeCounts.counts[m].map { RichText($0 == 0 ? "—" : "\($0)") }
                + (key ? [RichText("\(r.plantedRecovered![m]) of \(r.plantedCount ?? 0)")] : [])
        } + [[.strong("members keeping it"), "—"] + r.typeCounts.membersWithType.map { RichText("\($0) of \(k)") }
                + (key ? [RichText("all: \(r.plantedRecovered!.filter { $0 == r.plantedCount }.count) of \(k)")] : [])]
        blocks.append(.table(ReportTable(
            id: "\(id)-member-types",
            header: ["Member", "Kept groups"] + r.typeCounts.typeLabels.map { RichText($0) } + (key ? ["Answer key"] : []),
            rows: typeRows, alignments: [.left, .left] + r.typeCounts.typeLabels.map { _ in .right } + (key ? [.right] : []),
            caption: RichText("Kept groups of each member's own reduction and their pathway types (member k's channel c is ensemble "
                + "channel k·\(inputs.model.ensemble?.layout.channelsPerMember ?? inputs.model.architecture.conv1Channels) + c; the ensemble mean's "
                + "attribution to a member's units is that member's own attribution divided by the number of members, so this ranking "
                + "is the member's own). Counts: kept groups of that type"
                + (key ? "; Answer key: planted pathways the member's kept groups play." : ".")))))
        if let figure = r.figure { blocks.append(.figure(figure)) }
        return blocks
    }

    /// "3 of 5 members meet every criterion of the omitted stimulus response; the ensemble mean meets 2
    /// of 3. OFF fast pathways are kept by 5 of 5 members, ON slow by 2 of 5, …; the answer key is
    /// recovered in full by 1 of 5."
    static func robustnessText(_ r: RobustnessReportInput, title: String) -> String {
        let k = r.members.count
        let allMet = r.members.filter { $0.criteriaPassed == $0.criteria.count }.count
        var s = "\(allMet) of \(k) member\(k == 1 ? "" : "s") meet every criterion of the \(title.lowercased()); the ensemble mean meets "
            + "\(r.mean.criteriaPassed) of \(r.mean.criteria.count)."
        let order = r.typeCounts.typeLabels.indices.sorted { r.typeCounts.membersWithType[$0] > r.typeCounts.membersWithType[$1] }
        let kept = order.filter { r.typeCounts.membersWithType[$0] > 0 }
            .map { "\(r.typeCounts.typeLabels[$0]) by \(r.typeCounts.membersWithType[$0]) of \(k)" }
        if !kept.isEmpty { s += " Pathway types kept by the members' own reductions: " + kept.joined(separator: ", ") + "." }
        if let recovered = r.plantedRecovered, let n = r.plantedCount {
            s += " The answer key is recovered in full by \(recovered.filter { $0 == n }.count) of \(k) members"
                + " (\(recovered.map(String.init).joined(separator: ", ")) of \(n) planted pathways)."
        }
        return s
    }

    /// The summary's "Members showing it" cell: "3 of 5", or "—" without an ensemble.
    static func membersShowingText(_ input: PhenomenonReportInput) -> String {
        guard let r = input.robustness else { return "—" }
        return "\(r.members.filter { $0.criteriaPassed == $0.criteria.count }.count) of \(r.members.count)"
    }
}
