import Foundation
import XCTest

/// `inspect MODEL --store-coverage OUT`: a copy of the model whose card carries the memory-coverage
/// check; the shipped model's card has it, so the copy reads it back instead of measuring.
final class InspectStoreCoverageCLITests: XCTestCase {
    func testShippedCardCarriesTheCheckAndTheCopyKeepsIt() throws {
        let folder = try makeScratchFolder(self)
        let out = folder.appendingPathComponent("copy.safetensors")
        let wrote = try runTool(["inspect", shippedModel.path, "--store-coverage", out.path], in: folder, captureStandardOutput: true)
        XCTAssertEqual(wrote.status, 0, wrote.stderr)
        XCTAssertTrue(wrote.stdout.contains("memory coverage of the 60-frame (600 ms) window"), wrote.stdout)
        let shown = try runTool(["inspect", out.path], in: folder, captureStandardOutput: true)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("60-frame"), shown.stdout)
        // An existing file is not replaced without --overwrite (73), and is left as it was.
        let before = try Data(contentsOf: out)
        try Data("mine".utf8).write(to: out)
        let refused = try runTool(["inspect", shippedModel.path, "--store-coverage", out.path], in: folder)
        XCTAssertEqual(refused.status, 73, refused.stderr)
        XCTAssertEqual(try Data(contentsOf: out), Data("mine".utf8))
        let replaced = try runTool(["inspect", shippedModel.path, "--store-coverage", out.path, "--overwrite"], in: folder)
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertEqual(try Data(contentsOf: out), before, "the same model gives the same bytes")
    }

    func testRefusals() throws {
        let folder = try makeScratchFolder(self)
        let copy = folder.appendingPathComponent("model.safetensors")
        try FileManager.default.copyItem(at: shippedModel, to: copy)
        let itself = try runTool(["inspect", "model.safetensors", "--store-coverage", "model.safetensors", "--overwrite"], in: folder)
        XCTAssertEqual(itself.status, 64, itself.stderr)
        XCTAssertTrue(itself.stderr.contains("--store-coverage"), itself.stderr)
        let ensemble = try runTool(["inspect", folder.path, "--store-coverage", "x.safetensors"], in: folder)
        XCTAssertEqual(ensemble.status, 64, ensemble.stderr)
        XCTAssertTrue(ensemble.stderr.contains("single model file"), ensemble.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.safetensors").path))
    }
}
