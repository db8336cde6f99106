import XCTest
import ModelCards
import RetinaCore
@testable import RetinaSimulation
@testable import Training
import Recordings

final class MemoryCoverageTests: XCTestCase {
    /// A linear cell with a known biphasic filter (a slow second lobe past the window) on a white
    /// full-field stimulus: the filter comes back to 3 % of its peak, and the weight outside a
    /// 30-frame window matches the true filter's.
    func testLinearCellFilterIsRecovered() throws {
        let lags = 80, frames = 12_000
        let k = (0..<lags).map { t -> Double in
            let x = Double(t)
            return -exp(-pow((x - 8) / 4, 2)) + 0.35 * exp(-pow((x - 40) / 12, 2))
        }
        var rng = SeededRandom(seed: 5)
        let s = (0..<frames).map { _ in Float(rng.normal()) }
        var y = [Float](repeating: 0, count: frames)
        for t in 0..<frames {
            var sum = 0.0
            for tau in 0..<min(lags, t + 1) { sum += k[tau] * Double(s[t - tau]) }
            y[t] = Float(sum)
        }
        let movie = Movie(frames: frames, height: 1, width: 1, values: s)
        var settings = LongWindowFilter.Settings()
        settings.lags = lags
        let fit = LongWindowFilter.estimate(movie: movie, responses: y, cellCount: 1, cells: [0], settings: settings)[0]
        let peak = k.map(abs).max()!
        // The profile's sign is free (an STA slice); align it with the true filter first.
        var dot = 0.0
        for t in 0..<lags { dot += fit.filter[t] * k[t] }
        let sign: Double = dot >= 0 ? 1 : -1
        for t in 0..<lags { XCTAssertEqual(sign * fit.filter[t], k[t], accuracy: 0.03 * peak, "lag \(t)") }
        let truth = MemoryCoverage.weightOutside(k, window: 30, firstLag: 0)
        let found = MemoryCoverage.weightOutside(fit.filter, null: fit.null, window: 30, firstLag: 0)
        XCTAssertEqual(found, truth, accuracy: 0.03)
        XCTAssertGreaterThan(truth, 0.2, "the slow lobe must lie partly outside")
        // The null fit (response unrelated to the stimulus) stays near zero.
        XCTAssertLessThan(fit.null.map(abs).max()!, 0.05 * peak)
    }

