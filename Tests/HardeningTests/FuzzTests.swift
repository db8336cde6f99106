import Foundation
import XCTest
import ArrayIO
import RetinaCNN
import RetinaCore
import Report
import ReportKit
import Training
import ModelCards

/// Seeded fuzzing (plain loops over ``SeededRandom``; the same inputs every run): malformed
/// safetensors, NPY, JSON parameters and model cards. Every input must end in success or a typed
/// ``ToolError`` with a documented exit code — never a crash, never an untyped error.
final class FuzzTests: XCTestCase {
    /// Exit codes a malformed input may produce (bad argument, malformed input, missing input).
    let inputCodes: Set<Int32> = [64, 65, 66]

    private func assertToolError(_ error: Error, codes: Set<Int32>, _ context: @autoclosure () -> String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        guard let e = error as? ToolError else { return XCTFail("untyped error \(error) for \(context())", file: file, line: line) }
        XCTAssertTrue(codes.contains(e.exitCode), "exit \(e.exitCode) for \(context()): \(e.description)", file: file, line: line)
    }

    /// Byte-level mutations of `data`: truncation, random byte flips in the first `hot` bytes,
    /// header-length field overwrites, random insertions.
    private func mutations(of data: Data, hot: Int, count: Int, seed: UInt64) -> [Data] {
        var rng = SeededRandom(seed: seed)
        var out: [Data] = []
        let bytes = [UInt8](data)
        for i in 0..<count {
            var b = bytes
            switch i % 4 {
            case 0:
                b = Array(b.prefix(Int(rng.next() % UInt64(b.count))))
            case 1:
                for _ in 0..<(1 + Int(rng.next() % 4)) { b[Int(rng.next() % UInt64(min(hot, b.count)))] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2:
                let field = Int(rng.next() % 8)
                for k in 0..<min(8, b.count) where k >= field { b[k] = UInt8(truncatingIfNeeded: rng.next()) }
            default:
                let at = Int(rng.next() % UInt64(min(hot, b.count)))
                let tokens: [String] = ["{", "}", "\"", "[", "]", ",", ":", "-1", "1e309", "null", "\"F16\"", "\"data_offsets\"", "\u{0}", "99999999999999999999"]
                b.insert(contentsOf: Array(tokens[Int(rng.next() % UInt64(tokens.count))].utf8), at: at)
            }
            out.append(Data(b))
        }
        return out
    }

    func testMalformedSafetensorsNeverCrash() throws {
        let original = try Data(contentsOf: shippedModel)
        let headerLength = Int(original.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        var refused = 0
        for (i, data) in mutations(of: original, hot: 8 + headerLength, count: 240, seed: 10).enumerated() {
            do {
                let file = try SafeTensorsFile.decode(data, source: "fuzz-\(i)")
                _ = try BNCNN(safeTensors: file)
                _ = try ModelCard.from(metadata: file.metadata)
            } catch {
                refused += 1
                assertToolError(error, codes: inputCodes, "safetensors mutation \(i)")
            }
        }
        print("fuzz: \(refused) of 240 safetensors mutations refused with a typed error, the rest loaded")
        XCTAssertGreaterThan(refused, 150, "most mutations must be refused")
    }

    func testMalformedNPYNeverCrashes() throws {
        var rng = SeededRandom(seed: 3)
        let movie = NPYArray(shape: [41, 4, 5], values: (0..<(41 * 20)).map { _ in Float(rng.uniform(-1, 1)) })
        let original = try movie.encoded()
        var refused = 0
        for (i, data) in mutations(of: original, hot: 128, count: 240, seed: 11).enumerated() {
            do {
                _ = try NPYArray.decode(data, source: "fuzz-\(i)").movie(source: "fuzz-\(i)")
            } catch {
                refused += 1
                assertToolError(error, codes: inputCodes, "NPY mutation \(i)")
            }
        }
        print("fuzz: \(refused) of 240 NPY mutations refused with a typed error, the rest read")
        XCTAssertGreaterThan(refused, 120)
    }

    /// Hostile values for any leaf of the configuration, as `--parameters` or `--set` would bring them.
    nonisolated(unsafe) static let hostileValues: [Any] = [0, -1, 1e300, -1e300, 1e-300, Int.max, Int.min, "NaN", "x", NSNull(), [Any](), [String: Any](),
                                       [0, 0], [1e308], true, 33.3, "-Infinity", [[1]], 1_000_000_000]

    func testHostileParametersAreRefusedOrValid() throws {
        let base = RunConfiguration(model: "m.safetensors")
        let encoded = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(base)) as? [String: Any])
        var paths: [[String]] = []
        func collect(_ object: [String: Any], _ prefix: [String]) {
            for (key, value) in object {
                if let sub = value as? [String: Any] { collect(sub, prefix + [key]) } else { paths.append(prefix + [key]) }
            }
        }
        collect(encoded, [])
        paths.append(["analysis", "cells"]); paths.append(["unknownKey"])
        paths.sort { $0.joined(separator: ".") < $1.joined(separator: ".") }
        var rng = SeededRandom(seed: 12)
        var accepted = 0
        for i in 0..<250 {
            let path = paths[Int(rng.next() % UInt64(paths.count))]
            let value = Self.hostileValues[Int(rng.next() % UInt64(Self.hostileValues.count))]
            let text = String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
            let assignment = path.joined(separator: ".") + "=" + text
            do {
                let config = try base.setting(assignment)
                try config.validate()
                _ = config.estimate()
                accepted += 1
            } catch {
                assertToolError(error, codes: [64], "--set \(assignment) (case \(i))")
            }
        }
        print("fuzz: \(250 - accepted) of 250 hostile --set values refused with exit 64, \(accepted) valid")
        XCTAssertLessThan(accepted, 125, "most hostile values must be refused")
    }

    func testHostileModelCardsAreRefusedOrDescribable() throws {
        let (network, metadata) = try BNCNN.load(contentsOf: shippedModel)
        let card = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(metadata[ModelCard.metadataKey]!.utf8)) as? [String: Any])
        var rng = SeededRandom(seed: 13)
        func mutate(_ value: Any) -> Any {
            if var object = value as? [String: Any], !object.isEmpty {
                let keys = object.keys.sorted()
                let key = keys[Int(rng.next() % UInt64(keys.count))]
                if rng.uniform() < 0.1 { object.removeValue(forKey: key) } else { object[key] = mutate(object[key]!) }
                return object
            }
            if var array = value as? [Any], !array.isEmpty {
                if rng.uniform() < 0.15 { array.removeLast(); return array }
                let i = Int(rng.next() % UInt64(array.count))
                array[i] = mutate(array[i]); return array
            }
            return Self.hostileValues[Int(rng.next() % UInt64(Self.hostileValues.count))]
        }
        var refused = 0
        for i in 0..<120 {
            var m = metadata
            m[ModelCard.metadataKey] = String(decoding: try JSONSerialization.data(withJSONObject: mutate(card)), as: UTF8.self)
            do {
                _ = try ModelCard.from(metadata: m)
                _ = try ModelDescription.text(model: network, metadata: m, path: "fuzz")
            } catch {
                refused += 1
                assertToolError(error, codes: [65], "model-card mutation \(i)")
            }
        }
        print("fuzz: \(refused) of 120 mutated model cards refused with exit 65, the rest described")
        XCTAssertGreaterThan(refused, 60)
    }
}
