import RetinaCore

/// A recording brought in from a file: stimulus movies in the file's raw units and the responses of
/// a population of cells on one 10 ms clock.
///
/// Invariants (checked by every reader): both splits have the same frame size; `responses` has
/// `stimulus.frames × cellIDs.count` values (row-major, frame-major: index `t · cells + c`); repeats,
/// when present, have `repeatCount × stimulus.frames × cells` values; every value is finite.
/// Response row `t` is the bin of stimulus frame `t` (the same 10 ms interval). Which stimulus
/// window predicts which bin is a training choice (``ResponsePairing``), not part of the data.
public struct Recording: Sendable {
    /// What the response numbers are.
    public enum ResponseUnit: String, Codable, Sendable {
        /// Spike counts per 10 ms bin.
        case spikeCountsPerBin
        /// Firing rates in Hz (possibly smoothed, as deep-retina's `firing_rate_10ms`).
        case ratesHz
    }

    /// One split: a stimulus movie and the responses (and optional repeats) on its frames.
    public struct Split: Sendable {
        /// Frames × height × width in the file's raw units (e.g. 0…255 luminance), 10 ms frames.
        public var stimulus: Movie
        /// Frames × cells, row-major, in ``Recording/responseUnit``.
        public var responses: [Float]
        /// Repeats × frames × cells (trial repeats of this split's movie), or nil.
        public var repeats: [Float]?
        public var repeatCount: Int

        public init(stimulus: Movie, responses: [Float], repeats: [Float]? = nil, repeatCount: Int = 0) {
            self.stimulus = stimulus; self.responses = responses; self.repeats = repeats; self.repeatCount = repeatCount
        }

        public var frames: Int { stimulus.frames }

        /// Mean over repeats, frames × cells (nil without repeats).
        public func repeatMean(cells: Int) -> [Float]? {
            guard let repeats, repeatCount > 0 else { return nil }
            let n = frames * cells
            var m = [Float](repeating: 0, count: n)
            for r in 0..<repeatCount { for i in 0..<n { m[i] += repeats[r * n + i] } }
            return m.map { $0 / Float(repeatCount) }
        }
    }

    public var train: Split
    /// The repeated test segment (deep-retina `test` group), when the file has one.
    public var test: Split?
    /// One id per cell (deep-retina `cell01`…, NWB unit ids, NPY column numbers).
    public var cellIDs: [String]
    public var responseUnit: ResponseUnit
    /// Frame period of the file before any resampling, seconds (the recording itself is always on
    /// 10 ms bins, ``Units/frameSeconds``).
    public var sourceFramePeriodSeconds: Double
    public var provenance: RecordingProvenance

    public init(train: Split, test: Split?, cellIDs: [String], responseUnit: ResponseUnit,
                sourceFramePeriodSeconds: Double, provenance: RecordingProvenance) {
        self.train = train; self.test = test; self.cellIDs = cellIDs; self.responseUnit = responseUnit
        self.sourceFramePeriodSeconds = sourceFramePeriodSeconds; self.provenance = provenance
    }

    public var cellCount: Int { cellIDs.count }
    /// Frame size (height, width) in pixels.
    public var frameSize: (height: Int, width: Int) { (train.stimulus.height, train.stimulus.width) }

    /// Factor turning a response value into Hz (100 for counts per 10 ms bin, 1 for rates).
    public var hertzPerResponseUnit: Float {
        responseUnit == .spikeCountsPerBin ? Float(1 / Units.frameSeconds) : 1
    }
}

/// Where a recording came from: file, format, which datasets were used, and what the reader changed.
public struct RecordingProvenance: Codable, Sendable, Equatable {
    public var file: String
    /// `deep-retina-hdf5`, `nwb`, `npy`.
    public var format: String
    /// Role → dataset path inside the file (e.g. `train responses` → `/train/response/binned`).
    public var datasets: [String: String]
    /// Everything the reader trimmed, transposed, dropped or resampled, one sentence each.
    public var warnings: [String]

    public init(file: String, format: String, datasets: [String: String] = [:], warnings: [String] = []) {
        self.file = file; self.format = format; self.datasets = datasets; self.warnings = warnings
    }
}
