import Foundation
import Mechanisms
import Plotting

/// Figures every phenomenon shares: the kept channels' spatiotemporal filters and the reduced circuit.
enum CatalogueMechanism {
    /// Most channels drawn in one filter or attribution figure.
    static let maximumChannels = 4

    /// Distinct channels of the kept groups in ranking order (at most ``maximumChannels``); when
    /// nothing was kept, the channel with the largest importance share.
    static func keptChannels(_ r: ReductionResult) -> [Int] {
        var out: [Int] = []
        for g in r.kept where !out.contains(g.channel) { out.append(g.channel) }
        if out.isEmpty, let best = r.channelShares.indices.max(by: { r.channelShares[$0] < r.channelShares[$1] }) { out = [best] }
        return Array(out.prefix(maximumChannels))
    }

    /// "c3 OFF fast (60 ms) ≈ ON slow, r = 0.93": type, peak latency, best-matching reference kernel.
    static func filterLabel(_ t: ChannelType, _ types: ChannelTypeTable) -> String {
        var s = "\(CatalogueText.channel(t.channel, types)) (\(CatalogueText.number(t.peakLatencyMilliseconds, 0)) ms)"
        if let best = t.bestReference, let r = t.referenceCorrelations[best] {
            s += " ≈ \(best), r = \(CatalogueText.number(r, 2))"
        }
        return s
    }

    /// Filters of channel `c`; the x–t slice is the mean over kernel rows, `(1/K) Σ_u W₁[c, τ, u, v]`, so
    /// it is per pixel like the spatial map and both read on one colour scale.
    static func filter(_ c: Int, _ types: ChannelTypeTable) -> ChannelFilter {
        let t = types[c]
        let k = Double(types.kernel)
        return ChannelFilter(label: filterLabel(t, types), polarity: CatalogueText.polarity(t.polarity),
                             speed: CatalogueText.speed(t.speed), temporal: t.temporalFilter, spatial: t.spatialProfile,
                             spatialRows: types.kernel, spatialColumns: types.kernel, xtSlice: t.spaceTime.map { $0 / k })
    }

    /// Filters of `channels`, one row each (temporal filter, spatial map at the peak lag, x–t slice).
    static func filtersFigure(id: String, caption: String, channels: [Int], types: ChannelTypeTable,
                              rowHeightMillimetres: Double = 36) throws -> FigureSpec {
        try FigureBuilders.spatiotemporalFilters(
            id: id, caption: caption, channels: channels.map { filter($0, types) }, weightLabel: "weight", weightUnit: "a.u.",
            heightMillimetres: Double(channels.count) * rowHeightMillimetres + 8)
    }

    /// The caption sentence that explains the filter panels.
    static func filterPanelsText(types: ChannelTypeTable) -> String {
        let thresholds = types.thresholdsMilliseconds.keys.sorted().map { "\($0) \(CatalogueText.number(types.thresholdsMilliseconds[$0], 0)) ms" }
        return "Per channel: (a) temporal filter f(τ) = Σ_xy W₁ (conv1 weights summed over space; lag 0 = the frame at the response, "
            + "\(types.history) frames of 10 ms), in the pathway colour (ON vermillion/orange, OFF blue/sky blue; lighter = slow); "
            + "(b) spatial kernel W₁ at the peak lag (\(types.kernel) × \(types.kernel) px of 55 µm, scale bar); "
            + "(c) x–t slice, the kernel averaged over y (position × lag). Maps share one diverging scale centred on 0 (white); "
            + "weights in arbitrary units (layer-1 drive per unit contrast per pixel). Title: channel, type, peak latency of f and, "
            + "when reference kernels were given, ≈ the best-matching ground-truth pathway kernel with its Pearson r. ON/OFF = sign of the largest lobe in the newest \(types.recentFrames) frames; "
            + "fast/slow = its peak latency against the threshold (\(thresholds.joined(separator: ", ")))."
    }

    /// `<phenomenon>-filters` of any analysis: the kept channels' filters ("reduced <circuitName> circuit").
    static func filters<M>(of r: MechanismAnalysis<M>, circuitName: String) throws -> FigureSpec {
        try filtersFigure(
            id: "\(r.phenomenon.rawValue)-filters", caption: "First-layer channels kept in the reduced \(circuitName) circuit of "
                + "\(CatalogueText.meanRate(r.cells)). " + filterPanelsText(types: r.channelTypes),
            channels: keptChannels(r.reduction), types: r.channelTypes)
    }

    /// `<phenomenon>-circuit` of any analysis ("reduced circuit for the <responseName>"); bar analyses
    /// place their groups relative to the RF centre.
    static func circuit<M>(of r: MechanismAnalysis<M>, responseName: String) throws -> FigureSpec {
        try circuitFigure(
            id: "\(r.phenomenon.rawValue)-circuit",
            caption: circuitCaption(responseName, reduction: r.reduction, types: r.channelTypes, cells: r.cells,
                                    rfCentreX: r.rfCentreXPixels),
            reduction: r.reduction, types: r.channelTypes, rfCentreX: r.rfCentreXPixels)
    }

