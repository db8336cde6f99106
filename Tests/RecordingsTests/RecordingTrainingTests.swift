import ArrayIO
import Foundation
import ModelCards
import RetinaCNN
import RetinaCore
import XCTest
@testable import Recordings
@testable import Training

/// Pairing, normalisation and a short training run on the deep-retina fixture.
final class RecordingTrainingTests: XCTestCase {
    /// The pairing pin: window i (frames i … i+39) is paired with bin i+39 (tool) or i+40
    /// (deep-retina). A one-bin slip here is a 10 ms error in every latency.
    func testWindowResponsePairingAgainstTheScriptsNumbers() throws {
        let e = try expectedNumbers().dict("deep_retina")
        let p = try e.dict("pairing")
        let r = try RecordingReader.read(path: try fixturePath("deep_retina_small.h5"))
        let window = try p.int("window"), cell = try p.int("cell")
        XCTAssertEqual(RecordingTrainingData.responseBin(window: window, history: 40, pairing: .windowEnd), window + 39)
        XCTAssertEqual(RecordingTrainingData.responseBin(window: window, history: 40, pairing: .nextBin), window + 40)
        let tool = try RecordingTrainingData(recording: r, history: 40, pairing: .windowEnd)
        let toolSlice = tool.target(tool.train, window: window)
        XCTAssertEqual(Double(toolSlice[toolSlice.startIndex + cell]),
                       try p.double("window_end_target"), accuracy: 1e-5)
        let dr = try RecordingTrainingData(recording: r, history: 40, pairing: .nextBin)
        let slice = dr.target(dr.train, window: window)
        XCTAssertEqual(Double(slice[slice.startIndex + cell]), try p.double("deep_retina_target"), accuracy: 1e-5)
        XCTAssertEqual(dr.windowCount(dr.train), tool.windowCount(tool.train) - 1)
        XCTAssertEqual(tool.windowCount(tool.train), tool.train.frames - 39)
        // Contiguous blocks: validation is the end of the training movie, test is the test group.
        XCTAssertEqual(tool.train.frames + tool.validation.frames, r.train.frames)
        XCTAssertEqual(tool.testSplit, "test group")
        XCTAssertEqual(tool.test.frames, r.test?.frames)
    }

    func testNormalisationIsOneScalarMeanAndStdOfTheTrainingMovie() throws {
        let e = try expectedNumbers().dict("deep_retina").dict("normalisation")
        let r = try RecordingReader.read(path: try fixturePath("deep_retina_small.h5"))
        let whole = try StimulusNormalisation(movie: r.train.stimulus)
        XCTAssertEqual(whole.mean, try e.double("mean"), accuracy: 1e-9)
        XCTAssertEqual(whole.std, try e.double("std"), accuracy: 1e-9)
        let d = try RecordingTrainingData(recording: r, history: 40)
        // The training block alone sets the statistics; validation and test use the same numbers.
        XCTAssertEqual(d.normalisation, try StimulusNormalisation(movie: r.train.stimulus.slice(frames: 0..<d.train.frames)))
        let raw = r.test!.stimulus[3, 4, 5]
        XCTAssertEqual(Double(d.test.movie[3, 4, 5]), (Double(raw) - d.normalisation.mean) / d.normalisation.std, accuracy: 1e-5)
    }

    func testRepeatStatistics() {
        // Identical trials: ceiling 1 and a perfect prediction explains all explainable variance.
        let signal: [Float] = (0..<50).map { Float(sin(Double($0) / 3)) + 2 }
        let noisy: [[Float]] = (0..<4).map { k in signal.enumerated().map { $1 + Float(((($0 * 7 + k * 13) % 5) - 2)) * 0.01 } }
        XCTAssertGreaterThan(RepeatStatistics.noiseCeiling(noisy)!, 0.99)
        let mean = (0..<50).map { t in noisy.reduce(Float(0)) { $0 + $1[t] } / 4 }
        XCTAssertEqual(RepeatStatistics.fractionOfExplainableVarianceExplained(prediction: mean, trials: noisy)!, 1, accuracy: 0.01)
        XCTAssertLessThan(RepeatStatistics.fractionOfExplainableVarianceExplained(prediction: [Float](repeating: 2, count: 50), trials: noisy)!, 0.05)
    }

