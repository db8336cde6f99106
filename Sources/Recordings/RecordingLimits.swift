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
    /// Units of an NWB units table (a Neuropixels probe records about 1,000); the same as
    /// ``maximumCells`` and `ModelCard.maximumCells`.
    public static let maximumUnits = 10_000
    /// Cells (response rows) of any recording, checked from the responses' shape before they are
    /// read: `ModelCard.maximumCells`, so a model trained on the file can be validated.
    public static let maximumCells = 10_000
    /// Cells one model is trained on (after `--cells`): the readout's cost grows with the cells, and
    /// 5,000 cells ran for minutes on 8 samples. A multi-electrode array recording of a retina
    /// (deep-retina's 5–30, a 512-electrode array's few hundred) fits; select more with `--cells`.
    public static let maximumTrainingCells = 1_000
    /// Bytes of one split's stimulus movie as the reader returns it (Float values, after NWB's
    /// resampling to 10 ms bins): 4 GiB. A deep-retina movie of 360,000 frames of 50 × 50 (3.6 GB)
    /// fits; an NWB movie of 1,500 frames at 0.2 Hz (750,000 bins of 50 × 50, 7.5 GB, which training
    /// then copies: 19.5 GB on a 23 GB machine) does not. Checked from the declared shape (and the
    /// bin count) before the movie is allocated.
    public static let maximumMovieBytes = 4 << 30
    /// |value| of any stimulus pixel in the file's raw units: 15 × a 16-bit screen's 65,535. Larger
    /// values (photon fluxes, a stray 3.4e38) make the one-scalar z-score meaningless; rescale first.
    public static let maximumStimulusMagnitude: Float = 1e6
    /// A response in one 10 ms bin, in Hz: 10,000 Hz is 100 spikes in the bin (a neuron's refractory
    /// period allows about 10). Counts above 100 per bin, rates above 10,000 Hz, and negative values
    /// (a count or a rate is ≥ 0) are refused.
    public static let maximumResponseHz: Float = 10_000
    /// The mean response of one cell over a split, in Hz: retinal ganglion cells fire at most a few
    /// hundred Hz on average.
    public static let maximumMeanResponseHz: Double = 1_000
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
