import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension ReportAssembler {
    static let predictionsID = "predictions"

    /// "Testable predictions": the causal tests' pathway-type silencings as statements an
    /// experimenter can check (``Mechanisms/TestablePrediction``), one table of pathway type ×
    /// phenomenon, the predictions that remove a phenomenon in words, the textbook manipulation where
    /// there is one, and — for a model of the simulated retina — how many of them the retina's own
    /// ablation confirms. Nil without predictions.
    static func predictionsSection(_ inputs: ReportInputs) -> ReportSection? {
        let predictions = inputs.predictions
        guard !predictions.isEmpty else { return nil }
        let phenomena = inputs.phenomena.map(\.phenomenon).filter { p in predictions.contains { $0.phenomenon == p } }
        var types: [String] = []
        for p in predictions where !types.contains(p.pathwayType) { types.append(p.pathwayType) }
        let rule = CausalVerdictRule()
        let compared = predictions.contains { $0.retina != nil }

        var blocks: [ReportBlock] = [.paragraph(RichText(
            "Each prediction silences every first-layer channel of one pathway type in the full CNN and measures each phenomenon "
                + "again with the same stimuli and criteria (the pathway-type rows of the causal tests): it predicts that blocking "
                + "that pathway in the retina removes the phenomenon (at most \(NumberText.percent(rule.necessityMaximumRetained, decimals: 0)) % "
                + "of the full CNN's effect left) or keeps it. ")
            + .table("predictions-table") + " lists them; " + RichText.link(inputs.predictionFiles.first ?? "data/predictions.csv",
                                                                              to: inputs.predictionFiles.first ?? "data/predictions.csv")
            + " holds the numbers.")]

        let rows = types.map { type -> [RichText] in
            [RichText(type)] + phenomena.map { ph -> RichText in
                guard let p = predictions.first(where: { $0.phenomenon == ph && $0.pathwayType == type }) else { return "—" }
                var cell = "\(p.outcome.rawValue) (\(NumberText.significant(p.fullStrength)) → \(NumberText.significant(p.silencedStrength)))"
                if let c = p.retina?.confirms { cell += c ? "; retina ✓" : "; retina ✗" }
                return p.outcome == .removes ? .strong(cell) : RichText(cell)
            }
        }
        let strengths: [String] = phenomena.compactMap { ph -> String? in
            guard let p = predictions.first(where: { $0.phenomenon == ph }) else { return nil }
            return "\(p.phenomenon.title): \(p.strengthName)" + (p.strengthUnit.isEmpty ? "" : " (\(p.strengthUnit))")
        }
        var caption = "Testable predictions: what silencing each pathway type does to each phenomenon in the full CNN — removes "
            + "(bold) or keeps it, untestable when the full CNN does not show it — with the phenomenon's strength in the full CNN → "
        caption += "with the pathway silenced. Strengths: " + strengths.joined(separator: "; ") + "."
        if compared {
            caption += " Retina ✓ / ✗: the simulated retina with the planted pathway that type stands for removed (the answer "
                + "key's ablation, measured by the same code) removes or keeps the phenomenon too (✓) or not (✗); no mark when "
            caption += "either side is untestable."
        }
        let header: [RichText] = [RichText("Silenced pathway")] + phenomena.map { RichText($0.title) }
        let alignments: [ReportTable.Alignment] = [.left] + phenomena.map { _ in ReportTable.Alignment.left }
        blocks.append(.table(ReportTable(id: "predictions-table", header: header, rows: rows, alignments: alignments,
                                         caption: RichText(caption))))

        let removing = predictions.filter { $0.outcome == .removes }
        if !removing.isEmpty {
            blocks.append(.paragraph("The predictions an experiment can refute (a pathway the CNN needs for a phenomenon):"))
            blocks.append(.list(removing.map { RichText($0.statement) }))
        }
        // Types that share a manipulation are named together ("ON fast, ON slow: L-AP4 …").
        var manipulations: [(types: [String], text: String)] = []
        for t in types {
            guard let m = TestablePredictions.suggestedManipulation(pathwayType: t) else { continue }
            if let i = manipulations.firstIndex(where: { $0.text == m }) { manipulations[i].types.append(t) } else { manipulations.append(([t], m)) }
        }
        if manipulations.isEmpty {
            blocks.append(.paragraph("None of these pathway types has a selective textbook manipulation; the predictions name the pathway, not a drug."))
        } else {
            blocks.append(.paragraph(RichText("Standard manipulations, as suggestions (not part of the model): "
                + manipulations.map { "\($0.types.joined(separator: ", ")): \($0.text)" }.joined(separator: "; ")
                + " — so it tests the ON predictions together, not one ON type alone. The OFF types and the fast/slow split "
                + "have no selective textbook block.")))
        }
        if compared {
            let scored = predictions.compactMap { $0.retina?.confirms }
            let confirmed = scored.filter { $0 }.count
            let wrong = predictions.filter { $0.retina?.confirms == false }
                .map { "\($0.pathwayType) on the \($0.phenomenon.title.lowercased()) (CNN \($0.outcome.rawValue), retina \($0.retina!.outcome.rawValue))" }
            var text = "The experiment, run on the simulated retina: its ablations confirm \(confirmed) of the \(scored.count) predictions "
                + "that both sides can test"
            text += wrong.isEmpty ? "." : "; they refute " + wrong.joined(separator: ", ") + "."
            let untested = predictions.count - scored.count
            if untested > 0 { text += " \(untested) of \(predictions.count) cannot be scored (the CNN or the retina does not show the phenomenon)." }
            blocks.append(.paragraph(RichText(text)))
        }
        return ReportSection("Testable predictions", id: predictionsID, blocks: blocks)
    }
}
