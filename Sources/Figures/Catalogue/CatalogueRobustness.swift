import Mechanisms
import Plotting

/// Ensemble figures (issue 14): each member's phenomenon strength beside the ensemble mean's.
public enum CatalogueRobustness {
    /// One panel, a strip: member k's strength at x = k (open circles), the ensemble mean's at
    /// x = K + 1 (filled diamond), the "no phenomenon" value S₀ as a dashed line. Members whose
    /// strength is not measurable are listed in the caption.
    public static func strengthStrip(memberNames: [String], members: [PhenomenonReadout], mean: PhenomenonReadout,
                                     id: String, title: String) throws -> FigureSpec {
        let k = members.count
        let measured = members.indices.filter { members[$0].strength?.isFinite ?? false }
        var elements: [PlotElement] = [
            .reference(ReferenceLine(.horizontal(y: mean.nullStrength), style: LineStyle(color: ConditionStyle.groundTruthColor,
                                                                                        widthPoints: 0.7, dash: .dashed),
                                     label: "no phenomenon")),
        ]
        if !measured.isEmpty {
            elements.append(.scatter(ScatterSeries(x: measured.map { Double($0 + 1) }, y: measured.map { members[$0].strength! },
                                                   marker: MarkerStyle(shape: .circle, color: OkabeIto.blue, sizePoints: 4, filled: false),
                                                   label: "members")))
        }
        if let s = mean.strength, s.isFinite {
            elements.append(.scatter(ScatterSeries(x: [Double(k + 1)], y: [s],
                                                   marker: MarkerStyle(shape: .diamond, color: ConditionStyle.fullColor, sizePoints: 5),
                                                   label: "ensemble mean")))
        }
        let ticks = (0..<k).map { TickMark(Double($0 + 1), "\($0 + 1)") } + [TickMark(Double(k + 1), "mean")]
        let unit = mean.strengthUnit.isEmpty ? nil : mean.strengthUnit
        let axes = Axes(x: AxisSpec(label: "member", limits: .fixed(lower: 0.4, upper: Double(k) + 1.6), ticks: .labeled(ticks)),
                        y: AxisSpec(label: mean.strengthName, unit: unit, limits: .nice, ticks: .maxCount(5)),
                        elements: elements)
        var caption = "\(title) across the ensemble: the phenomenon's \(mean.strengthName) of each member alone (open circles; "
            + memberNames.enumerated().map { "\($0.offset + 1) = \($0.element)" }.joined(separator: ", ")
            + ") and of the ensemble mean, the mean of the members' rates (filled diamond), measured with the same stimuli, "
            + "cells and criteria. Dashed: the value without the phenomenon."
        let missing = members.indices.filter { !measured.contains($0) }.map { memberNames[$0] }
        if !missing.isEmpty { caption += " Not measurable: \(missing.joined(separator: ", "))." }
        if mean.strength == nil { caption += " Not measurable for the ensemble mean." }
        return CatalogueCurves.figure(id: id, caption: caption, axes: [axes], columns: 1, shareX: false, shareY: false,
                                      widthMillimetres: FigureSpec.singleColumnMillimetres, rowHeightMillimetres: 60)
    }
}
