/// Physical units shared by every module.
///
/// The whole tool works on a 10 ms frame clock and a 55 µm pixel grid, the McIntosh/Tanaka
/// convention (`docs/method.md` §2.1). Stimulus values are contrast: 0 = mean gray,
/// negative = dark.
public enum Units {
    /// Duration of one stimulus frame (one time bin), in seconds.
    public static let frameSeconds: Double = 0.01
    /// Duration of one frame in milliseconds.
    public static let frameMilliseconds: Double = 10
    /// Size of one stimulus pixel on the retina, in micrometres.
    public static let pixelMicrons: Double = 55
    /// Frames of stimulus history the CNN sees per window (400 ms).
    public static let historyFrames: Int = 40

    /// Converts a number of frames to milliseconds.
    @inlinable public static func milliseconds(frames: Double) -> Double { frames * frameMilliseconds }
    /// Converts pixels to micrometres.
    @inlinable public static func microns(pixels: Double) -> Double { pixels * pixelMicrons }
    /// Converts a speed in pixels per frame to millimetres per second.
    @inlinable public static func millimetresPerSecond(pixelsPerFrame v: Double) -> Double {
        v * pixelMicrons / 1000 / frameSeconds
    }
}
