import Mechanisms
import ModelCards
import Plotting

/// Model-level figures: every first-layer channel's filters, and the training record of a model card.
enum CatalogueModel {
    /// Most channels on one page of the model's filters: 40 rows of 26 mm (a 5-member ensemble) fit
    /// the figure size limit of 1,200 mm; more channels (larger ensembles) go on further pages.
    static let channelsPerFiltersPage = 40

    /// `model-filters`, then `model-filters-2`, … for more than ``channelsPerFiltersPage`` channels.
    static func filters(_ types: ChannelTypeTable) throws -> [FigureSpec] {
        let all = Array(types.types.indices)
        let references = Set(types.types.flatMap { $0.referenceCorrelations.keys }).sorted()
        let match = references.isEmpty
            ? "No reference kernels were given, so no ground-truth match is shown."
            : "Best match: the ground-truth pathway kernel (\(references.joined(separator: ", "))) whose temporal filter correlates best "
                + "(Pearson r over the first lags) with the channel's f(τ)."
        let pages = stride(from: 0, to: all.count, by: channelsPerFiltersPage).map { Array(all[$0..<min(all.count, $0 + channelsPerFiltersPage)]) }
        return try pages.enumerated().map { page, channels in
            let which = pages.count == 1
                ? "All \(all.count) first-layer channels of the CNN (c0…c\(all.count - 1))"
                : "First-layer channels c\(channels[0])…c\(channels[channels.count - 1]) of the CNN's \(all.count) (page \(page + 1) of \(pages.count))"
            let caption = which + ", each labelled with its type and peak latency. " + CatalogueMechanism.filterPanelsText(types: types) + " " + match
            let rowHeight = all.count > 6 ? 26.0 : 34.0
            return try CatalogueMechanism.filtersFigure(id: page == 0 ? "model-filters" : "model-filters-\(page + 1)", caption: caption,
                                                        channels: channels, types: types, rowHeightMillimetres: rowHeight)
        }
    }

    /// 0, or the 0.2 step at or below the smallest held-out r or FEV when one is negative.
    static func heldOutLower(_ card: ModelCard) -> Double {
        let low = (shownFEV(card).map { card.heldOutFEV[$0] } + card.heldOutCorrelation).filter(\.isFinite).min() ?? 0
        return low >= 0 ? 0 : max(fevFloor, (low / 0.2).rounded(.down) * 0.2)
    }

    /// FEV below this is not drawn (a cell whose noise ceiling is near 0 gives FEVE of −10⁴); the
    /// caption names those cells.
    static let fevFloor = -1.0

    /// Cells whose FEV is finite and at least ``fevFloor`` (none when the card has no FEV per cell).
    static func shownFEV(_ card: ModelCard) -> [Int] {
        guard card.heldOutFEV.count == card.heldOutCorrelation.count else { return [] }
        return card.heldOutFEV.indices.filter { card.heldOutFEV[$0].isFinite && card.heldOutFEV[$0] >= fevFloor }
    }

