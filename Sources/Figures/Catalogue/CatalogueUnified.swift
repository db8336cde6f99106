import Mechanisms
import Phenomena
import Plotting

extension FigureCatalogue {
    /// `unified-circuit`: (a) the chosen unified circuit, one unit per pathway type coloured by type
    /// with its mean temporal filter and fitted weight; (b) per phenomenon, the share of the circuit's
    /// response each unit carries (silencing it, ``UnifiedUnitContribution/share``), a cross above a
    /// bar when the circuit no longer matches the full model on that phenomenon without the unit.
    public static func unifiedCircuitFigures(_ r: UnifiedCircuitResult) throws -> [FigureSpec] {
        let chosen = r.chosenCandidate
        let units = chosen.model.units
        try FigureBuilders.require(!units.isEmpty, "FigureCatalogue", "figure 'unified-circuit': the circuit has no units")
        func pathway(_ label: String) -> UnifiedPathway? { r.pathways.first { $0.label == label } }
        func polarity(_ label: String) -> Polarity { label.hasPrefix("ON") ? .on : label.hasPrefix("OFF") ? .off : .unsigned }
        func speed(_ label: String) -> PathwaySpeed? { label.hasSuffix("slow") ? .slow : label.hasSuffix("fast") ? .fast : nil }
        let diagram = try FigureBuilders.circuitPanel(pathways: units.map { u in
            let n = pathway(u.label)?.channels.count ?? 0
            return CircuitPathway(label: "\(u.label) (\(n) ch)", polarity: polarity(u.label), speed: speed(u.label),
                                  filter: pathway(u.label)?.temporalFilter, weight: u.weight,
                                  divisiveGain: u.divisiveGain > 0 ? u.divisiveGain : nil)
        }, outputLabel: "ganglion cell")

        let phenomena = r.summaries.map(\.phenomenon)
        let width = 0.8 / Double(units.count)
        var elements: [PlotElement] = []
        for (k, u) in units.enumerated() {
            let color = PathwayPalette.color(polarity: polarity(u.label), speed: speed(u.label))
            for (i, p) in phenomena.enumerated() {
                guard let c = r.contributions.first(where: { $0.pathway == u.label && $0.phenomenon == p }) else { continue }
                let x0 = Double(i) - 0.4 + Double(k) * width
                elements.append(.band(Band(x: [x0, x0 + width * 0.92], lower: [0, 0], upper: [c.share, c.share], color: color,
                                           opacity: 1, label: i == 0 ? u.label : nil)))
                let summary = r.summaries[i]
                if summary.unified.matchesFullModel && !c.matchesWithout {
                    elements.append(.text(TextAnnotation("×", x: x0 + width * 0.46, y: c.share + 0.02, horizontalAlignment: .center,
                                                         verticalAlignment: .bottom, color: .black)))
                }
            }
        }
        let ticks = phenomena.enumerated().map { TickMark(Double($0.offset), $0.element.rawValue) }
        let bars = Axes(x: AxisSpec(label: "phenomenon", limits: .fixed(lower: -0.5, upper: Double(phenomena.count) - 0.5),
                                    ticks: .labeled(ticks)),
                        y: AxisSpec(label: "share of the circuit's response", limits: .fixed(lower: 0, upper: 1.1),
                                    ticks: .values([0, 0.25, 0.5, 0.75, 1])),
                        elements: elements, legend: LegendSpec(placement: .inside(.topRight)))
        let reproduced = chosen.matchedPhenomena
        let caption = "Unified circuit: one circuit of pathway-type units (\(chosen.pathways.joined(separator: ", "))) fitted jointly "
            + "to the full model's response over the conditions of every analysed phenomenon (each phenomenon weighted equally), "
            + "chosen by an exhaustive search over the \(r.fitCount) sets of the model's pathway types. "
            + "(a) Each unit pools its type's channels (mean of their gray-referenced, RMS-scaled first-layer drive"
            + (r.columns.isEmpty ? ")" : ", read at map columns \(r.columns.first!)–\(r.columns.last!))")
            + ", coloured by type, with the type's mean temporal filter (newest right) and its fitted signed weight (Hz per unit)"
            + (chosen.model.isDivisive ? "; ÷ marks a unit that also divides the output" : "") + ". "
            + "(b) Per phenomenon, the share of the circuit's response to that phenomenon's stimuli each unit carries: "
            + "the weighted squared change of the response when the unit is silenced, over the sum for all units. "
            + "× above a bar: without that unit the circuit no longer meets every criterion the full model meets. "
            + "The circuit meets them on \(reproduced) of the \(r.shownCount) phenomena the full model shows at least in part; weighted r² "
            + "\(CatalogueText.number(chosen.weightedR2, 2))."
        let spec = FigureSpec(id: "unified-circuit", caption: caption, widthMillimetres: FigureSpec.doubleColumnMillimetres,
                              heightMillimetres: min(150, max(60, 20 + 14 * Double(units.count))),
                              grid: .uniform(rows: 1, columns: 2),
                              panels: [Panel(.circuit(diagram), at: GridCell(row: 0, column: 0)),
                                       Panel(.axes(bars), at: GridCell(row: 0, column: 1))]).lettered()
        return [CatalogueLegends.resolved(spec)]
    }
}
