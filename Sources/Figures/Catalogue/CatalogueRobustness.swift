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
    ///
    /// One panel per distinct quantity: a criterion that judges the strength itself (see
    /// ``duplicatedCriterion(members:mean:)``, decided from the numbers) gets no panel of its own; its
    /// band is shaded in panel a instead. The panels fill their grid: two columns, and with an odd
    /// count above one, panel a spans the first two rows.
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
        /// Fixed limits around the finite values and the criterion bounds (and S₀ on panel a), padded so
        /// a band's edge and the outermost points stay inside; nil without any number.
        func limits(_ values: [Double?], _ criterion: CriterionResult, including extra: [Double] = []) -> (lower: Double, upper: Double)? {
            let all = values.compactMap { $0 }.filter(\.isFinite) + [criterion.minimum, criterion.maximum].compactMap { $0 } + extra
            guard let lo = all.min(), let hi = all.max() else { return nil }
            let pad = max(hi - lo, max(abs(hi), 1e-9) * 0.2) * 0.12
            return (lo - pad, hi + pad)
        }
        func band(_ criterion: CriterionResult, _ limits: (lower: Double, upper: Double)) -> PlotElement {
            .span(Span(orientation: .horizontal, from: criterion.minimum ?? limits.lower, to: criterion.maximum ?? limits.upper,
                       color: OkabeIto.bluishGreen, opacity: 0.18, label: "criterion met"))
        }
        func criterionValues(_ c: Int) -> [Double?] {
            members.map { $0.criteria.indices.contains(c) ? $0.criteria[c].measured : nil }
        }

        let merged = duplicatedCriterion(members: members, mean: mean)
        let nullLine = PlotElement.reference(ReferenceLine(.horizontal(y: mean.nullStrength),
                                                           style: LineStyle(color: ConditionStyle.groundTruthColor, widthPoints: 0.7, dash: .dashed),
                                                           label: "no phenomenon", inLegend: true))
        let strengthValues = members.map(\.strength)
        var strengthY = AxisSpec(label: mean.strengthName, unit: mean.strengthUnit.isEmpty ? nil : mean.strengthUnit,
                                 limits: .nice, ticks: .maxCount(5))
        var strengthElements = [nullLine] + points(strengthValues, mean: mean.strength)
        var strengthTitle: String? = nil
        if let merged, let range = limits(strengthValues + [mean.strength], mean.criteria[merged], including: [mean.nullStrength]) {
            strengthY.limits = .fixed(lower: range.lower, upper: range.upper)
            strengthElements.insert(band(mean.criteria[merged], range), at: 0)
            strengthTitle = Self.shortName(mean.criteria[merged].name)
        }
        var panels = [Axes(x: xAxis, y: strengthY, title: strengthTitle, elements: strengthElements)]
        var shown: [CriterionResult] = []
        for (c, criterion) in mean.criteria.enumerated() where c != merged {
            let values = criterionValues(c)
            guard let range = limits(values + [criterion.measured], criterion) else { continue }
            shown.append(criterion)
            panels.append(Axes(x: xAxis, y: AxisSpec(label: "value", unit: criterion.unit.isEmpty ? nil : criterion.unit,
                                                    limits: .fixed(lower: range.lower, upper: range.upper), ticks: .maxCount(5)),
                               title: Self.shortName(criterion.name),
                               elements: [band(criterion, range)] + points(values, mean: criterion.measured)))
        }
        var caption = "\(title) across the ensemble: each member alone (open circles; "
            + memberNames.enumerated().map { "\($0.offset + 1) = \($0.element)" }.joined(separator: ", ")
            + ") and the ensemble mean, the mean of the members' rates (filled diamond), measured with the same stimuli, "
            + "cells and criteria. (a) The phenomenon's \(mean.strengthName); dashed: the value without the phenomenon."
        if let merged {
            let criterion = mean.criteria[merged]
            caption += " The same number is the criterion \(criterion.name), \(criterion.thresholdDescription) (shaded)."
        }
        let letters = "bcdefghij".map(String.init)
        for (c, criterion) in shown.enumerated() where c < letters.count {
            caption += " (\(letters[c])) \(criterion.name.prefix(1).uppercased() + criterion.name.dropFirst()), criterion \(criterion.thresholdDescription) (shaded)."
        }
        let missing = members.indices.filter { !(members[$0].strength?.isFinite ?? false) }.map { memberNames[$0] }
        if !missing.isEmpty { caption += " Strength not measurable: \(missing.joined(separator: ", "))." }
        if mean.strength == nil { caption += " Not measurable for the ensemble mean." }
        var spec = CatalogueCurves.figure(id: id, caption: caption, axes: panels, columns: panels.count > 1 ? 2 : 1, shareX: false, shareY: false,
                                          widthMillimetres: panels.count > 1 ? FigureSpec.doubleColumnMillimetres : FigureSpec.singleColumnMillimetres,
                                          rowHeightMillimetres: 55)
        if panels.count > 1, panels.count % 2 == 1 {
            // An odd count on two columns would leave the last cell empty: panel a takes two rows.
            // The others fill the free cells row by row: (0, 1), (1, 1), then (2, 0), (2, 1), …
            let free = (0..<(spec.panels.count + 1)).filter { $0 != 0 && $0 != 2 }
            for i in spec.panels.indices {
                let slot = i == 0 ? 0 : free[i - 1]
                spec.panels[i].cell = GridCell(row: slot / 2, column: slot % 2, rowSpan: i == 0 ? 2 : 1)
            }
            spec = CatalogueLegends.shared(spec)
        }
        return spec
    }

    /// The criterion (index into `mean.criteria`) that measures the strength itself, if any: the same
    /// unit, and for the ensemble mean and every member the criterion's value equals the strength
    /// (both finite and equal to a relative 1e-9, or both missing), with at least one finite pair. Its
    /// strip would repeat panel a. Decided from the numbers, not from the phenomenon: a criterion that
    /// differs anywhere (e.g. a strength withheld on a response too small to read) keeps its panel.
    static func duplicatedCriterion(members: [PhenomenonReadout], mean: PhenomenonReadout) -> Int? {
        let models = members + [mean]
        func same(_ a: Double?, _ b: Double?) -> Bool? {
            let x = a.flatMap { $0.isFinite ? $0 : nil }, y = b.flatMap { $0.isFinite ? $0 : nil }
            switch (x, y) {
            case (nil, nil): return nil
            case let (x?, y?): return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1e-12) ? true : false
            default: return false
            }
        }
        return mean.criteria.indices.first { c in
            guard mean.criteria[c].unit == mean.strengthUnit else { return false }
            let pairs = models.map { r in same(r.strength, r.criteria.indices.contains(c) ? r.criteria[c].measured : nil) }
            return !pairs.contains(false) && pairs.contains(true)
        }
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
