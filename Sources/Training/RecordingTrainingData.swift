import RetinaCNN
import RetinaCore
import Recordings

/// A recording cut into contiguous training, validation and test blocks, z-scored and paired.
///
/// - Normalisation: one scalar mean and std of the training block's raw movie
///   (``StimulusNormalisation``), applied to every block.
/// - Blocks: with a `test` split in the file, the last `validationFraction` of the training movie is
///   the validation block and the file's test split is the test set; without one, the last
///   `validationFraction` is the test block and the one before it the validation block. Contiguous
///   blocks keep overlapping windows out of the other blocks.
/// - Pairing: window i covers frames i … i + history − 1 and is paired with response bin
///   ``responseBin(window:history:pairing:)`` = i + history − 1 + lag (lag 0 for the tool's
///   `windowEnd`, 1 for deep-retina's `nextBin`); a block of F frames has F − history + 1 − lag
///   windows.
public struct RecordingTrainingData: Sendable {
    /// One contiguous block: z-scored movie, responses in Hz (frames × cells), optional repeats in Hz.
    public struct Block: Sendable {
        public var movie: Movie
        public var responsesHz: [Float]
        public var repeatsHz: [Float]?
        public var repeatCount: Int
        public var frames: Int { movie.frames }
    }

    public let history: Int
    public let pairing: ResponsePairing
    public let cells: Int
    public let normalisation: StimulusNormalisation
    public let train: Block
    public let validation: Block
    public let test: Block
    /// `test group` or `held-out block`.
    public let testSplit: String

    /// The response bin paired with window `i`.
    public static func responseBin(window i: Int, history: Int, pairing: ResponsePairing) -> Int {
        i + history - 1 + pairing.lagFrames
    }

    public func windowCount(_ b: Block) -> Int { max(0, b.frames - history + 1 - pairing.lagFrames) }

    /// Targets (Hz, one per cell) of window `i` of `block`.
    public func target(_ b: Block, window i: Int) -> ArraySlice<Float> {
        let bin = Self.responseBin(window: i, history: history, pairing: pairing)
        return b.responsesHz[(bin * cells)..<((bin + 1) * cells)]
    }

    /// The per-cell reference trace of `block` for window rows `0..<windowCount` (responses, or the
    /// repeat mean when `repeatMean`), Hz.
    public func reference(_ b: Block, cell c: Int, repeatMean: Bool) -> [Float] {
        let n = windowCount(b)
        return (0..<n).map { i in
            let bin = Self.responseBin(window: i, history: history, pairing: pairing)
            guard repeatMean, let r = b.repeatsHz, b.repeatCount > 0 else { return b.responsesHz[bin * cells + c] }
            var s: Float = 0
            for k in 0..<b.repeatCount { s += r[(k * b.frames + bin) * cells + c] }
            return s / Float(b.repeatCount)
        }
    }

    /// Trials `[k][row]` of one cell on the window rows of `block` (Hz).
    public func trials(_ b: Block, cell c: Int) -> [[Float]] {
        guard let r = b.repeatsHz else { return [] }
        let n = windowCount(b)
        return (0..<b.repeatCount).map { k in
            (0..<n).map { i in r[(k * b.frames + Self.responseBin(window: i, history: history, pairing: pairing)) * cells + c] }
        }
    }

