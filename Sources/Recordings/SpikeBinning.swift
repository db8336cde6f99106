import RetinaCore

/// Turns spike times and a frame clock into 10 ms bins.
///
/// - Frame clocks within 1 % of 10 ms: bin k is the frame interval `[t_k, t_{k+1})` (the last frame
///   lasts one median period), so responses and frames correspond one to one.
/// - Other frame rates are resampled: bins of exactly 10 ms start at the first frame; each bin shows
///   the frame on screen at the bin's centre (sample and hold; frames shorter than 10 ms that fall
///   between two bin centres are skipped), and spikes are counted in the 10 ms intervals.
public enum SpikeBinning {
    /// Bin edges (seconds, count = bins + 1) and, per bin, the index of the frame it shows.
    public struct Clock: Sendable, Equatable {
        public var edges: [Double]
        public var frameOfBin: [Int]
        /// True when the frames were resampled to 10 ms bins.
        public var resampled: Bool
        public var bins: Int { frameOfBin.count }
    }

    /// The median interval between timestamps (seconds).
    public static func medianPeriod(_ timestamps: [Double]) -> Double {
        guard timestamps.count >= 2 else { return Units.frameSeconds }
        let d = zip(timestamps.dropFirst(), timestamps).map { $0 - $1 }.sorted()
        return d[d.count / 2]
    }

    /// The 10 ms clock for frames shown at `timestamps` (seconds, increasing, finite, non-empty).
    ///
    /// The bin count is computed in `Double` and checked before it becomes an `Int` or sizes an
    /// array: bins × `valuesPerBin` (pixels + units, what the reader allocates per bin) must stay
    /// within ``RecordingLimits/maximumBinnedValues``, else `overLimit` naming `dataset` (65).
    /// The movie of `pixelsPerBin` Float values per bin must fit ``RecordingLimits/maximumMovieBytes``
    /// (a 0.2 Hz series of 1,500 frames of 50 × 50 made 750,000 bins, 7.5 GB).
    public static func clock(timestamps: [Double], valuesPerBin: Int = 1, pixelsPerBin: Int = 0, file: String = "", dataset: String = "") throws -> Clock {
        let period = medianPeriod(timestamps)
        let end = (timestamps.last ?? 0) + period
        if abs(period - Units.frameSeconds) <= 0.01 * Units.frameSeconds {
            try requireMovieBudget(frames: Double(timestamps.count), pixels: Double(pixelsPerBin), file: file, dataset: dataset,
                                   detail: "\(timestamps.count) bins of 10 ms × \(pixelsPerBin) pixels")
            return Clock(edges: timestamps + [end], frameOfBin: Array(timestamps.indices), resampled: false)
        }
        guard period <= RecordingLimits.maximumFramePeriodSeconds else {
            throw RecordingError.overLimit(path: file, dataset: dataset, quantity: "the median frame period",
                                           limit: "≤ \(Int(RecordingLimits.maximumFramePeriodSeconds)) s (RecordingLimits.maximumFramePeriodSeconds; each frame becomes period / 10 ms bins)",
                                           found: String(format: "%.4g s", period))
        }
        let start = timestamps[0]
        let span = ((end - start) / Units.frameSeconds + 1e-9).rounded(.down)
        let limit = Double(RecordingLimits.maximumBinnedValues)
        guard span.isFinite, span >= 0, span * Double(max(1, valuesPerBin)) <= limit, let bins = Int(exactly: span) else {
            throw RecordingError.overLimit(path: file, dataset: dataset, quantity: "10 ms bins × (pixels + units)",
                                           limit: "≤ \(RecordingLimits.maximumBinnedValues) (RecordingLimits.maximumBinnedValues)",
                                           found: String(format: "%.3g bins × %d (frames of %.4g s span %.4g s)", span, valuesPerBin, period, end - start))
        }
        try requireMovieBudget(frames: span, pixels: Double(pixelsPerBin), file: file, dataset: dataset,
                               detail: String(format: "%.0f bins of 10 ms (frames of %.4g s resampled) × %d pixels", span, period, pixelsPerBin))
        var edges = [Double](), frames = [Int]()
        var f = 0
        for j in 0..<bins {
            let centre = start + (Double(j) + 0.5) * Units.frameSeconds
            while f + 1 < timestamps.count && timestamps[f + 1] <= centre { f += 1 }
            frames.append(f); edges.append(start + Double(j) * Units.frameSeconds)
        }
        edges.append(start + Double(bins) * Units.frameSeconds)
        return Clock(edges: edges, frameOfBin: frames, resampled: true)
    }

    /// Counts of `spikes` (seconds, any order) in each bin of `edges`; returns the counts and how
    /// many spikes fell outside `[edges.first, edges.last)`.
    public static func counts(_ spikes: ArraySlice<Double>, edges: [Double]) -> (counts: [Float], outside: Int) {
        var counts = [Float](repeating: 0, count: edges.count - 1)
        var outside = 0
        for s in spikes {
            guard s >= edges[0], s < edges[edges.count - 1] else { outside += 1; continue }
            // Largest k with edges[k] <= s.
            var lo = 0, hi = edges.count - 1
            while hi - lo > 1 { let mid = (lo + hi) / 2; if edges[mid] <= s { lo = mid } else { hi = mid } }
            counts[lo] += 1
        }
        return (counts, outside)
    }
}
