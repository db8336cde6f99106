import Mechanisms

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

    /// "c3 OFF fast · peak 60 ms · best match ON slow (r = 0.93)".
    static func filterLabel(_ t: ChannelType, _ types: ChannelTypeTable) -> String {
        var s = "\(CatalogueText.channel(t.channel, types)) · peak \(CatalogueText.number(t.peakLatencyMilliseconds, 0)) ms"
        if let best = t.bestReference, let r = t.referenceCorrelations[best] {
            s += " · best match \(best) (r = \(CatalogueText.number(r, 2)))"
        }
        return s
    }

    static func filter(_ c: Int, _ types: ChannelTypeTable) -> ChannelFilter {
        let t = types[c]
        return ChannelFilter(label: filterLabel(t, types), polarity: CatalogueText.polarity(t.polarity),
                             speed: CatalogueText.speed(t.speed), temporal: t.temporalFilter, spatial: t.spatialProfile,
                             spatialRows: types.kernel, spatialColumns: types.kernel, xtSlice: t.spaceTime)
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
            + "(b) spatial kernel at the peak lag (\(types.kernel) × \(types.kernel) px of 55 µm, scale bar); "
            + "(c) x–t slice Σ_y W₁ (position × lag). Maps share one diverging scale centred on 0, weights in arbitrary units "
            + "(layer-1 drive per unit contrast). ON/OFF = sign of the largest lobe in the newest \(types.recentFrames) frames; "
            + "fast/slow = its peak latency against the threshold (\(thresholds.joined(separator: ", ")))."
    }

    /// The reduced circuit: kept units top to bottom in ranking order, signed weights to the ganglion cell.
    static func circuitFigure(id: String, caption: String, reduction: ReductionResult, types: ChannelTypeTable,
                              rfCentreX: Double?) throws -> FigureSpec {
        let units = reduction.model.units
        try FigureBuilders.require(!units.isEmpty, "FigureCatalogue", "figure '\(id)': the reduced model has no units")
        let pathways = units.map { u -> CircuitPathway in
            let c = u.group.channel
            var label = "\(CatalogueText.group(u.group, types, rfCentreX: rfCentreX)), θ = \(CatalogueText.number(u.threshold, 2))"
            if u.sign < 0 { label += ", σ = −1" }
            let t = c < types.types.count ? types[c] : nil
            return CircuitPathway(label: label, polarity: t.map { CatalogueText.polarity($0.polarity) } ?? .unsigned,
                                  speed: t.map { CatalogueText.speed($0.speed) }, filter: t?.temporalFilter, weight: u.weight)
        }
        let width = rfCentreX == nil ? FigureSpec.singleColumnMillimetres : FigureSpec.doubleColumnMillimetres
        return try FigureBuilders.circuitDiagram(id: id, caption: caption, pathways: pathways, outputLabel: "ganglion cell",
                                                 widthMillimetres: width,
                                                 heightMillimetres: min(150, max(40, 14 + 13 * Double(units.count))))
    }

    /// The caption of a reduced circuit.
    static func circuitCaption(_ phenomenon: String, reduction r: ReductionResult, cells: [Int], bars: Bool) -> String {
        let m = r.model
        let signs = m.units.contains { $0.sign < 0 } ? " (σ = −1 passes decreases of z below θ; otherwise σ = +1)" : ""
        return "Reduced circuit for the \(phenomenon) of \(CatalogueText.meanRate(cells)). Each node is a kept group of first-layer units"
            + (bars ? " (one channel over a run of map columns, positions in µm relative to the RF centre)" : " (one channel pooled over space)")
            + ", coloured by pathway type, with its temporal filter as a sparkline (time runs left to right, newest right). "
            + "The circuit is r = [w₀ + Σ_k w_k Σ_{m∈k} [σ_k (z_m − θ_k)]₊]\(m.outputRectified ? "₊" : "") with z the pooled layer-1 "
            + "preactivation, θ the threshold printed in the label\(signs), w₀ = \(CatalogueText.number(m.offsetHz, 2)) Hz; "
            + "edges carry the fitted weights w_k (Hz per unit of z; arrow = excitatory, bar = inhibitory, width ∝ |w|). "
            + CatalogueText.reducedFit(r)
    }
}
