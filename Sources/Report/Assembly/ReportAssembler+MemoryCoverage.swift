import RetinaCore
import ModelCards
import Phenomena
import ReportKit

extension ReportAssembler {
    /// The model card's "Memory coverage" part: whether the model's window covers the cells' memory
    /// (docs/method.md §3.1), and — for the simulated retina — what the retina restricted to the window
    /// can still show, criterion by criterion, next to the full retina and the trained model.
    static func memoryCoverageBlocks(_ m: MemoryCoverage, card: ModelCard?) -> [ReportBlock] {
        let pct = { (x: Double) in NumberText.fixed(100 * x, decimals: 1) + " %" }
        var text = RichText("The model sees \(m.windowFrames) frames (\(m.windowFrames * 10) ms) of stimulus history. ")
        switch m.source {
        case .simulatedRetina:
            let fev = m.cells.compactMap(\.truncatedFEV), r = m.cells.compactMap(\.truncatedCorrelation)
            text = text + RichText("Restricted to its last \(m.windowFrames) frames (gray before), the simulated retina reproduces its own "
                + "responses on \(m.sampledBins ?? 0) bins of a held-out movie with r \(NumberText.fixed(r.min(), decimals: 3))–"
                + "\(NumberText.fixed(r.max(), decimals: 3)) and FEV \(NumberText.fixed(fev.min(), decimals: 2))–"
                + "\(NumberText.fixed(fev.max(), decimals: 2)) over \(m.cells.count) cells: a coverage of \(pct(m.coverage)), "
                + "the best any model with this window could reach. ")
        case .recording:
            text = text + RichText("Linear filters of the recorded cells over \(m.filterFrames) frames (\(m.data)) put "
                + "\(pct(m.meanWeightOutsideWindow)) of their weight above chance outside the window: a coverage of \(pct(m.coverage)). ")
        }
        text = text + .figure("model-memory") + " shows the filters against lag with the window's edge."
        var blocks: [ReportBlock] = [.paragraph(text)]
        if let t = m.truncatedCriteria, let full = m.retinaCriteria, t.count == full.count {
            let lost = zip(full, t).filter { $0.passed && !$1.passed }.map(\.0.name)
            let model = card?.phenomenonCriteria.flatMap { c in c.count == t.count ? c : nil }
            let rows = t.indices.map { i -> [RichText] in
                let cell = { (c: CriterionResult) in RichText(UnitText.measured(c.measured, c.unit) + (c.passed ? " (pass)" : " (fail)")) }
                return [RichText(full[i].name), cell(full[i]), cell(t[i])] + (model.map { [cell($0[i])] } ?? [])
            }
            blocks.append(.table(ReportTable(
                id: "model-memory-criteria",
                header: ["Criterion", "Simulated retina", "Retina restricted to the window"] + (model == nil ? [] : ["Trained model (card)"]),
                rows: rows, alignments: [.left, .right, .right] + (model == nil ? [] : [.right]),
                caption: RichText("Every phenomenon criterion of the validation suite on the full simulated retina, on the retina "
                    + "restricted to the model's \(m.windowFrames)-frame window (reduced screens) and, from its card, on the trained model.")))
            )
            if !lost.isEmpty {
                blocks.append(.callout(ReportCallout(
                    kind: .warning, title: "The window is too short for part of the retina's memory",
                    paragraphs: [RichText("Restricted to \(m.windowFrames) frames, the retina itself no longer meets: "
                        + lost.joined(separator: "; ") + ". No model with this window can show these properties, so where the "
                        + "report finds them missing that is a limit of the window, not of the model's fit or of the analysis. "
                        + "A longer window (`train --history`) removes the limit; see the README, \"Choosing a window\".")])))
            }
        } else if !m.isSufficient {
            blocks.append(.callout(ReportCallout(
                kind: .warning, title: "The window may be shorter than the cells' memory",
                paragraphs: [RichText("Coverage \(pct(m.coverage)) is below \(pct(MemoryCoverage.warningThreshold)): part of the cells' "
                    + "linear memory lies outside the window. Consider a longer window (`train --history`).")])))
        }
        return blocks
    }

    /// A model without a measured coverage (a converted checkpoint, or a card written before the check
    /// existed for a recording): what is unknown and the command that measures it.
    static func unmeasuredMemoryCoverageBlock(windowFrames: Int) -> ReportBlock {
        .callout(ReportCallout(
            kind: .info, title: "Memory coverage not measured",
            paragraphs: [RichText("The model sees \(windowFrames) frames (\(windowFrames * 10) ms) of stimulus history, but its file "
                + "carries no memory-coverage check (it is measured when this tool trains a model), so whether the window covers the "
                + "cells' memory is not known to this report. Measure it on the recording the model was trained on with "
                + "`retina-report inspect-data RECORDING --history \(windowFrames)` (add `--pairing next-bin` for deep-retina's "
                + "pairing): it prints each cell's long-window filter and the share of its weight outside the window.")]))
    }
}
