import Foundation
import XCTest
import RetinaCNN
import RetinaCore
import ModelCards
@testable import Training

final class EnsembleTrainingTests: XCTestCase {
    private func training(_ dir: URL, seeds: [UInt64], list: [UInt64]? = nil, samples: Int = 256, resume: Bool = false,
                          overwrite: Bool = false) throws -> EnsembleTraining {
        EnsembleTraining(directory: dir, recipe: TinyTraining.recipe(samples: samples), seeds: seeds,
                         manifestSeeds: try list.map { try SeedList(seeds: $0) }, resume: resume, overwrite: overwrite,
                         measurePhenomena: false, retina: TinyTraining.retina())
    }

    /// Two members trained one after the other: each is exactly the model a single run with its
    /// seed gives; ensemble.json lists them; a second run skips both without touching them.
    func testTrainsEachMemberWithItsSeedAndSkipsFinishedOnes() throws {
        let dir = try EnsembleFixture.folder(self).appendingPathComponent("new/ensemble")
        let t = try training(dir, seeds: [2, 1], list: [1, 2])
        let plans = try t.prepare()
        XCTAssertEqual(plans.map(\.seed), [1, 2])
        XCTAssertEqual(plans.map(\.action), [.train, .train])
        let outcomes = try t.run(plans)
        XCTAssertEqual(outcomes.map { $0.trained != nil }, [true, true])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["ensemble.json", "member-1.safetensors", "member-2.safetensors"])
        let manifest = try EnsembleManifest.read(contentsOf: EnsembleFiles.manifestURL(in: dir))
        XCTAssertEqual(manifest.seeds, [1, 2])
        XCTAssertEqual(manifest.recipe, TinyTraining.recipe(samples: 256).withoutSeed)
        XCTAssertEqual(manifest.recipeHash, TinyTraining.recipe(samples: 256, seed: 99).fingerprint)

        let single = try TrainingSession(recipe: TinyTraining.recipe(samples: 256, seed: 2), retina: TinyTraining.retina())
            .run(measurePhenomena: false)
        let memberBytes = try Data(contentsOf: EnsembleFiles.memberURL(seed: 2, in: dir))
        let (member2, metadata) = try BNCNN.load(contentsOf: EnsembleFiles.memberURL(seed: 2, in: dir))
        XCTAssertEqual(member2.parameters, single.model.parameters)
        XCTAssertEqual(try ModelCard.from(metadata: metadata)?.recipe.seed, 2)

        let ensemble = try ModelEnsemble.load(directory: dir)
        XCTAssertEqual(ensemble.members.map(\.seed), [1, 2])
        XCTAssertNotEqual(ensemble.members[0].model.parameters, ensemble.members[1].model.parameters)

