import XCTest
import RetinaCore
@testable import Mechanisms

/// The reduced circuit restricted to a hypothesis, on the planted two-pathway toy (OFF-fast
/// excitation c0, delayed ON inhibition c1, distractors c2–c5 read out 60× weaker).
final class HypothesisCircuitTests: XCTestCase {
    func testRestrictedCircuitFitsThePlantedPathwaysAndChecksSigns() throws {
        let net = PlantedCircuit.network()
        let ig = IntegratedGradients(model: net, settings: .init(steps: 50, quadrature: .trapezoid, target: .cell(0)))
        var conditions: [ReductionCondition] = []
        for (label, movie) in PlantedCircuit.stimuli() {
            let z = try net.layer1Preactivations(of: movie)
            let result = try ig.attributeToLayer1(preactivations: z, windows: movie.windowCount(history: 40))
            let pooled = try SymmetryPooling.pool(result, stimulus: movie, symmetry: .fullField, preactivations: z)
            let hidden = try SymmetryPooling.poolPreactivations(z, stimulus: movie, geometry: net.conv1Geometry, symmetry: .fullField)
            conditions.append(try ReductionCondition(label: label, attribution: pooled, hidden: hidden))
        }
        let types = try ChannelTyping.classify(model: net)
        let planted = try HypothesisTests.fitCircuit(try HypothesisSet.parse(line: "latency: c0 excitatory + c1 inhibitory"),
                                                     conditions: conditions, channelTypes: types)
        XCTAssertGreaterThan(planted.r2, 0.9)
        XCTAssertEqual(planted.signs.map(\.matches), [true, true], "\(planted.signs)")
        let wrongSign = try HypothesisTests.fitCircuit(try HypothesisSet.parse(line: "latency: c0 + c1 excitatory"),
                                                       conditions: conditions, channelTypes: types)
        XCTAssertEqual(wrongSign.signs.map(\.matches), [false])
        let distractors = try HypothesisTests.fitCircuit(try HypothesisSet.parse(line: "latency: c2 + c3"),
                                                         conditions: conditions, channelTypes: types)
        XCTAssertLessThan(distractors.r2, planted.r2 - 0.1)
    }
}