    static func training(_ card: ModelCard) throws -> FigureSpec {
        let history = card.history.sorted { $0.samples < $1.samples }
        let millions = history.map { Double($0.samples) / 1e6 }
        let kept = history.first { $0.step == card.keptStep }.map { Double($0.samples) / 1e6 }
        func keptLine(_ label: Bool) -> [PlotElement] {
            kept.map { [.reference(ReferenceLine(.vertical(x: $0), style: LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.6, dash: .dashed),
                                                 label: label ? "kept" : nil))] } ?? []
        }
        func empty(_ text: String, x: String, y: String, unit: String?) -> Axes {
            Axes(x: AxisSpec(label: x, limits: .fixed(lower: 0, upper: 1), ticks: .none),
                 y: AxisSpec(label: y, unit: unit, limits: .fixed(lower: 0, upper: 1), ticks: .none),
                 elements: [.text(TextAnnotation(text, x: 0.5, y: 0.5, coordinates: .axesFraction, horizontalAlignment: .center,
                                                 verticalAlignment: .middle))], legend: .hidden)
        }
        let line = LineStyle(color: ConditionStyle.fullColor, widthPoints: 1.1)
        let validation = history.isEmpty ? empty("no validation history", x: "training samples", y: "validation r", unit: nil) : Axes(
            x: AxisSpec(label: "training samples", unit: "millions", limits: .niceIncludingZero, ticks: .maxCount(5)),
            y: AxisSpec(label: "validation r", limits: .nice, ticks: .maxCount(5)),
            title: "validation correlation",
            elements: keptLine(true) + [.line(LineSeries(x: millions, y: history.map(\.validationCorrelation), style: line)),
                                        .scatter(ScatterSeries(x: millions, y: history.map(\.validationCorrelation),
                                                               marker: MarkerStyle(color: ConditionStyle.fullColor, sizePoints: 2.4)))],
            legend: .hidden)
        let loss = history.isEmpty ? empty("no training history", x: "training samples", y: "training loss", unit: "Hz") : Axes(
            x: AxisSpec(label: "training samples", unit: "millions", limits: .niceIncludingZero, ticks: .maxCount(5)),
            y: AxisSpec(label: "Poisson loss", unit: "Hz", limits: .nice, ticks: .maxCount(5)),
            title: "training loss",
            elements: keptLine(false) + [.line(LineSeries(x: millions, y: history.map(\.trainingLoss), style: line))],
            legend: .hidden)
        let cells = card.heldOutCorrelation.indices.map(Double.init)
        let shownFEV = Self.shownFEV(card)
        let hiddenFEV = card.heldOutFEV.count == cells.count ? card.heldOutFEV.indices.filter { !shownFEV.contains($0) } : []
        let ticks: TickSpec = cells.count <= 12 ? .values(cells) : .maxCount(6)
        let heldOut = cells.isEmpty ? empty("no held-out evaluation", x: "cell", y: "held-out r", unit: nil) : Axes(
            x: AxisSpec(label: "cell", limits: .fixed(lower: -0.6, upper: Double(cells.count) - 0.4), ticks: ticks),
            y: AxisSpec(label: "held-out r, FEV", limits: .fixed(lower: heldOutLower(card), upper: 1), ticks: .maxCount(6)),
            title: "test split",
            elements: [.reference(ReferenceLine(.horizontal(y: card.meanHeldOutCorrelation),
                                                style: LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.6, dash: .dashed),
                                                label: "mean r \(CatalogueText.number(card.meanHeldOutCorrelation, 2))")),
                       .scatter(ScatterSeries(x: cells, y: card.heldOutCorrelation,
                                              marker: MarkerStyle(shape: .circle, color: ConditionStyle.fullColor, sizePoints: 3.4),
                                              label: "Pearson r"))]
                + (shownFEV.isEmpty ? [] : [.scatter(ScatterSeries(x: shownFEV.map(Double.init), y: shownFEV.map { card.heldOutFEV[$0] },
                                              marker: MarkerStyle(shape: .square, color: ConditionStyle.fullColor, sizePoints: 3, filled: false),
                                              label: "FEV"))]),
            legend: LegendSpec(placement: .automatic))
        let panels = [validation, loss, heldOut].enumerated().map { k, a in
            Panel(.axes(a), at: GridCell(row: 0, column: k), letter: FigureSpec.letter(k))
        }
        let recording = card.dataSource
        var caption = "Training of the CNN (recipe '\(card.recipe.name)', seed \(card.recipe.seed)) on "
            + (recording.map { "the recording '\($0.fileName)'" } ?? "the simulated retina") + ": "
            + "\(card.trainWindows) training, \(card.validationWindows) validation and \(card.testWindows) test windows. (a) Mean over cells "
            + "of the Pearson correlation with " + (recording == nil ? "the noise-free ground-truth rates" : "the recorded responses")
            + " on the validation split, against the training samples "
            + "seen (millions); dashed line: the kept (best-validation) weights at step \(card.keptStep). (b) Training Poisson loss "
            + "(moving average, Hz). (c) Held-out test split, per cell: Pearson r (filled circles) and "
            + (recording == nil ? "fraction of explained variance FEV (open squares) against the ground truth"
                                : "fraction of explainable variance explained FEVE (open squares) against \(recording!.test?.reference ?? "the test responses")")
            + "; dashed line: mean r = \(CatalogueText.number(card.meanHeldOutCorrelation, 3)). "
        if !hiddenFEV.isEmpty {
            caption += "FEV not drawn (undefined, or below \(CatalogueText.number(Self.fevFloor, 0))) for cell"
                + (hiddenFEV.count == 1 ? " " : "s ") + hiddenFEV.map(String.init).joined(separator: ", ") + ". "
        }
        caption += "Training stopped: \(card.stopReason)."

        return FigureSpec(id: "model-training", caption: caption, widthMillimetres: FigureSpec.doubleColumnMillimetres,
                          heightMillimetres: 58, grid: PanelGrid(rows: [.weight(1)], columns: [.weight(1), .weight(1), .weight(1)],
                                                                 rowGapPoints: 6, columnGapPoints: 14),
                          panels: panels)
    }
}
