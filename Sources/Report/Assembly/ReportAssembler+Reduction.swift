import RetinaCore
import Mechanisms
import Phenomena
import ReportKit

extension ReportAssembler {
    /// Above this many conditions the per-condition fit table becomes a summary (overall, worst,
    /// median, best).
    static let maxConditionRows = 12

    /// Ranking rule, kept units with their fitted parameters, the fit per condition and all channel types.
    static func reductionBlocks(_ v: AnalysisView) -> [ReportBlock] {
        let id = sectionID(v.phenomenon)
        let r = v.reduction
        let fit = r.model.fit
        let intro: RichText = RichText("Pooled units were ranked by \(importancePhrase(r.settings.importance)) over the "
            + "explained conditions")
            + RichText(r.symmetry == .verticalBars ? ", after grouping contiguous columns of a channel into spatial subunits; " : "; ")
            + RichText(selectionPhrase(r.settings)) + RichText(". The \(r.kept.count) kept group")
            + RichText(r.kept.count == 1 ? " carries " : "s carry ")
            + RichText("\(NumberText.percent(r.keptShare)) % of the total importance (") + .table("\(id)-kept") + "). "
            + RichText(r.model.isDivisive
                ? "The reduced circuit r(t) = [w₀ + Σₖ wₖ hₖ(t)]₊ / (1 + Σₖ vₖ hₖ(t)) with hₖ(t) = Σ over the group's units of "
                    + "[σₖ (z(t) − θₖ)]₊ (units with vₖ > 0 also divide the output, as gain control) "
                : "The reduced circuit r(t) = [w₀ + Σₖ wₖ hₖ(t)]₊ with hₖ(t) = Σ over the group's units of [σₖ (z(t) − θₖ)]₊ ")
            + RichText("was fitted by least squares to the full model's response over all \(r.conditions.count) conditions: "
                + "Pearson r = \(NumberText.fixed(fit.pearson, decimals: 3)), FEV = \(NumberText.percent(fit.r2)) %, "
                + "RMSE = \(UnitText.measured(fit.rmseHz, UnitText.hertz)) over \(NumberText.integer(fit.samples)) windows (")
            + .table("\(id)-fit") + RichText("). Offset w₀ = \(UnitText.measured(r.model.offsetHz, UnitText.hertz)); "
                + "output rectifier \(r.model.outputRectified ? "on" : "off"). ")
            + .table("\(id)-channels") + " lists every first-layer channel."
        return [.paragraph(intro), .table(keptTable(v)), .table(fitTable(v)), .table(channelTable(v))]
    }

    static func importancePhrase(_ m: ImportanceMeasure) -> String {
        switch m {
        case .sumOfAbsolute: return "the summed absolute attribution Σ|Aₖ(t)|"
        case .peakAbsolute: return "the peak absolute attribution max|Aₖ(t)|"
        case .absoluteOfSum: return "the absolute net attribution |ΣAₖ(t)|"
        }
    }

    static func keptTable(_ v: AnalysisView) -> ReportTable {
        let bars = v.reduction.symmetry == .verticalBars
        var header: [RichText] = ["#", "Group", "Type", "Peak (ms)", "Effect", "Share (%)", "wₖ (Hz/z)", "θₖ (z)", "σₖ"]
        if bars { header.insert("Δx (px)", at: 2) }
        let divisive = v.reduction.model.isDivisive
        if divisive { header += ["vₖ (1/z)", "÷ at peak"] }
        let rows = v.reduction.model.units.enumerated().map { (k, unit) -> [RichText] in
            let type = v.channelTypes[unit.group.channel]
            var row: [RichText] = [
                RichText(String(k + 1)), .code(unit.group.description),
                RichText(unit.label.isEmpty ? type.label : unit.label),
                RichText(NumberText.parameter(type.peakLatencyMilliseconds)),
                RichText(v.effect(unit.group)),
                RichText(NumberText.percent(v.ranked(unit.group)?.share)),
                RichText(NumberText.significant(unit.weight)),
                RichText(NumberText.significant(unit.threshold)),
                RichText(unit.sign < 0 ? NumberText.minus + "1" : "+1"),
            ]
            if divisive {
                row.append(RichText(unit.divisiveGain > 0 ? NumberText.significant(unit.divisiveGain) : "0"))
                row.append(RichText(unit.divisiveGain > 0 && unit.peakActivity > 0 ? NumberText.significant(unit.peakDivision, 2) + "×" : "—"))
            }
            if bars {
                let centre = unit.group.screenCentre(kernel: v.channelTypes.kernel)
                let offset = centre.flatMap { c in v.rfCentreXPixels.map { c - $0 } }
                row.insert(RichText(offset.map { ($0 > 0 ? "+" : "") + NumberText.significant($0, 2) } ?? "n/a"), at: 2)
            }
            return row
        }
        var alignments: [ReportTable.Alignment] = [.right, .left, .left, .right, .left, .right, .right, .right, .right]
        if bars { alignments.insert(.right, at: 2) }
        if divisive { alignments += [.right, .right] }
        return ReportTable(
            id: "\(sectionID(v.phenomenon))-kept", header: header, rows: rows, alignments: alignments,
            caption: "Kept first-layer groups, most important first: channel type and peak latency of the group's channel, "
                + "the sign of its net attribution (effect), its share of the total importance, and the fitted weight wₖ "
                + "(Hz per unit of z), threshold θₖ and rectification sign σₖ"
                + (divisive ? ", divisive gain vₖ (the units divide the output by 1 + Σ vₖ hₖ) and the factor 1 + vₖ max hₖ by "
                    + "which the unit alone divides it at its most active (÷ at peak)" : "")
                + " (z = pooled layer-1 pre-activation"
                + (bars ? "; group cN@xA-B = channel N, map columns A to B; Δx = group centre − RF centre)." : ")."))
    }

