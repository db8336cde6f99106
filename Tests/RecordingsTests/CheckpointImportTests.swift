import ArrayIO
import Foundation
import RetinaCNN
import RetinaCore
import XCTest

/// Both torch-deep-retina BNCNN layouts, converted by Tools/convert_torch_deep_retina.py, against
/// PyTorch's own eval-mode forward pass on a raw-unit stimulus (Fixtures/make_checkpoints.py).
final class CheckpointImportTests: XCTestCase {
    func check(layout: String) throws {
        let e = try expectedNumbers().dict("checkpoints")
        let (model, metadata) = try BNCNN.load(contentsOf: URL(fileURLWithPath: try fixturePath("checkpoint_\(layout).safetensors")))
        let norm = try XCTUnwrap(try StimulusNormalisation.from(metadata: metadata))
        let stats = try e.dict("norm_stats")
        XCTAssertEqual(norm.mean, try stats.double("mean")); XCTAssertEqual(norm.std, try stats.double("std"))
        XCTAssertEqual(try ResponsePairing.from(metadata: metadata), .nextBin)
        XCTAssertNotNil(metadata["data_source"])
        XCTAssertEqual(metadata["torch_cells"], "[3, 7]")
        let raw = try NPYArray.read(contentsOf: URL(fileURLWithPath: try fixturePath("checkpoint_stimulus_raw.npy"))).movie(source: "stimulus")
        let expected = try NPYArray.read(contentsOf: URL(fileURLWithPath: try fixturePath("checkpoint_\(layout)_rates.npy")))
        let rates = try model.adaptedForInput(.raw, metadata: metadata).rates(for: raw)
        XCTAssertEqual([rates.rows, rates.cells], expected.shape)
        var worst: Float = 0
        for (a, b) in zip(rates.valuesHz, expected.values) { worst = max(worst, abs(a - b) / max(1e-3, abs(b))) }
        XCTAssertLessThan(worst, 1e-4, "max relative error vs PyTorch (\(layout) layout)")
        XCTAssertEqual(Double(rates[3, 1]), try e.dict(layout).double("rate_probe"), accuracy: 1e-4 * max(1, abs(Double(rates[3, 1]))))
    }

    func testOlderLayoutDenseAt11MatchesTorch() throws { try check(layout: "old") }

    /// Dense at sequential.13 with a bias (folded into the output batch norm), sigma entries ignored.
    func testNewerLayoutDenseAt13WithBiasAndSigmaMatchesTorch() throws { try check(layout: "new") }

    func testWrongLayerOrderIsRefusedNamingTheFile() throws {
        var file = try SafeTensorsFile.read(contentsOf: URL(fileURLWithPath: try fixturePath("checkpoint_new.safetensors")))
        file.tensors["sequential.20.running_mean"] = file.tensors["sequential.14.running_mean"]
        XCTAssertThrowsError(try BNCNN(safeTensors: file)) { error in
            XCTAssertTrue("\(error)".contains("checkpoint_new.safetensors") && "\(error)".contains("batch norm"), "\(error)")
        }
    }
}
