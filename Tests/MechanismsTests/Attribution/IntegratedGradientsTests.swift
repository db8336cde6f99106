import XCTest
import Foundation
import RetinaCore
@testable import Mechanisms

final class IntegratedGradientsTests: XCTestCase {
    // MARK: closed forms

    /// r = v·relu(z) with one layer-1 unit. Along z(α) = αL + b the gradient is v·1[αL + b > 0], so
    /// IG = v·L·Σ_k ω_k 1[α_k L + b > 0] for the quadrature, and v·L·|{α ∈ [0,1]: αL + b > 0}| =
    /// v·(relu(L + b) − relu(b)) in the continuum.
    func testSingleReLUUnitMatchesTheClosedForm() throws {
        let v = 2.5
        for b in [Float(-0.4), 0.3] {
            let g = Conv1Geometry(channels: 1, history: 3, kernel: 2, screenHeight: 2, screenWidth: 2)
            let net = ToyNetwork(conv1Weights: [Float](repeating: 0.1, count: 12), conv1Bias: [b], historyFrames: 3,
                                 screen: (2, 2), cellCount: 1, phi1: .identity, mix: [1], mixBias: [0], phi2: .relu,
                                 readout: [v], readoutBias: [0], psi: .identity)
            let z: [Float] = [2.0, -0.5, 0.3, -1.0, 0.06]
            for quadrature in IntegrationQuadrature.allCases {
                let steps = quadrature == .gaussLegendre ? 16 : 100
                let ig = IntegratedGradients(model: net, settings: .init(steps: steps, quadrature: quadrature))
                let result = try ig.attributeToLayer1(preactivations: z, windows: z.count)
                XCTAssertEqual(result.geometry, g)
                let rule = try quadrature.rule(steps: steps)
                for (w, zw) in z.enumerated() {
                    let L = Double(zw - b)
                    let active = zip(rule.alphas, rule.weights).reduce(0.0) { $0 + ($1.0 * L + Double(b) > 0 ? $1.1 : 0) }
                    XCTAssertEqual(Double(result.attributions[w]), v * L * active, accuracy: 1e-5, "\(quadrature) b \(b) z \(zw)")
                    let exact = v * (max(0, L + Double(b)) - max(0, Double(b)))
                    XCTAssertEqual(Double(result.attributions[w]), exact, accuracy: abs(v * L) / Double(quadrature == .gaussLegendre ? 4 : steps - 1) + 1e-6)
                    XCTAssertEqual(result.gaps[w], Double(result.attributions[w]) - exact, accuracy: 1e-5)
                }
                XCTAssertEqual(Double(result.baselineRateHz), v * max(0, Double(b)), accuracy: 1e-6)
            }
        }
    }

    /// r = Σ_u V_u softplus(z_u) is separable, so each unit's IG is exactly its own change
    /// V_u (softplus(L_u + b_u) − softplus(b_u)); Gauss–Legendre with 12 nodes reaches Float precision.
    func testSeparableSoftplusMatchesTheClosedForm() throws {
        let g = Conv1Geometry(channels: 2, history: 4, kernel: 3, screenHeight: 5, screenWidth: 4)
        var net = ToyNetwork.random(geometry: g, hidden: 1, cells: 1, seed: 11, weightScale: 2)
        let units = g.unitsPerWindow
        var rng = SeededRandom(seed: 12)
        let weights = (0..<units).map { _ in rng.normal() }
        net.phi1 = .softplus; net.phi2 = .identity; net.psi = .identity; net.scale = 1
        net.mix = (0..<(units * units)).map { $0 / units == $0 % units ? 1 : 0 }
        net.mixBias = [Double](repeating: 0, count: units)
        net.readout = weights; net.readoutBias = [0]
        let movie = ToyNetwork.randomMovie(frames: 7, geometry: g, seed: 13, sd: 1)
        let z = try net.layer1Preactivations(of: movie)
        let result = try IntegratedGradients(model: net, settings: .init(steps: 12, quadrature: .gaussLegendre)).attributeToLayer1(movie)
        func softplus(_ x: Double) -> Double { log1p(exp(x)) }
        var largest = 0.0
        XCTAssertEqual(result.windows, 7 - g.history + 1)
        for w in 0..<result.windows {
            for u in 0..<units {
                let b = Double(net.conv1Bias[u / g.mapSize]), L = Double(z[w * units + u]) - b
                let exact = weights[u] * (softplus(L + b) - softplus(b))
                largest = max(largest, abs(L))
                XCTAssertEqual(Double(result.attributions[w * units + u]), exact, accuracy: 2e-6 * max(1, abs(exact)))
            }
            XCTAssertLessThan(abs(result.gaps[w]), 1e-5)
        }
        XCTAssertGreaterThan(largest, 1, "the test needs a curved path to mean anything")
    }