    static func fitTable(_ v: AnalysisView) -> ReportTable {
        let conditions = v.reduction.conditions
        func row(_ name: RichText, _ q: FitQuality?) -> [RichText] {
            [name, RichText(NumberText.fixed(q?.pearson, decimals: 3)), RichText(NumberText.percent(q?.r2)),
             RichText(NumberText.significant(q?.rmseHz)), RichText(NumberText.significant(q?.targetRangeHz)),
             RichText(q.map { NumberText.integer($0.samples) } ?? "—")]
        }
        var rows = [row(.strong("all conditions (fitted)"), v.reduction.model.fit)]
        var caption: RichText = "Reduced circuit against the full model: Pearson r, fraction of variance explained (FEV), "
            + "root-mean-square error and the range of the full model's response (max − min), "
        let floor = NumberText.significant(FitQuality.flatRangeHz, 1)
        if conditions.count <= maxConditionRows {
            rows += conditions.map { row(RichText($0.label), $0.reduced) }
            caption = caption + RichText("over all conditions and per condition (r and FEV of a condition whose response spans "
                + "less than \(floor) Hz are noise).")
        } else {
            // Rank only conditions with a response: r of a flat one (a bar flashed far from the RF) is noise.
            let responsive = conditions.filter(\.reduced.hasResponse)
            let ranked = (responsive.isEmpty ? conditions : responsive).sorted {
                ($0.reduced.pearson.isFinite ? $0.reduced.pearson : -2) < ($1.reduced.pearson.isFinite ? $1.reduced.pearson : -2)
            }
            let median = ranked[ranked.count / 2]
            rows.append(row("lowest r: " + RichText(ranked[0].label), ranked[0].reduced))
            rows.append(row("median r: " + RichText(median.label), median.reduced))
            rows.append(row("highest r: " + RichText(ranked[ranked.count - 1].label), ranked[ranked.count - 1].reduced))
            let flat = conditions.count - responsive.count
            caption = caption + RichText("over all conditions, and the conditions with the lowest, median and highest r of the "
                + (flat == 0 || responsive.isEmpty ? "\(conditions.count) conditions."
                    : "\(responsive.count) conditions whose response spans at least \(floor) Hz (\(flat) flat ones left out)."))
        }
        return ReportTable(id: "\(sectionID(v.phenomenon))-fit",
                           header: ["Conditions", "Pearson r", "FEV (%)", "RMSE (Hz)", "Range (Hz)", "Windows"], rows: rows,
                           alignments: [.left, .right, .right, .right, .right, .right], caption: caption)
    }

    static func channelTable(_ v: AnalysisView) -> ReportTable {
        let t = v.channelTypes
        let keptChannels = Set(v.reduction.kept.map(\.channel))
        let rows = t.types.map { c -> [RichText] in
            [.code("c\(c.channel)"), RichText(c.label), RichText(NumberText.parameter(c.peakLatencyMilliseconds)),
             RichText(NumberText.percent(c.channel < v.reduction.channelShares.count ? v.reduction.channelShares[c.channel] : nil)),
             RichText(keptChannels.contains(c.channel) ? "yes" : "no")]
        }
        return ReportTable(
            id: "\(sectionID(v.phenomenon))-channels",
            header: ["Channel", "Type", "Peak latency (ms)", "Share (%)", "Kept"], rows: rows,
            alignments: [.left, .left, .right, .right, .left],
            caption: "All first-layer channels: type (polarity of the dominant lobe of the temporal filter among the "
                + RichText("\(t.recentFrames) most recent frames; fast when its peak latency is \(thresholdPhrase(t))), ")
                + "and the channel's share of the total importance over all its pooled units.")
    }

    /// "≤ 60 ms" or "≤ 80 ms (ON), ≤ 50 ms (OFF)".
    static func thresholdPhrase(_ t: ChannelTypeTable) -> String {
        if let all = t.thresholdsMilliseconds["all"], t.thresholdsMilliseconds.count == 1 {
            return "≤ \(NumberText.parameter(all)) ms"
        }
        let parts = t.thresholdsMilliseconds.keys.sorted().map { "≤ \(NumberText.parameter(t.thresholdsMilliseconds[$0]!)) ms (\($0))" }
        return parts.isEmpty ? "at most the fast/slow threshold" : parts.joined(separator: ", ")
    }
}
