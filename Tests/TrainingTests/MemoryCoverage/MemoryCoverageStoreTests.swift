import ArrayIO
import Foundation
import ModelCards
import XCTest
@testable import RetinaCNN
@testable import RetinaSimulation
@testable import Training

/// `MemoryCoverage.storeInCard`: a card written before the check existed gets it, measured on the
/// card's own retina; nothing else in the file changes.
final class MemoryCoverageStoreTests: XCTestCase {
    private func settings(bins: Int) -> MemoryCoverage.RetinaCheckSettings {
        var s = MemoryCoverage.RetinaCheckSettings()
        s.frames = 1_500; s.sampledBins = bins; s.measurePhenomena = false; s.filter.lags = 60
        return s
    }

    /// The bytes after the 8-byte length and the JSON header: every tensor's data.
    private func tensorBytes(_ url: URL) throws -> Data {
        let data = try Data(contentsOf: url)
        let n = data.prefix(8).enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
        return data.dropFirst(8 + n)
    }

    func testOldCardGetsTheCheckAndNothingElseChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var trained = try TrainingSession(recipe: TinyTraining.recipe(samples: 64), retina: TinyTraining.retina())
            .run(measurePhenomena: false)
        trained.card.memoryCoverage = nil   // a card from before the check
        let old = folder.appendingPathComponent("old.safetensors"), stamped = folder.appendingPathComponent("stamped.safetensors")
        try trained.write(to: old)

        let coverage = try MemoryCoverage.storeInCard(of: old, writingTo: stamped, settings: settings(bins: 60))
        // The same numbers as the check run directly on the card's retina, window and recipe.
        let retina = TinyTraining.retina()
        let direct = try MemoryCoverage.simulatedRetina(retina, windowFrames: trained.model.architecture.historyFrames,
                                                        stimulus: trained.card.recipe.stimulus, seed: trained.card.recipe.seed,
                                                        settings: settings(bins: 60))
        XCTAssertEqual(coverage, direct)
        XCTAssertEqual(coverage.windowFrames, trained.model.architecture.historyFrames)

        let before = try SafeTensorsFile.read(contentsOf: old), after = try SafeTensorsFile.read(contentsOf: stamped)
        XCTAssertEqual(try tensorBytes(stamped), try tensorBytes(old), "tensor data must be copied byte for byte")
        XCTAssertEqual(Set(after.metadata.keys), Set(before.metadata.keys))
        for (key, value) in before.metadata where key != ModelCard.metadataKey { XCTAssertEqual(after.metadata[key], value, key) }
        var card = try XCTUnwrap(try ModelCard.from(metadata: after.metadata))
        XCTAssertEqual(card.memoryCoverage, coverage)
        card.memoryCoverage = nil
        XCTAssertEqual(card, trained.card, "only the check is added to the card")
        XCTAssertEqual(try MemoryCoverage.of(card: try XCTUnwrap(try ModelCard.from(metadata: after.metadata)),
                                             windowFrames: coverage.windowFrames), coverage, "a stored check is read, not measured")

        // A card that has the check keeps it (60 bins stored, 30 asked for).
        let again = try MemoryCoverage.storeInCard(of: stamped, writingTo: folder.appendingPathComponent("again.safetensors"),
                                                   settings: settings(bins: 30))
        XCTAssertEqual(again.sampledBins, 60)
    }

    func testAFileWithoutACardIsRefusedAndNothingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try BNCNN(architecture: TinyTraining.recipe().architecture, seed: 2)
        let bare = folder.appendingPathComponent("bare.safetensors"), out = folder.appendingPathComponent("out.safetensors")
        try model.save(to: bare)
        XCTAssertThrowsError(try MemoryCoverage.storeInCard(of: bare, writingTo: out, settings: settings(bins: 60))) { error in
            guard case let TrainingError.coverageNotMeasurable(path, reason)? = error as? TrainingError else {
                return XCTFail("expected coverageNotMeasurable, got \(error)")
            }
            XCTAssertEqual(path, bare.path)
            XCTAssertTrue(reason.contains("no model card"), reason)
            XCTAssertEqual((error as? TrainingError)?.exitCode, 65)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }
}