    /// r = u·relu(Σ_c v_c z̄_c + β) is not separable: the gradient switches on for every unit at the same
    /// α₀, so the pooled attribution of channel c is u·v_c·L̄_c·Σ_k ω_k 1[α_k > α₀] — shares ∝ v_c L̄_c.
    func testReLUOfASumSplitsInProportionToTheDrive() throws {
        let g = Conv1Geometry(channels: 3, history: 5, kernel: 3, screenHeight: 6, screenWidth: 6)
        let base = ToyNetwork.random(geometry: g, hidden: 1, cells: 1, seed: 21, weightScale: 3)
        let v = [1.5, -0.7, 0.9], beta = -0.2, u = 4.0
        let net = ToyNetwork.channelMeanReadout(weights: base.conv1Weights, bias: base.conv1Bias, geometry: g, v: [v],
                                                hidden: .identity, output: .relu, outputBias: [beta], scale: u)
        let movie = ToyNetwork.randomMovie(frames: 14, geometry: g, seed: 22, sd: 1)
        let z = try net.layer1Preactivations(of: movie)
        let settings = IntegratedGradientsSettings(steps: 50, quadrature: .trapezoid)
        let result = try IntegratedGradients(model: net, settings: settings).attributeToLayer1(movie)
        let rule = try settings.quadrature.rule(steps: settings.steps)
        let pooledZ = PoolingSymmetry.fullField.mean(z, windows: result.windows, geometry: g)
        let pooledA = PoolingSymmetry.fullField.sum(result.attributions, windows: result.windows, geometry: g)
        var switchedInside = 0
        for w in 0..<result.windows {
            let drive = (0..<3).map { Double(pooledZ[w * 3 + $0] - net.conv1Bias[$0]) }
            let slope = zip(v, drive).reduce(0.0) { $0 + $1.0 * $1.1 }
            let offset = zip(v, net.conv1Bias).reduce(beta) { $0 + $1.0 * Double($1.1) }
            let active = zip(rule.alphas, rule.weights).reduce(0.0) { $0 + ($1.0 * slope + offset > 0 ? $1.1 : 0) }
            if active > 0 && active < 1 { switchedInside += 1 }
            for c in 0..<3 {
                XCTAssertEqual(Double(pooledA[w * 3 + c]), u * v[c] * drive[c] * active, accuracy: 1e-4 * max(1, abs(u * v[c] * drive[c])))
            }
        }
        XCTAssertGreaterThan(switchedInside, 0, "some windows must cross the kink along the path")
    }

    // MARK: completeness and convergence

    private func smoothNet() -> (ToyNetwork, Movie) {
        let g = Conv1Geometry(channels: 3, history: 6, kernel: 3, screenHeight: 6, screenWidth: 6)
        let net = ToyNetwork.random(geometry: g, hidden: 4, cells: 3, seed: 31, weightScale: 2)
        return (net, ToyNetwork.randomMovie(frames: 12, geometry: g, seed: 32, sd: 1))
    }

    func testCompletenessOfEveryQuadratureOnASmoothNetwork() throws {
        let (net, movie) = smoothNet()
        let cases: [(IntegrationQuadrature, Int, Double)] = [(.gaussLegendre, 16, 1e-5), (.trapezoid, 100, 2e-3), (.rightRiemann, 100, 5e-2)]
        for (quadrature, steps, tolerance) in cases {
            let r = try IntegratedGradients(model: net, settings: .init(steps: steps, quadrature: quadrature, target: .cell(1)))
                .attributeToLayer1(movie)
            XCTAssertLessThan(r.maxRelativeGap, tolerance, "\(quadrature)")
            XCTAssertEqual(r.windows, 7)
            for w in 0..<r.windows {
                XCTAssertEqual(r.total(window: w) - (Double(r.targetRatesHz[w]) - Double(r.baselineRateHz)), r.gaps[w], accuracy: 1e-9)
            }
        }
    }

