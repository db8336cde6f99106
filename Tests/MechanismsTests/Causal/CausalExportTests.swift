import Foundation
import XCTest
import ArrayIO
import Phenomena
@testable import Mechanisms

final class CausalExportTests: XCTestCase {
    func testFilesAreWrittenWithStableColumns() throws {
        let toy = CausalToy.make()
        var suite = PhenomenonSuite.validation
        suite.phenomena = [.latency]
        let test = try CausalTests.run(model: toy, phenomenon: .latency, kept: [UnitGroup(channel: 0), UnitGroup(channel: 1)],
                                       all: (0..<6).map { UnitGroup(channel: $0) }, suite: suite, settings: .init(includeSingles: false))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("causal-export-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try CausalExport.write(test, to: folder), ["causal_tests.csv", "causal_tests.json"])
        let csv = try String(contentsOf: folder.appendingPathComponent("causal_tests.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines[0], "intervention,kind,silenced,kept_only,silenced_unit_fraction,metric,unit,value,retained,criteria_passed,criteria_total,retina_ablation,retina_value,retina_retained,agree")
        // 4 interventions × (3 metrics + response above baseline + strength).
        XCTAssertEqual(lines.count, 1 + 4 * 5)
        // Silencing both planted channels leaves a flat trace: no response, so no strength (empty) and nothing retained.
        XCTAssertTrue(lines.contains { $0.hasPrefix("silence kept,allKept,c0 c1,,0.333333,strength: shift,ms,,0.0000,") }, csv)
        let file = try StableJSON.read(CausalTestsFile.self, contentsOf: folder.appendingPathComponent("causal_tests.json"))
        XCTAssertEqual(file.test, test)

        let h = HypothesisTests.judge(try HypothesisSet.parse(line: "latency: c0 + c1"), channels: [0, 1], causal: test, circuit: nil)
        XCTAssertEqual(h.verdict, .supported)
        XCTAssertEqual(try CausalExport.write([h], to: folder), ["hypotheses.csv", "hypotheses.json"])
        let hcsv = try String(contentsOf: folder.appendingPathComponent("hypotheses.csv"), encoding: .utf8)
        XCTAssertTrue(hcsv.contains("latency: c0 + c1,latency,c0 + c1,c0 c1,supported,0.0000,1.0000,"), hcsv)
    }
}
