import ArrayIO
import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaCore
import XCTest
@testable import Report
@testable import ReportKit

/// The causal step of `run` on the tiny BN-CNN: interventions measured and exported, the report's
/// "Causal tests" parts and "Hypotheses" section, and hypotheses refused before any work.
final class RunPipelineCausalTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("causal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func configuration() throws -> RunConfiguration {
        let modelURL = folder.appendingPathComponent("tiny.safetensors")
        try AssemblyFixtures.network().save(to: modelURL)
        var c = RunConfiguration(model: modelURL.path, output: folder.appendingPathComponent("Reports").path,
                                 runID: "causal-run", phenomena: [.osr, .latency], formats: [.png], dpi: 60,
                                 compareGroundTruth: false, analysis: AssemblyFixtures.settings, protocols: AssemblyFixtures.protocols)
        c.analysis.explainedRows = .all
        return c
    }

    func testCausalTestsAreMeasuredExportedAndReported() throws {
        var config = try configuration()
        config.causal.hypotheses = [try HypothesisSet.parse(line: "osr: c0 + c1 excitatory")]
        let outcome = try RunPipeline.run(config, argv: ["retina-report", "run"])
        XCTAssertEqual(outcome.exitCode, 0)
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        let causalSteps = manifest.steps.filter { $0.name.hasPrefix("causal tests: ") }
        XCTAssertEqual(causalSteps.map(\.name), ["causal tests: osr", "causal tests: latency"])

        let json = try Data(contentsOf: outcome.folder.appendingPathComponent("data/osr/causal_tests.json"))
        let file = try JSONDecoder().decode(CausalTestsFile.self, from: json)
        let test = file.test
        XCTAssertFalse(test.kept.isEmpty)
        XCTAssertEqual(test.interventions.first?.intervention.kind, CausalInterventionKind.none)
        XCTAssertEqual(test.interventions.first?.retained ?? 1, 1, accuracy: 1e-12, "the full model retains all of itself")
        // One pathway-type intervention per type present, each silencing every channel of that type whole.
        let types = test.interventions.filter { $0.intervention.kind == .pathwayType }
        XCTAssertFalse(types.isEmpty)
        XCTAssertEqual(Set(types.flatMap { $0.intervention.silencedGroups.map(\.channel) }), Set(0..<4),
                       "every channel belongs to exactly one type")
        XCTAssertEqual(types.reduce(0) { $0 + $1.intervention.silencedGroups.count }, 4)
        XCTAssertNil(file.comparison, "no retina comparison without ground truth")

        let csv = try String(contentsOf: outcome.folder.appendingPathComponent("data/osr/causal_tests.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains(",strength: ") }.count, test.interventions.count)
        let hypotheses = try JSONDecoder().decode([HypothesisResult].self,
                                                  from: Data(contentsOf: outcome.folder.appendingPathComponent("data/osr/hypotheses.json")))
        XCTAssertEqual(hypotheses.map(\.channels), [[0, 1]])
        XCTAssertEqual(hypotheses.first?.causal.result(.allKept)?.intervention.silencedGroups.map(\.channel), [0, 1])
        XCTAssertNotNil(hypotheses.first?.circuit, "the restricted circuit was fitted")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent("data/latency/hypotheses.csv").path),
                       "no hypothesis on latency")

        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        for anchor in ["sec-osr-causal", "sec-latency-causal", "sec-hypotheses", "tbl-osr-causal", "tbl-hypotheses-verdicts",
                       "tbl-methods-channel-types"] {
            XCTAssertTrue(md.contains("id=\"\(anchor)\""), "report lacks \(anchor)")
        }
        XCTAssertTrue(md.contains("figures/osr-causal.png"))
        XCTAssertTrue(md.contains("osr: c0 + c1 excitatory"), "the hypothesis is named in its verdict table")
    }

    func testSwitchedOffCausalTestsLeaveNoTrace() throws {
        var config = try configuration()
        config.phenomena = [.latency]
        config.causal.enabled = false
        let outcome = try RunPipeline.run(config, argv: ["retina-report", "run"])
        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertFalse(md.contains("sec-latency-causal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent("data/latency/causal_tests.csv").path))
        let manifest = try RunManifest.decode(from: Data(contentsOf: outcome.folder.appendingPathComponent("manifest.json")))
        XCTAssertFalse(manifest.steps.contains { $0.name.hasPrefix("causal") })
    }

    /// Bad hypotheses are refused before any work (exit 64), naming the hypothesis and the bad value.
    func testBadHypothesesAreRefusedBeforeWork() throws {
        func refused(_ line: String, naming expected: [String], file: StaticString = #filePath, line l: UInt = #line) throws {
            var config = try configuration()
            config.causal.hypotheses = [try HypothesisSet.parse(line: line)]
            XCTAssertThrowsError(try RunPipeline.run(config, argv: []), file: file, line: l) { error in
                XCTAssertEqual((error as? any ToolError)?.exitCode, 64, "\(error)", file: file, line: l)
                for word in expected { XCTAssertTrue("\(error)".contains(word), "\(error) lacks \(word)", file: file, line: l) }
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: config.output + "/causal-run"), "no run folder", file: file, line: l)
        }
        try refused("osr: c9", naming: ["osr: c9", "c9", "c0…c3"])
        try refused("reversal: c1", naming: ["hypotheses", "reversal"])
        // A type no channel has: with a fixed fast/slow threshold above every peak latency all channels are fast.
        var config = try configuration()
        config.analysis.fastSlowRule = .fixed(milliseconds: 10_000)
        config.causal.hypotheses = [try HypothesisSet.parse(line: "latency: OFF slow")]
        XCTAssertThrowsError(try RunPipeline.run(config, argv: [])) { error in
            XCTAssertEqual((error as? any ToolError)?.exitCode, 64, "\(error)")
            XCTAssertTrue("\(error)".contains("no channel of the model is typed 'OFF slow'"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: config.output + "/causal-run"), "no run folder")
        XCTAssertThrowsError(try HypothesisSet.parse(line: "osr:")) { XCTAssertEqual(($0 as? HypothesisError)?.exitCode, 64) }
        XCTAssertThrowsError(try HypothesisSet.parse(line: "colour: c1")) { XCTAssertTrue("\($0)".contains("colour"), "\($0)") }
    }

    /// Hypotheses are part of the configuration: they round-trip through JSON in their one-line form.
    func testHypothesesRoundTripThroughTheConfiguration() throws {
        var config = try configuration()
        config.causal.hypotheses = [try HypothesisSet.parse(line: "latency: OFF fast inhibitory + c2")]
        let data = try JSONEncoder().encode(config)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"OFF fast inhibitory\""))
        XCTAssertEqual(try JSONDecoder().decode(RunConfiguration.self, from: data), config)
    }
}
