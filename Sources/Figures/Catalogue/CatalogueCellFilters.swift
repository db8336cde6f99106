import ModelCards
import Plotting

/// The "spatiotemporal filters" figure of a recording-trained or imported model: per cell, its
/// temporal filter at the receptive-field centre and its spatial filter at the peak lag, read from the
/// model's input gradient (``CellFilterEstimation``). The lead wires it into the model section.
public enum CatalogueCellFilters {
    /// One row per cell (at most `maximumCells`, the first ones); nil for no cells.
    /// - Parameters:
    ///   - inputUnit: the unit of the movie the gradient was taken on (`contrast` for a model adapted
    ///     with `adaptedForInput(.weberContrast, …)`, `z` for the network's own input).
    ///   - movieDescription: which movie the windows came from, for the caption.
    public static func figure(_ filters: [CellFilter], maximumCells: Int = 12, inputUnit: String = "contrast",
                              movieDescription: String = "a white-noise movie") throws -> FigureSpec? {
        guard !filters.isEmpty else { return nil }
        let shown = Array(filters.prefix(maximumCells))
        let channels = shown.map { f -> ChannelFilter in
            // Polarity from the sign of the temporal filter's largest lobe (gradient of the rate).
            let peak = f.temporal.max { abs($0) < abs($1) } ?? 0
            return ChannelFilter(label: "cell \(f.cellID)", polarity: peak >= 0 ? .on : .off, temporal: f.temporal,
                                 spatial: f.spatial, spatialRows: f.rows, spatialColumns: f.columns)
        }
        let omitted = filters.count > shown.count ? " The first \(shown.count) of \(filters.count) cells are shown." : ""
        let caption = "Spatiotemporal filters of the model's cells: (a) the temporal filter at each cell's receptive-field centre "
            + "against time before the response, (b) the spatial filter at the lag of the temporal filter's peak. Both are the "
            + "gradient of the cell's rate with respect to the stimulus, averaged over windows of \(movieDescription) "
            + "(Hz per unit of \(inputUnit)); colour ON for a positive peak, OFF for a negative one." + omitted
        return try FigureBuilders.spatiotemporalFilters(id: "model-cell-filters", caption: caption, channels: channels,
                                                        weightLabel: "gradient", weightUnit: "Hz per \(inputUnit)",
                                                        heightMillimetres: Double(channels.count) * 26 + 8)
    }
}
