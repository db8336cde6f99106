import Mechanisms
import Phenomena
import Plotting

/// Ensemble figures (issue 14): each member's phenomenon strength beside the ensemble mean's.
public enum CatalogueRobustness {
    /// A strip per number, members at x = 1…K (open circles), the ensemble mean at x = K + 1 (filled
    /// diamond): panel a is the phenomenon's strength with its "no phenomenon" value S₀ dashed; one
    /// panel per acceptance criterion follows, its accepted range shaded (an open side reaches the
    /// panel's edge), so each member and the mean read directly against the criterion band. Members
    /// with no measurable value are named in the caption.
    public static func strengthStrip(memberNames: [String], members: [PhenomenonReadout], mean: PhenomenonReadout,
                                     id: String, title: String) throws -> FigureSpec {
        let k = members.count
        let ticks = (0..<k).map { TickMark(Double($0 + 1), "\($0 + 1)") } + [TickMark(Double(k + 1), "mean")]
        let xAxis = AxisSpec(label: "member", limits: .fixed(lower: 0.4, upper: Double(k) + 1.6), ticks: .labeled(ticks))
        func points(_ values: [Double?], mean m: Double?) -> [PlotElement] {
            let measured = values.indices.filter { values[$0]?.isFinite ?? false }
            var out: [PlotElement] = []
            if !measured.isEmpty {
                out.append(.scatter(ScatterSeries(x: measured.map { Double($0 + 1) }, y: measured.map { values[$0]! },
                                                  marker: MarkerStyle(shape: .circle, color: OkabeIto.blue, sizePoints: 4, filled: false),
                                                  label: "members")))
            }
            if let m, m.isFinite {
                out.append(.scatter(ScatterSeries(x: [Double(k + 1)], y: [m],
                                                  marker: MarkerStyle(shape: .diamond, color: ConditionStyle.fullColor, sizePoints: 5),
                                                  label: "ensemble mean")))
            }
            return out
        }

        let strength = Axes(x: xAxis, y: AxisSpec(label: mean.strengthName, unit: mean.strengthUnit.isEmpty ? nil : mean.strengthUnit,
                                                   limits: .nice, ticks: .maxCount(5)),
                            elements: [.reference(ReferenceLine(.horizontal(y: mean.nullStrength),
                                                                style: LineStyle(color: ConditionStyle.groundTruthColor, widthPoints: 0.7, dash: .dashed),
                                                                label: "no phenomenon", inLegend: true))]
                                + points(members.map(\.strength), mean: mean.strength))
        var panels = [strength]
        var shown: [CriterionResult] = []
        for (c, criterion) in mean.criteria.enumerated() {
            let values = members.map { $0.criteria.indices.contains(c) ? $0.criteria[c].measured : nil }
            let finite = (values + [criterion.measured]).compactMap { $0 }.filter(\.isFinite)
            let bounds = [criterion.minimum, criterion.maximum].compactMap { $0 }
            let all = finite + bounds
            guard let lo = all.min(), let hi = all.max() else { continue }
            let pad = max(hi - lo, max(abs(hi), 1e-9) * 0.2) * 0.12
            let (lower, upper) = (lo - pad, hi + pad)
            let band = Span(orientation: .horizontal, from: criterion.minimum ?? lower, to: criterion.maximum ?? upper,
                            color: OkabeIto.bluishGreen, opacity: 0.18, label: "criterion met")
            shown.append(criterion)
            panels.append(Axes(x: xAxis, y: AxisSpec(label: "value", unit: criterion.unit.isEmpty ? nil : criterion.unit,
                                                    limits: .fixed(lower: lower, upper: upper), ticks: .maxCount(5)),
                               title: Self.shortName(criterion.name),
                               elements: [.span(band)] + points(values, mean: criterion.measured)))
        }
        var caption = "\(title) across the ensemble: each member alone (open circles; "
            + memberNames.enumerated().map { "\($0.offset + 1) = \($0.element)" }.joined(separator: ", ")
            + ") and the ensemble mean, the mean of the members' rates (filled diamond), measured with the same stimuli, "
            + "cells and criteria. (a) The phenomenon's \(mean.strengthName); dashed: the value without the phenomenon."
        let letters = "bcdefghij".map(String.init)
        for (c, criterion) in shown.enumerated() where c < letters.count {
            caption += " (\(letters[c])) \(criterion.name.prefix(1).uppercased() + criterion.name.dropFirst()), criterion \(criterion.thresholdDescription) (shaded)."
        }
        let missing = members.indices.filter { !(members[$0].strength?.isFinite ?? false) }.map { memberNames[$0] }
        if !missing.isEmpty { caption += " Strength not measurable: \(missing.joined(separator: ", "))." }
        if mean.strength == nil { caption += " Not measurable for the ensemble mean." }
        return CatalogueCurves.figure(id: id, caption: caption, axes: panels, columns: panels.count > 1 ? 2 : 1, shareX: false, shareY: false,
                                      widthMillimetres: panels.count > 1 ? FigureSpec.doubleColumnMillimetres : FigureSpec.singleColumnMillimetres,
                                      rowHeightMillimetres: 55)
    }

    /// A criterion's name up to its first comma outside parentheses; when that is over `limit`
    /// characters, without its parentheticals, then cut at a word with "…": the panel title (the
    /// caption has the name whole).
    static func shortName(_ name: String, limit: Int = 48) -> String {
        var depth = 0, cut = name.endIndex
        for i in name.indices {
            switch name[i] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "," where depth == 0: cut = i
            default: continue
            }
            if cut != name.endIndex { break }
        }
        var head = String(name[..<cut]).trimmingCharacters(in: .whitespaces)
        if head.count > limit {
            var plain = "", level = 0
            for ch in head {
                if ch == "(" { level += 1 } else if ch == ")" { level = max(0, level - 1) } else if level == 0 { plain.append(ch) }
            }
            head = plain.split(separator: " ").joined(separator: " ")
        }
        guard head.count > limit else { return head }
        var words: [Substring] = []
        for w in head.split(separator: " ") {
            if (words + [w]).joined(separator: " ").count > limit - 1 { break }
            words.append(w)
        }
        return words.joined(separator: " ") + " …"
    }
}
