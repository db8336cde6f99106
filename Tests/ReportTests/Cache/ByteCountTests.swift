import XCTest
@testable import Report

/// `--cache-limit` sizes: binary units, and a clear error naming the parameter for anything else.
final class ByteCountTests: XCTestCase {
    func testSizesInBinaryUnits() throws {
        XCTAssertEqual(try ByteCount.parse("4G"), 4 << 30)
        XCTAssertEqual(try ByteCount.parse("4GiB"), 4 << 30)
        XCTAssertEqual(try ByteCount.parse("500m"), 500 << 20)
        XCTAssertEqual(try ByteCount.parse("1.5G"), 3 << 29)
        XCTAssertEqual(try ByteCount.parse("2K"), 2048)
        XCTAssertEqual(try ByteCount.parse("1T"), 1 << 40)
        XCTAssertEqual(try ByteCount.parse("123"), 123)
        XCTAssertEqual(ByteCount.text(512), "512 bytes")
        XCTAssertEqual(ByteCount.text(96_900_000), "92.4 MiB")
        XCTAssertEqual(ByteCount.text(4 << 30), "4.0 GiB")
    }

    func testZeroNegativeAndWordsAreRefusedNamingTheParameter() {
        for bad in ["0", "0G", "0.0000001K", "-1G", "banana", "", "G", "4X", "1e9", "4 G B", "nan", "inf", "99999999999T"] {
            XCTAssertThrowsError(try ByteCount.parse(bad), "'\(bad)'") { error in
                XCTAssertEqual(error as? RunPipelineError,
                               .invalidParameter(name: "--cache-limit", expected: ByteCount.expected, found: "'\(bad)'"), "'\(bad)'")
            }
        }
    }
}
