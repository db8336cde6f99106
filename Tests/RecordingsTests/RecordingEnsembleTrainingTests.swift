import Foundation
import ModelCards
import RetinaCNN
import XCTest
@testable import Recordings
@testable import Training

/// `train --data F --output-dir DIR --seeds 1-2`: members of one recording, their own seeds, loaded
/// back as one ensemble; a second invocation skips them; members of other data are refused by name.
final class RecordingEnsembleTrainingTests: XCTestCase {
    func tinyRecipe() -> TrainingRecipe {
        var recipe = TrainingRecipe.shipped
        recipe.architecture = BNCNNArchitecture(cells: 3, historyFrames: 10, height: 8, width: 8, conv1Channels: 2, conv1Kernel: 3,
                                                conv2Channels: 2, conv2Kernel: 3)
        recipe.batchSize = 8; recipe.trainingSamples = 80; recipe.evaluationIntervalSamples = 40; recipe.warmupSteps = 2
        return recipe
    }

    func members(sha: String = "abc") throws -> EnsembleTraining.RecordingMembers {
        let r = try RecordingReader.read(path: try fixturePath("deep_retina_small.h5"))
        return .init(recording: r, source: .init(fileName: "deep_retina_small.h5", sha256: sha, selectedCells: nil, crop: nil),
                     pairing: .windowEnd)
    }

    func testMembersOfOneRecordingFormAnEnsemble() throws {
        let dir = try makeTemporaryFolder(self).appendingPathComponent("ens")
        let seeds = try SeedList(parsing: "1-2")
        let training = try EnsembleTraining.onRecording(try members(), directory: dir, recipe: tinyRecipe(), seeds: seeds.seeds,
                                                        manifestSeeds: seeds)
        // The recipe is the recording's (cells, frame size, split lengths), as a single `train --data` makes it.
        XCTAssertEqual(training.recipe.architecture.cells, 3)
        XCTAssertNotEqual(training.recipe.trainFrames, TrainingRecipe.shipped.trainFrames)
        let outcomes = try training.run(try training.prepare())
        XCTAssertEqual(outcomes.compactMap(\.trained).count, 2)
        XCTAssertEqual(try EnsembleManifest.read(contentsOf: EnsembleFiles.manifestURL(in: dir)).seeds, [1, 2])

        let ensemble = try ModelEnsemble.load(directory: dir)
        XCTAssertEqual(ensemble.members.map(\.seed), [1, 2])
        XCTAssertEqual(ensemble.members.compactMap { $0.card?.dataSource?.fileName }, ["deep_retina_small.h5", "deep_retina_small.h5"])
        XCTAssertEqual(ensemble.members.compactMap { $0.card?.recipe.seed }, [1, 2])
        XCTAssertNotEqual(ensemble.members[0].model.parameters, ensemble.members[1].model.parameters, "the seed changes the member")
        // Each member estimated the cells' centres from its own filters; the analyses use their mean.
        let own = ensemble.members.map { try! XCTUnwrap($0.model.cellCentres) }
        let models = try ensemble.analysisModels()
        for m in models {
            let c = try XCTUnwrap(m.cellCentres)
            for j in 0..<3 {
                XCTAssertEqual(c[j].x, (own[0][j].x + own[1][j].x) / 2, accuracy: 1e-12)
                XCTAssertEqual(c[j].y, (own[0][j].y + own[1][j].y) / 2, accuracy: 1e-12)
            }
        }

        // Again: nothing to train.
        let again = try EnsembleTraining.onRecording(try members(), directory: dir, recipe: tinyRecipe(), seeds: seeds.seeds,
                                                     manifestSeeds: seeds)
        XCTAssertEqual(try again.prepare().map(\.action), [.skip, .skip])

        // The same recipe on other data (another checksum): refused, naming the member file.
        let other = try EnsembleTraining.onRecording(try members(sha: "def"), directory: dir, recipe: tinyRecipe(), seeds: seeds.seeds,
                                                     manifestSeeds: seeds)
        XCTAssertThrowsError(try other.prepare()) { error in
            XCTAssertTrue("\(error)".contains("member-1.safetensors") && "\(error)".contains("sha256 abc"), "\(error)")
            XCTAssertEqual((error as? EnsembleError)?.exitCode, 64)
        }
    }
}
