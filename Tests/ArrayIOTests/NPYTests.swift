import Foundation
import XCTest
@testable import ArrayIO

final class NPYTests: XCTestCase {
    // MARK: Fixtures written by numpy.save

    func testReadsNumpyFixturesExactly() throws {
        XCTAssertEqual(try NPYArray.read(contentsOf: fixtureURL("f32_1d.npy")), NPYArray(shape: [5], values: f32Ramp(5)))
        XCTAssertEqual(try NPYArray.read(contentsOf: fixtureURL("f32_3d.npy")), NPYArray(shape: [2, 3, 4], values: f32Ramp(24)))
        XCTAssertEqual(try NPYArray.read(contentsOf: fixtureURL("f64_3d.npy")),
                       NPYArray(shape: [2, 3, 4], values: f64Thirds(24).map { Float($0) }))
        XCTAssertEqual(try NPYArray.read(contentsOf: fixtureURL("f32_0d.npy")), NPYArray(shape: [], values: [-2.5]))
        XCTAssertEqual(try NPYArray.read(contentsOf: fixtureURL("f64_0d.npy")), NPYArray(shape: [], values: [Float(1.0 / 3.0)]))
        XCTAssertEqual(try NPYArray.read(contentsOf: fixtureURL("f32_empty.npy")), NPYArray(shape: [0, 3], values: []))
    }

    /// The writer reproduces numpy.save byte for byte (header layout, growth padding, 64-byte alignment).
    func testEncodingMatchesNumpyBytes() throws {
        let cases: [(String, NPYArray, DType)] = [
            ("f32_1d.npy", NPYArray(shape: [5], values: f32Ramp(5)), .f32),
            ("f32_3d.npy", NPYArray(shape: [2, 3, 4], values: f32Ramp(24)), .f32),
            ("f32_0d.npy", NPYArray(shape: [], values: [-2.5]), .f32),
            ("f32_empty.npy", NPYArray(shape: [0, 3], values: []), .f32),
            ("f64_0d.npy", NPYArray(shape: [], values: [0.5]), .f64),
        ]
        for (name, array, dtype) in cases {
            var expected = try Data(contentsOf: fixtureURL(name))
            if name == "f64_0d.npy" {  // same header; replace the 1/3 payload with 0.5, exact in Float
                expected = expected.prefix(expected.count - 8) + Data(LittleEndian.encode([Double(0.5).bitPattern]))
            }
            XCTAssertEqual(try array.encoded(dtype: dtype), expected, name)
        }
    }

    func testPreambleIsMultipleOf64AndEndsWithNewline() throws {
        for shape in [[], [1], [7], [3, 1_000_000_000_000], Array(repeating: 2, count: 20)] {
            let count = shape.reduce(1, *)
            let array = NPYArray(shape: shape, values: count <= 1 << 20 ? Array(repeating: 1, count: count) : [])
            let preamble = NPYArray.preamble(for: NPYHeader(descr: "<f4", fortranOrder: false, shape: shape))
            XCTAssertEqual(preamble.count % 64, 0, "\(shape)")
            XCTAssertEqual(preamble.last, UInt8(ascii: "\n"))
            if count <= 1 << 20 {
                XCTAssertEqual(try NPYArray.decode(array.encoded(), source: "x"), array)
            }
        }
    }

    func testHugeHeaderUsesVersion2() throws {
        let header = NPYHeader(descr: "<f4", fortranOrder: false, shape: Array(repeating: 1, count: 30_000))
        let preamble = NPYArray.preamble(for: header)
        XCTAssertEqual(Array(preamble[6 ..< 8]), [2, 0])
        XCTAssertEqual(preamble.count % 64, 0)
        let data = Data(preamble + LittleEndian.encode([Float(4).bitPattern]))
        XCTAssertEqual(try NPYArray.decode(data, source: "v2.npy"), NPYArray(shape: header.shape, values: [4]))
    }

    func testRoundTripF32AndF64Files() throws {
        let folder = try makeTemporaryFolder(self)
        let array = NPYArray(shape: [2, 2], values: [1.5, -0, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
        for dtype in [DType.f32, .f64] {
            let url = folder.appendingPathComponent("a_\(dtype.rawValue).npy")
            try array.write(to: url, dtype: dtype)
            let read = try NPYArray.read(contentsOf: url)
            XCTAssertEqual(read.shape, array.shape)
            XCTAssertEqual(read.values.map(\.bitPattern), array.values.map(\.bitPattern))
        }
        let nan = try NPYArray.decode(NPYArray(shape: [1], values: [.nan]).encoded(), source: "nan")
        XCTAssertTrue(nan.values[0].isNaN)
    }

    func testEncodingRejectsBadInput() {
        assertMessage(assertArrayIOError(try NPYArray(shape: [2, 2], values: [1, 2, 3]).encoded()),
                      contains: ["shape [2, 2] has 4 elements, found 3 values"])
        assertMessage(assertArrayIOError(try NPYArray(shape: [1], values: [1]).encoded(dtype: .i64)),
                      contains: ["dtype I64 is not supported"])
        assertMessage(assertArrayIOError(try NPYArray(shape: [-1], values: []).encoded()), contains: ["negative dimension"])
    }

    // MARK: Rejections of real numpy files

    func testRejectsFortranOrderBigEndianIntegerAndObjectFixtures() throws {
        let fortran = try fixtureURL("fortran.npy")
        assertMessage(assertArrayIOError(try NPYArray.read(contentsOf: fortran)), contains: [fortran.path, "fortran_order is True"])
        assertMessage(assertArrayIOError(try NPYArray.read(contentsOf: fixtureURL("big_endian.npy"))), contains: ["'>f4' is big-endian"])
        assertMessage(assertArrayIOError(try NPYArray.read(contentsOf: fixtureURL("int64.npy"))),
                      contains: ["dtype '<i8' is not supported", "'<f4'"])
        assertMessage(assertArrayIOError(try NPYArray.read(contentsOf: fixtureURL("object.npy"))),
                      contains: ["dtype '|O'", "pickles"])
    }

    /// np.load ignores bytes after the data; we refuse them, since they mean the header's shape does
    /// not describe the file (an edited shape, or two arrays saved into one file).
    func testTrailingBytesAreRefused() throws {
        let data = try NPYArray(shape: [2], values: [1, 2]).encoded()
        XCTAssertEqual(try NPYArray.decode(data, source: "exact.npy").values, [1, 2])
        for extra in [1, 4, 200] {
            let error = assertArrayIOError(try NPYArray.decode(data + Data(repeating: 0, count: extra), source: "extra.npy"))
            XCTAssertEqual(error?.exitCode, 65)
            assertMessage(error, contains: ["extra.npy", "\(extra) byte", "after the data of shape [2]", "\(data.count + extra) found"])
        }
    }

    func testMissingFile() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("none.npy")
        XCTAssertEqual(assertArrayIOError(try NPYArray.read(contentsOf: url)), .fileNotFound(path: url.path))
    }
}