    /// The reduced circuit: kept units top to bottom in ranking order, signed weights to the ganglion cell.
    static func circuitFigure(id: String, caption: String, reduction: ReductionResult, types: ChannelTypeTable,
                              rfCentreX: Double?) throws -> FigureSpec {
        let units = reduction.model.units
        try FigureBuilders.require(!units.isEmpty, "FigureCatalogue", "figure '\(id)': the reduced model has no units")
        let bars = rfCentreX != nil
        let pathways = units.map { u -> CircuitPathway in
            let c = u.group.channel
            // Double-column bar circuits have room for the threshold in the label; the caption lists them all.
            let label = CatalogueText.group(u.group, types, rfCentreX: rfCentreX) + (bars ? ", " + thresholdText(u) : "")
            let t = c < types.types.count ? types[c] : nil
            return CircuitPathway(label: label, polarity: t.map { CatalogueText.polarity($0.polarity) } ?? .unsigned,
                                  speed: t.map { CatalogueText.speed($0.speed) }, filter: t?.temporalFilter, weight: u.weight,
                                  divisiveGain: u.divisiveGain > 0 ? u.divisiveGain : nil)
        }
        let width = bars ? FigureSpec.doubleColumnMillimetres : FigureSpec.singleColumnMillimetres
        var spec = try FigureBuilders.circuitDiagram(id: id, caption: caption, pathways: pathways, outputLabel: "ganglion cell",
                                                     widthMillimetres: width,
                                                     heightMillimetres: min(150, max(40, 14 + 13 * Double(units.count))))
        if case .circuit(var diagram) = spec.panels[0].content {
            diagram.weightDecimals = weightDecimals(units.map(\.weight))
            spec.panels[0].content = .circuit(diagram)
        }
        return spec
    }

    /// "θ = 0.97" or "θ = 9.65, σ = −1".
    static func thresholdText(_ u: ReducedModel.Unit) -> String {
        "θ = \(CatalogueText.number(u.threshold, 2))" + (u.sign < 0 ? ", σ = −1" : "")
    }

    /// Decimals that print the smallest non-zero |weight| with two significant digits (2…4).
    static func weightDecimals(_ weights: [Double]) -> Int {
        guard let smallest = weights.map(abs).filter({ $0 > 0 && $0.isFinite }).min() else { return 2 }
        return min(4, max(2, 1 - Int(floor(log10(smallest)))))
    }

    /// "The circuit is r = …": the divisive denominator only when some unit divides.
    static func circuitFormula(_ m: ReducedModel) -> String {
        let rect = m.outputRectified ? "₊" : ""
        let h = "h_k = Σ_{m∈k} [σ_k (z_m − θ_k)]₊"
        return m.isDivisive
            ? "The circuit is r = [w₀ + Σ_k w_k h_k]\(rect) / (1 + Σ_k v_k h_k), \(h),"
            : "The circuit is r = [w₀ + Σ_k w_k Σ_{m∈k} [σ_k (z_m − θ_k)]₊]\(rect)"
    }

    /// The caption of a reduced circuit.
    static func circuitCaption(_ phenomenon: String, reduction r: ReductionResult, types: ChannelTypeTable, cells: [Int],
                               rfCentreX: Double?) -> String {
        let bars = rfCentreX != nil
        let m = r.model
        let signs = m.units.contains { $0.sign < 0 } ? " (σ = −1 passes decreases of z below θ; otherwise σ = +1)" : ""
        return "Reduced circuit for the \(phenomenon) of \(CatalogueText.meanRate(cells)). Each node is a kept group of first-layer units"
            + (bars ? " (one channel over a run of map columns, positions in µm relative to the RF centre)" : " (one channel pooled over space)")
            + ", coloured by pathway type, with its temporal filter as a sparkline (time runs left to right, newest right). "
            + circuitFormula(m) + " with z the pooled layer-1 "
            + "preactivation, θ_k the threshold\(signs), w₀ = \(CatalogueText.number(m.offsetHz, 2)) Hz; "
            + "edges carry the fitted weights w_k (Hz per unit of z; arrow = excitatory, bar = inhibitory, width ∝ |w|)"
            + (m.isDivisive ? " and, after ÷, the divisive gain v_k (per unit of z) of a unit that also divides the output. " : ". ")
            + "Units (top to bottom): " + m.units.map { u in
                "\(CatalogueText.group(u.group, types, rfCentreX: rfCentreX)): \(thresholdText(u)), w = \(CatalogueText.number(u.weight, weightDecimals([u.weight])))"
                    + (u.divisiveGain > 0 ? ", v = \(CatalogueText.number(u.divisiveGain, weightDecimals([u.divisiveGain])))" : "")
            }.joined(separator: "; ") + ". " + CatalogueText.reducedFit(r)
    }
}
