import Foundation

/// The work budget of the recording readers: what a file may make them allocate or compute before a
/// single value is read. Every count a file declares (dataset sizes, clock bins, units, spikes) is
/// checked against these, with checked arithmetic, before the memory is allocated; a file over a
/// limit is refused (65) with the dataset, the quantity and the limit named.
///
/// The limits are far above any real recording (a deep-retina movie of 360,000 frames of 50 × 50 is
/// 0.9 × 10⁹ values, 3.6 GB as Float) and far below what the hostile files declared (10¹⁵
/// values), so a typo or an attack fails in milliseconds instead of aborting after minutes.
public enum RecordingLimits {
    /// Bytes one dataset may decode to (its element count × 4 for Float, × 8 for Double).
    public static let maximumDatasetBytes = 8 << 30
    /// Time bins × (pixels per frame + units) of one binned NWB split (`SpikeBinning` output); the
    /// same 8 GiB as Float values.
    public static let maximumBinnedValues = 2 << 30
    /// Units of an NWB units table (a Neuropixels probe records about 1,000).
    public static let maximumUnits = 10_000
    /// The median frame period an NWB series may have: each frame becomes period / 10 ms bins, so
    /// `rate` 0.001 Hz would make 10⁵ bins of every frame. Ten seconds covers slow flash protocols.
    public static let maximumFramePeriodSeconds = 10.0
    /// |time| in seconds on any NWB clock (spike times, timestamps, starting_time): about 31 years.
    public static let maximumSeconds = 1e9
    /// A filtered (compressed) chunked dataset may declare at most this many times the bytes it stores:
    /// deflate, the filter every HDF5 build has, cannot exceed about 1032 : 1.
    public static let maximumCompressionRatio = 1100

    /// Human-readable byte count (`8 GiB`, `2.5 TB`).
    static func bytes(_ n: Double) -> String {
        if n >= 1e12 { return String(format: "%.3g TB", n / 1e12) }
        if n >= 1e9 { return String(format: "%.3g GB", n / 1e9) }
        if n >= 1e6 { return String(format: "%.3g MB", n / 1e6) }
        return "\(Int(n)) bytes"
    }
}
