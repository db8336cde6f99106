/// Anything that turns a stimulus movie into ganglion-cell firing rates: the trained CNN and the
/// simulated ground-truth retina both conform, so phenomenon stimuli and metrics are written once.
///
/// Contract: `rates(for:)` returns `movie.windowCount(history: historyFrames)` rows; row `i` is the
/// rate (Hz) for the window ending at frame `i + historyFrames − 1`. Deterministic (no noise).
public protocol ResponseModel: Sendable {
    /// Number of output cells.
    var cellCount: Int { get }
    /// Frames of stimulus history per output row (40 for the paper's CNN).
    var historyFrames: Int { get }
    /// Screen size the model expects, in pixels (height, width); 50 × 50 for the paper's CNN.
    var screen: (height: Int, width: Int) { get }
    /// Receptive-field centre of each cell, in pixels (y, x), when known.
    var cellCentres: [(y: Double, x: Double)]? { get }
    /// Noise-free rates in Hz, one row per complete history window.
    func rates(for movie: Movie) throws -> RateMatrix
    /// True when the model accepts any screen size and gives the same rates for a stimulus that is
    /// uniform along an axis when that axis is cut to one pixel (full field on 1 × 1, vertical bars on
    /// a 1 × W strip): analyses may then show it the smaller movie. False by default.
    var acceptsReducedScreens: Bool { get }
}

extension ResponseModel {
    public var acceptsReducedScreens: Bool { false }
}
