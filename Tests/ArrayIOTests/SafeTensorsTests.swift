import Foundation
import XCTest
@testable import ArrayIO

final class SafeTensorsTests: XCTestCase {
    // MARK: Fixtures written by Python's safetensors.numpy.save_file

    func testReadsPythonFixtureExactly() throws {
        let file = try SafeTensorsFile.read(contentsOf: fixtureURL("weights.safetensors"))
        XCTAssertEqual(file.tensorNames, ["bn.num_batches_tracked", "bn.running_mean", "bytes", "conv.weight", "empty", "fc.weight", "half", "mask"])
        XCTAssertEqual(file.metadata, ["format": "np", "img_shape": "[40, 50, 50]", "note": "55 µm pixels, \"quoted\""])

        XCTAssertEqual(try file.floats("conv.weight", shape: [2, 1, 3, 3]), f32Ramp(18))
        XCTAssertEqual(try file.floats("bn.running_mean", shape: [2]), f32Ramp(2))
        XCTAssertEqual(try file.doubles("fc.weight", shape: [3, 2]), f64Thirds(6))
        XCTAssertEqual(try file.floats("fc.weight", shape: [3, 2]), f64Thirds(6).map { Float($0) })
        XCTAssertEqual(try file.int64s("bn.num_batches_tracked", shape: []), [1234])
        XCTAssertEqual(try file.tensor("bn.num_batches_tracked").dtype, .i64)
        XCTAssertEqual(try file.int64s("mask", shape: [3]), [1, 0, 1])
        XCTAssertEqual(try file.tensor("mask").dtype, .bool)
        XCTAssertEqual(try file.int64s("bytes", shape: [4]), [0, 1, 2, 3])
        XCTAssertEqual(try file.floats("half", shape: [6]), [1, -2, 0.5, 65504, 6.103515625e-05, 5.960464477539063e-08])
        XCTAssertEqual(try file.floats("empty", shape: [0, 4]), [])
        XCTAssertEqual(try file.decodeMetadata([Int].self, key: "img_shape"), [40, 50, 50])
    }

    func testPythonFixtureSurvivesSwiftRoundTrip() throws {
        let original = try SafeTensorsFile.read(contentsOf: fixtureURL("weights.safetensors"))
        let again = try SafeTensorsFile.decode(original.encoded(), source: "again")
        XCTAssertEqual(again.tensors, original.tensors)
        XCTAssertEqual(again.metadata, original.metadata)
        XCTAssertEqual(again.tensors["bn.num_batches_tracked"], TensorRecord(int64: [1234], shape: []))
    }

    func testFloatsReportsNaNWithIndex() throws {
        let url = try fixtureURL("nan.safetensors")
        let error = assertArrayIOError(try SafeTensorsFile.read(contentsOf: url).floats("w", shape: [6]))
        XCTAssertEqual(error, .nonFinite(path: url.path, tensor: "w", index: 4, value: "NaN"))
        assertMessage(error, contains: ["tensor 'w' in file '\(url.path)' contains NaN at index 4"])
    }

    // MARK: Round trip and deterministic layout

    func testRoundTripKeepsEveryTensorAndMetadata() throws {
        let file = sampleSafeTensorsFile()
        let decoded = try SafeTensorsFile.decode(file.encoded(), source: "memory.safetensors")
        XCTAssertEqual(decoded.tensors, file.tensors)
        XCTAssertEqual(decoded.metadata, file.metadata)
        XCTAssertEqual(decoded.source, "memory.safetensors")
        XCTAssertEqual(try decoded.int64s("bn.num_batches_tracked", shape: []), [Int64.max])
        XCTAssertEqual(try decoded.tensor("a.bias").doubleValues(), [0.1, -1e300])
    }

