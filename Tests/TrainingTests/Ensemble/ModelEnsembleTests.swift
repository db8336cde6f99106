import Foundation
import XCTest
import RetinaCNN
import RetinaCore
import ArrayIO
@testable import Training

final class ModelEnsembleTests: XCTestCase {
    /// Hostile pass: an ensemble.json with 5,000 seeds was refused as "--seeds: expected at most 1000",
    /// an option the user never gave; now 65 naming the file and its 'seeds' field.
    func testManifestWithTooManySeedsNamesTheFileAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = EnsembleFiles.manifestURL(in: dir)
        try EnsembleManifest(seeds: try SeedList(seeds: [1]), recipe: TinyTraining.recipe()).write(to: url)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        object["seeds"] = Array(1...5_000)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        XCTAssertThrowsError(try EnsembleManifest.read(contentsOf: url)) { error in
            XCTAssertEqual("\(error)", "file '\(url.path)' has malformed content: 'seeds' must list at most 1000 seeds, found 5000")
            XCTAssertEqual((error as? ArrayIOError)?.exitCode, 65)
        }
        object["seeds"] = Array(1...1_000)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        XCTAssertEqual(try EnsembleManifest.read(contentsOf: url).seeds.count, 1_000)
    }

    func testLoadsTheMembersInSeedOrderAndIgnoresOtherFiles() throws {
        let dir = try EnsembleFixture.folder(self)
        for seed: UInt64 in [3, 1, 2] { try EnsembleFixture.write(seed: seed, in: dir) }
        // Slurm logs, notes and a finished member's leftover checkpoint do not matter.
        for name in ["slurm-17_1.out", "member-notes.txt", "member-2.safetensors.checkpoint"] {
            try Data("x".utf8).write(to: dir.appendingPathComponent(name))
        }
        let ensemble = try ModelEnsemble.load(directory: dir)
        XCTAssertEqual(ensemble.members.map(\.seed), [1, 2, 3])
        XCTAssertEqual(ensemble.members.map(\.file.lastPathComponent), ["member-1.safetensors", "member-2.safetensors", "member-3.safetensors"])
        XCTAssertEqual(ensemble.channelsPerMember, 4)
        XCTAssertEqual(try ensemble.analysisModels().count, 3)
        XCTAssertNil(ensemble.manifest)
        // With an ensemble.json listing exactly these seeds and their recipe.
        try EnsembleManifest(seeds: try SeedList(seeds: [1, 2, 3]), recipe: TinyTraining.recipe()).write(to: EnsembleFiles.manifestURL(in: dir))
        XCTAssertEqual(try ModelEnsemble.load(directory: dir).manifest?.seeds, [1, 2, 3])
        let text = EnsembleDescription.text(try ModelEnsemble.load(directory: dir))
        XCTAssertTrue(text.contains("members: 3"), text)
        XCTAssertTrue(text.contains("ensemble layer 1: 12 channels"), text)
        XCTAssertTrue(text.contains("seed 2: member-2.safetensors, held-out r 0.550"), text)
        // Files given one by one (run --model A --model B): seeds from the cards.
        let files = try ModelEnsemble.load(files: [3, 1].map { EnsembleFiles.memberURL(seed: $0, in: dir) })
        XCTAssertEqual(files.members.map(\.seed), [1, 3])
    }

    /// Every refusal: exit 64 (66 for a missing folder), and the message names the member file and
    /// what was expected and found.
    func testRefusesMembersThatCannotBeAveraged() throws {
        func expectRefusal(_ what: String, _ mentions: [String], exit: Int32 = ExitStatus.usage,
                           setUp: (URL) throws -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
            let dir = try EnsembleFixture.folder(self)
            try setUp(dir)
            XCTAssertThrowsError(try ModelEnsemble.load(directory: dir), what, file: file, line: line) { error in
                guard let e = error as? EnsembleError else { return XCTFail("\(what): \(error)", file: file, line: line) }
                XCTAssertEqual(e.exitCode, exit, "\(what): \(e)", file: file, line: line)
                for m in mentions { XCTAssertTrue(e.description.contains(m), "\(what): '\(m)' not in: \(e)", file: file, line: line) }
            }
        }
        let tiny = TinyTraining.recipe()
        var threeChannels = tiny; threeChannels.architecture.conv1Channels = 3
        var fasterLearning = tiny; fasterLearning.learningRate = 0.01
        var threeCells = tiny; threeCells.architecture.cells = 3
        var longerWindow = tiny; longerWindow.architecture.historyFrames = 61

        try expectRefusal("no members", ["no members"]) { _ in }
        try expectRefusal("not a folder", ["not a folder"], exit: ExitStatus.noInput) { try FileManager.default.removeItem(at: $0) }
        try expectRefusal("architecture", ["member-2.safetensors", "architecture (conv1Channels)", "expected 4, found 3", "member-1.safetensors"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 2, in: $0, recipe: threeChannels)
        }
        try expectRefusal("window", ["member-2.safetensors", "architecture (historyFrames)", "expected 40, found 61", "member-1.safetensors"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 2, in: $0, recipe: longerWindow)
        }
        try expectRefusal("cells", ["member-2.safetensors", "cell count", "expected 2, found 3"]) {
            try EnsembleFixture.write(seed: 1, in: $0, withCard: false); try EnsembleFixture.write(seed: 2, in: $0, recipe: threeCells, withCard: false)
        }
        try expectRefusal("normalisation", ["member-2.safetensors", "input normalisation", "none (contrast input)", "mean 0.5, std 0.25"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try EnsembleFixture.write(seed: 2, in: $0, metadata: [StimulusNormalisation.metadataKey: StimulusNormalisation(mean: 0.5, std: 0.25).metadataValue])
        }
        try expectRefusal("pairing", ["member-2.safetensors", "response pairing", "expected window-end, found next-bin"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try EnsembleFixture.write(seed: 2, in: $0, metadata: [ResponsePairing.metadataKey: ResponsePairing.nextBin.rawValue])
        }
        try expectRefusal("recipe", ["member-2.safetensors", "training recipe", "differing in learningRate"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 2, in: $0, recipe: fasterLearning)
        }
        try expectRefusal("card beside none", ["member-2.safetensors", "model card"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 2, in: $0, withCard: false)
        }
        try expectRefusal("duplicate seed by name", ["seed 1 appears more than once", "member-01.safetensors", "member-1.safetensors"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 1, in: $0, name: "member-01.safetensors", weightSeed: 9)
        }
        try expectRefusal("renamed copy", ["member-2.safetensors", "file name says seed 2", "model card says seed 1"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try FileManager.default.copyItem(at: EnsembleFiles.memberURL(seed: 1, in: $0), to: EnsembleFiles.memberURL(seed: 2, in: $0))
        }
        try expectRefusal("identical weights", ["identical weights", "member-1.safetensors", "member-2.safetensors"]) {
            try EnsembleFixture.write(seed: 1, in: $0, withCard: false); try EnsembleFixture.write(seed: 2, in: $0, weightSeed: 1, withCard: false)
        }
        try expectRefusal("bad name", ["member-x.safetensors", "member-<seed>.safetensors"]) {
            try EnsembleFixture.write(seed: 1, in: $0, name: "member-x.safetensors")
        }
        try expectRefusal("training checkpoint", ["member-3.safetensors", "member-3.safetensors.checkpoint", "--resume", "--seeds 3"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try Data("x".utf8).write(to: EnsembleFiles.checkpointURL(seed: 3, in: $0))
        }
        try expectRefusal("write in progress", ["member-3.safetensors", ".member-3.safetensors.tmp-1234", "write in progress"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try Data("x".utf8).write(to: $0.appendingPathComponent(".member-3.safetensors.tmp-1234"))
        }
        try expectRefusal("partial copy", ["member-3.safetensors", "member-3.safetensors.partial", "partial copy"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try Data("x".utf8).write(to: $0.appendingPathComponent("member-3.safetensors.partial"))
        }
        try expectRefusal("missing listed member", ["member-3.safetensors", "is missing", "ensemble.json"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 2, in: $0)
            try EnsembleManifest(seeds: try SeedList(seeds: [1, 2, 3]), recipe: tiny).write(to: EnsembleFiles.manifestURL(in: $0))
        }
        try expectRefusal("unlisted member", ["member-2.safetensors", "not listed", "seeds 1"]) {
            try EnsembleFixture.write(seed: 1, in: $0); try EnsembleFixture.write(seed: 2, in: $0)
            try EnsembleManifest(seeds: try SeedList(seeds: [1]), recipe: tiny).write(to: EnsembleFiles.manifestURL(in: $0))
        }
        try expectRefusal("recipe of the manifest", ["member-1.safetensors", "training recipe", "learningRate", "ensemble.json"]) {
            try EnsembleFixture.write(seed: 1, in: $0)
            try EnsembleManifest(seeds: try SeedList(seeds: [1]), recipe: fasterLearning).write(to: EnsembleFiles.manifestURL(in: $0))
        }
    }

    func testFileListsRefuseTheSameModelTwiceAndCorruptFilesKeepTheirCode() throws {
        let dir = try EnsembleFixture.folder(self)
        let one = try EnsembleFixture.write(seed: 1, in: dir)
        XCTAssertThrowsError(try ModelEnsemble.load(files: [one, one])) {
            XCTAssertTrue("\($0)".contains("seed 1 appears more than once"), "\($0)")
        }
        XCTAssertThrowsError(try ModelEnsemble.load(files: [])) { XCTAssertEqual(($0 as? EnsembleError)?.exitCode, ExitStatus.usage) }
        try Data("not a model".utf8).write(to: EnsembleFiles.memberURL(seed: 2, in: dir))
        XCTAssertThrowsError(try ModelEnsemble.load(directory: dir)) { error in
            XCTAssertEqual((error as? ToolError)?.exitCode, ExitStatus.dataError, "\(error)")
            XCTAssertTrue("\(error)".contains("member-2.safetensors"), "\(error)")
        }
    }

    func testFileNamesAreClassified() {
        XCTAssertEqual(EnsembleFiles.classify("member-12.safetensors"), .member(seed: 12))
        XCTAssertEqual(EnsembleFiles.classify("member-12.safetensors.checkpoint"), .unfinished(seed: 12, kind: .checkpoint))
        XCTAssertEqual(EnsembleFiles.classify("member-12.safetensors.partial"), .unfinished(seed: 12, kind: .partial))
        XCTAssertEqual(EnsembleFiles.classify(".member-12.safetensors.tmp-ABCD"), .unfinished(seed: 12, kind: .temporary))
        XCTAssertEqual(EnsembleFiles.classify("member--1.safetensors"), .malformedMember)
        XCTAssertEqual(EnsembleFiles.classify("member-.safetensors"), .malformedMember)
        XCTAssertEqual(EnsembleFiles.classify("member-1.txt"), .other)
        XCTAssertEqual(EnsembleFiles.classify("ensemble.json"), .other)
        XCTAssertEqual(EnsembleFiles.classify(".ensemble.json.tmp-ABCD"), .other)
    }

    /// Issue #23 item 4: more members than the run's budget are refused (64) before any file is
    /// read — these files do not exist, so reading one would be a 66.
    func testMoreMembersThanTheLimitAreRefusedBeforeReading() throws {
        let files = (1...3).map { URL(fileURLWithPath: "/nonexistent/member-\($0).safetensors") }
        XCTAssertThrowsError(try ModelEnsemble.load(files: files, memberLimit: 2)) { error in
            XCTAssertEqual((error as? EnsembleError)?.exitCode, 64, "\(error)")
            XCTAssertTrue("\(error)".contains("at most 2") && "\(error)".contains("found 3"), "\(error)")
        }
        XCTAssertThrowsError(try ModelEnsemble.load(files: files, memberLimit: 3)) { error in
            XCTAssertNotEqual((error as? EnsembleError)?.exitCode, 64, "within the limit the files are read: \(error)")
        }
    }
}
