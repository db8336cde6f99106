import ArrayIO
import Foundation
import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

final class BNCNNWeightsFileTests: XCTestCase {
    func fixtureURL(_ name: String) throws -> URL {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent(name)
    }

    func temporaryURL(_ name: String) -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("RetinaCNNTests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir.appendingPathComponent(name)
    }

    /// The NumPy float64 forward pass of make_bncnn_fixture.py (PyTorch names, no architecture
    /// metadata, int64 num_batches_tracked) against our engine.
    func testPythonFixtureMatchesIndependentNumPyForwardPass() throws {
        let (model, metadata) = try BNCNN.load(contentsOf: fixtureURL("bncnn_small.safetensors"))
        XCTAssertNil(metadata[BNCNN.architectureMetadataKey])
        XCTAssertEqual(model.architecture, BNCNNArchitecture(cells: 3, historyFrames: 8, height: 20, width: 20, conv1Channels: 4,
                                                             conv1Kernel: 5, conv2Channels: 3, conv2Kernel: 3, batchNorm: .perUnit))
        let stimulus = try NPYArray.read(contentsOf: fixtureURL("bncnn_small_stimulus.npy"))
        XCTAssertEqual(stimulus.shape, [11, 20, 20])
        let expected = try NPYArray.read(contentsOf: fixtureURL("bncnn_small_rates.npy"))
        XCTAssertEqual(expected.shape, [4, 3])
        let rates = try model.rates(for: Movie(frames: 11, height: 20, width: 20, values: stimulus.values))
        let relative = zip(rates.valuesHz, expected.values).map { abs($0 - $1) / abs($1) }.max()!
        XCTAssertLessThanOrEqual(relative, 1e-4)
    }

    func testSaveLoadRoundTripKeepsEverything() throws {
        for mode in [BatchNormMode.perUnit, .perChannel] {
            let model = try TestNets.randomModel(TestNets.tiny(mode), seed: 7)
                .withCellCentres([(y: 5, x: 4.5), (y: 6, x: 2), (y: 1.25, x: 9)])
            let url = temporaryURL("model-\(mode).safetensors")
            try model.save(to: url, metadata: ["recipe": "{\"lr\":0.001}", "toolVersion": ToolVersion.current])
            let (loaded, metadata) = try BNCNN.load(contentsOf: url)
            XCTAssertEqual(loaded, model, "\(mode)")
            XCTAssertEqual(metadata["recipe"], "{\"lr\":0.001}")
            XCTAssertEqual(metadata["toolVersion"], ToolVersion.current)
            XCTAssertNotNil(metadata[BNCNN.architectureMetadataKey])
            // The documented names and shapes.
            let file = try SafeTensorsFile.read(contentsOf: url)
            let a = model.architecture
            XCTAssertEqual(file.tensors["sequential.0.weight"]?.shape, [3, 3, 5, 5])
            XCTAssertEqual(file.tensors["sequential.2.running_var"]?.shape, [a.bn1Count])
            XCTAssertEqual(file.tensors["sequential.6.weight"]?.shape, [2, 3, 3, 3])
            XCTAssertEqual(file.tensors["sequential.8.weight"]?.shape, [a.bn2Count])
            XCTAssertEqual(file.tensors["sequential.11.weight"]?.shape, [3, a.layer2Units])
            XCTAssertEqual(file.tensors["sequential.12.bias"]?.shape, [3])
            XCTAssertEqual(file.tensors["sequential.12.num_batches_tracked"]?.dtype, .i64)
            XCTAssertEqual(file.tensors.count, 5 + 3 * 5)
        }
    }

    func testFileWithoutArchitectureMetadataInfersTheSizes() throws {
        for mode in [BatchNormMode.perUnit, .perChannel] {
            var a = TestNets.tiny(mode)
            a.width = a.height  // inference assumes square maps
            let model = try TestNets.randomModel(a, seed: 9)
            var file = try model.safeTensors()
            file.metadata = [:]
            let loaded = try BNCNN(safeTensors: file)
            XCTAssertEqual(loaded.architecture, a, "\(mode)")
            XCTAssertEqual(loaded.parameters, model.parameters)
        }
    }

