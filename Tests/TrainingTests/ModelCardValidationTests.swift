import Foundation
import XCTest
import RetinaCNN
import RetinaCore
import RetinaSimulation
import ModelCards
@testable import Training

/// Issue #10, item 4: hostile model cards are refused when the file is loaded (65, naming the field);
/// non-finite values round-trip; `inspect` prints no raw control characters and no Int-converted doubles.
final class ModelCardValidationTests: XCTestCase {
    /// The shipped model's metadata (a real card).
    private func shippedMetadata() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try BNCNN.load(contentsOf: root.appendingPathComponent("Assets/model/bncnn-groundtruth.safetensors")).metadata
    }

    /// The shipped card's JSON with `edit` applied to its object.
    private func edited(_ edit: (inout [String: Any]) -> Void) throws -> [String: String] {
        var metadata = try shippedMetadata()
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(metadata[ModelCard.metadataKey]!.utf8)) as? [String: Any])
        edit(&object)
        metadata[ModelCard.metadataKey] = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        return metadata
    }

    private func assertRefused(_ metadata: [String: String], field: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ModelCard.from(metadata: metadata), file: file, line: line) { error in
            guard let e = error as? ModelCardError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(e.exitCode, 65, file: file, line: line)
            XCTAssertEqual(e.field, field, e.description, file: file, line: line)
        }
    }

    func testTheShippedCardIsValid() throws {
        let card = try XCTUnwrap(try ModelCard.from(metadata: shippedMetadata()))
        XCTAssertEqual(card.simulatorCells.count, 8)
    }

    func testOutOfRangeNumbersAreRefusedNamingTheField() throws {
        assertRefused(try edited { o in
            var p = o["simulatorParameters"] as! [String: Any]; p["kernelTaps"] = 1_000_000_000_000; o["simulatorParameters"] = p
        }, field: "simulatorParameters.kernelTaps")
        assertRefused(try edited { o in
            var p = o["simulatorParameters"] as! [String: Any]
            var k = p["offKernel"] as! [String: Any]; k["tauMilliseconds"] = 1e300; p["offKernel"] = k
            o["simulatorParameters"] = p
        }, field: "simulatorParameters.offKernel.tauMilliseconds")
        assertRefused(try edited { o in
            var cells = o["simulatorCells"] as! [[String: Any]]; cells[2]["referenceDrive"] = 0; o["simulatorCells"] = cells
        }, field: "simulatorCells[2].referenceDrive")
        assertRefused(try edited { o in
            o["simulatorCells"] = Array((o["simulatorCells"] as! [[String: Any]]).prefix(3))
        }, field: "simulatorCells")
        assertRefused(try edited { o in o["samplesPerSecond"] = 1e300 }, field: "samplesPerSecond")
        assertRefused(try edited { o in o["trainWindows"] = "many" }, field: "trainWindows")
    }

    /// A card with NaN (a silent cell's correlation), as the tool's own writer produces it, reads back.
    func testNonFiniteValuesRoundTrip() throws {
        var card = try XCTUnwrap(try ModelCard.from(metadata: shippedMetadata()))
        card.heldOutCorrelation[1] = .nan
        card.heldOutFEV[2] = -.infinity
        let back = try XCTUnwrap(try ModelCard.from(metadata: card.metadata()))
        XCTAssertTrue(back.heldOutCorrelation[1].isNaN)
        XCTAssertEqual(back.heldOutFEV[2], -.infinity)
        XCTAssertEqual(back.heldOutCorrelation[0], card.heldOutCorrelation[0])
    }

    func testInspectShowsControlCharactersAsEscapes() throws {
        var metadata = try edited { o in
            var r = o["recipe"] as! [String: Any]; r["name"] = "evil\u{1B}]0;pwned\u{07}\nforged: line"; o["recipe"] = r
            o["stopReason"] = "done\r\u{9B}31m"
        }
        metadata["note\u{1B}[2J"] = "x\ny"
        let network = try BNCNN.load(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets/model/bncnn-groundtruth.safetensors")).model
        let text = try ModelDescription.text(model: network, metadata: metadata, path: "m")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x0D })
        XCTAssertTrue(text.contains("evil\\u{1b}]0;pwned\\u{7}\\u{a}forged: line"), text)
        XCTAssertFalse(text.split(separator: "\n").contains { $0.hasPrefix("forged") })
        XCTAssertEqual(ModelDescription.fmt(1e300, 0), "1e+300")
    }
}
