/// Natural-scene blocks (docs/ground-truth-retina.md §4.2): 1/f images seen through the screen window, with saccades and
/// fixational jitter.
///
/// Each fixation lasts `minimum + Exp(mean − minimum)` seconds (so the mean is `fixationMeanSeconds`
/// and no fixation is shorter than `fixationMinimumSeconds`); a block starts with a saccade and
/// truncates its last fixation. Each saccade draws a new image, a new uniform window position and a
/// new global luminance offset `N(0, luminanceOffsetSD)`. During a fixation the window follows a
/// Gaussian random walk of `jitterPixelsPerFrame` SD per axis per frame (bilinear interpolation,
/// periodic image). Values (image + offset) are clipped to [−1, 1].
public struct NaturalSceneSettings: Codable, Sendable, Equatable {
    public var imageSizePixels: Int = 256
    /// α of the `1/f^α` amplitude spectrum.
    public var spectralExponent: Double = 1
    public var rmsContrast: Double = 0.35
    public var fixationMeanSeconds: Double = 0.8
    public var fixationMinimumSeconds: Double = 0.2
    /// SD of the saccade-linked global luminance offset (0.25 in docs/ground-truth-retina.md §4.2, 0.4–0.5 suggested in §10).
    public var luminanceOffsetSD: Double = 0.25
    public var jitterPixelsPerFrame: Double = 0.3

    public init() {}
}

/// Binary white-noise checkerboard blocks (docs/ground-truth-retina.md §4.2): `checkPixels` checks (aligned at the top-left
/// corner) of ±`contrast`, a new random frame every k frames, k drawn uniformly from
/// `refreshFramesMinimum…refreshFramesMaximum` at every refresh (1…1 in docs/ground-truth-retina.md §4.2; 2…3 suggested in §10).
public struct WhiteNoiseSettings: Codable, Sendable, Equatable {
    public var checkPixels: Int = 2
    public var contrast: Double = 0.6
    public var refreshFramesMinimum: Int = 1
    public var refreshFramesMaximum: Int = 1

    public init() {}
}

/// Full-field random flicker blocks (docs/ground-truth-retina.md §10, "training-mix test"). Never periodic, never a test
/// protocol. A block is a sequence of segments of uniform length in
/// `segmentMinimumSeconds…segmentMaximumSeconds`, each of one of two kinds:
///
/// - **steps** (probability `1 − flashBurstShare`): uniform full-field contrast levels held for a
///   uniform `stepHoldMinimumMilliseconds…stepHoldMaximumMilliseconds`. Each new level is gray (0)
///   with probability `grayLevelProbability`, otherwise `N(0, stepContrastSD)` clipped to [−1, 1],
///   so many steps start or end at gray (as in the latency protocol) with graded sizes.
/// - **flash bursts** (probability `flashBurstShare`): a static dim 1/f background
///   (`backgroundRMSContrast`) plus brief full-field flashes (additive, then clipped) of
///   `flashFramesMinimum…flashFramesMaximum` frames and contrast ±U[`flashContrastMinimum`,
///   `flashContrastMaximum`] (dark with probability `darkFlashProbability`). Flashes come in bursts
///   of `burstFlashesMinimum…burstFlashesMaximum` flashes; the gray gap after each flash is
///   `min + Exp(mean − min)` (`flashGapMinimumMilliseconds`, `flashGapMeanMilliseconds`), and a pause
///   of `Exp(burstPauseMeanMilliseconds)` separates bursts. Exponential gaps make the trains aperiodic.
public struct FullFieldFlickerSettings: Codable, Sendable, Equatable {
    public var segmentMinimumSeconds: Double = 1
    public var segmentMaximumSeconds: Double = 3
    public var flashBurstShare: Double = 0.5
    public var stepHoldMinimumMilliseconds: Double = 100
    public var stepHoldMaximumMilliseconds: Double = 600
    public var stepContrastSD: Double = 0.45
    public var grayLevelProbability: Double = 0.3
    public var backgroundRMSContrast: Double = 0.1
    public var flashFramesMinimum: Int = 1
    public var flashFramesMaximum: Int = 3
    public var flashContrastMinimum: Double = 0.3
    public var flashContrastMaximum: Double = 1
    public var darkFlashProbability: Double = 0.5
    public var burstFlashesMinimum: Int = 3
    public var burstFlashesMaximum: Int = 12
    public var flashGapMinimumMilliseconds: Double = 10
    public var flashGapMeanMilliseconds: Double = 80
    public var burstPauseMeanMilliseconds: Double = 500

    public init() {}
}

/// The kind of one training block.
public enum TrainingBlockKind: String, Codable, Sendable, CaseIterable {
    case natural, whiteNoise, fullFieldFlicker
}

