import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaCore
import TestSupport
import XCTest
@testable import Report
@testable import ReportKit

/// `run --ensemble DIR` on two tiny BN-CNNs that differ only by their weights' seed: the ensemble
/// mean is analysed, every member is measured alone, each member's own kept groups stay in its
/// channel block, and the report and data files show it; bad ensembles are refused before any work.
final class RunPipelineEnsembleTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ensemble-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func member(seed: UInt64, architecture: BNCNNArchitecture = AssemblyFixtures.architecture) throws -> BNCNN {
        let p = TinyBNCNN.responsiveParameters(architecture, seed: seed)
        let centres: [(Double, Double)] = (0..<architecture.cells).map { (3 + Double($0), 7 + Double($0)) }
        return try BNCNN(architecture: architecture, parameters: p, cellCentres: centres)
    }

    func configuration(_ directory: URL) -> RunConfiguration {
        var c = RunConfiguration(model: "unused.safetensors", output: folder.appendingPathComponent("Reports").path,
                                 runID: "ensemble-run", phenomena: [.osr], formats: [.png], dpi: 60, compareGroundTruth: false,
                                 analysis: AssemblyFixtures.settings, protocols: AssemblyFixtures.protocols)
        c.analysis.explainedRows = .all
        c.causal.enabled = false
        c.ensemble = directory.path
        return c
    }

    func testEnsembleRunMeasuresEveryMemberAndReportsRobustness() throws {
        let dir = folder.appendingPathComponent("members")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for seed: UInt64 in [11, 12] { try member(seed: seed).save(to: dir.appendingPathComponent("member-\(seed).safetensors")) }
        let outcome = try RunPipeline.run(configuration(dir), argv: ["retina-report", "run", "--ensemble", dir.path])
        XCTAssertEqual(outcome.exitCode, 0)

        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        XCTAssertEqual(manifest.inputs.map(\.role), ["ensemble member", "ensemble member"])
        XCTAssertEqual(manifest.steps.first { $0.name == "robustness: osr" }?.status, .completed)

        // Members' own kept groups lie in their own channel blocks (4 channels each).
        let types = try String(contentsOf: outcome.folder.appendingPathComponent("data/osr/member_types.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(types.count, 3, "header + 2 members")
        for (k, row) in types.dropFirst().enumerated() {
            let channels = row[1].split(separator: " ").compactMap { Int($0.dropFirst()) }
            XCTAssertFalse(channels.isEmpty, "member \(k + 1) keeps something")
            XCTAssertTrue(channels.allSatisfy { (4 * k)..<(4 * k + 4) ~= $0 }, "member \(k + 1): \(channels)")
            XCTAssertEqual(row[2..<6].compactMap { Int($0) }.reduce(0, +), channels.count, "every kept group has one type")
        }
        // Each member measured alone and the mean: one block of rows (one per criterion) per model, in order.
        let robustness = try String(contentsOf: outcome.folder.appendingPathComponent("data/osr/robustness.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        let models = robustness.map { String($0.split(separator: ",")[0]) }
        XCTAssertEqual(models.enumerated().filter { $0.offset == 0 || models[$0.offset - 1] != $0.element }.map(\.element),
                       ["member 1 (seed 11)", "member 2 (seed 12)", "mean"])
        XCTAssertEqual(models.count, 3 * 3, "three OSR criteria per model")

        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        for anchor in ["sec-osr-robustness", "tbl-osr-members", "tbl-osr-member-types", "fig-osr-robustness"] {
            XCTAssertTrue(md.contains("id=\"\(anchor)\""), "report lacks \(anchor)")
        }
        XCTAssertTrue(md.contains("; members: 0 of 2") || md.contains("; members: 1 of 2") || md.contains("; members: 2 of 2"), "the summary counts the members showing it")
        XCTAssertTrue(md.contains("2 members (member 1 (seed 11), member 2 (seed 12))"))
        XCTAssertTrue(md.hasPrefix("# Mechanisms of retinal prediction in the 2-member CNN ensemble \(dir.path)\n"), String(md.prefix(200)))
        XCTAssertTrue(md.contains("how the 2 CNNs of the ensemble in `members`, analysed as the mean of their rates, produce"))
    }

    /// `run --model A --model B`: the same ensemble run from files, named as such; one file, a file
    /// given twice, or files and a directory together are refused before any work.
    func testSeveralModelFilesAreAnalysedAsAnEnsemble() throws {
        let a = folder.appendingPathComponent("a.safetensors"), b = folder.appendingPathComponent("b.safetensors")
        try member(seed: 11).save(to: a)
        try member(seed: 12).save(to: b)
        var config = configuration(folder)
        config.ensemble = nil
        config.ensembleModels = [a.path, b.path]
        let outcome = try RunPipeline.run(config, argv: ["retina-report", "run", "--model", a.path, "--model", b.path])
        XCTAssertEqual(outcome.exitCode, 0)
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        XCTAssertEqual(manifest.inputs.map(\.role), ["ensemble member", "ensemble member"])
        XCTAssertEqual(manifest.steps.first { $0.name == "robustness: osr" }?.status, .completed)
        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("how the 2 CNNs `a.safetensors`, `b.safetensors`, analysed as the mean of their rates, produce"),
                      String(md.prefix(1200)))

        for (files, directory, expected) in [([a.path], nil as String?, "ensembleModels"), ([a.path, a.path], nil, "ensembleModels"),
                                             ([a.path, b.path], folder.path, "ensembleModels / ensemble")] {
            var bad = config
            bad.runID = "refused"
            bad.ensembleModels = files
            bad.ensemble = directory
            XCTAssertThrowsError(try RunPipeline.run(bad, argv: [])) { error in
                XCTAssertEqual((error as? any ToolError)?.exitCode, 64, "\(error)")
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: bad.output + "/refused"), "no run folder")
        }
    }

    /// Issue #23 item 4: from 8 members the model-filters figure was dropped with a warning (exit 0),
    /// at 40 the OSR attribution figure failed the analysis. The largest ensemble the budget admits
    /// (32 members, 128 channels of the tiny model) draws every figure of every phenomenon: no step
    /// fails, no warning, and every figure the report embeds exists.
    func testTheLargestAdmittedEnsembleDrawsEveryFigure() throws {
        let dir = folder.appendingPathComponent("large")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let members = RunConfiguration.Budget.maximumMembers
        for seed in 1...members {
            try member(seed: UInt64(100 + seed)).save(to: dir.appendingPathComponent("member-\(seed).safetensors"))
        }
        var config = configuration(dir)
        config.phenomena = Phenomenon.allCases
        let outcome = try RunPipeline.run(config, argv: ["retina-report", "run", "--ensemble", dir.path])
        XCTAssertEqual(outcome.exitCode, 0, "failed: \(outcome.failed)")
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        XCTAssertEqual(manifest.inputs.count, members)
        XCTAssertEqual(manifest.warnings, [], "no figure dropped")
        XCTAssertEqual(manifest.steps.filter { $0.status != .completed }.map(\.name), [])
        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        let images = md.components(separatedBy: "](figures/").dropFirst().map { String($0.prefix { $0 != ")" }) }
        XCTAssertTrue(images.contains("model-filters.png") && images.contains("model-filters-4.png"), "\(images)")
        for image in images {
            XCTAssertTrue(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent("figures/" + image).path), image)
        }
        for id in ["fig-osr-robustness", "fig-reversal-robustness", "fig-latency-robustness", "fig-anticipation-robustness"] {
            XCTAssertTrue(md.contains("id=\"\(id)\""), "report lacks \(id)")
        }
    }

    func testMembersThatCannotBeAveragedAreRefusedBeforeWork() throws {
        let dir = folder.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try member(seed: 1).save(to: dir.appendingPathComponent("member-1.safetensors"))
        var other = AssemblyFixtures.architecture
        other.conv1Channels = 5
        try member(seed: 2, architecture: other).save(to: dir.appendingPathComponent("member-2.safetensors"))
        let config = configuration(dir)
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { error in
            XCTAssertEqual((error as? any ToolError)?.exitCode, 64, "\(error)")
            XCTAssertTrue("\(error)".contains("member-2.safetensors"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: config.output + "/ensemble-run"), "no run folder")
    }
}
