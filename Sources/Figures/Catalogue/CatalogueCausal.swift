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

    /// One panel: the full model as points, every intervention as a line labelled with the fraction
    /// of the phenomenon it retains, and the intact simulated retina (when given) as the grey dotted
    /// ground-truth line. Interventions without any measurable point are listed in the caption.
    public static func interventionCurves(_ test: CausalTestResult, id: String,
                                          retina: RetinaAblationMeasurement? = nil) throws -> FigureSpec {
        let full = test.full
        let x = split(full.curveX), y = split(full.curveY)
        func data(_ label: String, _ points: [CausalCurvePoint]) -> CurveData? {
            CatalogueCurves.curve(label, points.map { (x: $0.x, y: $0.y) })
        }
        var extra: [CurveData] = [], missing: [String] = []
        for r in test.interventions.dropFirst() {
            if let d = data("\(r.intervention.name) (\(percent(r.retained)))", r.readout.curve) { extra.append(d) } else {
                missing.append(r.intervention.name)
            }
        }
        let axes = try CatalogueCurves.panel(
            xLabel: x.label, xUnit: x.unit, yLabel: y.label, yUnit: y.unit, full: data("full CNN", full.curve), reduced: nil,
            groundTruth: retina.flatMap { data("ground truth", $0.readout.curve) }, extra: extra,
            emptyMessage: "no intervention gives a measurable \(y.label)")
        var caption = "Causal tests of the \(test.phenomenon.title.lowercased()): \(y.label) against \(x.label) of the full CNN (points) "
            + "and with first-layer groups silenced (lines; in brackets the fraction of the phenomenon's \(full.strengthName) left, "
            + "1 = as in the full model, 0 = gone). Kept groups: \(test.kept.map(\.description).joined(separator: ", ")). "
            + test.verdict.text
        if retina != nil { caption += " Grey dotted: the simulated retina." }
        if !missing.isEmpty { caption += " Not measurable (no point): \(missing.joined(separator: ", "))." }
        return CatalogueCurves.figure(id: id, caption: caption, axes: [axes], columns: 1, shareX: false, shareY: false,
                                      widthMillimetres: FigureSpec.singleColumnMillimetres, rowHeightMillimetres: 70)
    }
}
