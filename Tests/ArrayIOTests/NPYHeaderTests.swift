import Foundation
import XCTest
@testable import ArrayIO

/// Parsing of NPY preambles and header dicts, and malformed inputs.
final class NPYHeaderTests: XCTestCase {
    private let source = "bad.npy"

    /// A v1.0 file with `dict` as header text (space-padded to 64, newline-terminated) and `payload`.
    private func npy(_ dict: String, payload: [UInt8] = [], major: UInt8 = 1) -> Data {
        var text = Array(dict.utf8)
        let fixed = major == 1 ? 10 : 12
        while (fixed + text.count + 1) % 64 != 0 { text.append(UInt8(ascii: " ")) }
        text.append(UInt8(ascii: "\n"))
        var bytes = NPYArray.magic + [major, 0]
        if major == 1 { LittleEndian.append(UInt16(text.count), to: &bytes) } else { LittleEndian.append(UInt32(text.count), to: &bytes) }
        return Data(bytes + text + payload)
    }

    private func floats(_ values: [Float]) -> [UInt8] { LittleEndian.encode(values.map(\.bitPattern)) }

    private func decodeError(_ data: Data) -> ArrayIOError? {
        assertArrayIOError(try NPYArray.decode(data, source: source))
    }

    func testHeaderTextMatchesNumpyRepr() {
        XCTAssertEqual(NPYHeader(descr: "<f4", fortranOrder: false, shape: []).text, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        XCTAssertEqual(NPYHeader(descr: "<f8", fortranOrder: false, shape: [12]).text,
                       "{'descr': '<f8', 'fortran_order': False, 'shape': (12,), }" + String(repeating: " ", count: 19))
        XCTAssertEqual(NPYHeader(descr: "<f4", fortranOrder: false, shape: [2, 3, 4]).text,
                       "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }" + String(repeating: " ", count: 20))
    }

    func testAcceptsNativeByteOrderFormsKeyOrderAndVersions() throws {
        let payload = floats([1, 2])
        for descr in ["<f4", "=f4", "|f4", "f4"] {
            let data = npy("{'shape': (2,), 'fortran_order': False, 'descr': '\(descr)'}", payload: payload)
            XCTAssertEqual(try NPYArray.decode(data, source: source), NPYArray(shape: [2], values: [1, 2]), descr)
        }
        for major: UInt8 in [2, 3] {
            let data = npy("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2L,), }", payload: payload, major: major)
            XCTAssertEqual(try NPYArray.decode(data, source: source), NPYArray(shape: [2], values: [1, 2]))
        }
        // Bytes after the data are refused (numpy.load ignores them): the shape does not describe the file.
        assertMessage(assertArrayIOError(try NPYArray.decode(npy("{'descr': '<f4', 'fortran_order': False, 'shape': ()}", payload: floats([3, 9])),
                                                             source: source)),
                      contains: ["4 bytes after the data of shape []"])
    }

    func testBadMagicAndVersion() {
        var bytes = [UInt8](npy("{'descr': '<f4', 'fortran_order': False, 'shape': ()}", payload: floats([1])))
        bytes[1] = UInt8(ascii: "X")
        assertMessage(decodeError(Data(bytes)), contains: ["'bad.npy'", "bad magic", "found 93 58 55 4d 50 59"])
        bytes[1] = UInt8(ascii: "N"); bytes[6] = 4
        assertMessage(decodeError(Data(bytes)), contains: ["format version 4.0 is not supported"])
        assertMessage(decodeError(Data([0x93, 0x4E])), contains: ["truncated", "needs 10 bytes, found 2"])
    }

    func testTruncatedHeaderAndData() {
        let full = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}", payload: floats([1, 2, 3, 4, 5, 6]))
        assertMessage(decodeError(full.prefix(40)), contains: ["truncated", "the 118-byte header dict", "needs 128 bytes, found 40"])
        assertMessage(decodeError(full.prefix(full.count - 1)),
                      contains: ["truncated", "data of shape [2, 3] as '<f4'", "needs 152 bytes, found 151"])
    }

    func testRejectsMalformedDicts() {
        let cases: [(String, String)] = [
            ("{'descr': '<f4', 'fortran_order': True, 'shape': (2,)}", "fortran_order is True"),
            ("{'descr': '>f8', 'fortran_order': False, 'shape': (2,)}", "'>f8' is big-endian"),
            ("{'descr': '<i4', 'fortran_order': False, 'shape': (2,)}", "dtype '<i4' is not supported"),
            ("{'descr': '<f2', 'fortran_order': False, 'shape': (2,)}", "dtype '<f2' is not supported"),
            ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", "descr is a list"),
            ("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}", "fortran_order is an integer"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': [2]}", "shape is a list"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}", "shape axis 0 is negative"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", "shape axis 0 is negative or too large"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4)}", "too many elements"),
            ("{'descr': '<f4', 'shape': (2,)}", "lacks the key 'fortran_order'"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected key 'extra'"),
            ("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", "duplicate key 'descr'"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk", "unexpected content after the dict"),
            ("{'descr': '<f4', 'fortran_order': Nope, 'shape': (2,)}", "unexpected character 'N'"),
            ("{'descr': '<f4, 'fortran_order': False}", "expected ',' or '}'"),
            ("{'descr' '<f4'}", "expected ':' in dict"),
            ("['descr']", "expected '{'"),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': " + String(repeating: "(", count: 40), "nesting deeper"),
        ]
        for (dict, fragment) in cases {
            assertMessage(decodeError(npy(dict, payload: floats([1, 2]))), contains: ["'bad.npy'", fragment])
        }
    }

    func testRandomCorruptionNeverCrashes() throws {
        let valid = [UInt8](try NPYArray(shape: [2, 3], values: f32Ramp(6)).encoded())
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0 ..< 300 {
            var bytes = valid
            if next() % 2 == 0 {
                bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
            } else {
                bytes.removeLast(next() % bytes.count)
            }
            do {
                let array = try NPYArray.decode(Data(bytes), source: source)
                XCTAssertEqual(array.values.count, array.shape.reduce(1, *))
            } catch {
                XCTAssertTrue(error is ArrayIOError, "\(error)")
            }
        }
    }
}
