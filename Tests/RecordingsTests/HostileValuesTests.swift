import ArrayIO
import Foundation
import ModelCards
import RetinaCNN
import RetinaCore
import XCTest
@testable import Recordings
@testable import Training

/// The second hostile pass on the recording readers: budgets before allocation, response and
/// stimulus values, short movies, the repeats cell named, options a reader does not use.
final class HostileValuesTests: XCTestCase {
    /// A recording of `frames` frames of 4 × 4 with `cells` cells (spike counts), and a test split.
    func recording(frames: Int = 300, cells: Int = 2, testFrames: Int? = 60, stimulus: (Int) -> Float = { Float(($0 * 37) % 256) },
                   response: (Int) -> Float = { Float($0 % 3) }) -> Recording {
        func split(_ n: Int) -> Recording.Split {
            Recording.Split(stimulus: Movie(frames: n, height: 4, width: 4, values: (0..<(n * 16)).map(stimulus)),
                            responses: (0..<(n * cells)).map(response))
        }
        return Recording(train: split(frames), test: testFrames.map(split), cellIDs: (1...cells).map { String(format: "cell%02d", $0) },
                         responseUnit: .spikeCountsPerBin, sourceFramePeriodSeconds: 0.01,
                         provenance: RecordingProvenance(file: "in-memory", format: "deep-retina-hdf5"))
    }

    func write(_ r: Recording, _ name: String) throws -> String {
        let url = try makeTemporaryFolder(self).appendingPathComponent(name)
        try DeepRetinaWriter.write(r, to: url)
        return url.path
    }

    func refusal(_ body: () throws -> Any) -> RecordingError? {
        do { _ = try body(); return nil } catch { return error as? RecordingError }
    }

    func assertRefused(_ error: RecordingError?, exit: Int32, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard let error else { return XCTFail("accepted", file: file, line: line) }
        XCTAssertEqual(error.exitCode, exit, "\(error)", file: file, line: line)
        for f in fragments { XCTAssertTrue("\(error)".contains(f), "'\(f)' not in: \(error)", file: file, line: line) }
    }

    // MARK: 1. Budgets

