import RetinaCore

/// Contrast-adaptation protocol (Smirnakis et al. 1997; Baccus & Meister 2002): full-field flicker
/// whose contrast switches from low to high and back, repeated with fresh flicker each cycle.
///
/// Each cycle is one condition: `lead` gray frames, then three blocks of ``blockFrames`` — low
/// contrast (SD ``lowContrastSD``), high contrast (SD ``highContrastSD``), low contrast — of Gaussian
/// flicker, each value held ``holdFrames`` frames and clipped to ±1. The gain is measured in the
/// steady state of each contrast (``settleMs`` after a switch onwards), the time course on the
/// cycle-mean rate after each switch (`docs/method.md`, contrast adaptation).
public struct AdaptationProtocol: Codable, Sendable, Equatable {
    /// Flicker SD of the high- and low-contrast blocks (contrast units; 0 = gray).
    public var highContrastSD: Double
    public var lowContrastSD: Double
    /// Frames each flicker value is held (3 = 30 ms).
    public var holdFrames: Int
    /// Frames of each of the three blocks (300 = 3 s).
    public var blockFrames: Int
    /// Cycles (low → high → low), each a condition with its own flicker.
    public var cycles: Int
    /// Gray frames before the first block (raised to the model's `historyFrames` if smaller).
    public var leadInFrames: Int
    /// Seed of the flicker; cycle k uses `seed + k`.
    public var seed: UInt64
    /// Rows within this long after a switch are left out of the steady-state gain fit, ms.
    public var settleMs: Double
    /// Taps of the linear filter fitted per contrast, frames (40 = the CNN's 400 ms window).
    public var filterFrames: Int
    /// Width of the time bins of the gain time course after a switch, ms.
    public var gainBinMs: Double
    /// SD of the Gaussian applied to the cycle-mean rate shown in the figures, ms.
    public var transientSmoothingMs: Double
    /// Cycles explained by integrated gradients in the analyses (the others only join the
    /// reduced-circuit fit).
    public var explainedCycles: Int
    /// Rows explained by integrated gradients: from ``explainWindowStartMs`` to ``explainWindowEndMs``
    /// after the switch to high contrast.
    public var explainWindowStartMs: Double
    public var explainWindowEndMs: Double

    public init(highContrastSD: Double = 0.35, lowContrastSD: Double = 0.05, holdFrames: Int = 3, blockFrames: Int = 300,
                cycles: Int = 16, leadInFrames: Int = ProtocolDefaults.minimumLeadInFrames, seed: UInt64 = 1, settleMs: Double = 1000,
                filterFrames: Int = ProtocolDefaults.adaptationFilterFrames, gainBinMs: Double = 100, transientSmoothingMs: Double = 20,
                explainedCycles: Int = 2, explainWindowStartMs: Double = -100, explainWindowEndMs: Double = 500) {
        self.highContrastSD = highContrastSD; self.lowContrastSD = lowContrastSD; self.holdFrames = holdFrames
        self.blockFrames = blockFrames; self.cycles = cycles; self.leadInFrames = leadInFrames; self.seed = seed
        self.settleMs = settleMs; self.filterFrames = filterFrames; self.gainBinMs = gainBinMs
        self.transientSmoothingMs = transientSmoothingMs; self.explainedCycles = explainedCycles
        self.explainWindowStartMs = explainWindowStartMs; self.explainWindowEndMs = explainWindowEndMs
    }

    /// The validation and analysis protocol: SD 0.35 ↔ 0.05 (a 7-fold contrast step), 30 ms flicker,
    /// 3 s blocks, 16 cycles.
    public static let standard = AdaptationProtocol()
}

/// Event frames of one adaptation cycle (frames of the condition movie).
public struct AdaptationEvents: Codable, Sendable, Equatable {
    /// First frame of the first low-contrast block.
    public var firstBlockFrame: Int
    /// First frame of the high-contrast block (the switch up) and of the second low block (down).
    public var upSwitchFrame: Int
    public var downSwitchFrame: Int
    /// One past the last frame.
    public var endFrame: Int
    /// Full-field contrast of every frame of the movie.
    public var contrastByFrame: [Float]
}

public typealias AdaptationCondition = PhenomenonCondition<AdaptationEvents>
