import Foundation
import Phenomena
import RetinaCore
import XCTest
@testable import Report

/// `compare` on copies of the committed reference run (Reports/reference), edited in place: one
/// flipped criterion outcome, one changed metric and one changed parameter, or a different
/// phenomenon set or protocol. No model is run.
final class CompareTests: XCTestCase {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reports/reference")
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("compare-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    /// A copy of the reference run (manifest and data only) under `name`, then `edit` on its JSON files.
    func copy(_ name: String, manifest: (inout [String: Any]) -> Void = { _ in },
              metrics: [String: (inout [String: Any]) -> Void] = [:]) throws -> String {
        let folder = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.reference.appendingPathComponent("data"), to: folder.appendingPathComponent("data"))
        try FileManager.default.copyItem(at: Self.reference.appendingPathComponent("manifest.json"), to: folder.appendingPathComponent("manifest.json"))
        func rewrite(_ url: URL, _ edit: (inout [String: Any]) -> Void) throws {
            var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            edit(&object)
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
        }
        try rewrite(folder.appendingPathComponent("manifest.json"), manifest)
        for (p, edit) in metrics { try rewrite(folder.appendingPathComponent("data/\(p)/metrics.json"), edit) }
        return folder.path
    }

    /// B: latency's first criterion (Spearman ρ ≤ −0.9) fails, latency's headline metric + 2.5 ms, IG steps 32.
    func modified() throws -> String {
        try copy("B", manifest: { m in
            m["runId"] = "modified"
            var p = m["parameters"] as! [String: Any], a = p["analysis"] as! [String: Any], ig = a["integratedGradients"] as! [String: Any]
            ig["steps"] = 32; a["integratedGradients"] = ig; p["analysis"] = a; m["parameters"] = p
        }, metrics: ["latency": { m in
            var criteria = m["criteria"] as! [String: Any], full = criteria["full"] as! [[String: Any]]
            full[0]["measured"] = 0.1; full[0]["passed"] = false
            criteria["full"] = full; m["criteria"] = criteria
            var rows = m["metricRows"] as! [[String: Any]]
            rows[0]["full"] = (rows[0]["full"] as! Double) + 2.5
            m["metricRows"] = rows
        }])
    }

    func testComparingARunWithItselfReportsNoChange() throws {
        let run = try RunFolderReader.read(Self.reference.path)
        let c = try RunComparison.make(run, run, sharedOnly: false)
        XCTAssertEqual(c.compared, Phenomenon.allCases)
        XCTAssertEqual(c.changeCount, 0)
        XCTAssertTrue(c.parameters.isEmpty)
        XCTAssertTrue(c.metrics.allSatisfy { $0.difference == nil || $0.difference == 0 })
        // The conclusions are the reference report's Table 1.
        let osr = c.conclusions.filter { $0.phenomenon == .osr }
        XCTAssertEqual(osr.first { $0.name == "Kept pathways" }?.a, "5 × ON slow, ON fast")
        XCTAssertEqual(osr.first { $0.name == "Nec. / suff." }?.a, "yes / yes")
        XCTAssertEqual(osr.first { $0.name == "Members showing it" }?.a, "2 of 5")
        // The one circuit's cell of Table 1, with the circuit's pathway types, read from data/unified-circuit.json.
        XCTAssertEqual(osr.first { $0.name == "One circuit" }?.a, "— (2 of 2) (OFF fast + OFF slow + ON fast)")
        XCTAssertEqual(c.conclusions.first { $0.phenomenon == .anticipation && $0.name == "One circuit" }?.a,
                       "no (0 of 2) (OFF fast + OFF slow + ON fast)")
    }

    func testFlagsExactlyTheEditedChangesAndDifferencesAreBMinusA() throws {
        let a = try RunFolderReader.read(Self.reference.path), b = try RunFolderReader.read(try modified())
        let c = try RunComparison.make(a, b, sharedOnly: false)
        XCTAssertEqual(c.criteria.filter(\.changed).map(\.name), ["Spearman ρ of peak latency vs contrast"])
        XCTAssertEqual(Set(c.conclusions.filter(\.changed).map { "\($0.phenomenon.rawValue): \($0.name)" }),
                       // The full model now shows latency coding only partly, so "Needs ÷" makes no claim either.
                       ["latency: Full model shows", "latency: Reproduced", "latency: Needs ÷"])
        XCTAssertEqual(c.parameters.map(\.key), ["analysis.integratedGradients.steps"])
        XCTAssertEqual(c.parameters.first?.a, "16"); XCTAssertEqual(c.parameters.first?.b, "32")
        let changedMetrics = c.metrics.filter { ($0.difference ?? 0) != 0 }
        XCTAssertEqual(changedMetrics.count, 1)
        let m = try XCTUnwrap(changedMetrics.first)
        XCTAssertEqual(m.phenomenon, .latency); XCTAssertEqual(m.model, "full")
        XCTAssertEqual(try XCTUnwrap(m.difference), try XCTUnwrap(m.b) - XCTUnwrap(m.a), accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(m.difference), 2.5, accuracy: 1e-9)
        let rho = try XCTUnwrap(c.criteria.first { $0.changed })
        XCTAssertEqual(try XCTUnwrap(rho.difference), 0.1 - (try XCTUnwrap(rho.a)), accuracy: 1e-9)
        XCTAssertNotNil(rho.membersA); XCTAssertNotNil(rho.membersB)
    }