/// How to build the training stimulus (docs/ground-truth-retina.md §4.2 "Training ensemble", §10 "Suggested training-stimulus
/// mix"): a sequence of `blockFrames`-long blocks whose kinds follow the shares exactly (largest
/// remainder), in a seeded random order.
public struct TrainingStimulusRecipe: Codable, Sendable, Equatable {
    /// Block length in frames (1000 = 10 s).
    public var blockFrames: Int = 1000
    public var naturalShare: Double
    public var whiteNoiseShare: Double
    public var fullFieldFlickerShare: Double
    public var natural = NaturalSceneSettings()
    public var whiteNoise = WhiteNoiseSettings()
    public var fullFieldFlicker = FullFieldFlickerSettings()
    /// Screen size of the generated movie, in pixels.
    public var screenHeight: Int = 50
    public var screenWidth: Int = 50

    public init(naturalShare: Double, whiteNoiseShare: Double, fullFieldFlickerShare: Double) {
        self.naturalShare = naturalShare; self.whiteNoiseShare = whiteNoiseShare
        self.fullFieldFlickerShare = fullFieldFlickerShare
    }

    /// docs/ground-truth-retina.md §4.2: 80 % natural (offset SD 0.25), 20 % white noise refreshed every frame. Overall SD ≈ 0.45.
    public static let naturalistic = TrainingStimulusRecipe(naturalShare: 0.8, whiteNoiseShare: 0.2,
                                                           fullFieldFlickerShare: 0)

    /// docs/ground-truth-retina.md §10: 60 % natural with saccade-linked offset SD 0.45, 20 % white noise refreshed every
    /// 2–3 frames, 20 % full-field random flicker.
    public static let recommendedMix: TrainingStimulusRecipe = {
        var r = TrainingStimulusRecipe(naturalShare: 0.6, whiteNoiseShare: 0.2, fullFieldFlickerShare: 0.2)
        r.natural.luminanceOffsetSD = 0.45
        r.whiteNoise.refreshFramesMinimum = 2
        r.whiteNoise.refreshFramesMaximum = 3
        return r
    }()

    /// The largest screen side, pixels (4096; the shipped recipe uses 50).
    public static let maximumScreenPixels = 4_096
    /// The longest block, frames (10⁸, the most frames a training split may have).
    public static let maximumBlockFrames = 100_000_000
    /// The largest natural image side, pixels (4096, a power of two; the shipped recipe uses 256).
    public static let maximumImageSizePixels = 4_096
    /// The longest fixation or flicker segment, seconds (1 h), and the longest step hold, flash gap
    /// or burst pause, milliseconds (1 h): anything longer is one static frame for a whole block.
    public static let maximumDurationSeconds = 3_600.0
    /// The most frames of one white-noise refresh or flash, and the most flashes of one burst (10⁶).
    public static let maximumCount = 1_000_000

