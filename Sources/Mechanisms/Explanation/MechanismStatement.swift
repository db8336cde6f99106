import Foundation
import Phenomena

/// A generated one-paragraph mechanism statement and its comparison with the planted circuit.
public struct MechanismStatement: Codable, Sendable, Equatable {
    /// The statement: kept pathways with types, sign and share; how well the reduced circuit
    /// reproduces the response and the phenomenon metric; completeness.
    public var paragraph: String
    /// Comparison with the planted circuit (answer key).
    public var comparison: CircuitComparison
    /// Extra observations (e.g. the spatial layout of the kept groups for bars).
    public var notes: [String]

    /// The paragraph followed by the notes and the comparison, for a report.
    public var fullText: String { ([paragraph] + notes + [comparison.text]).joined(separator: " ") }

    static func compose(title: String, key: PlantedCircuitKey, cells: [Int], reduction: ReductionResult, channelTypes: ChannelTypeTable,
                        metricRows: [MetricRow], completeness: CompletenessSummary, kernel: Int, rfCentreX: Double?,
                        notes: [String]) -> MechanismStatement {
        let kept = reduction.kept.map { g -> String in
            let type = channelTypes[g.channel]
            let ranked = reduction.groupRanking.first { $0.group == g }
            let effect = (ranked?.netAttribution ?? 0) >= 0 ? "excitatory" : "inhibitory"
            var where_ = ""
            if let centre = g.screenCentre(kernel: kernel), let rf = rfCentreX {
                where_ = ", centred \(f(centre - rf, 1)) px from the RF centre"
            }
            return "\(g) (\(type.label), peak \(f(type.peakLatencyMilliseconds, 0)) ms, \(effect), "
                + "\(f(100 * (ranked?.share ?? 0), 0)) %\(where_))"
        }
        let fit = reduction.model.fit
        // Pearson r of a flat condition (a bar flashed far from the RF) is noise: summarise the others.
        let responsive = reduction.conditions.filter(\.reduced.hasResponse)
        let perCondition = responsive.map(\.reduced.pearson)
        let scope = responsive.count == reduction.conditions.count ? ""
            : " over the \(responsive.count) whose full response spans ≥ \(f(FitQuality.flatRangeHz, 0)) Hz"
        var p = "\(title): the mean response of cell\(cells.count == 1 ? "" : "s") "
            + "\(cells.map(String.init).joined(separator: ", ")) is dominated by \(kept.count) first-layer "
            + "pathway\(kept.count == 1 ? "" : "s") carrying \(f(100 * reduction.keptShare, 0)) % of the attribution: "
            + kept.joined(separator: "; ") + ". "
        // Dividers that matter: at their most active they divide the output by at least 1.1.
        let dividers = reduction.model.units.filter { $0.peakDivision >= 1.1 }.sorted { $0.peakDivision > $1.peakDivision }
            .map { "\($0.group) by up to \(f($0.peakDivision, 1))×" }
        p += "A reduced circuit of \(kept.count) rectified unit\(kept.count == 1 ? "" : "s")"
            + (dividers.isEmpty ? "" : " (also dividing the output, as gain control: \(dividers.joined(separator: ", ")))")
            + " reproduces the full response "
            + "with Pearson r = \(f(fit.pearson, 3)) and \(f(100 * fit.r2, 0)) % of the variance over "
            + "\(reduction.conditions.count) conditions (per condition r ≥ \(f(perCondition.min(), 2))\(scope)). "
        let metrics = metricRows.map { row -> String in
            var s = "\(row.name): full \(f(row.full, 2)), reduced \(f(row.reduced, 2))"
            if row.groundTruth != nil { s += ", ground truth \(f(row.groundTruth, 2))" }
            return s + (row.unit.isEmpty ? "" : " \(row.unit)")
        }
        if !metrics.isEmpty { p += "Phenomenon metric — " + metrics.joined(separator: "; ") + ". " }
        if let ablation = reduction.subtractiveModel {
            let values = metricRows.compactMap { row -> String? in
                guard let v = row.subtractive else { return nil }
                return "\(row.name) \(f(v, 2))" + (row.unit.isEmpty ? "" : " \(row.unit)")
            }
            p += "Without division (the best subtractive circuit on the same pathways, \(f(100 * ablation.fit.r2, 0)) % of the "
                + "variance)" + (values.isEmpty ? ". " : ": " + values.joined(separator: "; ") + ". ")
        }
        p += "Attribution completeness: largest gap \(String(format: "%.2g", completeness.maxAbsoluteGapHz)) Hz "
            + "(\(f(100 * completeness.maxGapOverResponseRange, 1)) % of the response range)."
        let comparison = CircuitComparison.compare(key: key, reduction: reduction, channelTypes: channelTypes)
        return MechanismStatement(paragraph: p, comparison: comparison, notes: notes)
    }

    static func f(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return String(format: "%.\(digits)f", x)
    }
}
