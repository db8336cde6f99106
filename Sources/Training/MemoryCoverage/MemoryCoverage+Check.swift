import Foundation
import ModelCards
import Phenomena
import RetinaCore
import RetinaSimulation
import Recordings
import RetinaCNN

extension MemoryCoverage {
    /// Settings of the simulated retina's check: a held-out movie of `frames` frames from the
    /// recipe's stimulus ensemble (its own seed, never a training split's), `sampledBins` bins
    /// evenly spaced after the retina's warm-up, and optionally every phenomenon criterion.
    public struct RetinaCheckSettings: Sendable, Equatable {
        public var frames: Int = 6_000
        public var sampledBins: Int = 300
        /// Bins before this frame are skipped (the retina starts from gray; its slowest filters
        /// end within 2 s).
        public var warmUpFrames: Int = 200
        public var measurePhenomena: Bool = true
        public var filter = LongWindowFilter.Settings()
        public init() {}
    }

    /// The held-out movie's seed: derived from the recipe's master seed with its own purpose index,
    /// so it is none of the training, validation or test movies.
    static func checkSeed(master: UInt64) -> UInt64 {
        var r = SeededRandom.stream(seed: master, index: 101)
        return r.next()
    }

    /// The check for a model of `windowFrames` trained on `retina` with the stimulus ensemble
    /// `stimulus`: the retina restricted to the window against the full retina (r, FEV per cell on
    /// sampled bins), each cell's long-window filter and its weight outside the window (fitted to
    /// the full retina's noise-free rates), and — when `settings.measurePhenomena` — every criterion
    /// of `suite` on the truncated and on the full retina (reduced screens).
    ///
    /// Cost on 2 cores: about `sampledBins · windowFrames` retina frames plus the suite (a few seconds).
    public static func simulatedRetina(_ retina: SimulatedRetina, windowFrames: Int, stimulus: TrainingStimulusRecipe,
                                       seed: UInt64, suite: PhenomenonSuite = .validation,
                                       settings: RetinaCheckSettings = RetinaCheckSettings()) throws -> MemoryCoverage {
        let frames = max(settings.frames, settings.warmUpFrames + windowFrames + settings.filter.lags + 2)
        let movieSeed = checkSeed(master: seed)
        let movie = try trainingMovie(recipe: stimulus, frames: frames, seed: movieSeed)
        let full = try retina.ratesAllFrames(for: movie)
        let C = retina.cellCount
        let start = max(settings.warmUpFrames, windowFrames - 1)
        let span = frames - start
        let count = max(2, min(settings.sampledBins, span))
        let bins = (0..<count).map { start + $0 * span / count }
        let truncated = try WindowTruncatedModel(retina, windowFrames: windowFrames)
            .rates(for: movie, rows: bins.map { $0 - windowFrames + 1 })
        let filters = LongWindowFilter.estimate(movie: movie, responses: full.valuesHz, cellCount: C, cells: Array(0..<C),
                                                bins: settings.warmUpFrames..<frames, settings: settings.filter)
        let cells = (0..<C).map { c in
            let f = bins.map { Double(full[$0, c]) }, t = (0..<count).map { Double(truncated[$0, c]) }
            return Cell(cell: c, filter: filters[c].filter, null: filters[c].null,
                        weightOutsideWindow: weightOutside(filters[c].filter, null: filters[c].null, window: windowFrames, firstLag: 0),
                        truncatedCorrelation: Statistics.pearson(f, t) ?? 0,
                        truncatedFEV: Statistics.fractionOfVarianceExplained(target: f, prediction: t) ?? 0)
        }
        var truncatedCriteria: [CriterionResult]?, retinaCriteria: [CriterionResult]?
        if settings.measurePhenomena {
            var s = suite
            s.screenPolicy = .reduced
            s.trimsToAnalysedFrames = true     // exact: the truncated retina remembers exactly the window
            truncatedCriteria = try s.measure(WindowTruncatedModel(retina, windowFrames: windowFrames)).criteria
            s.trimsToAnalysedFrames = false    // the full retina remembers more than any window
            retinaCriteria = try s.measure(retina).criteria
        }
        return MemoryCoverage(source: .simulatedRetina, windowFrames: windowFrames, firstLagFrames: 0,
                              filterFrames: settings.filter.lags, cells: cells, sampledBins: count,
                              truncatedCriteria: truncatedCriteria, retinaCriteria: retinaCriteria,
                              data: "held-out movie of \(frames) frames from the training ensemble (seed \(movieSeed))")
    }

