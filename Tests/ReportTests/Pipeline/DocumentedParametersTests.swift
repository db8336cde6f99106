import Foundation
import Mechanisms
import Phenomena
import XCTest
@testable import Report
@testable import ReportKit

/// Every `--set` and `--parameters` example the documentation shows is a real key.
final class DocumentedParametersTests: XCTestCase {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    func testEveryDocumentedExampleApplies() throws {
        var config = RunConfiguration(model: "m.safetensors")
        XCTAssertFalse(RunConfiguration.documentedSetExamples.isEmpty)
        for example in RunConfiguration.documentedSetExamples {
            XCTAssertNoThrow(config = try config.setting(example), example)
        }
        XCTAssertEqual(config.analysis.reduction.selection, .topK(3), "a one-key enum object is replaced by another case")
        XCTAssertEqual(config.analysis.integratedGradients.quadrature, .gaussLegendre)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("parameters-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(RunConfiguration.documentedParametersExample.utf8).write(to: file)
        XCTAssertEqual(try config.merging(parametersFile: file).protocols[OmittedStimulusResponse.self].periodsMs, [30, 50, 70])
    }

    /// Every `--set key=value` in README.md parses and applies.
    func testEveryReadmeSetExampleApplies() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"--set ([A-Za-z0-9_.]+=[^\s`]+)"#)
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
        XCTAssertFalse(matches.isEmpty, "README shows --set examples")
        let config = RunConfiguration(model: "m.safetensors")
        let examples = matches.filter { !$0.hasPrefix("key.path") }
        XCTAssertFalse(examples.isEmpty, "README shows --set examples beyond the key.path placeholder")
        for example in examples {
            XCTAssertNoThrow(try config.setting(example), example)
        }
    }

    /// A misspelt key is refused naming the real path; a misspelt enum case names the cases.
    func testErrorsNameTheRealKey() {
        let config = RunConfiguration(model: "m.safetensors")
        XCTAssertThrowsError(try config.setting("analysis.reduction.share=0.8")) { error in
            guard case let RunPipelineError.invalidParameter(name, expected, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "analysis.reduction.share")
            XCTAssertTrue(expected.contains("selection"), expected)
        }
        XCTAssertThrowsError(try config.setting("analysis.reduction.selection.shar=0.8")) { error in
            guard case let RunPipelineError.invalidParameter(name, expected, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "analysis.reduction.selection")
            XCTAssertTrue(expected.contains("share, topK"), expected)
        }
        let json = String(decoding: try! JSONEncoder().encode(config), as: UTF8.self)
        XCTAssertFalse(json.contains("\"_0\""), "no payload keys in the configuration")
    }
}
