import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

/// The engine at two windows, one odd (7 and 12 frames): forward pass and layer 1 against the direct
/// Double reference (the `predict` oracle), the 1-D bar path, the trainer's conv1 gradient against
/// finite differences, and the model file.
final class HistoryWindowEngineTests: XCTestCase {
    private func architecture(_ window: Int) -> BNCNNArchitecture {
        BNCNNArchitecture(cells: 2, historyFrames: window, height: 9, width: 8, conv1Channels: 2, conv1Kernel: 3,
                          conv2Channels: 2, conv2Kernel: 3)
    }

    func testForwardPassMatchesTheDirectReferenceAtTwoWindows() throws {
        for window in [7, 12] {
            let a = architecture(window)
            let model = try TestNets.randomModel(a, seed: 41)
            let movie = TestNets.randomMovie(frames: window + 20, height: a.height, width: a.width, seed: 42)
            let rates = try model.rates(for: movie)
            XCTAssertEqual(rates.rows, 21, "T \(window)")
            let ref = ReferenceBNCNN(model)
            let expected = (0..<rates.rows).flatMap { ref.rates(window: TestNets.window(movie, $0, history: window)) }
            XCTAssertLessThan(TestNets.maxRelativeError(rates.valuesHz, expected), 1e-5, "T \(window)")
            let z = model.layer1Preactivations(of: movie)
            let conv1 = (0..<rates.rows).flatMap { ref.conv1(TestNets.window(movie, $0, history: window)) }
            XCTAssertLessThan(TestNets.maxRelativeError(z, conv1), 1e-5, "T \(window) layer 1")
            // Vertical bars take the 1-D layer-1 path: the same numbers.
            let strip = TestNets.randomMovie(frames: window + 5, height: 1, width: a.width, seed: 43)
            var bars: [Float] = []
            for f in 0..<strip.frames { for _ in 0..<a.height { bars += strip.values[(f * a.width)..<((f + 1) * a.width)] } }
            let barMovie = Movie(frames: strip.frames, height: a.height, width: a.width, values: bars)
            XCTAssertTrue(BNCNN.isColumnConstant(barMovie))
            let barExpected = (0..<6).flatMap { ref.rates(window: TestNets.window(barMovie, $0, history: window)) }
            XCTAssertLessThan(TestNets.maxRelativeError(try model.rates(for: barMovie).valuesHz, barExpected), 1e-5, "T \(window) bars")
        }
    }

    func testTrainerConv1GradientMatchesFiniteDifferencesAtAnOddWindow() throws {
        let a = architecture(7)
        let model = try TestNets.randomModel(a, seed: 44)
        let movie = TestNets.randomMovie(frames: 16, height: a.height, width: a.width, seed: 45)
        var rng = SeededRandom(seed: 46)
        let starts = [0, 3, 9]
        let targets = (0..<(starts.count * a.cells)).map { _ in Float(rng.poisson(1.5)) }
        let n1 = (0..<(starts.count * a.layer1Units)).map { _ in Float(0.05 * rng.normal()) }
        let n2 = (0..<(starts.count * a.layer2Units)).map { _ in Float(0.05 * rng.normal()) }
        let trainer = try BNCNNTrainer(model: model, movie: movie, l2: 0, seed: 1)
        let pass = trainer.runPass(TrainingBatch(windowStarts: starts, targets: targets), noise: .given(layer1: n1, layer2: n2))
        let windows = starts.map { TestNets.window(movie, $0, history: 7) }
        let t = starts.indices.map { b in (0..<a.cells).map { Double(targets[b * a.cells + $0]) } }
        let d1 = starts.indices.map { b in (0..<a.layer1Units).map { Double(n1[b * a.layer1Units + $0]) } }
        let d2 = starts.indices.map { b in (0..<a.layer2Units).map { Double(n2[b * a.layer2Units + $0]) } }
        // Taps at the oldest and newest frame of the window, and one in between.
        let k = a.conv1Kernel * a.conv1Kernel
        let indices = [0, 3 * k + 4, 6 * k + 8, 7 * k + 2]   // channel 0 at lags 0, 3, 6; channel 1 at the oldest tap
        var analytic: [Double] = [], numeric: [Double] = []
        for index in indices {
            var plus = ReferenceBNCNN(model), minus = plus
            plus.w1[index] += 1e-5; minus.w1[index] -= 1e-5
            let fd = (plus.loss(windows: windows, targets: t, noise1: d1, noise2: d2, l2: 0)
                - minus.loss(windows: windows, targets: t, noise1: d1, noise2: d2, l2: 0)) / 2e-5
            analytic.append(Double(pass.gradients.conv1Weight[index])); numeric.append(fd)
        }
        let scale = numeric.map(abs).max()!
        XCTAssertGreaterThan(scale, 1e-6, "finite differences vanish")
        for i in indices.indices { XCTAssertEqual(analytic[i], numeric[i], accuracy: 2e-3 * scale, "conv1 tap \(indices[i])") }
    }

    func testModelFileKeepsTheWindow() throws {
        let model = try TestNets.randomModel(architecture(7), seed: 47)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("window-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url, metadata: [:])
        let (loaded, _) = try BNCNN.load(contentsOf: url)
        XCTAssertEqual(loaded.architecture, model.architecture)
        XCTAssertEqual(loaded.historyFrames, 7)
    }
}
