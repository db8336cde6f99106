import RetinaCore
import Mechanisms
import Phenomena
import ReportKit

extension ReportAssembler {
    /// A completeness gap above this fraction of the response range gets a warning callout.
    static let completenessWarningFraction = 0.05

    /// The generated mechanism statement with its notes.
    static func mechanismBlocks(_ v: AnalysisView) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.paragraph(RichText(v.statement.paragraph))]
        if !v.statement.notes.isEmpty {
            blocks.append(.list(v.statement.notes.map { RichText($0) }))
        }
        return blocks
    }

    /// The comparison of the kept groups with the planted circuit (answer key).
    static func comparisonBlocks(_ v: AnalysisView, inputs: ReportInputs) -> [ReportBlock] {
        let id = sectionID(v.phenomenon)
        let c = v.statement.comparison
        var blocks: [ReportBlock] = []
        var intro = RichText("Answer key (the circuit planted in the simulated retina): \(c.key.summary). ")
            + RichText("The reduction recovers \(c.recovered) of \(c.matches.count) planted pathways (") + .table("\(id)-planted")
            + "), judged by the channel type of the kept groups and the sign of their net attribution."
        if v.reduction.symmetry == .verticalBars {
            intro = intro + " The spatial parts of the key (which side of the RF centre, how wide) are not judged "
                + "automatically; the notes under the mechanism give the positions of the kept groups."
        }
        blocks.append(.paragraph(intro))
        let rows = c.matches.map { m -> [RichText] in
            let expected = [m.pathway.polarity?.rawValue ?? "any polarity", m.pathway.speed?.rawValue ?? "any speed"]
                .joined(separator: ", ")
            let groups: RichText = m.groups.isEmpty ? "—"
                : m.groups.enumerated().reduce(RichText("")) { acc, e in
                    acc + (e.offset > 0 ? ", " : "") + .code(e.element.description)
                        + RichText(" (\(v.channelTypes[e.element.channel].label))")
                }
            return [RichText(m.pathway.role), RichText(expected), RichText(m.pathway.effect.rawValue), groups,
                    RichText(m.found ? "found" : "not found")]
        }
        blocks.append(.table(ReportTable(
            id: "\(id)-planted", header: ["Planted pathway", "Expected channel", "Expected effect", "Kept groups playing it", "Result"],
            rows: rows, alignments: [.left, .left, .left, .left, .left],
            caption: "Planted pathways of the \(v.title.lowercased()) circuit and the kept groups that play them.")))
        if !c.unexpected.isEmpty {
            blocks.append(.paragraph("Kept groups outside the key: "
                + c.unexpected.enumerated().reduce(RichText("")) { acc, e in
                    acc + (e.offset > 0 ? ", " : "") + .code(e.element.description)
                        + RichText(" (\(v.channelTypes[e.element.channel].label), \(v.effect(e.element)))")
                } + "."))
        }
        return blocks
    }

    /// IG completeness of the explained windows, with a warning when the gap is large.
    static func completenessBlocks(_ v: AnalysisView) -> [ReportBlock] {
        let id = sectionID(v.phenomenon)
        let s = v.completeness
        let steps = v.settings.integratedGradients.steps
        var blocks: [ReportBlock] = [
            .paragraph("For every window the attributions of all first-layer units should sum to the response minus "
                + "the gray-screen response (completeness of IG); the gap measures the quadrature error of "
                + RichText("\(steps) steps (") + .table("\(id)-completeness") + ")."),
            .parameters(ParameterTable(id: "\(id)-completeness", entries: [
                .init("largest |gap|", RichText(NumberText.significant(s.maxAbsoluteGapHz, 2)), unit: UnitText.hertz),
                .init("largest |gap| / response range", RichText(NumberText.significant(100 * s.maxGapOverResponseRange, 2)),
                      unit: UnitText.percent, note: "range of the explained response over all explained conditions"),
                .init("largest relative gap", RichText(NumberText.significant(100 * s.maxRelativeGap, 2)), unit: UnitText.percent,
                      note: RichText("per window, |gap| / max(|r − r₀|, \(NumberText.parameter(100 * v.settings.integratedGradients.relativeGapFloor)) % of the range)")),
                .init("explained windows", RichText(NumberText.integer(s.windows))),
            ], caption: "Completeness of the attributions.")),
        ]
        if s.maxGapOverResponseRange > completenessWarningFraction || !s.maxGapOverResponseRange.isFinite {
            blocks.append(.callout(ReportCallout(
                kind: .warning, title: "Large completeness gap",
                paragraphs: [RichText("The largest gap is \(NumberText.significant(100 * s.maxGapOverResponseRange, 2)) % of the "
                    + "response range (above \(NumberText.parameter(100 * completenessWarningFraction)) %): the attributions "
                    + "do not fully account for the response. More IG steps, or Gauss–Legendre quadrature, reduce the gap.")])))
        }
        return blocks
    }
}
