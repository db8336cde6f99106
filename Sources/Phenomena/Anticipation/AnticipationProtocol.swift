import RetinaCore

/// Motion-anticipation protocol: a full-height dark bar drifts across the receptive field in both
/// directions; the response should peak before the bar centre reaches the RF centre, although a
/// flashed bar takes `L_flash` ≈ 80 ms to drive the cell.
///
/// Presets: ``groundTruth`` (docs/ground-truth-retina.md §4.1: 4 px bar at 0.08 / 0.176 / 0.3 px/frame)
/// and ``tanaka`` (docs/method.md §6.4: 4 px bar at 0.08 px/frame over ±30 px, flashed bars at
/// −25 … +25 px; 0.176 px/frame from the Neuron script added).
public struct AnticipationProtocol: Codable, Sendable, Equatable {
    /// Bar contrast (−1 = dark).
    public var barContrast: Double
    /// Bar width, px.
    public var barWidthPixels: Double
    /// Drift speeds, px per frame (0.08 px/frame = 0.44 mm/s).
    public var speedsPixelsPerFrame: [Double]
    /// Directions of motion.
    public var directions: [MotionDirection]
    /// The bar starts this far before the first RF centre it reaches and stops this far past the
    /// last one, px.
    public var travelPixels: Double
    /// Gray frames before the bar or flash (raised to the model's `historyFrames` if smaller).
    public var leadInFrames: Int
    /// The moving-bar peak is searched while the bar centre is within ± this many px of the RF
    /// centre.
    public var peakSearchHalfWidthPixels: Double
    /// Flashed bar duration, frames (2 = 20 ms).
    public var flashDurationFrames: Int
    /// Flashed-bar positions relative to each RF centre, px (must include 0 for `L_flash`).
    public var flashOffsetsPixels: [Double]
    /// Frames recorded after the flash onset.
    public var framesAfterFlash: Int
    /// Flash-response peak window after onset, ms.
    public var flashPeakWindowStartMs: Double
    public var flashPeakWindowEndMs: Double

    public init(barContrast: Double = -1, barWidthPixels: Double = 4,
                speedsPixelsPerFrame: [Double] = [0.08, 0.176, 0.3],
                directions: [MotionDirection] = [.rightward, .leftward], travelPixels: Double = 30,
                leadInFrames: Int = ProtocolDefaults.minimumLeadInFrames, peakSearchHalfWidthPixels: Double = 10,
                flashDurationFrames: Int = 2, flashOffsetsPixels: [Double] = (-12...12).map(Double.init),
                framesAfterFlash: Int = 40, flashPeakWindowStartMs: Double = 0, flashPeakWindowEndMs: Double = 250) {
        self.barContrast = barContrast; self.barWidthPixels = barWidthPixels
        self.speedsPixelsPerFrame = speedsPixelsPerFrame; self.directions = directions
        self.travelPixels = travelPixels; self.leadInFrames = leadInFrames
        self.peakSearchHalfWidthPixels = peakSearchHalfWidthPixels; self.flashDurationFrames = flashDurationFrames
        self.flashOffsetsPixels = flashOffsetsPixels; self.framesAfterFlash = framesAfterFlash
        self.flashPeakWindowStartMs = flashPeakWindowStartMs; self.flashPeakWindowEndMs = flashPeakWindowEndMs
    }

    /// Ground-truth validation protocol.
    public static let groundTruth = AnticipationProtocol()

    /// Tanaka's analysis preset (4 px bar, ±30 px travel, flashes at −25 … +25 px).
    public static let tanaka = AnticipationProtocol(
        speedsPixelsPerFrame: [0.08, 0.176], flashOffsetsPixels: (-25...25).map(Double.init))

    /// Distinct flash positions (absolute px, sorted) for cells centred at `centresX`: the union of
    /// `centre + offset`; points closer than 1e-6 px are merged.
    public func flashPositions(centresX: [Double]) -> [Double] {
        let all = centresX.flatMap { c in flashOffsetsPixels.map { c + $0 } }.sorted()
        var out: [Double] = []
        for p in all where out.last.map({ abs($0 - p) > 1e-6 }) ?? true { out.append(p) }
        return out
    }
}

/// Event frames of one flashed-bar condition.
public struct FlashedBarEvents: Codable, Sendable, Equatable {
    public var onsetFrame: Int
    public var durationFrames: Int
    /// Bar centre, px (absolute screen coordinate, pixel centres at integers).
    public var centrePixels: Double

    public init(onsetFrame: Int, durationFrames: Int, centrePixels: Double) {
        self.onsetFrame = onsetFrame; self.durationFrames = durationFrames; self.centrePixels = centrePixels
    }
}

public typealias MovingBarCondition = PhenomenonCondition<BarEvents>
public typealias FlashedBarCondition = PhenomenonCondition<FlashedBarEvents>
