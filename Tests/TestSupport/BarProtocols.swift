import Phenomena

/// Short bar protocols for the small screens of the test networks (`TinyBNCNN`, the 4 × 12 bar toys).
public enum TinyBarProtocols {
    /// A 2-px bar at 0.3 px/frame over 8 px, flashes at −2…2 px from the peak-search centre, 30 frames after each flash.
    public static let anticipation = AnticipationProtocol(barWidthPixels: 2, speedsPixelsPerFrame: [0.3], travelPixels: 8,
                                                          peakSearchHalfWidthPixels: 5, flashOffsetsPixels: [-2, -1, 0, 1, 2],
                                                          framesAfterFlash: 30)

    /// A 2-px bar approaching over 8 px at `speeds` (px/frame), reversing at −2, 0 and 2 px from the
    /// centre, 46 frames after the reversal, 300 ms recorded before it.
    public static func reversal(speeds: [Double]) -> ReversalProtocol {
        ReversalProtocol(barWidthPixels: 2, speedsPixelsPerFrame: speeds, approachDistancePixels: 8, framesAfterReversal: 46,
                         reversalOffsetsPixels: [-2, 0, 2], recordBeforeReversalMs: 300)
    }
}