    public init(recording: Recording, history: Int, pairing: ResponsePairing = .windowEnd,
                validationFraction: Double = 0.1) throws {
        let total = recording.train.frames
        let file = recording.provenance.file, datasets = recording.provenance.datasets
        let responsesDataset = datasets["train responses"] ?? datasets["spike times"] ?? "training responses"
        // The cell budget of one model (after --cells), before any block is copied.
        guard recording.cellCount <= RecordingLimits.maximumTrainingCells else {
            throw RecordingError.overLimit(path: file, dataset: responsesDataset, quantity: "the cells one model is trained on",
                                           limit: "≤ \(RecordingLimits.maximumTrainingCells) (RecordingLimits.maximumTrainingCells; choose cells with --cells)",
                                           found: "\(recording.cellCount)")
        }
        // One window of the test movie; the training block needs ≥ 2 windows more than its history,
        // because batch norm needs a batch of ≥ 2 and the recipe wants trainFrames ≥ history + batch
        // (83 frames passed a one-window check, then the recipe refused 41 training frames with 64).
        let minimum = history + 1 + pairing.lagFrames
        let trainMinimum = history + 2
        let blockFrames = max(history + 2, Int(Double(total) * validationFraction))  // the same for either pairing
        let hz = recording.hertzPerResponseUnit, cells = recording.cellCount
        func block(_ s: Recording.Split, _ range: Range<Int>) -> (Movie, [Float]) {
            (s.stimulus.slice(frames: range), s.responses[(range.lowerBound * cells)..<(range.upperBound * cells)].map { $0 * hz })
        }
        // Frame counts are checked before any range is formed: a range whose bounds cross traps.
        let heldOutBlocks = recording.test == nil ? 2 : 1
        let needed = trainMinimum + heldOutBlocks * blockFrames
        guard total >= needed, (recording.test?.frames ?? minimum) >= minimum else {
            let testShort = recording.test.map { $0.frames < minimum } ?? false
            let dataset = testShort ? datasets["test stimulus"] ?? "test movie" : datasets["train stimulus"] ?? "training movie"
            throw RecordingError.badShape(path: file, dataset: dataset,
                                          expected: testShort
                                            ? "a test movie of ≥ \(minimum) frames (window history \(history) + 1\(pairing.lagFrames > 0 ? " + 1 (next-bin)" : ""))"
                                            : "a training movie of ≥ \(needed) frames: a training block of ≥ \(trainMinimum) (window history \(history) + 2: batch norm needs a batch of ≥ 2 windows) and \(heldOutBlocks == 2 ? "validation and test blocks of \(blockFrames) frames each" : "a validation block of \(blockFrames) frames")",
                                          found: "\(testShort ? recording.test!.frames : total) frames")
        }
        let trainRange: Range<Int>, validationRange: Range<Int>
        var testRaw: (Movie, [Float], [Float]?, Int)
        if let t = recording.test {
            trainRange = 0..<(total - blockFrames); validationRange = (total - blockFrames)..<total
            testRaw = (t.stimulus, t.responses.map { $0 * hz }, t.repeats?.map { $0 * hz }, t.repeatCount)
            testSplit = "test group"
        } else {
            trainRange = 0..<(total - 2 * blockFrames)
            validationRange = (total - 2 * blockFrames)..<(total - blockFrames)
            let (m, r) = block(recording.train, (total - blockFrames)..<total)
            testRaw = (m, r, nil, 0)
            testSplit = "held-out block"
        }
        let (trainMovie, trainResponses) = block(recording.train, trainRange)
        // A constant block cannot be z-scored: bad data (65) naming the file and dataset, not a 64.
        let n: StimulusNormalisation
        do { n = try StimulusNormalisation(movie: trainMovie) } catch {
            let v = trainMovie.values
            throw RecordingError.overLimit(path: file, dataset: datasets["train stimulus"] ?? "training movie",
                                           quantity: "the standard deviation of the training block (frames \(trainRange.lowerBound)..<\(trainRange.upperBound); the z-score divides by it)",
                                           limit: "> 0", found: "0 (every value \(v.first ?? 0))" + (v.allSatisfy { $0 == v.first } ? "" : " (\(error))"))
        }
        let (valMovie, valResponses) = block(recording.train, validationRange)
        self.history = history; self.pairing = pairing; self.cells = cells; normalisation = n
        train = Block(movie: n.normalised(trainMovie), responsesHz: trainResponses, repeatsHz: nil, repeatCount: 0)
        validation = Block(movie: n.normalised(valMovie), responsesHz: valResponses, repeatsHz: nil, repeatCount: 0)
        test = Block(movie: n.normalised(testRaw.0), responsesHz: testRaw.1, repeatsHz: testRaw.2, repeatCount: testRaw.3)
    }
}
