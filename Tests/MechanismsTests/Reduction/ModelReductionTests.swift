import XCTest
import Foundation
import RetinaCore
@testable import Mechanisms

final class ModelReductionTests: XCTestCase {
    private func condition(_ label: String, attributions: [[Float]], window: Range<Int>? = nil) throws -> ReductionCondition {
        // attributions[t][unit], 3 channels pooled to channels
        let flat = attributions.flatMap { $0 }
        let n = attributions.count
        let pooled = PooledAttribution(symmetry: .fullField, windows: n, channels: 3, columns: 1, attributions: flat,
                                       effectiveWeights: nil, drive: nil, targetRatesHz: [Float](repeating: 1, count: n), baselineRateHz: 1)
        let hidden = PooledLayer1Response(symmetry: .fullField, windows: n, channels: 3, columns: 1, values: flat)
        return try ReductionCondition(label: label, attribution: pooled, hidden: hidden, responseWindow: window)
    }

    func testRankingMeasuresAndSelection() throws {
        let a = try condition("a", attributions: [[1, -3, 0.5], [1, 3, 0.5], [1, 0, -0.5]])
        let b = try condition("b", attributions: [[2, 0, 0], [0, 0, 9]], window: 0..<1)
        let byAbs = try ModelReduction.rank([a, b], measure: .sumOfAbsolute)
        XCTAssertEqual(byAbs.map(\.group.channel), [1, 0, 2])           // 6, 5, 1.5 (the 9 is outside b's window)
        XCTAssertEqual(byAbs[0].importance, 6); XCTAssertEqual(byAbs[0].share, 6 / 12.5, accuracy: 1e-12)
        XCTAssertEqual(byAbs[1].cumulativeShare, 11 / 12.5, accuracy: 1e-12)
        XCTAssertEqual(byAbs[0].netAttribution, 0)
        let byNet = try ModelReduction.rank([a, b], measure: .absoluteOfSum)
        XCTAssertEqual(byNet.map(\.group.channel), [0, 2, 1])           // 5, 0.5, 0: excitation and inhibition cancel
        let byPeak = try ModelReduction.rank([a, b], measure: .peakAbsolute)
        XCTAssertEqual(byPeak.map(\.group.channel), [1, 0, 2])
        XCTAssertEqual(ModelReduction.select(byAbs, selection: .share(0.9), maxUnits: 6).map(\.channel), [1, 0, 2])
        XCTAssertEqual(ModelReduction.select(byAbs, selection: .share(0.85), maxUnits: 6).map(\.channel), [1, 0])
        XCTAssertEqual(ModelReduction.select(byAbs, selection: .share(0.85), maxUnits: 1).map(\.channel), [1])
        XCTAssertEqual(ModelReduction.select(byAbs, selection: .topK(2), maxUnits: 6).map(\.channel), [1, 0])
    }

    func testContiguousColumnGrouping() {
        let importances: [[Double]] = [[0.1, 1, 0.9, 0.1, 0.5, 0.05], [0, 0, 0, 0, 0, 0], [0.3, 0.3, 0.2, 0.3, 0.3, 0.3]]
        var ranking: [RankedGroup] = []
        for c in 0..<3 {
            for x in 0..<6 {
                ranking.append(RankedGroup(group: UnitGroup(channel: c, columns: [x]), label: "", importance: importances[c][x],
                                           share: 0, cumulativeShare: 0, netAttribution: 0))
            }
        }
        let groups = UnitGrouping.contiguousColumns(relativeThreshold: 0.25).groups(ranking.reversed())
        XCTAssertEqual(groups, [UnitGroup(channel: 0, columns: [1, 2]), UnitGroup(channel: 0, columns: [4]),
                                UnitGroup(channel: 2, columns: [0, 1, 2, 3, 4, 5])])
        XCTAssertEqual(UnitGrouping.none.groups(ranking).count, 18)
        let fullField = [RankedGroup(group: UnitGroup(channel: 1), label: "", importance: 1, share: 1, cumulativeShare: 1, netAttribution: 1)]
        XCTAssertEqual(UnitGrouping.contiguousColumns(relativeThreshold: 0.25).groups(fullField), [UnitGroup(channel: 1)])
    }