    func testWritesTheFolderWithHighlightedChanges() throws {
        let output = scratch.appendingPathComponent("out/cmp").path
        let outcome = try ComparisonFolder.write(.init(runA: Self.reference.path, runB: try modified(), output: output, formats: [.png]), argv: ["test"])
        for file in ["report.md", "report.html", "comparison.json", "manifest.json", "figures/compare-osr-curve.png", "figures/compare-latency-curve.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: outcome.folder.appendingPathComponent(file).path), file)
        }
        let md = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("| Latency coding | Full model shows | **yes (2 of 2)** ⟨changed⟩ | **partly (1 of 2 criteria)** ⟨changed⟩ |"))
        let html = try String(contentsOf: outcome.folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<strong class=\"changed\">yes (2 of 2) <span class=\"changed-mark\">changed</span></strong>"))
        // An existing output is refused (73) without --overwrite and replaced with it.
        XCTAssertThrowsError(try ComparisonFolder.write(.init(runA: Self.reference.path, runB: Self.reference.path, output: output), argv: [])) {
            XCTAssertEqual(($0 as? ToolError)?.exitCode, 73)
        }
        let again = try ComparisonFolder.write(.init(runA: Self.reference.path, runB: Self.reference.path, output: output,
                                                     overwrite: true, formats: [.png]), argv: [])
        XCTAssertEqual(again.comparison.changeCount, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("out").path), ["cmp"])
        // --overwrite never replaces a folder that is not a comparison.
        XCTAssertThrowsError(try ComparisonFolder.write(.init(runA: Self.reference.path, runB: Self.reference.path,
                                                              output: scratch.appendingPathComponent("B").path, overwrite: true), argv: [])) {
            XCTAssertEqual($0 as? ComparisonError, .outputNotAComparison(path: self.scratch.appendingPathComponent("B").standardizedFileURL.path))
        }
    }

    func testRefusesDifferentPhenomenaUnlessShared() throws {
        let b = try copy("fewer", manifest: { m in
            var p = m["parameters"] as! [String: Any]; p["phenomena"] = ["osr", "latency", "reversal", "anticipation"]; m["parameters"] = p
        })
        let output = scratch.appendingPathComponent("refused").path
        XCTAssertThrowsError(try ComparisonFolder.write(.init(runA: Self.reference.path, runB: b, output: output), argv: [])) { error in
            XCTAssertEqual(error as? ComparisonError, .differentPhenomena(onlyInA: ["adaptation"], onlyInB: []))
            XCTAssertEqual((error as? ToolError)?.exitCode, 64)
            XCTAssertTrue("\(error)".contains("only run A has adaptation"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "no folder on refusal")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted(), ["fewer"], "no partial folder either")
        let c = try RunComparison.make(try RunFolderReader.read(Self.reference.path), try RunFolderReader.read(b), sharedOnly: true)
        XCTAssertEqual(c.compared, [.osr, .latency, .reversal, .anticipation])
        XCTAssertEqual(c.leftOut, [.init(phenomenon: .adaptation, reason: "analysed only in run A")])
    }

    func testRefusesADifferentProtocolNamingTheParameterUnlessShared() throws {
        let b = try copy("periods", manifest: { m in
            var p = m["parameters"] as! [String: Any], osr = p["osr"] as! [String: Any]
            osr["periodsMs"] = [30, 40, 50]; p["osr"] = osr; m["parameters"] = p
        })
        let a = try RunFolderReader.read(Self.reference.path), bb = try RunFolderReader.read(b)
        XCTAssertThrowsError(try RunComparison.make(a, bb, sharedOnly: false)) { error in
            XCTAssertEqual(error as? ComparisonError, .differentProtocol(phenomenon: "osr", parameter: "osr.periodsMs",
                                                                         valueA: "[30,40,50,60,70,80]", valueB: "[30,40,50]", others: 0))
            XCTAssertEqual((error as? ToolError)?.exitCode, 64)
        }
        let c = try RunComparison.make(a, bb, sharedOnly: true)
        XCTAssertFalse(c.compared.contains(.osr))
        XCTAssertEqual(c.leftOut.map(\.phenomenon), [.osr])
        XCTAssertTrue(c.leftOut[0].reason.contains("osr.periodsMs is [30,40,50,60,70,80] in run A and [30,40,50] in run B"))
    }

    func testRefusesAFolderThatIsNotARun() throws {
        let empty = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertThrowsError(try RunFolderReader.read(empty.path)) { error in
            XCTAssertEqual((error as? ToolError)?.exitCode, 66)
            XCTAssertTrue("\(error)".contains(empty.appendingPathComponent("manifest.json").path))
        }
        let foreign = try copy("foreign", manifest: { $0["schemaVersion"] = 99 })
        XCTAssertThrowsError(try RunFolderReader.read(foreign)) { error in
            XCTAssertEqual((error as? ToolError)?.exitCode, 65)
            XCTAssertTrue("\(error)".contains("foreign/manifest.json") && "\(error)".contains("schemaVersion 99"))
        }
    }
}
