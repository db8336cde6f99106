import RetinaCore

/// Omitted-stimulus-response protocol: a periodic train of brief full-field flashes that stops;
/// the response after the omitted (expected) flash is measured.
///
/// Two presets: ``groundTruth`` (docs/ground-truth-retina.md §4.1, the validation protocol) and
/// ``tanaka`` (docs/method.md §6.1, the analysis preset). Contrast: −1 is about −2.2 SD of the
/// training ensemble, which matches Tanaka's z-scored "−2" flashes (docs/ground-truth-retina.md §1).
public struct OSRProtocol: Codable, Sendable, Equatable {
    /// Contrast of each flash (−1 = dark).
    public var flashContrast: Double
    /// Frames each flash lasts (2 = 20 ms).
    public var flashDurationFrames: Int
    /// Flashes in the train (at least; see ``minimumTrainFrames``).
    public var flashesPerTrain: Int
    /// The train spans at least this many frames from its first to its last onset:
    /// flashes = `max(flashesPerTrain, minimumTrainFrames / period + 1)`. 0 for the ground truth;
    /// 89 for Tanaka, whose onsets are `89 − k·p` for `k = 0 … ⌊89/p⌋`.
    public var minimumTrainFrames: Int
    /// Flash periods (onset to onset) in ms; each must be a whole number of 10 ms frames and longer
    /// than the flash.
    public var periodsMs: [Double]
    /// Gray frames before the first flash (raised to the model's `historyFrames` if smaller).
    public var leadInFrames: Int
    /// Frames recorded from the omitted-flash frame on (must cover ``analysisWindowEndMs``).
    public var framesAfterOmission: Int
    /// Window for the OSR peak, ms after the omitted flash (ground truth: 10 … 350 ms).
    public var analysisWindowStartMs: Double
    public var analysisWindowEndMs: Double
    /// OSR latency = centroid of the part of the peak above this fraction of its height (0.8).
    public var peakCentroidFraction: Double
    /// "Train response" = largest rate in the last this-many periods of the train (3), i.e. the
    /// rows whose newest frame lies in `[lastOnset − (n−1)·p, omitted)`.
    public var trainWindowPeriods: Int
    /// Tanaka's onset latency: search starts this long after the omitted flash (70 ms, his sample
    /// `57 + p`) and runs to the end of the recording.
    public var tanakaSearchStartAfterOmissionMs: Double
    /// Tanaka's onset = first row above this fraction of the post-omission maximum (0.2).
    public var tanakaThresholdFraction: Double

    public init(flashContrast: Double = -1, flashDurationFrames: Int = 2, flashesPerTrain: Int = 12,
                minimumTrainFrames: Int = 0,
                periodsMs: [Double] = [30, 40, 50, 60, 70, 80, 100, 120, 150],
                leadInFrames: Int = ProtocolDefaults.minimumLeadInFrames, framesAfterOmission: Int = 40,
                analysisWindowStartMs: Double = 10, analysisWindowEndMs: Double = 350,
                peakCentroidFraction: Double = 0.8, trainWindowPeriods: Int = 3,
                tanakaSearchStartAfterOmissionMs: Double = 70, tanakaThresholdFraction: Double = 0.2) {
        self.flashContrast = flashContrast; self.flashDurationFrames = flashDurationFrames
        self.flashesPerTrain = flashesPerTrain; self.minimumTrainFrames = minimumTrainFrames
        self.periodsMs = periodsMs; self.leadInFrames = leadInFrames
        self.framesAfterOmission = framesAfterOmission
        self.analysisWindowStartMs = analysisWindowStartMs; self.analysisWindowEndMs = analysisWindowEndMs
        self.peakCentroidFraction = peakCentroidFraction; self.trainWindowPeriods = trainWindowPeriods
        self.tanakaSearchStartAfterOmissionMs = tanakaSearchStartAfterOmissionMs
        self.tanakaThresholdFraction = tanakaThresholdFraction
    }

    /// Ground-truth validation protocol (docs/ground-truth-retina.md §4.1): 12 dark 20 ms flashes,
    /// periods 30 … 150 ms.
    public static let groundTruth = OSRProtocol()

    /// Tanaka's analysis preset (docs/method.md §6.1): periods 30 … 80 ms (his degenerate 20 ms
    /// period dropped, as his plots do), the train filling ≥ 890 ms before the last flash.
    public static let tanaka = OSRProtocol(minimumTrainFrames: 89, periodsMs: [30, 40, 50, 60, 70, 80])

    /// Period in whole frames; throws if `periodMs` is not a multiple of 10 ms or not longer than
    /// the flash.
    public func periodFrames(_ periodMs: Double) throws -> Int {
        let frames = periodMs / Units.frameMilliseconds
        // Finite and bounded before the Int conversion (which traps on ±inf, NaN and |x| ≥ 2⁶³).
        guard frames.isFinite, frames == frames.rounded(), frames > Double(flashDurationFrames), frames <= 1e9 else {
            throw PhenomenaError.invalidProtocol(
                parameter: "OSRProtocol.periodsMs",
                expected: "a multiple of \(Units.frameMilliseconds) ms longer than the \(flashDurationFrames)-frame flash",
                found: "\(periodMs) ms")
        }
        return Int(frames)
    }

    /// Number of flashes in the train for a period of `periodFrames`.
    public func flashCount(periodFrames: Int) -> Int {
        max(flashesPerTrain, minimumTrainFrames / periodFrames + 1)
    }
}

/// Event frames of one OSR condition (frames of the condition movie).
public struct OSREvents: Codable, Sendable, Equatable {
    public var periodFrames: Int
    /// Onset frame of every flash of the train.
    public var flashOnsetFrames: [Int]
    /// Flash duration in frames.
    public var flashDurationFrames: Int
    /// Onset of the last real flash.
    public var lastFlashFrame: Int { flashOnsetFrames.last ?? 0 }
    /// Frame the next flash would have started: `lastFlashFrame + periodFrames`.
    public var omittedFlashFrame: Int { lastFlashFrame + periodFrames }

    public init(periodFrames: Int, flashOnsetFrames: [Int], flashDurationFrames: Int) {
        self.periodFrames = periodFrames; self.flashOnsetFrames = flashOnsetFrames
        self.flashDurationFrames = flashDurationFrames
    }
}

public typealias OSRCondition = PhenomenonCondition<OSREvents>
