import Foundation
import XCTest
@testable import ArrayIO

/// Every malformed safetensors input yields a typed error naming the file (and tensor), never a crash.
final class SafeTensorsValidationTests: XCTestCase {
    private let source = "bad.safetensors"

    private func decodeError(_ data: Data) -> ArrayIOError? {
        assertArrayIOError(try SafeTensorsFile.decode(data, source: source))
    }

    private func decodeError(header: String, buffer: [UInt8] = []) -> ArrayIOError? {
        decodeError(rawSafeTensors(header: header, buffer: buffer))
    }

    func testFileShorterThanEightBytes() {
        XCTAssertEqual(decodeError(Data([1, 0, 0])),
                       .truncated(path: source, what: "the 8-byte header length", expectedBytes: 8, foundBytes: 3))
        assertMessage(decodeError(Data()), contains: ["'bad.safetensors'", "needs 8 bytes, found 0"])
    }

    func testHeaderLengthBeyondFileOrLimit() {
        assertMessage(decodeError(rawSafeTensors(header: "{}", declaredLength: 50)),
                      contains: ["'bad.safetensors' is truncated", "needs 58 bytes, found 10"])
        assertMessage(decodeError(rawSafeTensors(header: "{}", declaredLength: 100_000_001)),
                      contains: ["header length 100000001 bytes exceeds the 100000000-byte limit"])
        assertMessage(decodeError(rawSafeTensors(header: "{}", declaredLength: UInt64.max)),
                      contains: ["header length 18446744073709551615"])
    }

    func testInvalidJSONAndNonObject() {
        assertMessage(decodeError(header: "{\"a\": "), contains: ["'bad.safetensors'", "invalid JSON", "unexpected end"])
        assertMessage(decodeError(header: "[1, 2]"), contains: ["the header is a JSON array, expected an object"])
        assertMessage(decodeError(header: "{} x"), contains: ["unexpected content after the JSON value"])
        assertMessage(decodeError(header: "{\"a\":01}"), contains: ["invalid JSON"])
        assertMessage(decodeError(header: "{\"a\":\"\u{01}\"}"), contains: ["control character"])
        let invalidUTF8 = [UInt8]("{\"".utf8) + [0xFF] + [UInt8]("\":1}".utf8)
        assertMessage(decodeError(Data(Self.lengthPrefix(invalidUTF8.count) + invalidUTF8)),
                      contains: ["not valid UTF-8"])
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        assertMessage(decodeError(header: "{\"a\":\(deep)}"), contains: ["nesting deeper than 64"])
    }

