import ArrayIO
import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import XCTest
@testable import Report
@testable import ReportKit

/// The whole `run` pipeline end to end on a tiny random BN-CNN (seconds): the run folder, its
/// manifest, the HTML and Markdown reports, data files, failure handling.
final class RunPipelineTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func tinyConfiguration() throws -> RunConfiguration {
        let modelURL = folder.appendingPathComponent("tiny.safetensors")
        try AssemblyFixtures.network().save(to: modelURL)
        var c = RunConfiguration(model: modelURL.path, output: folder.appendingPathComponent("Reports").path,
                                 runID: "test-run", formats: [.png, .svg], dpi: 60, compareGroundTruth: false,
                                 analysis: AssemblyFixtures.settings, protocols: AssemblyFixtures.protocols)
        c.analysis.explainedRows = .all
        return c
    }

    func testEndToEndRunFolderIsCompleteAndConsistent() throws {
        let config = try tinyConfiguration()
        let outcome = try RunPipeline.run(config, argv: ["retina-report", "run", "--model", config.model])
        XCTAssertEqual(outcome.exitCode, 0, "failed: \(outcome.failed)")
        XCTAssertEqual(outcome.folder.lastPathComponent, "test-run")

        // Every output in the manifest exists with its hash.
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        XCTAssertEqual(manifest.exitCode, 0)
        XCTAssertEqual(manifest.inputs.first?.role, "model")
        XCTAssertFalse(manifest.steps.isEmpty)
        XCTAssertTrue(manifest.steps.allSatisfy { $0.status == .completed }, "\(manifest.steps)")
        XCTAssertGreaterThan(manifest.outputs.count, 20)
        for output in manifest.outputs {
            let url = outcome.folder.appendingPathComponent(output.path)
            XCTAssertEqual(try SHA256.hex(fileAt: url), output.sha256, output.path)
        }
        let listed = Set(manifest.outputs.map(\.path))
        for name in ["report.html", "report.md", "data/osr/metrics.json", "data/reversal/traces.csv", "figures/osr-traces.png",
                     "figures/anticipation-circuit.svg", "figures/model-filters.png", "figures/overview.png", "figures/overview.svg"] {
            XCTAssertTrue(listed.contains(name), "manifest lacks \(name)")
        }

        // HTML: every section, no missing or external image.
        let html = try String(contentsOf: outcome.folder.appendingPathComponent("report.html"), encoding: .utf8)
        for anchor in ["sec-summary", "sec-osr", "sec-latency", "sec-reversal", "sec-anticipation", "sec-model-card", "sec-methods"] {
            XCTAssertTrue(html.contains("id=\"\(anchor)\""), "HTML lacks \(anchor)")
        }
        XCTAssertFalse(html.contains("src=\"figures/"), "an image is not embedded")
        XCTAssertEqual(manifest.steps.first { $0.name == "overview figure" }?.status, .completed)
        let overview = try XCTUnwrap(html.range(of: "id=\"fig-overview\""), "the overview figure is in the report")
        XCTAssertLessThan(overview.lowerBound, try XCTUnwrap(html.range(of: "id=\"sec-osr\"")).lowerBound, "at the top")
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "src=\"data:image/png;base64,").count - 1, 20)

        // Markdown links resolve to files in the folder.
        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        let links = md.matches(of: /\]\(([^)#:]+)\)/).map { String($0.1) }
        XCTAssertGreaterThan(links.count, 20)
        for link in links {
            XCTAssertTrue(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent(link).path), "broken link \(link)")
        }

        // CSVs parse: header, equal column counts.
        for phenomenon in ["osr", "latency", "reversal", "anticipation"] {
            let csv = try String(contentsOf: outcome.folder.appendingPathComponent("data/\(phenomenon)/traces.csv"), encoding: .utf8)
            let lines = csv.split(separator: "\n")
            XCTAssertGreaterThan(lines.count, 10)
            let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
            XCTAssertTrue(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == columns }, phenomenon)
            let npy = try NPYArray.read(contentsOf: outcome.folder.appendingPathComponent("data/\(phenomenon)/attribution.npy"))
            XCTAssertGreaterThan(npy.values.count, 0)
        }
        // No temporary folder left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: config.output).filter { $0 != "test-run" }
        XCTAssertEqual(leftovers, [])
    }

    /// The report body is the same for the same command even when the analyses take different times:
    /// wall-clock durations live in the manifest only (issue #10 item 7).
    func testReportBodyIsByteReproducibleAndTimingsStayInTheManifest() throws {
        final class SteppingClock: WallClock, @unchecked Sendable {
            var t: Date
            let step: TimeInterval
            init(step: TimeInterval) { t = Date(timeIntervalSince1970: 1_795_947_300); self.step = step }
            func now() -> Date { defer { t += step }; return t }
        }
        var config = try tinyConfiguration()
        config.phenomena = [.osr, .latency]
        let argv = ["retina-report", "run", "--model", config.model]
        let a = try RunPipeline.run(config, argv: argv, clock: SteppingClock(step: 0.25))
        config.output = folder.appendingPathComponent("Other").path
        let b = try RunPipeline.run(config, argv: argv, clock: SteppingClock(step: 7.5))
        for name in ["report.md", "report.html"] {
            let x = try Data(contentsOf: a.folder.appendingPathComponent(name))
            let y = try Data(contentsOf: b.folder.appendingPathComponent(name))
            XCTAssertEqual(x, y, "\(name) differs between runs that took different times")
        }
        let ma = try RunManifest.decode(from: Data(contentsOf: a.folder.appendingPathComponent("manifest.json")))
        let mb = try RunManifest.decode(from: Data(contentsOf: b.folder.appendingPathComponent("manifest.json")))
        XCTAssertNotEqual(ma.steps.map(\.durationSeconds), mb.steps.map(\.durationSeconds), "the manifest keeps the timings")
    }

    func testFailedAnalysisBecomesAnErrorSectionAndTheOthersStillRun() throws {
        var config = try tinyConfiguration()
        config.phenomena = [.osr, .reversal]
        // Valid up front, fails only once the analysis knows the screen: the bar reverses off it.
        config.protocols[MotionReversal.self].reversalOffsetsPixels = [500]
        let outcome = try RunPipeline.run(config, argv: ["retina-report"])
        XCTAssertEqual(outcome.exitCode, 1)
        XCTAssertEqual(outcome.failed, [.reversal])
        let html = try String(contentsOf: outcome.folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("id=\"sec-osr\""))
        XCTAssertEqual(html.components(separatedBy: "class=\"callout callout-error\"").count - 1, 1, "exactly one error section")
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        XCTAssertEqual(manifest.exitCode, 1)
        let step = manifest.steps.first { $0.name == "analysis: reversal" }
        XCTAssertEqual(step?.status, .failed)
        XCTAssertTrue(step?.error?.contains("ReversalProtocol.reversalOffsetsPixels") == true, "\(step?.error ?? "nil")")
        XCTAssertTrue(html.contains("ReversalProtocol.reversalOffsetsPixels"), "the error section names the bad parameter")
        XCTAssertTrue(html.contains("id=\"fig-overview\""), "the overview still has a row for each phenomenon, the failed one too")
    }

    /// Issue #23 item 4: a run whose model-filters figure could not be drawn said exit 0.
    func testAnyFailedStepMakesTheRunExitOne() {
        XCTAssertEqual(RunPipeline.exitCode(failedAnalyses: [], failedSteps: []), 0)
        XCTAssertEqual(RunPipeline.exitCode(failedAnalyses: [], failedSteps: ["model figures"]), 1)
        XCTAssertEqual(RunPipeline.exitCode(failedAnalyses: [.osr], failedSteps: ["analysis: osr"]), 1)
    }

    func testExistingRunFolderIsNeverOverwritten() throws {
        var config = try tinyConfiguration()
        config.phenomena = [.osr]
        _ = try RunPipeline.run(config, argv: ["retina-report"])
        XCTAssertThrowsError(try RunPipeline.run(config, argv: ["retina-report"])) { error in
            XCTAssertEqual((error as? RunFolderError)?.exitCode, 73, "\(error)")
        }
    }

    func testBadInputFailsBeforeAnyWork() throws {
        var config = try tinyConfiguration()
        config.model = folder.appendingPathComponent("missing.safetensors").path
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { XCTAssertEqual(($0 as? RunPipelineError)?.exitCode, 66) }

        // A folder of models given as --model points to --ensemble.
        config = try tinyConfiguration()
        let models = folder.appendingPathComponent("members")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: config.model, toPath: models.appendingPathComponent("member-1.safetensors").path)
        config.model = models.path
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 66)
            XCTAssertTrue("\(error)".contains("is a folder") && "\(error)".contains("--ensemble \(models.path)"), "\(error)")
        }

        config = try tinyConfiguration()
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: config.model))
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { XCTAssertEqual(($0 as? any ToolErrorLike)?.code, 65, "\($0)") }

        config = try tinyConfiguration()
        config.analysis.cells = [7]
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { error in
            XCTAssertTrue("\(error)".contains("cells"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: config.output + "/test-run"))

        // Library settings and protocol parameters are checked up front too, named by their --set key.
        config = try tinyConfiguration()
        config.analysis.reduction.divisiveGains = [0, -1]
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 64, "\(error)")
            XCTAssertTrue("\(error)".contains("analysis.reduction.divisiveGains"), "\(error)")
        }
        config = try tinyConfiguration()
        config.protocols[LatencyCoding.self].contrasts = []
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 64, "\(error)")
            XCTAssertTrue("\(error)".contains("latency.contrasts"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: config.output + "/test-run"))
    }

    /// The analyses benchmark runs the same analyses as `run` and writes nothing.
    func testAnalysesBenchmarkTimesTheRunAnalysesWithoutWriting() throws {
        var config = try tinyConfiguration()
        config.phenomena = [.latency, .osr]
        let timings = try AnalysesBenchmark.run(config)
        XCTAssertEqual(timings.map(\.phenomenon), [.latency, .osr])
        XCTAssertEqual(timings[0].conditions, config.protocols[LatencyCoding.self].contrasts.count)
        XCTAssertTrue(timings.allSatisfy { $0.seconds >= 0 && $0.explainedWindows > 0 })
        XCTAssertFalse(FileManager.default.fileExists(atPath: config.output), "no run folder")
        config.protocols[LatencyCoding.self].contrasts = []
        XCTAssertThrowsError(try AnalysesBenchmark.run(config)) { XCTAssertTrue("\($0)".contains("latency.contrasts"), "\($0)") }
    }

    func testOverridesNameUnknownKeysAndApplyNestedValues() throws {
        let c = try tinyConfiguration()
        let changed = try c.setting("osr.periodsMs=[30,50]").setting("analysis.integratedGradients.steps=12")
        XCTAssertEqual(changed.protocols[OmittedStimulusResponse.self].periodsMs, [30, 50])
        XCTAssertEqual(changed.analysis.integratedGradients.steps, 12)
        XCTAssertThrowsError(try c.setting("osr.periodMs=[30]")) { error in
            XCTAssertTrue("\(error)".contains("osr.periodMs"), "\(error)")
        }
        XCTAssertThrowsError(try c.setting("osr.periodsMs=\"fast\"")) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 64)
        }
        // Optional settings that are nil (absent from the encoded configuration) can still be set.
        var bare = c
        bare.analysis.reduction.divisiveGains = nil
        bare.analysis.reduction.conditionWeighting = nil
        let set = try bare.setting("analysis.reduction.divisiveGains=[0,2]").setting("analysis.reduction.conditionWeighting=perWindow")
        XCTAssertEqual(set.analysis.reduction.divisiveGains, [0, 2])
        XCTAssertEqual(set.analysis.reduction.conditionWeighting, .perWindow)
    }
}

/// Reads the exit code of any `ToolError` without naming its concrete type.
protocol ToolErrorLike { var code: Int32 { get } }
extension ArrayIOError: ToolErrorLike { var code: Int32 { exitCode } }
extension RetinaCNNError: ToolErrorLike { var code: Int32 { exitCode } }
