import RetinaCNN
import RetinaCore
import XCTest

/// Folding the scalar z-scoring into conv1 equals normalising the movie and running the network.
final class NormalisationFoldTests: XCTestCase {
    func model() throws -> BNCNN {
        let a = BNCNNArchitecture(cells: 2, historyFrames: 5, height: 10, width: 10, conv1Channels: 3, conv1Kernel: 4, conv2Channels: 2, conv2Kernel: 3)
        return try BNCNN(architecture: a, seed: 3)
    }

    func movie(frames: Int, _ f: (Int) -> Float) -> Movie {
        Movie(frames: frames, height: 10, width: 10, values: (0..<(frames * 100)).map(f))
    }

    func maxRelative(_ a: RateMatrix, _ b: RateMatrix) -> Float {
        zip(a.valuesHz, b.valuesHz).map { abs($0 - $1) / max(1e-3, abs($1)) }.max() ?? .infinity
    }

    func testRawInputFoldMatchesNormaliseThenForward() throws {
        let m = try model(), n = StimulusNormalisation(mean: 127.3, std: 38.9)
        var rng = SeededRandom(seed: 9)
        let raw = movie(frames: 12) { _ in Float(rng.uniform() * 255).rounded() }
        let folded = try m.foldingNormalisation(n, input: .raw).rates(for: raw)
        let explicit = try m.rates(for: n.normalised(raw))
        XCTAssertLessThan(maxRelative(folded, explicit), 1e-4)
    }

    func testWeberContrastFoldShowsMeanTimesOnePlusC() throws {
        let m = try model(), n = StimulusNormalisation(mean: 127.3, std: 38.9)
        var rng = SeededRandom(seed: 10)
        let c = movie(frames: 12) { _ in Float(rng.uniform() * 2 - 1) }
        let raw = Movie(frames: 12, height: 10, width: 10, values: c.values.map { Float(n.mean) * (1 + $0) })
        let folded = try m.foldingNormalisation(n, input: .weberContrast).rates(for: c)
        let explicit = try m.rates(for: n.normalised(raw))
        XCTAssertLessThan(maxRelative(folded, explicit), 1e-4)
        // Without stored statistics nothing changes.
        XCTAssertEqual(try m.adaptedForInput(metadata: [:]), m)
        XCTAssertEqual(try m.adaptedForInput(metadata: [StimulusNormalisation.metadataKey: n.metadataValue]), try m.foldingNormalisation(n, input: .weberContrast))
    }

    func testNormalisationMetadataIsValidated() throws {
        XCTAssertNil(try StimulusNormalisation.from(metadata: [:]))
        XCTAssertEqual(try StimulusNormalisation.from(metadata: ["norm_stats": "{\"mean\": [2.5], \"std\": \"4\"}"]), StimulusNormalisation(mean: 2.5, std: 4))
        XCTAssertThrowsError(try StimulusNormalisation.from(metadata: ["norm_stats": "{\"mean\": 1, \"std\": 0}"]))
        XCTAssertThrowsError(try ResponsePairing.from(metadata: ["response_pairing": "later"]))
    }
}