    /// Halving the step halves the right-Riemann gap (O(1/N)) and quarters the trapezoid gap (O(1/N²)).
    func testConvergenceOrders() throws {
        let (net, movie) = smoothNet()
        func gap(_ q: IntegrationQuadrature, _ steps: Int) throws -> [Double] {
            try IntegratedGradients(model: net, settings: .init(steps: steps, quadrature: q, target: .sumOfCells([0, 1, 2])))
                .attributeToLayer1(movie).gaps
        }
        for (q, expected) in [(IntegrationQuadrature.trapezoid, 4.0), (.rightRiemann, 2.0)] {
            let g1 = try gap(q, 11), g2 = try gap(q, 21), g3 = try gap(q, 41)
            let w = g1.indices.max { abs(g1[$0]) < abs(g1[$1]) }!
            XCTAssertGreaterThan(abs(g1[w]), 1e-3)
            XCTAssertEqual(g1[w] / g2[w], expected, accuracy: 0.15 * expected, "\(q)")
            XCTAssertEqual(g2[w] / g3[w], expected, accuracy: 0.1 * expected, "\(q)")
        }
        let gl = try gap(.gaussLegendre, 8).map(abs).max()!, tr = try gap(.trapezoid, 8).map(abs).max()!
        XCTAssertLessThan(gl, tr / 100)
    }

    func testBaselineIsTheGrayScreenWithUnscaledBias() throws {
        let (net, movie) = smoothNet()
        let r = try IntegratedGradients(model: net, settings: .init(steps: 4, quadrature: .gaussLegendre, target: .cell(2)))
            .attributeToLayer1(movie)
        let g = net.conv1Geometry
        let gray = try net.ratesFromLayer1(IntegratedGradients<ToyNetwork>.biasMap(net.conv1Bias, geometry: g), count: 1)
        let zero = try net.ratesFromLayer1([Float](repeating: 0, count: g.unitsPerWindow), count: 1)
        XCTAssertEqual(r.baselineRateHz, gray[2])
        XCTAssertGreaterThan(abs(gray[2] - zero[2]), 1e-3, "bias must matter for this test")
        let grayMovie = try net.ratesFromLayer1(net.layer1Preactivations(of: Movie(frames: 6, height: 6, width: 6)), count: 1)
        XCTAssertEqual(grayMovie[2], gray[2], accuracy: 1e-6)
    }

    // MARK: pixels

    /// ∂r/∂s = conv1ᵀ(∂r/∂z), checked against central differences of the full forward pass.
    func testInputChainRuleAgainstFiniteDifferences() throws {
        let (net, movie) = smoothNet()
        let window = movie.slice(frames: 0..<6)
        let weights: [Float] = [0.5, -1, 2]
        let z = try net.layer1Preactivations(of: window)
        let dz = try net.layer1Gradient(z, count: 1, cellWeights: weights).dTargetdZ
        let ds = Conv1Correlation.transposed(dz, weights: net.conv1Weights, geometry: net.conv1Geometry)
        func target(_ m: Movie) throws -> Double {
            let r = try net.ratesFromLayer1(net.layer1Preactivations(of: m), count: 1)
            return zip(r, weights).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        }
        let scale = Double(ds.map(abs).max()!), h: Float = 1e-2
        for i in stride(from: 3, to: ds.count, by: 17) {
            var plus = window, minus = window
            plus.values[i] += h; minus.values[i] -= h
            let fd = (try target(plus) - target(minus)) / Double(2 * h)
            XCTAssertEqual(fd, Double(ds[i]), accuracy: 2e-3 * scale, "pixel \(i)")
        }
    }

    func testPixelAttributionsSumLikeLayerOneAttributions() throws {
        let (net, movie) = smoothNet()
        let both = try IntegratedGradients(model: net, settings: .init(steps: 10, quadrature: .gaussLegendre, target: .cell(0))).attribute(movie)
        XCTAssertEqual(both.pixels.shape, [7, 6, 6, 6])
        XCTAssertNil(both.pixels.effectiveWeights)
        XCTAssertEqual(both.layer1.windows, 7)
        for w in 0..<both.layer1.windows {
            XCTAssertEqual(both.pixels.total(window: w), both.layer1.total(window: w), accuracy: 1e-4 * max(1, abs(both.layer1.total(window: w))))
            XCTAssertEqual(both.pixels.gaps[w], both.layer1.gaps[w], accuracy: 1e-4)
        }
    }

