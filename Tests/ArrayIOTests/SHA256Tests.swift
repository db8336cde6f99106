import Foundation
import XCTest
@testable import ArrayIO

final class SHA256Tests: XCTestCase {
    /// 1 MiB, byte i = (31 i + 7) mod 256; digest from Python hashlib.
    private let megabyte = Data((0 ..< (1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    private let megabyteDigest = "06b7bbfb7824aa03382051691630eb26de85102d1b08a81e907ec0744cd8a286"

    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(megabyte), megabyteDigest)
        XCTAssertEqual(SHA256.digest(Data("abc".utf8)).count, 32)
    }

    func testStreamingInOddChunksMatchesOneShot() {
        var hasher = SHA256.Hasher()
        var offset = 0
        var chunk = 1
        while offset < megabyte.count {
            let end = min(offset + chunk, megabyte.count)
            hasher.update(megabyte[offset ..< end])
            offset = end
            chunk = chunk * 3 % 1000 + 1
        }
        XCTAssertEqual(SHA256.hexString(hasher.finalize()), megabyteDigest)
    }

    func testHashesFilesAndReportsMissingOnes() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("blob.bin")
        try megabyte.write(to: url)
        XCTAssertEqual(try SHA256.hex(fileAt: url), megabyteDigest)
        let missing = folder.appendingPathComponent("none.bin")
        XCTAssertEqual(assertArrayIOError(try SHA256.hex(fileAt: missing)), .fileNotFound(path: missing.path))
        assertMessage(assertArrayIOError(try SHA256.hex(fileAt: folder)), contains: ["folder"], exitCode: 66)
    }
}
