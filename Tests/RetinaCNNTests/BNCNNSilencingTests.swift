import Foundation
import XCTest
import ArrayIO
import RetinaCore
import TestSupport
@testable import RetinaCNN

/// `BNCNN.silenced(_:)` against the independent Double reference forward pass.
final class BNCNNSilencingTests: XCTestCase {
    /// Silencing a whole channel equals zeroing its conv1 kernel in the reference (bias kept), for
    /// both batch-norm modes; the other channels' kernels are untouched.
    func testSilencedChannelEqualsZeroKernelInReference() throws {
        for mode in [BatchNormMode.perUnit, .perChannel] {
            let a = TestNets.tiny(mode)
            let model = try TestNets.randomModel(a, seed: 71)
            let silenced = try model.silenced(Layer1Silencing(channels: [1]))
            var p = model.parameters
            let per = a.historyFrames * a.conv1Kernel * a.conv1Kernel
            for i in per..<(2 * per) { p.conv1Weight[i] = 0 }
            let ref = ReferenceBNCNN(try BNCNN(architecture: a, parameters: p))
            let movie = TestNets.randomMovie(frames: 6, height: a.height, width: a.width, seed: 72)
            let rates = try silenced.rates(for: movie)
            let full = try model.rates(for: movie)
            var expected: [Double] = []
            for i in 0..<rates.rows { expected += ref.rates(window: TestNets.window(movie, i, history: a.historyFrames)) }
            XCTAssertLessThan(TestNets.maxRelativeError(rates.valuesHz, expected), 1e-4, "\(mode)")
            // The silencing changes the output (the test can fail) and keeps the other kernels.
            XCTAssertGreaterThan(zip(full.valuesHz, rates.valuesHz).map { abs($0 - $1) }.max()!, 1e-3, "\(mode)")
            XCTAssertEqual(Array(silenced.parameters.conv1Weight[0..<per]), Array(model.parameters.conv1Weight[0..<per]))
            XCTAssertEqual(silenced.parameters.conv1Bias, model.parameters.conv1Bias)
        }
    }

    /// Positions: the BN1 edit equals clamping those units' z to the bias in the reference.
    func testSilencedRegionEqualsClampedPreactivation() throws {
        let a = TestNets.tiny(.perUnit)
        let model = try TestNets.randomModel(a, seed: 73)
        let region = Layer1Silencing.Region(channel: 2, columns: 1...3, rows: 2...5)
        let silenced = try model.silenced(Layer1Silencing(regions: [region]))
        let ref = ReferenceBNCNN(model)
        let movie = TestNets.randomMovie(frames: 5, height: a.height, width: a.width, seed: 74)
        let rates = try silenced.rates(for: movie)
        let (h1, w1) = (a.layer1Height, a.layer1Width)
        var expected: [Double] = []
        for i in 0..<rates.rows {
            var z = ref.conv1(TestNets.window(movie, i, history: a.historyFrames))
            for y in 2...5 { for x in 1...3 { z[(2 * h1 + y) * w1 + x] = Double(model.parameters.conv1Bias[2]) } }
            expected += ref.rates(fromLayer1: z)
        }
        XCTAssertLessThan(TestNets.maxRelativeError(rates.valuesHz, expected), 1e-4)
        XCTAssertNotEqual(rates.valuesHz, try model.rates(for: movie).valuesHz)
    }

    func testBadIndicesAreRefusedNamingThem() throws {
        let a = TestNets.tiny(.perUnit)
        let model = try TestNets.randomModel(a, seed: 75)
        XCTAssertThrowsError(try model.silenced(Layer1Silencing(channels: [1, 5, 9]))) { e in
            XCTAssertEqual((e as? RetinaCNNError)?.exitCode, 64)
            XCTAssertTrue("\(e)".contains("channels 5, 9"), "\(e)")
        }
        XCTAssertThrowsError(try model.silenced(Layer1Silencing(regions: [.init(channel: 0, columns: 4...a.layer1Width)]))) { e in
            XCTAssertTrue("\(e)".contains("c0@x4-\(a.layer1Width)"), "\(e)")
        }
        let perChannel = try TestNets.randomModel(TestNets.tiny(.perChannel), seed: 76)
        XCTAssertThrowsError(try perChannel.silenced(Layer1Silencing(regions: [.init(channel: 0, columns: 0...1)])))
    }

    func testUnitsSyntax() throws {
        XCTAssertEqual(try Layer1Silencing.parseRegions("c3@x10-14,c0@x2@y1-4"),
                       [.init(channel: 3, columns: 10...14), .init(channel: 0, columns: 2...2, rows: 1...4)])
        XCTAssertEqual(Layer1Silencing.Region(channel: 3, columns: 10...14).description, "c3@x10-14")
        for bad in ["3@x1-2", "c3", "c3@y1-2", "c3@x5-2", "c3@xa"] {
            XCTAssertThrowsError(try Layer1Silencing.parseRegions(bad), bad) { e in XCTAssertEqual((e as? RetinaCNNError)?.exitCode, 64) }
        }
    }

    /// The silenced model saves as an ordinary weights file and loads back bit-identically.
    func testSilencedModelRoundTripsThroughWeightsFile() throws {
        let model = try TestNets.randomModel(TestNets.tiny(.perUnit), seed: 77)
        let silencing = Layer1Silencing(channels: [0], regions: [.init(channel: 1, columns: 0...2)])
        let silenced = try model.silenced(silencing)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("silenced-\(UUID()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let json = String(decoding: try StableJSON.encode(silencing.normalised()), as: UTF8.self)
        try silenced.save(to: url, metadata: [BNCNN.silencingMetadataKey: json])
        let (loaded, metadata) = try BNCNN.load(contentsOf: url)
        XCTAssertEqual(loaded, silenced)
        XCTAssertEqual(try JSONDecoder().decode(Layer1Silencing.self, from: Data(metadata[BNCNN.silencingMetadataKey]!.utf8)),
                       silencing.normalised())
    }
}
