import Foundation
import XCTest
@testable import ArrayIO

/// URL of a file in the `Fixtures` resource folder (written by Fixtures/make_fixtures.py).
func fixtureURL(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    let folder = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil), file: file, line: line)
    return folder.appendingPathComponent(name)
}

/// A fresh empty folder under the temporary directory; removed by the test case's teardown block.
func makeTemporaryFolder(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ArrayIOTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Asserts that `body` throws an `ArrayIOError` and returns it for further checks.
@discardableResult
func assertArrayIOError<T>(
    _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
) -> ArrayIOError? {
    do {
        _ = try body()
        XCTFail("expected an ArrayIOError, nothing was thrown", file: file, line: line)
        return nil
    } catch let error as ArrayIOError {
        return error
    } catch {
        XCTFail("expected an ArrayIOError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Asserts that `error`'s message contains every fragment, and its exit code.
func assertMessage(
    _ error: ArrayIOError?, contains fragments: [String], exitCode: Int32 = 65,
    file: StaticString = #filePath, line: UInt = #line
) {
    guard let error else { return }
    for fragment in fragments {
        XCTAssertTrue(error.description.contains(fragment), "'\(error.description)' lacks '\(fragment)'", file: file, line: line)
    }
    XCTAssertEqual(error.exitCode, exitCode, "exit code of '\(error.description)'", file: file, line: line)
}

/// (i − 7) × 0.125 as Float, the fixture script's `f32_ramp`.
func f32Ramp(_ count: Int) -> [Float] { (0 ..< count).map { Float(Double($0 - 7) * 0.125) } }

/// i / 3 as Double, the fixture script's `f64_thirds`.
func f64Thirds(_ count: Int) -> [Double] { (0 ..< count).map { Double($0) / 3.0 } }

/// A safetensors file assembled from a raw header string and a data buffer.
func rawSafeTensors(header: String, buffer: [UInt8] = [], declaredLength: UInt64? = nil) -> Data {
    let json = Array(header.utf8)
    var bytes: [UInt8] = []
    withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian) { bytes.append(contentsOf: $0) }
    return Data(bytes + json + buffer)
}

/// A small file with F32, F64, I64, U8 and empty tensors and awkward metadata strings.
func sampleSafeTensorsFile() -> SafeTensorsFile {
    var file = SafeTensorsFile(
        tensors: [
            "b.weight": TensorRecord(float32: [1, -2.5, 3e-8, .greatestFiniteMagnitude, 0, -0], shape: [2, 3]),
            "a.bias": TensorRecord(float64: [0.1, -1e300], shape: [2]),
            "bn.num_batches_tracked": TensorRecord(int64: [Int64.max], shape: []),
            "Zeta": TensorRecord(dtype: .u8, shape: [3], bytes: [1, 2, 255]),
            "empty": TensorRecord(float32: [], shape: [0, 5]),
        ],
        metadata: ["cells": "[0, 1]", "slash/key": "tab\tnewline\n\"q\" \\ µ"])
    file.metadata["zz"] = ""
    return file
}
