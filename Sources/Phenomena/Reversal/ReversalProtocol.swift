import RetinaCore

/// Motion-reversal protocol: a full-height dark bar moves right, reverses at a chosen point and
/// moves back; a population of cells fires a burst at a nearly fixed latency after the reversal.
///
/// The population is built by translation: for each cell, the reversal happens at
/// `RF centre + offset` for every offset in ``reversalOffsetsPixels`` (ground truth: 21 points
/// 2 px apart, ±20 px). For a model whose cells are fixed on the screen the stimulus is
/// translated; cells whose centres give the same reversal points share movies (all cells of a
/// column do for vertical bars). Each reversal movie has a no-reversal control: the same bar
/// keeps moving right past the reversal point.
///
/// Presets: ``groundTruth`` (docs/ground-truth-retina.md §4.1) and ``tanaka`` (docs/method.md §6.3:
/// 2 px bar, 0.19 and 0.14 px/frame, reversal 9 px before to 2 px past the RF centre).
public struct ReversalProtocol: Codable, Sendable, Equatable {
    /// Bar contrast (−1 = dark).
    public var barContrast: Double
    /// Bar width, px.
    public var barWidthPixels: Double
    /// Bar speeds, px per frame (0.2 px/frame = 1.1 mm/s).
    public var speedsPixelsPerFrame: [Double]
    /// The bar starts about this far before the reversal point (exactly `speed × round(d / speed)`).
    public var approachDistancePixels: Double
    /// Frames recorded after the reversal frame (must cover the burst window and the control's
    /// +300 ms).
    public var framesAfterReversal: Int
    /// Reversal points relative to each RF centre, px (positive = past the centre, in the
    /// direction of the approach).
    public var reversalOffsetsPixels: [Double]
    /// Gray frames before the bar appears (raised to the model's `historyFrames` if smaller).
    public var leadInFrames: Int
    /// Burst = largest local maximum of the population rate in this window after reversal, ms.
    public var burstWindowStartMs: Double
    public var burstWindowEndMs: Double
    /// Smooth-motion reference: maximum of the no-reversal population rate within ± this many ms
    /// of the time the bar passes the reversal point.
    public var controlWindowHalfWidthMs: Double
    /// Recorded (and plotted) from this many ms before the reversal.
    public var recordBeforeReversalMs: Double

    public init(barContrast: Double = -1, barWidthPixels: Double = 4,
                speedsPixelsPerFrame: [Double] = [0.14, 0.2, 0.4, 0.6], approachDistancePixels: Double = 40,
                framesAfterReversal: Int = 60,
                reversalOffsetsPixels: [Double] = stride(from: -20.0, through: 20.0, by: 2.0).map { $0 },
                leadInFrames: Int = ProtocolDefaults.minimumLeadInFrames, burstWindowStartMs: Double = 100,
                burstWindowEndMs: Double = 450, controlWindowHalfWidthMs: Double = 300,
                recordBeforeReversalMs: Double = 700) {
        self.barContrast = barContrast; self.barWidthPixels = barWidthPixels
        self.speedsPixelsPerFrame = speedsPixelsPerFrame; self.approachDistancePixels = approachDistancePixels
        self.framesAfterReversal = framesAfterReversal; self.reversalOffsetsPixels = reversalOffsetsPixels
        self.leadInFrames = leadInFrames; self.burstWindowStartMs = burstWindowStartMs
        self.burstWindowEndMs = burstWindowEndMs; self.controlWindowHalfWidthMs = controlWindowHalfWidthMs
        self.recordBeforeReversalMs = recordBeforeReversalMs
    }

    /// Ground-truth validation protocol: 4 px dark bar, 0.14 / 0.2 / 0.4 / 0.6 px/frame,
    /// 21 reversal points ±20 px around each RF centre.
    public static let groundTruth = ReversalProtocol()

    /// Tanaka's analysis preset: 2 px dark bar at 0.19 px/frame (notebook) and 0.14 px/frame
    /// (Neuron script), reversal 9 px before to 2 px past the RF centre (12 points, his
    /// `x_flip = −9 … 2` relative to the screen centre, here relative to each RF centre), recorded
    /// to 1.1 s after reversal as in his plots.
    public static let tanaka = ReversalProtocol(
        barWidthPixels: 2, speedsPixelsPerFrame: [0.19, 0.14], framesAfterReversal: 110,
        reversalOffsetsPixels: (-9...2).map(Double.init))

    /// Frames from the bar's first position to the reversal point: `round(approach / speed)`.
    public func approachFrames(speed: Double) -> Int {
        max(1, Int((approachDistancePixels / speed).rounded()))
    }

    /// Distinct reversal points (absolute px, sorted) needed for cells centred at `centresX`:
    /// the union of `centre + offset`; points closer than 1e-6 px are merged.
    public func reversalPoints(centresX: [Double]) -> [Double] {
        let all = centresX.flatMap { c in reversalOffsetsPixels.map { c + $0 } }.sorted()
        var out: [Double] = []
        for p in all where out.last.map({ abs($0 - p) > 1e-6 }) ?? true { out.append(p) }
        return out
    }
}

/// Direction of bar motion along x.
public enum MotionDirection: String, Codable, Sendable, CaseIterable {
    case rightward, leftward
    /// +1 for rightward, −1 for leftward.
    public var sign: Double { self == .rightward ? 1 : -1 }
}

/// Event frames of one moving-bar condition.
public struct BarEvents: Codable, Sendable, Equatable {
    /// Bar centre (px) at every frame of the movie; nil = gray frame.
    public var barCentrePixelsByFrame: [Double?]
    /// Bar speed, px per frame.
    public var speedPixelsPerFrame: Double
    /// Direction of the approach.
    public var direction: MotionDirection
    /// Frame the bar is at ``referencePointPixels``: the reversal frame, or for a control bar the
    /// frame it passes the would-be reversal point.
    public var referenceFrame: Int
    /// The reversal point (or the passing point of a control bar), px.
    public var referencePointPixels: Double
    /// True when the bar reverses at `referenceFrame`.
    public var reverses: Bool

    public init(barCentrePixelsByFrame: [Double?], speedPixelsPerFrame: Double, direction: MotionDirection,
                referenceFrame: Int, referencePointPixels: Double, reverses: Bool) {
        self.barCentrePixelsByFrame = barCentrePixelsByFrame; self.speedPixelsPerFrame = speedPixelsPerFrame
        self.direction = direction; self.referenceFrame = referenceFrame
        self.referencePointPixels = referencePointPixels; self.reverses = reverses
    }

    /// Bar centre at a fractional frame, linearly interpolated between frames; nil outside the
    /// motion.
    public func barCentre(atFrame f: Double) -> Double? {
        let i = Int(f.rounded(.down))
        guard i >= 0, i < barCentrePixelsByFrame.count, let a = barCentrePixelsByFrame[i] else { return nil }
        let frac = f - Double(i)
        if frac == 0 { return a }
        guard i + 1 < barCentrePixelsByFrame.count, let b = barCentrePixelsByFrame[i + 1] else { return a }
        return a + frac * (b - a)
    }
}

public typealias ReversalCondition = PhenomenonCondition<BarEvents>
