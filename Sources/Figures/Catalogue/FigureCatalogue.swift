import Mechanisms
import ModelCards
import Phenomena
import Plotting

/// The report's figures: pure functions from analysis results to ``FigureSpec``s (no drawing).
///
/// Every phenomenon gives, in display order:
/// 1. `<p>-traces` — stimulus strip above the full-CNN, reduced-circuit and (when compared)
///    ground-truth responses for a few representative conditions, time relative to the event;
/// 2. `<p>-attribution` — integrated-gradients attributions: channel × time (Eq. 3) for the
///    full-field phenomena, position × time per kept channel (Eq. 4) for the bar phenomena, on one
///    symmetric diverging scale in Hz shared by every panel;
/// 3. `<p>-filters` — spatiotemporal filters of the kept channels;
/// 4. `<p>-curve` — the phenomenon's summary curve, full vs reduced vs ground truth;
/// 5. `<p>-circuit` — the reduced circuit with its fitted signed weights.
///
/// `<p>` is `osr`, `latency`, `reversal` or `anticipation`. Figures are sized for print (89 or 183 mm
/// wide) and carry a complete caption (what is shown, units, the cells averaged, the colour scale).
///
/// The results hold rates and attributions but not the stimuli: each function rebuilds the stimulus
/// conditions from `parameters` (default: the analyses' default Tanaka presets) and throws
/// ``FigureError/invalidInput(builder:reason:)`` when they do not match the result's conditions
/// (labels, row clocks, row counts), i.e. when the analysis ran with another protocol.
public enum FigureCatalogue {
    /// Model-level: all first-layer channels' spatiotemporal filters with ON/OFF, fast/slow labels and their best
    /// ground-truth kernel match; training curve (validation r vs samples) and held-out r per cell when a card is given.
    ///
    /// Ids: `model-filters`, then `model-training` when `card` is given, then `model-memory` when a
    /// memory-coverage check is given.
    public static func modelFigures(channelTypes: ChannelTypeTable, card: ModelCard?,
                                    memoryCoverage: MemoryCoverage? = nil) throws -> [FigureSpec] {
        var out = try CatalogueModel.filters(channelTypes)
        if let card { out.append(try CatalogueModel.training(card)) }
        if let memoryCoverage { out.append(try CatalogueMemory.figure(memoryCoverage)) }
        return out.map(CatalogueLegends.resolved)
    }
}
