import XCTest
import RetinaCore
@testable import Mechanisms

final class IntegrationRaysTests: XCTestCase {
    private let g = Conv1Geometry(channels: 2, history: 4, kernel: 2, screenHeight: 4, screenWidth: 4)

    /// Windows `L`, `2L`, gray, `M`, `L` (again): three rays; `L`, `2L` and the repeat share points.
    private func linear() -> [Float] {
        let u = g.unitsPerWindow
        let l = (0..<u).map { Float(sin(Double($0) + 1)) }, m = (0..<u).map { Float(cos(Double(3 * $0))) }
        return l + l.map { 2 * $0 } + [Float](repeating: 0, count: u) + m + l
    }

    func testCollinearAndRepeatedWindowsShareTheirPoints() throws {
        let rule = try IntegrationQuadrature.rightRiemann.rule(steps: 100)
        let plan = IntegrationRays.plan(linear: linear(), windows: 5, units: g.unitsPerWindow, alphas: rule.alphas, share: true)
        XCTAssertEqual(plan.rays.map(\.members), [[0, 1, 4], [2], [3]])
        // α_k|L| and α_k·2|L| for k = 1…99 (α = k/99): 99 + 50 distinct positions; window 4 repeats window 0.
        XCTAssertEqual(plan.rays[0].points.count, 149)
        XCTAssertEqual(plan.rays[0].points.reduce(0) { $0 + $1.uses.count }, 3 * 99, "every quadrature term is used once")
        XCTAssertEqual(plan.rays[1].points.count, 99, "a gray window on its own is integrated as before")
        XCTAssertEqual(plan.pointCount, 149 + 99 + 99)
        for ray in plan.rays {
            for (w, k) in ray.members.flatMap({ w in (0..<99).map { (w, $0) } }) {
                XCTAssertEqual(ray.points.filter { $0.uses.contains { $0.window == w && $0.alphaIndex == k } }.count, 1)
            }
        }
        let unshared = IntegrationRays.plan(linear: linear(), windows: 5, units: g.unitsPerWindow, alphas: rule.alphas, share: false)
        XCTAssertEqual(unshared.rays.map(\.members), [[0], [1], [2], [3], [4]])
        XCTAssertEqual(unshared.pointCount, 5 * 99)
        let grays = IntegrationRays.plan(linear: [Float](repeating: 0, count: 3 * g.unitsPerWindow), windows: 3,
                                         units: g.unitsPerWindow, alphas: rule.alphas, share: true)
        XCTAssertEqual(grays.pointCount, 1, "every point of gray windows sits at the bias")
    }

    /// Sharing is invisible in the results: a step movie at three contrasts gives the same
    /// attributions whether its windows are integrated together (shared rays) or one call per window.
    func testSharedRaysGiveTheSameAttributions() throws {
        let net = ToyNetwork.random(geometry: g, hidden: 5, cells: 2, seed: 3, activations: (.relu, .softplus, .softplus), weightScale: 3)
        let ig = IntegratedGradients(model: net, settings: .init(target: .meanOfCells([0, 1]), threads: 2))
        var z: [Float] = []
        for contrast in [-0.4, -0.8, -1.6] {
            let movie = Movie.fullField((0..<7).map { $0 < 3 ? 0 : Float(contrast) }, height: 4, width: 4)
            z += try net.layer1Preactivations(of: movie)
        }
        let windows = z.count / g.unitsPerWindow
        let bias = IntegratedGradients<ToyNetwork>.biasMap(net.conv1Bias, geometry: g)
        let linear = z.enumerated().map { $1 - bias[$0 % g.unitsPerWindow] }
        let rule = try IntegrationQuadrature.rightRiemann.rule(steps: 100)
        XCTAssertEqual(IntegrationRays.plan(linear: linear, windows: windows, units: g.unitsPerWindow, alphas: rule.alphas, share: true)
            .rays.map(\.members), [[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]], "row i of every contrast lies on one ray")
        let together = try ig.attributeToLayer1(preactivations: z, windows: windows)
        let u = g.unitsPerWindow
        for w in 0..<windows {
            let alone = try ig.attributeToLayer1(preactivations: Array(z[(w * u)..<((w + 1) * u)]), windows: 1)
            for j in 0..<u {
                XCTAssertEqual(together.attributions[w * u + j], alone.attributions[j], accuracy: 1e-5 * max(1, abs(alone.attributions[j])))
                XCTAssertEqual(together.effectiveWeights![w * u + j], alone.effectiveWeights![j], accuracy: 1e-5 * max(1, abs(alone.effectiveWeights![j])))
            }
            XCTAssertEqual(together.gaps[w], alone.gaps[0], accuracy: 1e-5)
            XCTAssertEqual(together.targetRatesHz[w], alone.targetRatesHz[0])
        }
        XCTAssertGreaterThan(together.targetRatesHz.max()! - together.targetRatesHz.min()!, 0.1, "the network responds")
    }
}
