import XCTest
import Foundation
import RetinaCore
import RetinaCNN
@testable import Mechanisms

/// Paper-size first layer (8 × 40 × 15 × 15 on 50 × 50) with a cheap readout, to time the IG machinery.
/// Skipped unless MECHANISMS_BENCHMARK=1 (speed targets live in benchmarks, not in timed tests).
final class IntegratedGradientsBenchmarkTests: XCTestCase {
    /// r = 10 Hz · softplus(Σ_c v_c · mean_xy relu(z_cxy) − 1): gradients in O(units) per α.
    struct ChannelMeanNet: LayerOneDifferentiable {
        var conv1Weights: [Float]
        var conv1Bias: [Float]
        var historyFrames = 40
        var screen = (height: 50, width: 50)
        var cellCount = 1
        var v: [Float]

        func drive(_ z: ArraySlice<Float>, _ n: Int) -> Float {
            var s: Float = -1
            z.withContiguousStorageIfAvailable { p in
                for c in 0..<v.count {
                    var m: Float = 0
                    for i in (c * n)..<((c + 1) * n) { m += max(0, p[i]) }
                    s += v[c] * m / Float(n)
                }
            }
            return s
        }
        func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float] {
            let u = layer1UnitsPerWindow, n = u / v.count
            return (0..<count).map { i in 10 * log1p(exp(drive(z[(i * u)..<((i + 1) * u)], n))) }
        }
        func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float]) {
            let u = layer1UnitsPerWindow, n = u / v.count
            var g = [Float](repeating: 0, count: count * u)
            var rates: [Float] = []
            for i in 0..<count {
                let d = drive(z[(i * u)..<((i + 1) * u)], n)
                rates.append(10 * log1p(exp(d)))
                let outer = cellWeights[0] * 10 / (1 + exp(-d))
                for j in 0..<u where z[i * u + j] > 0 { g[i * u + j] = outer * v[j / n] / Float(n) }
            }
            return (rates, g)
        }
    }

    func testPaperSizeTiming() throws {
        guard ProcessInfo.processInfo.environment["MECHANISMS_BENCHMARK"] != nil else { throw XCTSkip("set MECHANISMS_BENCHMARK=1") }
        let g = Conv1Geometry(channels: 8, history: 40, kernel: 15, screenHeight: 50, screenWidth: 50)
        var rng = SeededRandom(seed: 1)
        let w = (0..<(g.channels * g.weightsPerChannel)).map { _ in Float(rng.normal() * 0.02) }
        let net = ChannelMeanNet(conv1Weights: w, conv1Bias: [Float](repeating: 0.01, count: 8), v: [1, -1, 2, 0.5, -0.5, 1, 1, -2])
        let windows = 20
        let movie = ToyNetwork.randomMovie(frames: 40 + windows - 1, geometry: g, seed: 2, sd: 1)
        var t = Date()
        let z = try net.layer1Preactivations(of: movie)
        print("conv1 direct forward: \(Date().timeIntervalSince(t) / Double(windows) * 1000) ms/window")
        for threads in [1, 2] {
            t = Date()
            let r = try IntegratedGradients(model: net, settings: .init(threads: threads)).attributeToLayer1(preactivations: z, windows: windows)
            let range = Double(r.targetRatesHz.max()! - r.targetRatesHz.min()!)
            print("IG layer 1, 100 steps, \(threads) thread(s): \(Date().timeIntervalSince(t) / Double(windows) * 1000) ms/window, "
                  + "max gap \(r.maxAbsoluteGap) Hz of a \(range) Hz range, max relative gap \(r.maxRelativeGap)")
            XCTAssertLessThan(r.maxRelativeGap, 0.05)
        }
        for q in [IntegrationQuadrature.trapezoid, .gaussLegendre] {
            let r = try IntegratedGradients(model: net, settings: .init(steps: q == .trapezoid ? 100 : 32, quadrature: q))
                .attributeToLayer1(preactivations: z, windows: windows)
            print("\(q): max gap \(r.maxAbsoluteGap) Hz, max relative gap \(r.maxRelativeGap)")
            XCTAssertLessThan(r.maxRelativeGap, 0.01)
        }
        t = Date()
        let both = try IntegratedGradients(model: net, settings: .init(threads: 2)).attribute(movie)
        print("IG layer 1 + pixels incl. conv1, 2 threads: \(Date().timeIntervalSince(t) / Double(windows) * 1000) ms/window")
        XCTAssertEqual(both.pixels.total(window: 3), both.layer1.total(window: 3), accuracy: 1e-3)
    }

    /// The paper-size BN-CNN engine (8 cells, random weights): IG cost per window at 100 steps.
    func testPaperSizeBNCNNTiming() throws {
        guard ProcessInfo.processInfo.environment["MECHANISMS_BENCHMARK"] != nil else { throw XCTSkip("set MECHANISMS_BENCHMARK=1") }
        let a = BNCNNArchitecture.paper(cells: 8)
        var p = BNCNNParameters(architecture: a, seed: 1)
        p.bn3.gamma = p.bn3.gamma.map { _ in 4 }
        let net = try BNCNN(architecture: a, parameters: p)
        let windows = 12
        let movie = ToyNetwork.randomMovie(frames: 40 + windows - 1, geometry: net.conv1Geometry, seed: 2, sd: 1)
        var t = Date()
        let z = try net.layer1Preactivations(of: movie)
        print("BNCNN conv1 (engine): \(Date().timeIntervalSince(t) / Double(windows) * 1000) ms/window")
        t = Date()
        _ = try net.layer1Gradient(Array(z[0..<(net.layer1UnitsPerWindow * 10)]), count: 10, cellWeights: [Float](repeating: 0.125, count: 8))
        print("BNCNN layer1Gradient: \(Date().timeIntervalSince(t) / 10 * 1000) ms per α-point")
        for threads in [1, 2] {
            t = Date()
            let r = try IntegratedGradients(model: net, settings: .init(target: .meanOfCells(Array(0..<8)), threads: threads))
                .attributeToLayer1(preactivations: z, windows: windows)
            let range = Double(r.targetRatesHz.max()! - r.targetRatesHz.min()!)
            print("BNCNN IG layer 1, 100 steps, \(threads) thread(s): \(Date().timeIntervalSince(t) / Double(windows) * 1000) ms/window; "
                  + "max gap \(r.maxAbsoluteGap) Hz of a \(range) Hz range")
        }
        t = Date()
        _ = try IntegratedGradients(model: net, settings: .init(target: .meanOfCells(Array(0..<8)), threads: 1)).attribute(movie)
        print("BNCNN IG layer 1 + pixels incl. conv1, 1 thread: \(Date().timeIntervalSince(t) / Double(windows) * 1000) ms/window")
    }
}