    func testWeightOutsideClosedForm() {
        let k: [Double] = [0, 2, -1, 1, 0, -4]
        XCTAssertEqual(MemoryCoverage.weightOutside(k, window: 3, firstLag: 0), 5.0 / 8, accuracy: 1e-12)
        // Next-bin pairing sees lags 1 … 3.
        XCTAssertEqual(MemoryCoverage.weightOutside(k, window: 3, firstLag: 1), 4.0 / 8, accuracy: 1e-12)
        // The null level is subtracted per lag, floored at 0.
        XCTAssertEqual(MemoryCoverage.weightOutside(k, null: [0, 1, 1, 0, 0, 3], window: 3, firstLag: 0), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(MemoryCoverage.weightOutside([0, 0], window: 1, firstLag: 0), 0)
    }

    /// On the (tiny) simulated retina: a window past its memory loses nothing, a short one loses
    /// variance; the coverage grows with the window and the summary warns below 95 %.
    func testSimulatedRetinaCoverageGrowsWithTheWindow() throws {
        let retina = TinyTraining.retina()
        let stimulus = TinyTraining.recipe().stimulus
        var settings = MemoryCoverage.RetinaCheckSettings()
        settings.frames = 1_500; settings.sampledBins = 60; settings.measurePhenomena = false
        settings.filter.lags = 60
        let short = try MemoryCoverage.simulatedRetina(retina, windowFrames: 15, stimulus: stimulus, seed: 3, settings: settings)
        let long = try MemoryCoverage.simulatedRetina(retina, windowFrames: 250, stimulus: stimulus, seed: 3, settings: settings)
        XCTAssertEqual(short.cells.count, 2)
        XCTAssertEqual(short.sampledBins, 60)
        XCTAssertGreaterThan(long.coverage, 0.999)
        for c in long.cells { XCTAssertGreaterThan(c.truncatedCorrelation!, 0.9999) }
        XCTAssertLessThan(short.coverage, 0.95)
        XCTAssertFalse(short.isSufficient)
        XCTAssertTrue(short.summary.contains("Below 95 %"))
        XCTAssertGreaterThan(short.meanWeightOutsideWindow, long.meanWeightOutsideWindow)
        // Deterministic: the same check gives the same numbers.
        XCTAssertEqual(try MemoryCoverage.simulatedRetina(retina, windowFrames: 15, stimulus: stimulus, seed: 3, settings: settings), short)
    }

    /// The check's own movie is none of the training splits (its own seed purpose).
    func testCheckMovieSeedDiffersFromTheSplits() {
        let seeds = [TrainingData.SeedPurpose.trainStimulus, .validationStimulus, .testStimulus].map { TrainingData.seed($0, master: 1) }
        XCTAssertFalse(seeds.contains(MemoryCoverage.checkSeed(master: 1)))
    }
    /// A recording of a linear cell whose filter has a slow lobe at 40–60 frames: as `inspect-data
    /// --history` measures it, a 30-frame window misses that lobe (coverage below 95 %, warned) and a
    /// 90-frame window covers it; the training block excludes the validation and test blocks.
    func testRecordingCoverageFromAFile() throws {
        let lags = 80, frames = 14_000
        let k = (0..<lags).map { t -> Double in
            let x = Double(t)
            return -exp(-pow((x - 6) / 3, 2)) + 0.5 * exp(-pow((x - 50) / 8, 2))
        }
        var rng = SeededRandom(seed: 11)
        let s = (0..<frames).map { _ in Float(rng.normal()) }
        var y = [Float](repeating: 0, count: frames)
        for t in 0..<frames {
            var sum = 0.0
            for tau in 0..<min(lags, t + 1) { sum += k[tau] * Double(s[t - tau]) }
            y[t] = Float(20 + 5 * sum)
        }
        let movie = Movie(frames: frames, height: 1, width: 1, values: s)
        let recording = Recording(train: .init(stimulus: movie, responses: y), test: nil, cellIDs: ["c0"],
                                  responseUnit: .ratesHz, sourceFramePeriodSeconds: 0.01,
                                  provenance: .init(file: "/data/linear.h5", format: "npy"))
        let short = try MemoryCoverage.recording(recording, windowFrames: 30)
        let long = try MemoryCoverage.recording(recording, windowFrames: 90)
        let truth = MemoryCoverage.weightOutside(k, window: 30, firstLag: 0)
        XCTAssertEqual(short.meanWeightOutsideWindow, truth, accuracy: 0.04)
        XCTAssertFalse(short.isSufficient)
        XCTAssertLessThan(long.meanWeightOutsideWindow, 0.02)
        XCTAssertTrue(long.isSufficient)
        XCTAssertEqual(short.source, .recording)
        XCTAssertTrue(short.data.contains("linear.h5") && short.data.contains("window-end"), short.data)
        // 10 % validation and 10 % test blocks are left out: 80 % of the movie is fitted.
        XCTAssertTrue(short.data.contains("\(frames - 2 * (frames / 10)) frames"), short.data)
        // Next-bin pairing sees lags 1 … 30: slightly more of the slow lobe is inside than lags 0 … 29.
        let nextBin = try MemoryCoverage.recording(recording, windowFrames: 30, pairing: .nextBin)
        XCTAssertEqual(nextBin.firstLagFrames, 1)
        XCTAssertLessThanOrEqual(nextBin.meanWeightOutsideWindow, short.meanWeightOutsideWindow + 0.005)
    }
}
