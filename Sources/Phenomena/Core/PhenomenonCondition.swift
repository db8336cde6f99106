import RetinaCore

/// The swept parameter of one condition, with its unit (e.g. `period = 50 ms`).
public struct ConditionParameter: Codable, Sendable, Equatable {
    public var name: String
    public var value: Double
    public var unit: String

    public init(name: String, value: Double, unit: String) {
        self.name = name; self.value = value; self.unit = unit
    }
}

/// Screen a stimulus is rendered for, in pixels.
///
/// Full-field stimuli are identical on every screen, bars are uniform along y, so a model that
/// accepts any screen (the simulated retina) gives the same numbers on `1 × 1` (full field) and
/// `1 × W` (bars) as on its `H × W` screen; a model with a fixed input (the CNN, 50 × 50) gets its
/// own screen.
public struct StimulusScreen: Codable, Sendable, Equatable, CustomStringConvertible {
    public var heightPixels: Int
    public var widthPixels: Int

    public init(heightPixels: Int, widthPixels: Int) {
        precondition(heightPixels > 0 && widthPixels > 0, "StimulusScreen must be at least 1 × 1")
        self.heightPixels = heightPixels; self.widthPixels = widthPixels
    }

    /// A single pixel: enough for full-field stimuli on a screen-agnostic model.
    public static let point = StimulusScreen(heightPixels: 1, widthPixels: 1)

    /// A one-row strip `1 × width`: enough for full-height bars on a screen-agnostic model.
    public static func strip(widthPixels: Int) -> StimulusScreen {
        StimulusScreen(heightPixels: 1, widthPixels: widthPixels)
    }

    public var description: String { "\(heightPixels)×\(widthPixels) px" }
}

/// One stimulus condition of a phenomenon: the movie, its swept parameter and the frames of its
/// events, so metrics convert model rows to milliseconds (row `i` ↔ newest frame
/// `i + historyFrames − 1`, see ``RowClock``).
///
/// Every movie starts with at least `historyFrames` gray frames, so row 0 is an all-gray window
/// (the spontaneous rate) and the first event lies fully inside a window.
public struct PhenomenonCondition<Events: Codable & Sendable & Equatable>: Sendable {
    /// Human-readable label, e.g. `"period 50 ms"`.
    public var label: String
    public var parameter: ConditionParameter
    public var movie: Movie
    /// Event frames of this condition (flash onsets, step onset, reversal frame, bar path…).
    public var events: Events
    /// Frames (newest frame of a window) whose rows the metrics and plots read. A model whose
    /// memory is at most `historyFrames` may be shown only
    /// `movie.slice(frames: max(0, analysedFrames.lowerBound − historyFrames + 1)..<analysedFrames.upperBound)`.
    public var analysedFrames: Range<Int>

    public init(label: String, parameter: ConditionParameter, movie: Movie, events: Events, analysedFrames: Range<Int>) {
        self.label = label; self.parameter = parameter; self.movie = movie
        self.events = events; self.analysedFrames = analysedFrames
    }

    /// The part of the movie a model with `historyFrames` of memory needs to produce the rows of
    /// `analysedFrames`, and the clock of the rows it returns.
    public func trimmed(historyFrames: Int) -> (movie: Movie, clock: RowClock) {
        let (frames, clock, _) = trimmedLayout(historyFrames: historyFrames)
        return (movie.slice(frames: frames), clock)
    }

    /// What ``trimmed(historyFrames:)`` returns, without copying the movie: the frames it keeps, the
    /// clock of its rows and the number of rows (windows of `historyFrames`).
    public func trimmedLayout(historyFrames: Int) -> (frames: Range<Int>, clock: RowClock, rows: Int) {
        let start = max(0, min(analysedFrames.lowerBound - historyFrames + 1, movie.frames - historyFrames))
        let end = max(start + historyFrames, min(movie.frames, analysedFrames.upperBound))
        return (start..<end, RowClock(historyFrames: historyFrames, sliceStartFrame: start), max(0, end - start - historyFrames + 1))
    }
}
