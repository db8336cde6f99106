import ArrayIO
import Foundation
import XCTest
@testable import Report

/// An entry's bytes are trusted only whole: a truncated file, any flipped byte, another schema
/// version or another key's entry is refused with its reason, never decoded.
final class StepCacheEntryTests: XCTestCase {
    static func key(_ n: Int) throws -> StepCacheKey {
        try StepCacheKey(StepCacheKey.Material(kind: "test").adding("n", n))
    }

    static func entry(_ n: Int = 1, fileBytes: Int = 300) throws -> StepCacheEntry {
        try StepCacheEntry(key: key(n), step: "analysis: osr", kind: "test", value: Data("{\"n\":\(n)}".utf8),
                           files: [.init(path: "data/osr/a.csv", mediaType: "text/csv", producedBy: "analysis: osr",
                                         bytes: Data((0..<fileBytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ n) })),
                                   .init(path: "figures/osr.png", mediaType: "image/png", producedBy: "figure osr", bytes: Data([1, 2, 3]))])
    }

    func testRoundTripKeepsEveryByte() throws {
        let e = try Self.entry()
        XCTAssertEqual(try StepCacheEntry.decode(e.encoded(), expectedKey: e.key), e)
    }

    func testTruncatedEntriesAreRefused() throws {
        let e = try Self.entry()
        let bytes = try e.encoded()
        for length in [0, 5, 20, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try StepCacheEntry.decode(bytes.prefix(length), expectedKey: e.key), "\(length) bytes") { error in
                XCTAssertTrue(error is StepCacheEntry.Invalid, "\(error)")
            }
        }
    }

    /// Every single flipped byte — in the magic, the version, the header, the value, a file, the
    /// digest — is detected.
    func testEveryFlippedByteIsDetected() throws {
        let e = try Self.entry(fileBytes: 40)
        let bytes = try e.encoded()
        for i in 0..<bytes.count {
            var bad = bytes
            bad[i] ^= 0x10
            XCTAssertThrowsError(try StepCacheEntry.decode(bad, expectedKey: e.key), "byte \(i) of \(bytes.count)")
        }
    }

    func testForeignSchemaAndForeignKeyAreRefusedByName() throws {
        let e = try Self.entry()
        XCTAssertThrowsError(try StepCacheEntry.decode(e.encoded(schemaVersion: StepCache.schemaVersion + 1), expectedKey: e.key)) { error in
            guard case let .foreign(reason)? = error as? StepCacheEntry.Invalid else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("schema version \(StepCache.schemaVersion + 1)"), reason)
        }
        XCTAssertThrowsError(try StepCacheEntry.decode(e.encoded(), expectedKey: Self.key(2))) { error in
            guard case .foreign? = error as? StepCacheEntry.Invalid else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try StepCacheEntry.decode(Data("not an entry at all, just some text".utf8), expectedKey: e.key)) { error in
            guard case .foreign? = error as? StepCacheEntry.Invalid else { return XCTFail("\(error)") }
        }
    }

    func testKeysAreSixtyFourHexCharactersAndDependOnEveryInput() throws {
        let a = try Self.key(1), b = try Self.key(2)
        XCTAssertEqual(a.hex.count, 64)
        XCTAssertNotNil(StepCacheKey(hex: a.hex))
        XCTAssertNil(StepCacheKey(hex: String(a.hex.dropLast())))
        XCTAssertNil(StepCacheKey(hex: a.hex.uppercased()))
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(a, try Self.key(1), "a pure function of the material")
        var m = StepCacheKey.Material(kind: "test")
        try m.add("n", 1)
        m.engine.kernels = "some other kernels"
        XCTAssertNotEqual(try StepCacheKey(m), a, "the numeric engine is part of every key")
        m = try StepCacheKey.Material(kind: "test").adding("n", 1)
        m.toolVersion = "9.9.9"
        XCTAssertNotEqual(try StepCacheKey(m), a, "the tool version is part of every key")
    }
}