    /// Checks shares, sizes and ranges before anything is generated; throws
    /// ``SimulationError/invalidParameter(name:expected:found:)`` (64) naming the field as `recipe.<field>`.
    ///
    /// Ranges: `blockFrames` 1 … ``maximumBlockFrames``; `screenHeight`, `screenWidth` 1 …
    /// ``maximumScreenPixels``; each share in 0 … 1 (fractions of the blocks, normalised by their sum,
    /// which must be positive); `natural.imageSizePixels` a power of two in 2 … ``maximumImageSizePixels``;
    /// `natural.spectralExponent` 0 … 4; `natural.rmsContrast`, `natural.luminanceOffsetSD`,
    /// `fullFieldFlicker.stepContrastSD`, `fullFieldFlicker.backgroundRMSContrast` 0 … 10 (values are
    /// clipped to [−1, 1]); `natural.jitterPixelsPerFrame` 0 … `imageSizePixels`; fixation and segment
    /// seconds 0 < minimum ≤ maximum (mean) ≤ ``maximumDurationSeconds``; step holds 10 ms ≤ minimum ≤
    /// maximum ≤ 1 h; flash gaps 0 ≤ minimum ≤ mean ≤ 1 h; burst pause 0 … 1 h; white-noise
    /// `checkPixels` 1 … ``maximumScreenPixels``; refresh frames, flash frames and flashes per burst
    /// 1 ≤ minimum ≤ maximum ≤ ``maximumCount``; contrasts and probabilities 0 … 1.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ expected: String, _ found: Any) throws {
            if !ok { throw SimulationError.invalidParameter(name: "recipe.\(name)", expected: expected, found: "\(found)") }
        }
        func range(_ value: Double, _ name: String, _ lo: Double, _ hi: Double) throws {
            try check(value >= lo && value <= hi, name, "\(lo.plainText) … \(hi.plainText)", value)
        }
        func span<T: Comparable>(_ lo: T, _ hi: T, _ name: String, _ minimum: T, _ maximum: T, _ expected: String) throws {
            try check(lo >= minimum && hi >= lo && hi <= maximum, name, expected, "\(lo)…\(hi)")
        }
        try check((1...Self.maximumBlockFrames).contains(blockFrames), "blockFrames", "1 … \(Self.maximumBlockFrames) frames", blockFrames)
        for (name, side) in [("screenHeight", screenHeight), ("screenWidth", screenWidth)] {
            try check((1...Self.maximumScreenPixels).contains(side), name, "1 … \(Self.maximumScreenPixels) pixels", side)
        }
        for (n, s) in [("naturalShare", naturalShare), ("whiteNoiseShare", whiteNoiseShare),
                       ("fullFieldFlickerShare", fullFieldFlickerShare)] {
            try check((0...1).contains(s), n, "0 … 1 (a fraction of the blocks)", s)
        }
        try check(naturalShare + whiteNoiseShare + fullFieldFlickerShare > 0, "shares", "a positive sum", 0)
        let n = natural.imageSizePixels
        try check((2...Self.maximumImageSizePixels).contains(n) && n & (n - 1) == 0, "natural.imageSizePixels",
                  "a power of two in 2 … \(Self.maximumImageSizePixels)", n)
        try range(natural.spectralExponent, "natural.spectralExponent", 0, 4)
        try range(natural.rmsContrast, "natural.rmsContrast", 0, 10)
        let longest = Self.maximumDurationSeconds
        try check(natural.fixationMinimumSeconds > 0 && natural.fixationMeanSeconds >= natural.fixationMinimumSeconds
                    && natural.fixationMeanSeconds <= longest,
                  "natural.fixationMeanSeconds", "≥ fixationMinimumSeconds > 0 and ≤ \(longest.plainText) s",
                  "\(natural.fixationMeanSeconds) (minimum \(natural.fixationMinimumSeconds))")
        try range(natural.luminanceOffsetSD, "natural.luminanceOffsetSD", 0, 10)
        try range(natural.jitterPixelsPerFrame, "natural.jitterPixelsPerFrame", 0, Double(n))
        try check((1...Self.maximumScreenPixels).contains(whiteNoise.checkPixels), "whiteNoise.checkPixels",
                  "1 … \(Self.maximumScreenPixels) pixels", whiteNoise.checkPixels)
        try range(whiteNoise.contrast, "whiteNoise.contrast", 0, 1)
        try span(whiteNoise.refreshFramesMinimum, whiteNoise.refreshFramesMaximum, "whiteNoise.refreshFrames", 1, Self.maximumCount,
                 "1 ≤ minimum ≤ maximum ≤ \(Self.maximumCount)")
        let f = fullFieldFlicker
        try span(f.segmentMinimumSeconds, f.segmentMaximumSeconds, "fullFieldFlicker.segmentSeconds", .leastNonzeroMagnitude, longest,
                 "0 < minimum ≤ maximum ≤ \(longest.plainText) s")
        try span(f.stepHoldMinimumMilliseconds, f.stepHoldMaximumMilliseconds, "fullFieldFlicker.stepHoldMilliseconds", 10, longest * 1000,
                 "10 ≤ minimum ≤ maximum ≤ \((longest * 1000).plainText) ms")
        try range(f.stepContrastSD, "fullFieldFlicker.stepContrastSD", 0, 10)
        try range(f.grayLevelProbability, "fullFieldFlicker.grayLevelProbability", 0, 1)
        try range(f.backgroundRMSContrast, "fullFieldFlicker.backgroundRMSContrast", 0, 10)
        try span(f.flashFramesMinimum, f.flashFramesMaximum, "fullFieldFlicker.flashFrames", 1, Self.maximumCount,
                 "1 ≤ minimum ≤ maximum ≤ \(Self.maximumCount)")
        try span(f.flashContrastMinimum, f.flashContrastMaximum, "fullFieldFlicker.flashContrast", 0, 1, "0 ≤ minimum ≤ maximum ≤ 1")
        try range(f.darkFlashProbability, "fullFieldFlicker.darkFlashProbability", 0, 1)
        try span(f.burstFlashesMinimum, f.burstFlashesMaximum, "fullFieldFlicker.burstFlashes", 1, Self.maximumCount,
                 "1 ≤ minimum ≤ maximum ≤ \(Self.maximumCount)")
        try check(f.flashGapMinimumMilliseconds >= 0 && f.flashGapMeanMilliseconds >= f.flashGapMinimumMilliseconds
                    && f.flashGapMeanMilliseconds <= longest * 1000,
                  "fullFieldFlicker.flashGapMeanMilliseconds", "≥ flashGapMinimumMilliseconds ≥ 0 and ≤ \((longest * 1000).plainText) ms",
                  "\(f.flashGapMeanMilliseconds) (minimum \(f.flashGapMinimumMilliseconds))")
        try range(f.burstPauseMeanMilliseconds, "fullFieldFlicker.burstPauseMeanMilliseconds", 0, longest * 1000)
        try check((0...1).contains(f.flashBurstShare), "fullFieldFlicker.flashBurstShare", "in [0, 1]", f.flashBurstShare)
    }
}

private extension Double {
    /// Integral values without a fraction (3600, not 3600.0).
    var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)" }
}
