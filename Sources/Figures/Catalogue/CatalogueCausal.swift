import Foundation
import Mechanisms
import Plotting

/// Causal-test figures (issue 12): the phenomenon curve under each intervention.
public enum CatalogueCausal {
    /// "period (ms)" → ("period", "ms"); a name without a unit → (name, nil).
    static func split(_ axis: String) -> (label: String, unit: String?) {
        guard axis.hasSuffix(")"), let open = axis.lastIndex(of: "(") else { return (axis, nil) }
        let label = axis[..<open].trimmingCharacters(in: .whitespaces)
        return (label, String(axis[axis.index(after: open)..<axis.index(before: axis.endIndex)]))
    }

    static func percent(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded())) %" } ?? "n/a" }

    /// Panels of the phenomenon curve: (a) the kept groups silenced together, all but them, and the
    /// matched control, with the intact simulated retina (when given) as the grey dotted ground-truth
    /// line; (b) each pathway type silenced whole; (c) single kept groups (the first five in ranking
    /// order). The full model is the points of every panel; each line is labelled with the fraction of
    /// the phenomenon it retains. Panels without interventions are left out; interventions without any
    /// measurable point are listed in the caption.
    public static func interventionCurves(_ test: CausalTestResult, id: String,
                                          retina: RetinaAblationMeasurement? = nil) throws -> FigureSpec {
        let full = test.full
        let x = split(full.curveX), y = split(full.curveY)
        func data(_ label: String, _ points: [CausalCurvePoint]) -> CurveData? {
            CatalogueCurves.curve(label, points.map { (x: $0.x, y: $0.y) })
        }
        var missing: [String] = []
        func curves(_ kinds: Set<CausalInterventionKind>, limit: Int = 5) -> (curves: [CurveData], count: Int) {
            let chosen = test.interventions.dropFirst().filter { kinds.contains($0.intervention.kind) }
            var out: [CurveData] = []
            for r in chosen.prefix(limit) {
                if let d = data("\(r.intervention.name) (\(percent(r.retained)))", r.readout.curve) { out.append(d) } else {
                    missing.append(r.intervention.name)
                }
            }
            return (out, chosen.count)
        }
        let groups: [(title: String, kinds: Set<CausalInterventionKind>, truth: Bool)] = [
            ("kept groups", [.allKept, .allButKept, .control], true),
            ("pathway types", [.pathwayType], false),
            ("single kept groups", [.single], false),
        ]
        var axes: [Axes] = []
        var omittedSingles = 0
        for g in groups {
            let (extra, count) = curves(g.kinds)
            guard count > 0 else { continue }
            if g.kinds == [.single] { omittedSingles = max(0, count - 5) }
            axes.append(try CatalogueCurves.panel(
                xLabel: x.label, xUnit: x.unit, yLabel: y.label, yUnit: y.unit, full: data("full CNN", full.curve), reduced: nil,
                groundTruth: g.truth ? retina.flatMap { data("ground truth", $0.readout.curve) } : nil, extra: extra,
                title: g.title, emptyMessage: "no measurable \(y.label)"))
        }
        var caption = "Causal tests of the \(test.phenomenon.title.lowercased()): \(y.label) against \(x.label) of the full CNN (points) "
            + "and with first-layer groups silenced (lines; in brackets the fraction of the phenomenon's \(full.strengthName) left, "
            + "1 = as in the full model, 0 = gone)"
            + (axes.count > 1 ? ", by kind of intervention (panels)" : "") + ". Kept groups: "
            + test.kept.map(\.description).joined(separator: ", ") + ". " + test.verdict.text
        if retina != nil { caption += " Grey dotted: the simulated retina." }
        if omittedSingles > 0 { caption += " \(omittedSingles) further single-group silencings are in the table only." }
        if !missing.isEmpty { caption += " Not measurable (no point): \(missing.joined(separator: ", "))." }
        let columns = min(2, axes.count)
        let rows = (axes.count + columns - 1) / columns
        var spec = SmallMultiples.figure(id: id, caption: caption, axes: axes, columns: columns, shareX: true, shareY: true,
                                         widthMillimetres: columns == 1 ? FigureSpec.singleColumnMillimetres : FigureSpec.doubleColumnMillimetres,
                                         heightMillimetres: Double(rows) * 70 + 4)
        if axes.count == 1 { spec.panels[0].letter = nil }
        return spec
    }
}