    func testMalformedFilesGiveErrorsNamingTensorAndFile() throws {
        let model = try TestNets.randomModel(TestNets.tiny(), seed: 3)
        let good = try model.safeTensors()
        func expectError(_ mutate: (inout SafeTensorsFile) -> Void, mentions: [String], line: UInt = #line) {
            var f = good
            mutate(&f)
            let url = temporaryURL("bad.safetensors")
            do {
                try f.write(to: url)
                _ = try BNCNN.load(contentsOf: url)
                XCTFail("expected an error", line: line)
            } catch let e as ToolError {
                XCTAssertEqual(e.exitCode, ExitStatus.dataError, "\(e)", line: line)
                for m in mentions + [url.lastPathComponent] {
                    XCTAssertTrue(e.description.contains(m), "'\(e.description)' should mention '\(m)'", line: line)
                }
            } catch {
                XCTFail("unexpected error \(error)", line: line)
            }
        }
        expectError({ $0.tensors["sequential.6.bias"] = nil }, mentions: ["sequential.6.bias", "missing"])
        expectError({ $0.tensors["sequential.0.weight"] = TensorRecord(float32: [Float](repeating: 0, count: 3 * 3 * 5 * 4), shape: [3, 3, 5, 4]) },
                    mentions: ["sequential.0.weight", "[3, 3, 5, 4]", "[3, 3, 5, 5]"])
        expectError({ f in
            var w = model.parameters.denseWeight; w[17] = .nan
            f.tensors["sequential.11.weight"] = TensorRecord(float32: w, shape: f.tensors["sequential.11.weight"]!.shape)
        }, mentions: ["sequential.11.weight", "NaN", "17"])
        expectError({ f in
            var v = model.parameters.bn2.runningVariance; v[2] = -1
            f.tensors["sequential.8.running_var"] = TensorRecord(float32: v, shape: [v.count])
        }, mentions: ["sequential.8.running_var", "negative"])
        expectError({ $0.metadata[BNCNN.architectureMetadataKey] = "{\"cells\": 3}" }, mentions: ["architecture"])
        // Without metadata: inconsistent channel counts between the two convolutions.
        expectError({ f in
            f.metadata = [:]
            f.tensors["sequential.6.weight"] = TensorRecord(float32: [Float](repeating: 0, count: 2 * 2 * 9), shape: [2, 2, 3, 3])
        }, mentions: ["sequential.6.weight", "input channels"])
    }

    func testMissingFileIsAnInputError() {
        XCTAssertThrowsError(try BNCNN.load(contentsOf: URL(fileURLWithPath: "/nonexistent/model.safetensors"))) { e in
            XCTAssertEqual((e as? ToolError)?.exitCode, ExitStatus.noInput)
        }
    }

    func testTrainerStateRoundTripResumesExactly() throws {
        let a = TestNets.tiny()
        let model = try TestNets.randomModel(a, seed: 4)
        let movie = TestNets.randomMovie(frames: 30, height: a.height, width: a.width, seed: 6)
        func batch(_ k: Int) -> TrainingBatch {
            var rng = SeededRandom(seed: UInt64(100 + k))
            let starts = (0..<6).map { _ in Int(rng.uniform(0, 28)) }
            return TrainingBatch(windowStarts: starts, targets: (0..<18).map { _ in Float(rng.poisson(2)) })
        }
        let t1 = try BNCNNTrainer(model: model, movie: movie, l2: 0.01, seed: 8)
        for k in 0..<3 { try t1.step(batch(k), learningRate: 1e-2) }
        let url = temporaryURL("state.safetensors")
        try t1.exportState().safeTensors().write(to: url)
        let state = try BNCNNTrainerState(safeTensors: SafeTensorsFile.read(contentsOf: url))
        XCTAssertEqual(state, t1.exportState())
        let t2 = try BNCNNTrainer(model: model, movie: movie, l2: 0.01, seed: 8)
        try t2.restore(state)
        let r1 = try t1.step(batch(3), learningRate: 1e-2), r2 = try t2.step(batch(3), learningRate: 1e-2)
        XCTAssertEqual(r1, r2)
        XCTAssertEqual(t1.model, t2.model)
        // A state of another architecture is refused.
        let other = try BNCNNTrainer(model: try BNCNN(architecture: TestNets.tiny(.perChannel), seed: 1), movie: movie, l2: 0, seed: 1)
        XCTAssertThrowsError(try other.restore(state))
    }
}
