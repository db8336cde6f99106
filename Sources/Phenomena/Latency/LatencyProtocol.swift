import RetinaCore

/// Latency-coding protocol: full-field steps of graded contrast; the peak latency should fall as
/// contrast grows.
///
/// Two presets: ``groundTruth`` (docs/ground-truth-retina.md §4.1: dark steps held 200 ms) and ``tanaka``
/// (docs/method.md §6.2, `SinglePulse`: 40 gray frames, then the step held to the end of an 80-frame
/// movie). A sustained step is essential: a 20 ms flash gives no latency shift in the ground truth
/// (docs/ground-truth-retina.md §6).
public struct LatencyProtocol: Codable, Sendable, Equatable {
    /// Step magnitudes (> 0); the step goes to `polarity × contrast`.
    public var contrasts: [Double]
    /// −1 = dark steps (the validated case), +1 = bright.
    public var polarity: Double
    /// Frames the step is held (20 = 200 ms).
    public var stepDurationFrames: Int
    /// Gray frames before the step (raised to the model's `historyFrames` if smaller).
    public var leadInFrames: Int
    /// Gray frames after the step ends.
    public var framesAfterStep: Int
    /// Peak search window after step onset, ms (0 … 250 ms).
    public var peakWindowStartMs: Double
    public var peakWindowEndMs: Double

    public init(contrasts: [Double] = [0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0], polarity: Double = -1,
                stepDurationFrames: Int = 20, leadInFrames: Int = ProtocolDefaults.minimumLeadInFrames, framesAfterStep: Int = 20,
                peakWindowStartMs: Double = 0, peakWindowEndMs: Double = 250) {
        self.contrasts = contrasts; self.polarity = polarity; self.stepDurationFrames = stepDurationFrames
        self.leadInFrames = leadInFrames; self.framesAfterStep = framesAfterStep
        self.peakWindowStartMs = peakWindowStartMs; self.peakWindowEndMs = peakWindowEndMs
    }

    /// Ground-truth validation protocol: dark steps held 200 ms, contrast 0.1 … 1.0.
    public static let groundTruth = LatencyProtocol()

    /// Tanaka's analysis preset: the step is held 400 ms to the end of the movie. His z-scored
    /// intensities 0 … 1.95 are converted with the training-ensemble SD 0.45
    /// (docs/ground-truth-retina.md §1) and rounded to the 0.05 grid, zero dropped: 0.05 … 0.9.
    public static let tanaka = LatencyProtocol(
        contrasts: (1...18).map { Double($0) * 0.05 }, stepDurationFrames: 40, framesAfterStep: 0)
}

/// Event frames of one step condition.
public struct StepEvents: Codable, Sendable, Equatable {
    /// First frame at the step contrast.
    public var onsetFrame: Int
    /// First gray frame after the step (== movie length when the step lasts to the end).
    public var offsetFrame: Int
    /// Signed step contrast (e.g. −0.3).
    public var contrast: Double

    public init(onsetFrame: Int, offsetFrame: Int, contrast: Double) {
        self.onsetFrame = onsetFrame; self.offsetFrame = offsetFrame; self.contrast = contrast
    }
}

public typealias LatencyCondition = PhenomenonCondition<StepEvents>
