import XCTest
import RetinaCore
import RetinaCNN
import TestSupport
@testable import Mechanisms

/// Integrated gradients through the real BN-CNN engine (a small random network).
final class BNCNNIntegratedGradientsTests: XCTestCase {
    private func model() throws -> BNCNN { try SmallBNCNN.make() }

    func testTheConformanceSeesTheEngineGeometry() throws {
        let net = try model()
        XCTAssertEqual(net.layer1Channels, 4); XCTAssertEqual(net.conv1KernelSize, 5)
        XCTAssertEqual(net.layer1Height, 10); XCTAssertEqual(net.layer1Width, 10)
        // The engine's spectral conv1 agrees with this module's direct correlation.
        let movie = ToyNetwork.randomMovie(frames: 13, geometry: net.conv1Geometry, seed: 3)
        let engine = try net.layer1Preactivations(of: movie)
        let direct = try Conv1Correlation.forward(movie: movie, weights: net.conv1Weights, bias: net.conv1Bias, geometry: net.conv1Geometry)
        let scale = direct.map(abs).max()!
        XCTAssertEqual(engine.count, direct.count)
        for i in engine.indices { XCTAssertEqual(engine[i], direct[i], accuracy: 1e-4 * scale) }
        // And ratesFromLayer1 ∘ layer1Preactivations is the model's forward pass.
        let rates = try net.rates(for: movie)
        XCTAssertEqual(try net.ratesFromLayer1(engine, count: 4), rates.valuesHz)
    }

    /// Completeness at the reference setting (right Riemann, 100 steps): gap below 1 % of the
    /// response range; Gauss–Legendre with 64 nodes is closer still.
    func testCompletenessOnARandomBNCNN() throws {
        let net = try model()
        let movie = ToyNetwork.randomMovie(frames: 30, geometry: net.conv1Geometry, seed: 4, sd: 1)
        let reference = try IntegratedGradients(model: net, settings: .init(target: .meanOfCells([0, 1, 2]))).attribute(movie)
        let r = reference.layer1
        let range = Double(r.targetRatesHz.max()! - r.targetRatesHz.min()!)
        XCTAssertGreaterThan(range, 1, "the network must respond")
        XCTAssertLessThan(r.maxAbsoluteGap, 0.01 * range)
        for w in 0..<r.windows {
            XCTAssertEqual(reference.pixels.total(window: w), r.total(window: w), accuracy: 1e-3 * max(1, abs(r.total(window: w))))
        }
        let gl = try IntegratedGradients(model: net, settings: .init(steps: 64, quadrature: .gaussLegendre, target: .meanOfCells([0, 1, 2])))
            .attributeToLayer1(movie)
        // ReLU kinks make every rule O(1/N); 64 nodes still beat 99 right-Riemann intervals.
        XCTAssertLessThan(gl.maxAbsoluteGap, r.maxAbsoluteGap)
    }

    /// The engine's own input gradient (`inputGradient`) agrees with conv1ᵀ of its layer-1 gradient.
    func testPixelChainRuleMatchesTheEngineInputGradient() throws {
        let net = try model()
        let movie = ToyNetwork.randomMovie(frames: 10, geometry: net.conv1Geometry, seed: 5)
        let weights: [Float] = [1, -0.5, 2]
        let dz = try net.layer1Gradient(net.layer1Preactivations(of: movie), count: 1, cellWeights: weights).dTargetdZ
        let mine = Conv1Correlation.transposed(dz, weights: net.conv1Weights, geometry: net.conv1Geometry)
        let engine = net.inputGradient(windows: movie.values, count: 1, cellWeights: weights).dTargetdInput
        let scale = engine.map(abs).max()!
        XCTAssertGreaterThan(scale, 0)
        XCTAssertEqual(mine.count, engine.count)
        for i in mine.indices { XCTAssertEqual(mine[i], engine[i], accuracy: 1e-4 * scale) }
    }
}
