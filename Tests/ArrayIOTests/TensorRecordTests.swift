import Foundation
import XCTest
@testable import ArrayIO

final class TensorRecordTests: XCTestCase {
    func testDTypeSizesAndNames() {
        XCTAssertEqual(DType.allCases.map(\.byteSize), [8, 4, 2, 2, 1, 1, 8, 4, 2, 1, 8, 4, 2, 1, 1])
        XCTAssertEqual(DType(rawValue: "BF16"), .bf16)
        XCTAssertEqual(DType(rawValue: "F8_E4M3"), .f8e4m3)
        XCTAssertNil(DType(rawValue: "f32"))
    }

    func testFloat32AndFloat64InitialisersStoreLittleEndianBytes() throws {
        let record = TensorRecord(float32: [1, -2], shape: [2])
        XCTAssertEqual(record.bytes, [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
        XCTAssertEqual(try record.floatValues(), [1, -2])
        XCTAssertEqual(try record.doubleValues(), [1, -2])
        let wide = TensorRecord(float64: [0.1], shape: [])
        XCTAssertEqual(wide.bytes, [0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F])
        XCTAssertEqual(try wide.doubleValues(), [0.1])
        XCTAssertEqual(try wide.floatValues(), [Float(0.1)])
        XCTAssertEqual(wide.elementCount, 1)
        XCTAssertEqual(TensorRecord(float32: [], shape: [3, 0]).elementCount, 0)
        XCTAssertEqual(TensorRecord(float32: [], shape: [-1]).elementCount, 0)
    }

    func testHalfPrecisionConversionsAreExact() throws {
        // F16 bit patterns: 1, -2, max 65504, min normal 2^-14, smallest subnormal 2^-24, -0, +inf, -inf.
        let f16: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0400, 0x0001, 0x8000, 0x7C00, 0xFC00, 0x03FF]
        let values = try TensorRecord(dtype: .f16, shape: [9], bytes: LittleEndian.encode(f16)).floatValues()
        XCTAssertEqual(Array(values[0 ..< 5]), [1, -2, 65504, 0x1p-14, 0x1p-24])
        XCTAssertEqual(values[5].bitPattern, Float(-0.0).bitPattern)
        XCTAssertEqual(Array(values[6 ..< 8]), [.infinity, -.infinity])
        XCTAssertEqual(values[8], 1023 * 0x1p-24)
        XCTAssertTrue(try TensorRecord(dtype: .f16, shape: [1], bytes: [0x01, 0x7E]).floatValues()[0].isNaN)
        let bf16: [UInt16] = [0x3F80, 0xC0A0, 0x7F80]
        XCTAssertEqual(try TensorRecord(dtype: .bf16, shape: [3], bytes: LittleEndian.encode(bf16)).doubleValues(), [1, -5, .infinity])
    }

    func testIntegerConversions() throws {
        XCTAssertEqual(try TensorRecord(int64: [-3, Int64.max], shape: [2]).int64Values(), [-3, Int64.max])
        XCTAssertEqual(try TensorRecord(dtype: .i8, shape: [2], bytes: [0xFF, 0x7F]).int64Values(), [-1, 127])
        XCTAssertEqual(try TensorRecord(dtype: .i16, shape: [1], bytes: [0x00, 0x80]).int64Values(), [-32768])
        XCTAssertEqual(try TensorRecord(dtype: .u32, shape: [1], bytes: [0xFF, 0xFF, 0xFF, 0xFF]).int64Values(), [4_294_967_295])
        XCTAssertEqual(try TensorRecord(dtype: .bool, shape: [3], bytes: [0, 1, 2]).int64Values(), [0, 1, 1])
        let tooBig = TensorRecord(dtype: .u64, shape: [1], bytes: Array(repeating: 0xFF, count: 8))
        assertMessage(assertArrayIOError(try tooBig.int64Values()), contains: ["exceeds Int64.max"])
    }

    func testConversionErrors() {
        assertMessage(assertArrayIOError(try TensorRecord(int64: [1], shape: []).floatValues()),
                      contains: ["dtype 'I64'", "expected F32, F64, F16 or BF16"])
        assertMessage(assertArrayIOError(try TensorRecord(dtype: .f8e4m3, shape: [1], bytes: [0]).doubleValues()), contains: ["'F8_E4M3'"])
        assertMessage(assertArrayIOError(try TensorRecord(float32: [1], shape: []).int64Values()), contains: ["integer or BOOL"])
        assertMessage(assertArrayIOError(try TensorRecord(dtype: .f32, shape: [2], bytes: [0, 0, 0]).floatValues()),
                      contains: ["needs 8 bytes, found 3"])
        assertMessage(assertArrayIOError(try TensorRecord(dtype: .f32, shape: [Int.max, 2], bytes: []).floatValues()),
                      contains: ["too many elements"])
    }
}