    /// The check for a model of `windowFrames` on a recording: each cell's long-window filter
    /// fitted to the training movie and responses (`responses` row-major frames × cells, one row per
    /// frame), and its weight outside the lags the model sees (`firstLagFrames` = the pairing's lag).
    public static func recording(movie: Movie, responses: [Float], cellCount: Int, windowFrames: Int, firstLagFrames: Int,
                                 description: String, settings: LongWindowFilter.Settings = .init()) -> MemoryCoverage {
        var s = settings
        s.lags = filterLags(windowFrames: windowFrames, firstLagFrames: firstLagFrames, settings: settings)
        let filters = LongWindowFilter.estimate(movie: movie, responses: responses, cellCount: cellCount,
                                                cells: Array(0..<cellCount), settings: s)
        let cells = filters.enumerated().map { c, fit in
            Cell(cell: c, filter: fit.filter, null: fit.null,
                 weightOutsideWindow: weightOutside(fit.filter, null: fit.null, window: windowFrames, firstLag: firstLagFrames))
        }
        return MemoryCoverage(source: .recording, windowFrames: windowFrames, firstLagFrames: firstLagFrames,
                              filterFrames: s.lags, cells: cells, data: description)
    }
}

extension MemoryCoverage {
    /// The check for a model of `windowFrames` on `recording` exactly as `train --data` pairs it:
    /// the training block of ``RecordingTrainingData`` (z-scored, the last validation and test
    /// blocks left out) and the pairing's lag as the first lag the model sees. For a model trained
    /// elsewhere (a converted checkpoint) on this recording, or before training, to choose a window.
    public static func recording(_ recording: Recording, windowFrames: Int, pairing: ResponsePairing = .windowEnd,
                                 settings: LongWindowFilter.Settings = .init()) throws -> MemoryCoverage {
        let data = try RecordingTrainingData(recording: recording, history: windowFrames, pairing: pairing)
        let name = URL(fileURLWithPath: recording.provenance.file).lastPathComponent
        guard let coverage = Self.recording(trainingData: data, fileName: name, settings: settings) else {
            throw RecordingError.badShape(
                path: recording.provenance.file, dataset: "training movie",
                expected: "at least \(minimumFrames(windowFrames: windowFrames, firstLagFrames: data.pairing.lagFrames, settings: settings)) "
                    + "frames in the training block to estimate filters over \(filterLags(windowFrames: windowFrames, firstLagFrames: data.pairing.lagFrames, settings: settings)) lags",
                found: "\(data.train.frames) frames")
        }
        return coverage
    }

    /// Taps of the long-window filter: the settings' (100) or the window plus lag plus 20, whichever is longer.
    static func filterLags(windowFrames: Int, firstLagFrames: Int, settings: LongWindowFilter.Settings) -> Int {
        max(settings.lags, windowFrames + firstLagFrames + 20)
    }

    /// The shortest training block the filters are estimated on: 10 bins per tap (below that the
    /// ridge fit is dominated by its prior and the "coverage" would say nothing).
    static func minimumFrames(windowFrames: Int, firstLagFrames: Int, settings: LongWindowFilter.Settings) -> Int {
        10 * filterLags(windowFrames: windowFrames, firstLagFrames: firstLagFrames, settings: settings)
    }

    /// The check on the training block of `data` (its window and pairing); nil when the block is
    /// shorter than ``minimumFrames(windowFrames:firstLagFrames:settings:)``.
    public static func recording(trainingData data: RecordingTrainingData, fileName: String,
                                 settings: LongWindowFilter.Settings = .init()) -> MemoryCoverage? {
        guard data.train.frames >= minimumFrames(windowFrames: data.history, firstLagFrames: data.pairing.lagFrames, settings: settings)
        else { return nil }
        return recording(movie: data.train.movie, responses: data.train.responsesHz, cellCount: data.cells, windowFrames: data.history,
                  firstLagFrames: data.pairing.lagFrames,
                  description: "training movie of \(fileName) (\(data.train.frames) frames, \(data.pairing.rawValue) pairing)",
                  settings: settings)
    }
}

extension MemoryCoverage {
    /// The coverage of a model with `card` and a `windowFrames` window: the card's own when stored,
    /// else (a card of the simulated retina written before the check existed) measured now on the
    /// card's retina and recipe; nil for a recording-trained or imported card without one (its
    /// training data is not at hand).
    public static func of(card: ModelCard, windowFrames: Int, measurePhenomena: Bool = true) throws -> MemoryCoverage? {
        if let stored = card.memoryCoverage, stored.windowFrames == windowFrames { return stored }
        guard card.dataSource == nil else { return nil }
        var settings = RetinaCheckSettings()
        settings.measurePhenomena = measurePhenomena
        return try simulatedRetina(card.trainingRetina,
                                   windowFrames: windowFrames, stimulus: card.recipe.stimulus, seed: card.recipe.seed,
                                   settings: settings)
    }
}
