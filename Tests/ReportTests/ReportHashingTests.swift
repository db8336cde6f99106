import XCTest
@testable import Report

/// FIPS 180-4 vectors; the 3000-byte vector is from Python's hashlib.
final class ReportHashingTests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(ReportHashing.sha256Hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(ReportHashing.sha256Hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(ReportHashing.sha256Hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testFileAndIncrementalUpdatesAgree() throws {
        let bytes = (0..<3000).map { UInt8($0 % 251) }
        let expected = "e8ca4bf83f56152c01649f88bd7c91b15ae8137d9a709572e04fae55894ea75e"
        XCTAssertEqual(ReportHashing.sha256Hex(bytes), expected)
        var state = SHA256State()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { state.update(Array(bytes[chunk..<min(chunk + 37, bytes.count)])) }
        XCTAssertEqual(state.finalizeHex(), expected)
        let url = try makeTemporaryDirectory(self).appendingPathComponent("x.bin")
        try Data(bytes).write(to: url)
        XCTAssertEqual(try ReportHashing.sha256Hex(fileAt: url), expected)
    }
}