    /// rate 0.2 Hz: 1,500 frames of 50 × 50 became 750,000 bins (7.5 GB as Float, under the 2³¹
    /// binned values): refused from the clock, before the movie is allocated.
    func testSlowSeriesIsRefusedByTheMovieBudget() {
        let timestamps = (0..<1500).map { Double($0) * 5 }
        let started = Date()
        let error = refusal { try SpikeBinning.clock(timestamps: timestamps, valuesPerBin: 2500 + 8, pixelsPerBin: 2500, file: "f.nwb", dataset: "/stimulus/presentation/movie/data") }
        assertRefused(error, exit: 65, ["f.nwb", "/stimulus/presentation/movie/data", "RecordingLimits.maximumMovieBytes", "4.29 GB", "7.5 GB", "750000 bins"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        // 100 Hz frames are checked too; a small slow movie is not refused.
        XCTAssertNotNil(refusal { try SpikeBinning.clock(timestamps: (0..<500_000).map { Double($0) * 0.01 }, pixelsPerBin: 2500) })
        XCTAssertNil(refusal { try SpikeBinning.clock(timestamps: (0..<100).map { Double($0) * 5 }, pixelsPerBin: 2500) })
    }

    /// 5,000 cells trained for minutes on 8 samples: one model takes ≤ 1,000 cells (65 naming the file,
    /// the dataset, the limit and --cells); 1,000 are accepted.
    func testTrainingCellBudget() throws {
        var r = recording(frames: 200, cells: 1001, testFrames: nil)
        r.provenance.datasets["train responses"] = "/train/response/binned"
        assertRefused(refusal { try RecordingTrainingData(recording: r, history: 10) }, exit: 65,
                      ["in-memory", "/train/response/binned", "RecordingLimits.maximumTrainingCells", "≤ 1000", "found 1001", "--cells"])
        XCTAssertNil(refusal { try RecordingTrainingData(recording: try r.selecting(cells: Array(0..<1000)), history: 10) })
    }

    /// More cells than a model card can hold are refused by the reader from the declared shape.
    func testReaderCellBudget() throws {
        let path = try write(recording(frames: 50, cells: 10_001, testFrames: nil, response: { _ in 0 }), "wide.h5")
        assertRefused(refusal { try RecordingReader.read(path: path) }, exit: 65,
                      [path, "/train/response/binned", "RecordingLimits.maximumCells", "≤ 10000", "found 10001"])
        XCTAssertEqual(RecordingLimits.maximumCells, ModelCard.maximumCells)
    }

    // MARK: 2. Values

    func testNegativeAndAbsurdResponsesAreRefusedNamingTheDataset() throws {
        let negative = try write(recording(response: { $0 == 7 ? -1 : 1 }), "neg.h5")
        assertRefused(refusal { try RecordingReader.read(path: negative) }, exit: 65,
                      [negative, "/train/response/binned", "must be ≥ 0", "found -1.0 at bin 3, cell cell02"])
        let huge = try write(recording(response: { $0 == 0 ? 4.611686e18 : 1 }), "huge.h5")  // 2⁶² spikes
        assertRefused(refusal { try RecordingReader.read(path: huge) }, exit: 65,
                      [huge, "/train/response/binned", "≤ 100 spikes per 10 ms bin", "RecordingLimits.maximumResponseHz"])
        var rates = recording(response: { $0 == 5 ? 1e30 : 0.5 })
        rates.responseUnit = .ratesHz
        let ratesPath = try write(rates, "rates.h5")
        assertRefused(refusal { try RecordingReader.read(path: ratesPath) }, exit: 65,
                      [ratesPath, "/train/response/firing_rate_10ms", "≤ 10000 Hz", "1e+30"])
        // The test split and its repeats are checked too.
        var test = recording()
        test.test!.responses[3] = -5
        let testPath = try write(test, "testneg.h5")
        assertRefused(refusal { try RecordingReader.read(path: testPath) }, exit: 65, [testPath, "/test/response/binned", "-5.0"])
        var repeats = recording()
        repeats.test!.repeats = (0..<(3 * 60 * 2)).map { $0 == 121 ? -2 : 1 }; repeats.test!.repeatCount = 3
        let repeatsPath = try write(repeats, "repneg.h5")
        assertRefused(refusal { try RecordingReader.read(path: repeatsPath) }, exit: 65,
                      [repeatsPath, "/test/repeats/cell02", "-2.0 at repeat 1, bin 0, cell cell02"])
        // A mean over 1,000 Hz (every bin at 20 spikes = 2,000 Hz).
        let busy = try write(recording(response: { _ in 20 }), "busy.h5")
        assertRefused(refusal { try RecordingReader.read(path: busy) }, exit: 65,
                      [busy, "/train/response/binned", "mean response", "RecordingLimits.maximumMeanResponseHz", "2000 Hz for cell cell01"])
        // An NPY pair: responses are rates (non-integers) and one is negative.
        let folder = try makeTemporaryFolder(self)
        try NPYArray(shape: [100, 4, 4], values: (0..<1600).map { Float($0 % 7) }).write(to: folder.appendingPathComponent("stimulus.npy"))
        try NPYArray(shape: [100, 2], values: (0..<200).map { $0 == 9 ? -0.5 : 1.5 }).write(to: folder.appendingPathComponent("responses.npy"))
        assertRefused(refusal { try RecordingReader.read(path: folder.path) }, exit: 65,
                      [folder.appendingPathComponent("responses.npy").path, "≥ 0", "-0.5 at bin 4, cell 1"])
        // Plausible values pass.
        XCTAssertNoThrow(try RecordingReader.read(path: try write(recording(), "ok.h5")))
    }

    /// One stimulus pixel of 3.4e38 trained (z-score mean 10³², std 10³⁵).
    func testAbsurdStimulusValuesAreRefused() throws {
        let path = try write(recording(stimulus: { $0 == 35 ? 3.4e38 : Float($0 % 200) }), "stim.h5")
        assertRefused(refusal { try RecordingReader.read(path: path) }, exit: 65,
                      [path, "/train/stimulus", "RecordingLimits.maximumStimulusMagnitude", "3.4e+38 at frame 2, pixel (0, 3)"])
    }

    /// A constant training movie gave 64 "cannot z-score it" naming no file: 65 naming the file and dataset.
    func testConstantTrainingMovieIsBadData() throws {
        var r = recording(stimulus: { _ in 128 })
        r.provenance.datasets["train stimulus"] = "/train/stimulus"
        assertRefused(refusal { try RecordingTrainingData(recording: r, history: 10) }, exit: 65,
                      ["in-memory", "/train/stimulus", "standard deviation", "> 0", "every value 128"])
    }

    // MARK: 3. Short movies

    /// 83 frames (with a test split, history 40) passed the recording check and the recipe then refused
    /// 41 training frames with 64 naming no file. Now: 83 → 65 naming the file and 84 frames; 84 trains.
    func testShortMovieIsRefusedByTheRecordingCheckWithWhatTheRecipeNeeds() throws {
        var recipe = TrainingRecipe.shipped
        recipe.architecture = BNCNNArchitecture(cells: 2, historyFrames: 40, height: 4, width: 4, conv1Channels: 2, conv1Kernel: 3,
                                                conv2Channels: 2, conv2Kernel: 1)
        recipe.batchSize = 8; recipe.trainingSamples = 8; recipe.evaluationIntervalSamples = 8
        let source = RecordingTrainingSession.SourceInfo(fileName: "short.h5", sha256: nil, selectedCells: nil, crop: nil)
        var short = recording(frames: 83, testFrames: 60)
        short.provenance.file = "short.h5"; short.provenance.datasets["train stimulus"] = "/train/stimulus"
        assertRefused(refusal { try RecordingTrainingSession(recording: short, source: source, recipe: recipe) }, exit: 65,
                      ["short.h5", "/train/stimulus", "≥ 84 frames", "found 83 frames"])
        for pairing in [ResponsePairing.windowEnd, .nextBin] {
            let session = try RecordingTrainingSession(recording: recording(frames: 84, testFrames: 60), source: source, recipe: recipe, pairing: pairing)
            XCTAssertEqual(session.recipe.trainFrames, 42)
            XCTAssertEqual(session.recipe.batchSize, 2)
        }
        // Without a test split: a training block of 42 and two held-out blocks of 42.
        assertRefused(refusal { try RecordingTrainingSession(recording: recording(frames: 125, testFrames: nil), source: source, recipe: recipe) },
                      exit: 65, ["≥ 126 frames", "found 125 frames"])
        XCTAssertNil(refusal { try RecordingTrainingSession(recording: recording(frames: 126, testFrames: nil), source: source, recipe: recipe) })
    }

    // MARK: 4. The repeats cell named

    /// cell01 (3, 350), the others (3, 300): the error blamed cell02.
    func testTheRepeatsCellThatDiffersIsNamed() throws {
        var r = recording(frames: 300, cells: 3, testFrames: 300)
        r.test!.repeats = [Float](repeating: 1, count: 3 * 300 * 3); r.test!.repeatCount = 3
        let path = try write(r, "rep.h5")
        try rewriteDataset(path, "/test/repeats/cell01", shape: [3, 350])
        assertRefused(refusal { try RecordingReader.read(path: path) }, exit: 65,
                      [path, "/test/repeats/cell01", "[3, 300] (2 of 3 cells)", "found shape [3, 350]"])
        try rewriteDataset(path, "/test/repeats/cell01", shape: [3, 300])
        try rewriteDataset(path, "/test/repeats/cell03", shape: [2, 300])
        assertRefused(refusal { try RecordingReader.read(path: path) }, exit: 65, ["/test/repeats/cell03", "found shape [2, 300]"])
    }

    /// Replaces `dataset` with ones of `shape` (a copy of the file without it, then the new one).
    func rewriteDataset(_ path: String, _ dataset: String, shape: [Int]) throws {
        let old = try HDF5File(readingAt: path)
        var entries: [(String, [Int], [Float])] = []
        func walk(_ group: String) throws {
            for name in try old.children(of: group) {
                let full = (group == "/" ? "" : group) + "/" + name
                if old.isGroup(full) { entries.append((full, [], [])); try walk(full) } else if full != dataset {
                    let (s, v) = try old.readFloats(full); entries.append((full, s, v))
                }
            }
        }
        try walk("/")
        let temp = path + ".new"
        do {
            let out = try HDF5File(creatingAt: temp)
            for (name, s, v) in entries { if s.isEmpty && v.isEmpty && old.isGroup(name) { try out.createGroup(name) } else { try out.write(name, shape: s, float32: v) } }
            try out.write(dataset, shape: shape, float32: [Float](repeating: 1, count: shape.reduce(1, *)))
            try out.flush()
        }
        XCTAssertEqual(rename(temp, path), 0)
    }

    // MARK: 6. Options a reader does not use

    func testOptionsTheReaderDoesNotUseAreRefused() throws {
        let path = try write(recording(), "dr.h5")
        assertRefused(refusal { try RecordingReader.read(path: path, options: .init(series: "movie")) }, exit: 64,
                      ["--series", path, "deep-retina HDF5 file", "found 'movie'"])
        assertRefused(refusal { try RecordingReader.read(path: path, options: .init(series: "")) }, exit: 64, ["--series", "found ''"])
        assertRefused(refusal { try RecordingReader.read(path: path, options: .init(responses: "r.npy")) }, exit: 64,
                      ["--responses", path, "found 'r.npy'"])
        XCTAssertNoThrow(try RecordingReader.read(path: path))
    }
}