    func testDuplicateKeys() {
        let entry = #"{"dtype":"U8","shape":[1],"data_offsets":[0,1]}"#
        assertMessage(decodeError(header: "{\"w\":\(entry),\"w\":\(entry)}", buffer: [7]), contains: ["duplicate key 'w'"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#, buffer: [7]),
                      contains: ["duplicate key 'dtype'"])
    }

    func testMissingAndWrongTypedFields() {
        assertMessage(decodeError(header: #"{"w":{"shape":[1],"data_offsets":[0,1]}}"#, buffer: [0]),
                      contains: ["tensor 'w' in file 'bad.safetensors'", "missing field 'dtype'"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","data_offsets":[0,1]}}"#, buffer: [0]),
                      contains: ["tensor 'w'", "missing field 'shape'"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[1]}}"#, buffer: [0]),
                      contains: ["tensor 'w'", "missing field 'data_offsets'"])
        assertMessage(decodeError(header: #"{"w":{"dtype":5,"shape":[1],"data_offsets":[0,1]}}"#, buffer: [0]),
                      contains: ["field 'dtype' is a JSON number, expected a string"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":"1","data_offsets":[0,1]}}"#, buffer: [0]),
                      contains: ["field 'shape' is a JSON string"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#, buffer: [0]),
                      contains: ["shape axis 0 is -1, expected an integer ≥ 0"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[1.0],"data_offsets":[0,1]}}"#, buffer: [0]),
                      contains: ["shape axis 0 is 1.0"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0]}}"#, buffer: [0]),
                      contains: ["'data_offsets' is [0], expected [begin, end]"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,99999999999999999999]}}"#, buffer: [0]),
                      contains: ["not integers ≥ 0 that fit in 64 bits"])
        assertMessage(decodeError(header: #"{"w":[1,2]}"#), contains: ["tensor 'w'", "entry is a JSON array"])
    }

    func testUnknownDType() {
        let error = decodeError(header: #"{"w":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}"#, buffer: Array(repeating: 0, count: 16))
        assertMessage(error, contains: ["tensor 'w'", "dtype 'F128'", "one of F64, F32"])
    }

    func testSizeMismatchBetweenShapeAndOffsets() {
        let error = decodeError(header: #"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#, buffer: Array(repeating: 0, count: 24))
        assertMessage(error, contains: ["tensor 'w' in file 'bad.safetensors'", "shape [2, 3] × F32 (4 bytes) needs 24 bytes", "span 20"])
        let huge = decodeError(header: #"{"w":{"dtype":"F64","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, buffer: Array(repeating: 0, count: 8))
        assertMessage(huge, contains: ["tensor 'w'", "too many elements"])
    }

    func testOffsetsOutsideBufferOrReversed() {
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}"#, buffer: [0, 0, 0, 0]),
                      contains: ["tensor 'w'", "[2, 6) lie outside the data buffer of 4 bytes"])
        assertMessage(decodeError(header: #"{"w":{"dtype":"U8","shape":[0],"data_offsets":[3,1]}}"#, buffer: [0, 0, 0, 0]),
                      contains: ["begin > end"])
    }

    func testOverlappingOffsets() {
        let header = #"{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[2],"data_offsets":[3,5]}}"#
        assertMessage(decodeError(header: header, buffer: Array(repeating: 1, count: 5)),
                      contains: ["tensor 'b'", "[3, 5) overlap tensor 'a' at [0, 4)"])
        // A range nested inside an earlier, longer range also overlaps.
        let nested = #"{"a":{"dtype":"U8","shape":[6],"data_offsets":[0,6]},"b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]},"c":{"dtype":"U8","shape":[1],"data_offsets":[4,5]}}"#
        assertMessage(decodeError(header: nested, buffer: Array(repeating: 1, count: 6)), contains: ["overlap tensor 'a'"])
    }

    func testMetadataMustBeStrings() {
        assertMessage(decodeError(header: #"{"__metadata__":{"epochs":3}}"#),
                      contains: ["metadata key 'epochs' in file 'bad.safetensors'", "JSON number, expected a string"])
        assertMessage(decodeError(header: #"{"__metadata__":["x"]}"#), contains: ["'__metadata__'", "expected an object of strings"])
    }

    func testAcceptsTrailingSpacesNullMetadataEmptyAndScalarTensors() throws {
        let header = #"{"__metadata__":null,"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0],"data_offsets":[4,4]},"x":{"dtype":"BF16","shape":[2],"data_offsets":[4,8]},"extra":{"dtype":"U8","shape":[0],"data_offsets":[0,0],"note":"ignored"}}"# + "      "
        var buffer = [UInt8](); LittleEndian.append(Float(2.5).bitPattern, to: &buffer)
        LittleEndian.append(UInt16(0x3FC0), to: &buffer)  // BF16 1.5
        LittleEndian.append(UInt16(0xC000), to: &buffer)  // BF16 -2
        let file = try SafeTensorsFile.decode(rawSafeTensors(header: header, buffer: buffer), source: source)
        XCTAssertEqual(try file.floats("s", shape: []), [2.5])
        XCTAssertEqual(try file.floats("e", shape: [0]), [])
        XCTAssertEqual(try file.floats("x", shape: [2]), [1.5, -2])
        XCTAssertEqual(file.metadata, [:])
    }

    func testJSONEscapesInNamesAreDecoded() throws {
        let header = #"{"caf\u00e9 \ud83d\ude00 \"q\"\/":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}"#
        let file = try SafeTensorsFile.decode(rawSafeTensors(header: header, buffer: [9]), source: source)
        XCTAssertEqual(file.tensorNames, ["café 😀 \"q\"/"])
        assertMessage(decodeError(header: #"{"\ud83d":1}"#), contains: ["unpaired surrogate"])
    }

    func testMissingAndUnreadableFiles() throws {
        let folder = try makeTemporaryFolder(self)
        let missing = folder.appendingPathComponent("nope.safetensors")
        assertMessage(assertArrayIOError(try SafeTensorsFile.read(contentsOf: missing)),
                      contains: ["'\(missing.path)' does not exist"], exitCode: 66)
        assertMessage(assertArrayIOError(try SafeTensorsFile.read(contentsOf: folder)),
                      contains: ["cannot read file", "folder"], exitCode: 66)
    }

    /// Random corruptions of a valid file must only ever produce errors or valid files.
    func testRandomCorruptionNeverCrashes() throws {
        let valid = [UInt8](try sampleSafeTensorsFile().encoded())
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0 ..< 300 {
            var bytes = valid
            switch next() % 3 {
            case 0: bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
            case 1: bytes.removeLast(next() % bytes.count)
            default: bytes[next() % min(bytes.count, 8)] = UInt8(truncatingIfNeeded: next())
            }
            do {
                let file = try SafeTensorsFile.decode(Data(bytes), source: source)
                for record in file.tensors.values { XCTAssertNoThrow(try record.validate(name: "t", source: source)) }
            } catch {
                XCTAssertTrue(error is ArrayIOError, "\(error)")
            }
        }
    }

    private static func lengthPrefix(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        LittleEndian.append(UInt64(count), to: &bytes)
        return bytes
    }
}
