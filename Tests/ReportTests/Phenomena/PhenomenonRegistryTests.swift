import Foundation
import Phenomena
import XCTest
@testable import Report
@testable import ReportKit

final class PhenomenonRegistryTests: XCTestCase {
    /// Every registered phenomenon has all its facets (analysis, figures, report), unique ids, and a
    /// protocol reachable as `--set <id>.<field>`.
    func testEveryRegisteredPhenomenonHasEveryFacet() throws {
        let ids = PhenomenonRegistry.all.map { $0.id }
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        XCTAssertEqual(ids.map(\.rawValue), ["osr", "latency", "reversal", "anticipation", "adaptation"])
        for id in ids {
            XCTAssertNoThrow(try RunPipeline.reportable(id), "\(id)")
        }
        let config = RunConfiguration(model: "m.safetensors")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any]
        for id in ids { XCTAssertNotNil(json?[id.rawValue] as? [String: Any], "\(id) protocol under its id") }
        let changed = try config.setting("adaptation.cycles=4")
        XCTAssertEqual(changed.protocols[ContrastAdaptation.self].cycles, 4)
        XCTAssertEqual(try JSONDecoder().decode(RunConfiguration.self, from: JSONEncoder().encode(changed)), changed)
    }

    /// An unknown phenomenon is a bad argument naming the known ids, before any work.
    func testUnknownPhenomenonIsRefusedByName() {
        var config = RunConfiguration(model: "m.safetensors")
        config.phenomena = [Phenomenon(rawValue: "flicker")]
        XCTAssertThrowsError(try config.validate()) { error in
            guard case let RunPipelineError.invalidParameter(name, expected, found) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "phenomena")
            XCTAssertTrue(expected.contains("adaptation"), expected)
            XCTAssertEqual(found, "'flicker'")
        }
    }
}