    func testMismatchedConditionsAreRejected() throws {
        let pooled = PooledAttribution(symmetry: .fullField, windows: 2, channels: 3, columns: 1, attributions: [Float](repeating: 0, count: 6),
                                       effectiveWeights: nil, drive: nil, targetRatesHz: [0, 0], baselineRateHz: 0)
        let hidden = PooledLayer1Response(symmetry: .verticalBars, windows: 2, channels: 3, columns: 1, values: [Float](repeating: 0, count: 6))
        XCTAssertThrowsError(try ReductionCondition(label: "x", attribution: pooled, hidden: hidden))
        XCTAssertThrowsError(try ModelReduction.rank([], measure: .sumOfAbsolute))
        XCTAssertThrowsError(try ReductionSettings(selection: .share(1.5)).validate())
    }

    /// The reduction of the planted OFF-excitation / delayed-ON-inhibition toy recovers exactly those two
    /// channels and reproduces the full response.
    func testPlantedTwoPathwayCircuitIsRecovered() throws {
        let net = PlantedCircuit.network()
        let ig = IntegratedGradients(model: net, settings: .init(steps: 100, quadrature: .rightRiemann, target: .cell(0)))
        var conditions: [ReductionCondition] = []
        var worstGap = 0.0
        for (label, movie) in PlantedCircuit.stimuli() {
            let z = try net.layer1Preactivations(of: movie)
            let result = try ig.attributeToLayer1(preactivations: z, windows: movie.windowCount(history: 40))
            let range = Double(result.targetRatesHz.max()! - result.targetRatesHz.min()!)
            worstGap = max(worstGap, result.maxAbsoluteGap / range)
            let pooled = try SymmetryPooling.pool(result, stimulus: movie, symmetry: .fullField, preactivations: z)
            let hidden = try SymmetryPooling.poolPreactivations(z, stimulus: movie, geometry: net.conv1Geometry, symmetry: .fullField)
            conditions.append(try ReductionCondition(label: label, attribution: pooled, hidden: hidden))
        }
        // ReLU kinks make every rule O(1/N): with N − 1 = 99 intervals the gap stays within 2 % of the range.
        XCTAssertLessThan(worstGap, 0.02, "right-Riemann IG with 100 steps")
        let types = try ChannelTyping.classify(model: net)
        XCTAssertEqual(types[0].label, "OFF fast"); XCTAssertEqual(types[1].label, "ON slow")
        let result = try ModelReduction.reduce(conditions, channelTypes: types)
        XCTAssertEqual(Set(result.kept), [UnitGroup(channel: 0), UnitGroup(channel: 1)])
        XCTAssertEqual(result.groupRanking, result.unitRanking)
        XCTAssertEqual(result.channelShares[0] + result.channelShares[1], result.keptShare, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(result.keptShare, 0.9)
        XCTAssertGreaterThan(result.unitRanking[0].netAttribution, 0, "OFF channel excites")
        XCTAssertLessThan(result.unitRanking.first { $0.group.channel == 1 }!.netAttribution, 0, "delayed ON channel inhibits")
        XCTAssertGreaterThan(result.model.fit.pearson, 0.95)
        let off = result.model.units.first { $0.group.channel == 0 }!, on = result.model.units.first { $0.group.channel == 1 }!
        XCTAssertGreaterThan(off.weight * off.sign, 0)
        XCTAssertLessThan(on.weight * on.sign, 0)
        XCTAssertEqual(off.label, "OFF fast")
        XCTAssertEqual(result.conditions.count, PlantedCircuit.stimuli().count)
        for c in result.conditions {
            XCTAssertGreaterThan(c.reduced.pearson, 0.95, c.label)
            XCTAssertGreaterThan(try XCTUnwrap(c.keptAttribution).pearson, 0.95, c.label)
        }
        // A fit-only condition (no attributions) joins the fit and the comparison but not the ranking.
        let extra = PlantedCircuit.stimuli()[0].movie
        let zExtra = try net.layer1Preactivations(of: extra)
        let fitOnly = try ReductionCondition(
            label: "fit only", hidden: SymmetryPooling.poolPreactivations(zExtra, stimulus: extra, geometry: net.conv1Geometry, symmetry: .fullField),
            fullResponseHz: net.ratesFromLayer1(zExtra, count: extra.windowCount(history: 40)), baselineRateHz: conditions[0].baselineRateHz)
        let withExtra = try ModelReduction.reduce(conditions + [fitOnly], channelTypes: types)
        XCTAssertEqual(withExtra.unitRanking, result.unitRanking)
        XCTAssertNil(withExtra.conditions.last!.keptAttributionHz)
        XCTAssertGreaterThan(withExtra.conditions.last!.reduced.pearson, 0.95)
        XCTAssertThrowsError(try ModelReduction.rank([fitOnly], measure: .sumOfAbsolute))
        // Keeping every unit makes the attribution sum the full response up to the completeness gap.
        let all = try ModelReduction.reduce(conditions, settings: .init(selection: .share(1), maxUnits: 6))
        XCTAssertEqual(all.conditions.count, PlantedCircuit.stimuli().count)
        for c in all.conditions {
            XCTAssertEqual(try XCTUnwrap(c.keptAttributionHz).count, c.fullHz.count, c.label)
            for (full, sum) in zip(c.fullHz, try XCTUnwrap(c.keptAttributionHz)) { XCTAssertEqual(sum, full, accuracy: 0.05 * 20) }
        }
    }

    /// Channel-position reduction on bars recovers the planted columns and the inhibitory channel.
    func testPlantedBarCircuitIsRecoveredAtItsPositions() throws {
        let net = PlantedBarCircuit.network()
        let ig = IntegratedGradients(model: net, settings: .init(steps: 50, quadrature: .trapezoid, target: .cell(0)))
        var conditions: [ReductionCondition] = []
        for (label, movie) in PlantedBarCircuit.stimuli() {
            let z = try net.layer1Preactivations(of: movie)
            let result = try ig.attributeToLayer1(preactivations: z, windows: movie.windowCount(history: 30))
            let pooled = try SymmetryPooling.pool(result, stimulus: movie, symmetry: .verticalBars, preactivations: z)
            let hidden = try SymmetryPooling.poolPreactivations(z, stimulus: movie, geometry: net.conv1Geometry, symmetry: .verticalBars)
            conditions.append(try ReductionCondition(label: label, attribution: pooled, hidden: hidden))
        }
        let result = try ModelReduction.reduce(conditions, settings: .init(selection: .share(0.9), maxUnits: 6))
        XCTAssertEqual(Set(result.kept), [UnitGroup(channel: 0, columns: [4, 5]), UnitGroup(channel: 1, columns: [2])])
        XCTAssertEqual(result.model.units.first { $0.group.channel == 0 }?.group.members.count, 2)
        // Without grouping the same three pooled units are kept one by one.
        let single = try ModelReduction.reduce(conditions, settings: .init(selection: .share(0.9), grouping: .none, maxUnits: 6))
        XCTAssertEqual(Set(single.kept.flatMap(\.members)), PlantedBarCircuit.planted)
        XCTAssertEqual(single.keptShare, result.keptShare, accuracy: 1e-9)
        XCTAssertGreaterThan(result.model.fit.pearson, 0.95)
        XCTAssertLessThan(result.unitRanking.first { $0.group == UnitGroup(channel: 1, columns: [2]) }!.netAttribution, 0)
        XCTAssertEqual(result.conditions.count, PlantedBarCircuit.stimuli().count)
        for c in result.conditions { XCTAssertGreaterThan(c.reduced.pearson, 0.9, c.label) }
    }
}