        let again = try training(dir, seeds: [1, 2], list: [1, 2])
        let replan = try again.prepare()
        XCTAssertEqual(replan.map(\.action), [.skip, .skip])
        XCTAssertEqual(try again.run(replan).map { $0.trained == nil }, [true, true])
        XCTAssertEqual(try Data(contentsOf: EnsembleFiles.memberURL(seed: 2, in: dir)), memberBytes)
    }

    /// Nothing is replaced or lost without being asked: a member of another recipe, an
    /// ensemble.json of other seeds, a checkpoint without --resume; a task's seed must be listed.
    func testRefusesToReplaceOrLoseWork() throws {
        let dir = try EnsembleFixture.folder(self)
        var other = TinyTraining.recipe(samples: 256); other.learningRate = 0.01
        try EnsembleFixture.write(seed: 1, in: dir, recipe: other)
        XCTAssertThrowsError(try training(dir, seeds: [1]).prepare()) { error in
            XCTAssertEqual((error as? EnsembleError)?.exitCode, ExitStatus.usage)
            XCTAssertTrue("\(error)".contains("member-1.safetensors' already exists"), "\(error)")
            XCTAssertTrue("\(error)".contains("learningRate"), "\(error)")
        }
        XCTAssertEqual(try training(dir, seeds: [1], overwrite: true).prepare().map(\.action), [.train])

        try EnsembleManifest(seeds: try SeedList(seeds: [1, 2, 3]), recipe: TinyTraining.recipe(samples: 256))
            .write(to: EnsembleFiles.manifestURL(in: dir))
        XCTAssertThrowsError(try training(dir, seeds: [2], list: [1, 2]).prepare()) {
            XCTAssertTrue("\($0)".contains("ensemble.json' describes another ensemble: seeds expected 1-3 or a list containing them, found 1-2"), "\($0)")
        }
        XCTAssertNoThrow(try training(dir, seeds: [4], list: [1, 2, 3, 4]).prepare(), "a longer list grows the ensemble")
        XCTAssertThrowsError(try training(dir, seeds: [4]).prepare()) {
            XCTAssertTrue("\($0)".contains("seeds expected one of 1-3, found 4"), "\($0)")
        }
        XCTAssertThrowsError(try training(dir, seeds: [4], list: [1, 2, 3]).prepare()) {
            XCTAssertTrue("\($0)".contains("one of the ensemble's seeds 1-3"), "\($0)")
        }
        XCTAssertThrowsError(try training(dir, seeds: [2], list: [1, 2, 3], samples: 512).prepare()) {
            XCTAssertTrue("\($0)".contains("recipe expected"), "\($0)")
            XCTAssertTrue("\($0)".contains("trainingSamples"), "\($0)")
        }

        try Data("x".utf8).write(to: EnsembleFiles.checkpointURL(seed: 2, in: dir))
        XCTAssertThrowsError(try training(dir, seeds: [2], list: [1, 2, 3]).prepare()) {
            XCTAssertEqual($0 as? EnsembleError, .unusedCheckpoint(path: EnsembleFiles.checkpointURL(seed: 2, in: dir).path))
        }
        XCTAssertEqual(try training(dir, seeds: [2], list: [1, 2, 3], resume: true).prepare().map(\.action),
                       [.resume(checkpoint: EnsembleFiles.checkpointURL(seed: 2, in: dir))])
        XCTAssertEqual(try training(dir, seeds: [2], list: [1, 2, 3], overwrite: true).prepare().map(\.action), [.train])
    }

    /// A member interrupted after its first validation and resumed from its own checkpoint is the
    /// member an uninterrupted run writes.
    func testAnInterruptedMemberResumesExactly() throws {
        let dir = try EnsembleFixture.folder(self)
        var recipe = TinyTraining.recipe(samples: 1024, seed: 5)
        recipe.evaluationIntervalSamples = 512
        let full = try TrainingSession(recipe: recipe, retina: TinyTraining.retina()).run(measurePhenomena: false)
        let interrupted = try TrainingSession(recipe: recipe, retina: TinyTraining.retina())
        XCTAssertNil(try interrupted.run(checkpointURL: EnsembleFiles.checkpointURL(seed: 5, in: dir), measurePhenomena: false, stopAfterStep: 20))
        XCTAssertThrowsError(try ModelEnsemble.load(directory: dir)) { XCTAssertTrue("\($0)".contains("not finished"), "\($0)") }

        let t = EnsembleTraining(directory: dir, recipe: recipe, seeds: [5], manifestSeeds: nil, resume: true,
                                 measurePhenomena: false, retina: TinyTraining.retina())
        let plans = try t.prepare()
        XCTAssertEqual(plans.map(\.action), [.resume(checkpoint: EnsembleFiles.checkpointURL(seed: 5, in: dir))])
        _ = try t.run(plans)
        let (resumed, _) = try BNCNN.load(contentsOf: EnsembleFiles.memberURL(seed: 5, in: dir))
        XCTAssertEqual(resumed.parameters, full.model.parameters)
        XCTAssertFalse(FileManager.default.fileExists(atPath: EnsembleFiles.checkpointURL(seed: 5, in: dir).path), "the checkpoint is removed")
        XCTAssertEqual(try ModelEnsemble.load(directory: dir).count, 1)
    }
}
