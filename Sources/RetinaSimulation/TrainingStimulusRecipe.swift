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

    /// Checks shares, sizes and ranges; throws ``SimulationError/invalidParameter(name:expected:found:)``.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ expected: String, _ found: Any) throws {
            if !ok { throw SimulationError.invalidParameter(name: "recipe.\(name)", expected: expected, found: "\(found)") }
        }
        try check(blockFrames > 0, "blockFrames", "> 0", blockFrames)
        try check(screenHeight > 0 && screenWidth > 0, "screen", "> 0 pixels", "\(screenHeight)x\(screenWidth)")
        for (n, s) in [("naturalShare", naturalShare), ("whiteNoiseShare", whiteNoiseShare),
                       ("fullFieldFlickerShare", fullFieldFlickerShare)] {
            try check(s >= 0 && s.isFinite, n, "≥ 0", s)
        }
        try check(naturalShare + whiteNoiseShare + fullFieldFlickerShare > 0, "shares", "a positive sum", 0)
        let n = natural.imageSizePixels
        try check(n >= 2 && n & (n - 1) == 0, "natural.imageSizePixels", "a power of two ≥ 2", n)
        try check(natural.fixationMinimumSeconds > 0 && natural.fixationMeanSeconds >= natural.fixationMinimumSeconds,
                  "natural.fixationMeanSeconds", "≥ fixationMinimumSeconds > 0", natural.fixationMeanSeconds)
        try check(natural.luminanceOffsetSD >= 0, "natural.luminanceOffsetSD", "≥ 0", natural.luminanceOffsetSD)
        try check(natural.jitterPixelsPerFrame >= 0, "natural.jitterPixelsPerFrame", "≥ 0", natural.jitterPixelsPerFrame)
        try check(whiteNoise.checkPixels > 0, "whiteNoise.checkPixels", "> 0", whiteNoise.checkPixels)
        try check(whiteNoise.refreshFramesMinimum >= 1 && whiteNoise.refreshFramesMaximum >= whiteNoise.refreshFramesMinimum,
                  "whiteNoise.refreshFrames", "1 ≤ minimum ≤ maximum",
                  "\(whiteNoise.refreshFramesMinimum)…\(whiteNoise.refreshFramesMaximum)")
        let f = fullFieldFlicker
        try check(f.segmentMinimumSeconds > 0 && f.segmentMaximumSeconds >= f.segmentMinimumSeconds,
                  "fullFieldFlicker.segmentSeconds", "0 < minimum ≤ maximum", "\(f.segmentMinimumSeconds)…\(f.segmentMaximumSeconds)")
        try check(f.stepHoldMinimumMilliseconds >= 10 && f.stepHoldMaximumMilliseconds >= f.stepHoldMinimumMilliseconds,
                  "fullFieldFlicker.stepHoldMilliseconds", "10 ≤ minimum ≤ maximum",
                  "\(f.stepHoldMinimumMilliseconds)…\(f.stepHoldMaximumMilliseconds)")
        try check(f.flashFramesMinimum >= 1 && f.flashFramesMaximum >= f.flashFramesMinimum,
                  "fullFieldFlicker.flashFrames", "1 ≤ minimum ≤ maximum", "\(f.flashFramesMinimum)…\(f.flashFramesMaximum)")
        try check(f.burstFlashesMinimum >= 1 && f.burstFlashesMaximum >= f.burstFlashesMinimum,
                  "fullFieldFlicker.burstFlashes", "1 ≤ minimum ≤ maximum", "\(f.burstFlashesMinimum)…\(f.burstFlashesMaximum)")
        try check(f.flashGapMinimumMilliseconds >= 0 && f.flashGapMeanMilliseconds >= f.flashGapMinimumMilliseconds,
                  "fullFieldFlicker.flashGapMeanMilliseconds", "≥ flashGapMinimumMilliseconds ≥ 0", f.flashGapMeanMilliseconds)
        try check((0...1).contains(f.flashBurstShare), "fullFieldFlicker.flashBurstShare", "in [0, 1]", f.flashBurstShare)
    }
}