    /// Signal variance 1, trial noise variance 1, 4 trials: the mean's reliability is
    /// 1 / (1 + 1/4) = 0.8, so a perfect prediction reaches r = √0.8 ≈ 0.894 and FEVE 1.
    func testNoiseCeilingAndFEVEOnSignalPlusNoise() throws {
        var rng = SeededRandom(seed: 5)
        let signal = (0..<8000).map { _ in Float(rng.normal()) }
        let trials = (0..<4).map { _ in signal.map { $0 + Float(rng.normal()) } }
        XCTAssertEqual(try XCTUnwrap(RepeatStatistics.reliability(trials)), 0.8, accuracy: 0.02)
        let ceiling = try XCTUnwrap(RepeatStatistics.noiseCeiling(trials))
        XCTAssertEqual(ceiling, 0.8.squareRoot(), accuracy: 0.015)
        let mean = (0..<8000).map { t in trials.reduce(Float(0)) { $0 + $1[t] } / 4 }
        XCTAssertEqual(try XCTUnwrap(Statistics.pearson(signal.map(Double.init), mean.map(Double.init))), ceiling, accuracy: 0.015)
        XCTAssertEqual(try XCTUnwrap(RepeatStatistics.fractionOfExplainableVarianceExplained(prediction: signal, trials: trials)), 1, accuracy: 0.03)
    }

    func testShortTrainingWritesAModelWithItsDataSource() throws {
        let r = try RecordingReader.read(path: try fixturePath("deep_retina_small.h5"))
        var recipe = TrainingRecipe.shipped
        recipe.architecture = BNCNNArchitecture(cells: 3, historyFrames: 10, height: 8, width: 8, conv1Channels: 2, conv1Kernel: 3,
                                                conv2Channels: 2, conv2Kernel: 3)
        recipe.batchSize = 8; recipe.trainingSamples = 80; recipe.evaluationIntervalSamples = 40; recipe.warmupSteps = 2
        let session = try RecordingTrainingSession(recording: r, source: .init(fileName: "deep_retina_small.h5", sha256: "abc", selectedCells: nil, crop: nil),
                                                   recipe: recipe, pairing: .nextBin)
        let trained = try session.run()
        let d = try XCTUnwrap(trained.card.dataSource)
        XCTAssertEqual(d.pairing, .nextBin)
        XCTAssertEqual(d.test?.repeats, 4)
        XCTAssertEqual(d.test?.correlation.count, 3)
        XCTAssertEqual(trained.model.cellCentres?.count, 3)
        let url = try makeTemporaryFolder(self).appendingPathComponent("m.safetensors")
        try trained.write(to: url)
        let (loaded, metadata) = try BNCNN.load(contentsOf: url)
        XCTAssertEqual(try ResponsePairing.from(metadata: metadata), .nextBin)
        XCTAssertEqual(try StimulusNormalisation.from(metadata: metadata), session.data.normalisation)
        XCTAssertNotNil(metadata[RecordingDataSource.metadataKey])
        let stored = try XCTUnwrap(try ModelCard.from(metadata: metadata)?.dataSource)
        XCTAssertEqual(stored.normalisation, d.normalisation)
        XCTAssertEqual(stored.test?.correlation, d.test?.correlation)
        XCTAssertEqual(stored.datasets, d.datasets)
        // The raw-unit model gives the same rates on raw frames as the network on z-scored frames.
        let raw = r.test!.stimulus
        let a = try loaded.adaptedForInput(.raw, metadata: metadata).rates(for: raw)
        let b = try loaded.rates(for: session.data.normalisation.normalised(raw))
        XCTAssertEqual(a.valuesHz.count, b.valuesHz.count)
        XCTAssertFalse(a.valuesHz.isEmpty)
        for (x, y) in zip(a.valuesHz, b.valuesHz) { XCTAssertEqual(x, y, accuracy: 1e-3 * max(1, abs(y))) }
    }
}