    func testEncodingIsDeterministicSortedAndPadded() throws {
        let data = try sampleSafeTensorsFile().encoded()
        XCTAssertEqual(data, try sampleSafeTensorsFile().encoded())
        let bytes = [UInt8](data)
        let headerLength = Int(try XCTUnwrap(LittleEndian.read(UInt64.self, from: bytes, at: 0)))
        XCTAssertEqual(headerLength % 8, 0, "header padded to 8 bytes")
        let header = String(decoding: bytes[8 ..< 8 + headerLength], as: UTF8.self)
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        XCTAssertTrue(header.hasPrefix(trimmed) && header.dropFirst(trimmed.count).allSatisfy { $0 == " " })
        // Keys in UTF-8 byte order: uppercase < "__metadata__" < lowercase; entry keys sorted.
        XCTAssertTrue(trimmed.hasPrefix(#"{"Zeta":{"data_offsets":[0,3],"dtype":"U8","shape":[3]},"__metadata__":{"cells":"[0, 1]","slash/key":"tab\tnewline\n\"q\" \\ µ","zz":""},"a.bias":{"data_offsets":[3,19],"dtype":"F64","shape":[2]}"#), trimmed)
        // Packed without gaps: total = 8 + header + sum of tensor sizes.
        XCTAssertEqual(bytes.count, 8 + headerLength + 3 + 16 + 24 + 8 + 0)
    }

    func testWriteAndReadFile() throws {
        let folder = try makeTemporaryFolder(self)
        let url = folder.appendingPathComponent("model.safetensors")
        try sampleSafeTensorsFile().write(to: url)
        let read = try SafeTensorsFile.read(contentsOf: url)
        XCTAssertEqual(read.tensors, sampleSafeTensorsFile().tensors)
        XCTAssertEqual(read.source, url.path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.safetensors"])
    }

    /// Writes files for the Python cross-check when ARRAYIO_EXPORT_DIR is set (see the report; checked
    /// with Fixtures/check_swift_output.py). Always verifies the same bytes decode in Swift.
    func testExportForPythonCheck() throws {
        var file = SafeTensorsFile(tensors: [
            "conv.weight": TensorRecord(float32: f32Ramp(18), shape: [2, 1, 3, 3]),
            "fc.weight": TensorRecord(float64: f64Thirds(6), shape: [3, 2]),
            "bn.num_batches_tracked": TensorRecord(int64: [1234], shape: []),
        ], metadata: ["format": "np"])
        try file.setMetadata(["img_shape": [40, 50, 50]], key: "config")
        let npy = NPYArray(shape: [2, 3, 4], values: f32Ramp(24))
        XCTAssertEqual(try SafeTensorsFile.decode(file.encoded(), source: "export").tensors, file.tensors)
        XCTAssertEqual(try NPYArray.decode(npy.encoded(dtype: .f64), source: "export"), npy)
        guard let folder = ProcessInfo.processInfo.environment["ARRAYIO_EXPORT_DIR"] else { return }
        let base = URL(fileURLWithPath: folder)
        try file.write(to: base.appendingPathComponent("swift.safetensors"))
        try sampleSafeTensorsFile().write(to: base.appendingPathComponent("swift_sample.safetensors"))
        try npy.write(to: base.appendingPathComponent("swift_f32.npy"))
        try npy.write(to: base.appendingPathComponent("swift_f64.npy"), dtype: .f64)
        try NPYArray(shape: [], values: [-2.5]).write(to: base.appendingPathComponent("swift_0d.npy"))
    }

    // MARK: Checked access

    func testFloatsChecksPresenceShapeAndDType() throws {
        let file = try SafeTensorsFile.decode(sampleSafeTensorsFile().encoded(), source: "f.safetensors")
        assertMessage(assertArrayIOError(try file.floats("missing", shape: [1])),
                      contains: ["tensor 'missing' is missing from file 'f.safetensors'", "'a.bias'"])
        XCTAssertEqual(assertArrayIOError(try file.floats("b.weight", shape: [3, 2])),
                       .shapeMismatch(path: "f.safetensors", tensor: "b.weight", expected: [3, 2], found: [2, 3]))
        assertMessage(assertArrayIOError(try file.floats("b.weight", shape: [3, 2])),
                      contains: ["has shape [2, 3], expected [3, 2]"])
        assertMessage(assertArrayIOError(try file.floats("Zeta", shape: [3])),
                      contains: ["tensor 'Zeta'", "dtype 'U8'", "F32, F64, F16 or BF16"])
        // -1e300 is finite in F64 but not representable as Float.
        assertMessage(assertArrayIOError(try file.floats("a.bias", shape: [2])),
                      contains: ["tensor 'a.bias'", "index 1", "outside the Float range"])
        XCTAssertEqual(try file.doubles("a.bias", shape: [2]), [0.1, -1e300])
    }

    func testDoublesReportsInfinity() throws {
        let file = SafeTensorsFile(tensors: ["x": TensorRecord(float64: [1, -.infinity], shape: [2])])
        XCTAssertEqual(assertArrayIOError(try file.doubles("x", shape: [2])),
                       .nonFinite(path: "(in memory)", tensor: "x", index: 1, value: "-Infinity"))
    }

    func testEncodingRejectsInconsistentRecordsAndReservedName() {
        let short = SafeTensorsFile(tensors: ["w": TensorRecord(float32: [1, 2, 3], shape: [2, 2])])
        assertMessage(assertArrayIOError(try short.encoded()), contains: ["tensor 'w'", "needs 16 bytes, found 12"])
        let negative = SafeTensorsFile(tensors: ["w": TensorRecord(dtype: .f32, shape: [-1], bytes: [])])
        assertMessage(assertArrayIOError(try negative.encoded()), contains: ["tensor 'w'", "negative dimension"])
        let reserved = SafeTensorsFile(tensors: ["__metadata__": TensorRecord(float32: [1], shape: [1])])
        assertMessage(assertArrayIOError(try reserved.encoded()), contains: ["__metadata__"])
    }

    func testDecodeMetadataErrors() throws {
        let file = SafeTensorsFile(tensors: [:], metadata: ["bad": "{not json"])
        assertMessage(assertArrayIOError(try file.decodeMetadata([Int].self, key: "absent")), contains: ["'absent'", "missing", "bad"])
        assertMessage(assertArrayIOError(try file.decodeMetadata([Int].self, key: "bad")), contains: ["'bad'", "cannot decode"])
    }
}