    /// For a linear network IG is exact with any quadrature and A_i = s_i ∂r/∂s_i.
    func testLinearNetworkPixelAttributionsAreInputTimesGradient() throws {
        var (net, movie) = smoothNet()
        net.phi1 = .identity; net.phi2 = .identity; net.psi = .identity
        let r = try IntegratedGradients(model: net, settings: .init(steps: 2, quadrature: .rightRiemann, target: .cell(1))).attributeToPixels(movie)
        let dz = try net.layer1Gradient(net.layer1Preactivations(of: movie.slice(frames: 0..<6)), count: 1,
                                        cellWeights: [0, 1, 0]).dTargetdZ
        let ds = Conv1Correlation.transposed(dz, weights: net.conv1Weights, geometry: net.conv1Geometry)
        let n = net.conv1Geometry.pixelsPerWindow
        for w in [0, 3, 6] {
            for p in stride(from: 0, to: n, by: 11) {
                XCTAssertEqual(r.attributions[w * n + p], movie.values[w * 36 + p] * ds[p], accuracy: 1e-5)
            }
        }
        XCTAssertLessThan(r.maxAbsoluteGap, 1e-4)
    }

    // MARK: mechanics

    func testThreadsAndBatchingDoNotChangeTheResult() throws {
        let (net, movie) = smoothNet()
        let one = try IntegratedGradients(model: net, settings: .init(steps: 9, quadrature: .trapezoid, threads: 1)).attribute(movie)
        let two = try IntegratedGradients(model: net, settings: .init(steps: 9, quadrature: .trapezoid, threads: 2, maxBatch: 4)).attribute(movie)
        let three = try IntegratedGradients(model: net, settings: .init(steps: 9, quadrature: .trapezoid, threads: 3, maxBatch: 1)).attribute(movie)
        XCTAssertEqual(one.layer1.attributions, two.layer1.attributions)
        XCTAssertEqual(one.layer1.attributions, three.layer1.attributions)
        XCTAssertEqual(one.pixels.attributions, three.pixels.attributions)
        XCTAssertEqual(one.layer1.cellRatesHz, two.layer1.cellRatesHz)
        XCTAssertEqual(one.layer1.gaps, three.layer1.gaps)
    }

    func testMeanOfCellsIsTheMeanOfPerCellAttributions() throws {
        let (net, movie) = smoothNet()
        func run(_ t: AttributionTarget) throws -> AttributionResult {
            try IntegratedGradients(model: net, settings: .init(steps: 6, quadrature: .gaussLegendre, target: t)).attributeToLayer1(movie)
        }
        let mean = try run(.meanOfCells([0, 2])), a = try run(.cell(0)), c = try run(.cell(2))
        for i in stride(from: 0, to: mean.attributions.count, by: 7) {
            XCTAssertEqual(mean.attributions[i], (a.attributions[i] + c.attributions[i]) / 2, accuracy: 1e-5)
        }
        XCTAssertEqual(mean.targetRatesHz[3], (a.targetRatesHz[3] + c.targetRatesHz[3]) / 2, accuracy: 1e-4)
        XCTAssertEqual(mean.cellRatesHz.meanTrace(cells: [0, 2]), mean.targetRatesHz.map { $0 }, accuracy: 1e-4)
    }

    func testInvalidInputsThrow() throws {
        let (net, movie) = smoothNet()
        XCTAssertThrowsError(try IntegratedGradients(model: net, settings: .init(target: .cell(3))).attributeToLayer1(movie))
        XCTAssertThrowsError(try IntegratedGradients(model: net, settings: .init(target: .sumOfCells([]))).attributeToLayer1(movie))
        XCTAssertThrowsError(try IntegratedGradients(model: net, settings: .init(threads: 0)).attributeToLayer1(movie))
        XCTAssertThrowsError(try IntegratedGradients(model: net).attributeToLayer1(preactivations: [1, 2], windows: 1)) {
            XCTAssertEqual(($0 as? MechanismsError)?.exitCode, 65)
        }
    }

    func testRelativeGapDefinition() {
        let rel = AttributionResult.relativeGaps(gaps: [0.1, 0.1, 0], targetRatesHz: [15, 10.01, 10], baselineRateHz: 10, floor: 0.01)
        XCTAssertEqual(rel[0], 0.1 / 5, accuracy: 1e-12)
        XCTAssertEqual(rel[1], 0.1 / 0.05, accuracy: 1e-4)   // floor: 1 % of the 5 Hz range
        XCTAssertEqual(rel[2], 0)
    }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
