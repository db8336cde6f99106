import XCTest
import RetinaCore
import Phenomena
import RetinaCNN
import RetinaSimulation
import TestSupport
@testable import Mechanisms

final class MechanismAnalysesTests: XCTestCase {
    private let fast = MechanismAnalysisSettings(integratedGradients: .init(steps: 30, quadrature: .trapezoid))

    private func assertSameTraces(_ conditions: [ConditionAnalysis], file: StaticString = #filePath, line: UInt = #line) throws {
        for c in conditions {
            let truth = try XCTUnwrap(c.groundTruthHz, file: file, line: line)
            XCTAssertEqual(truth.count, c.fullHz.count, file: file, line: line)
            for (a, b) in zip(truth, c.fullHz) { XCTAssertEqual(a, b, accuracy: 1e-4, c.label, file: file, line: line) }
        }
    }

    /// The OSR analysis on the planted full-field toy, with the toy itself as ground truth: the row
    /// alignment of the ground truth (untrimmed movie) must reproduce the full model exactly.
    func testOSRAnalysisAlignsTheGroundTruthAndExplainsEveryPeriod() throws {
        let net = PlantedCircuit.network()
        let result = try OmittedStimulusResponse.analyse(model: net, parameters: .tanaka, settings: fast,
                                               groundTruth: ToyResponseModel(net: net))
        XCTAssertEqual(result.conditions.count, 6)
        XCTAssertTrue(result.conditions.allSatisfy(\.explained))
        try assertSameTraces(result.conditions)
        XCTAssertEqual(result.groundTruthMetric, result.fullMetric)
        XCTAssertEqual(result.perCellFullMetrics?.count, 1)
        XCTAssertEqual(result.perCellFullMetrics?.first, result.fullMetric, "one cell: its metric is the mean's")
        XCTAssertEqual(result.metricRows.count, 3)
        XCTAssertLessThan(result.completeness.maxGapOverResponseRange, 0.05)
        // Rows start at the train window: the first analysed row is the last-3-periods frame.
        let first = result.conditions[0]
        XCTAssertEqual(first.clock.firstRowFrame, 40 + (OSRProtocol.tanaka.flashCount(periodFrames: 3) - 3) * 3)
        XCTAssertEqual(first.reducedHz.count, first.fullHz.count)
        XCTAssertTrue(result.statement.paragraph.hasPrefix("Omitted stimulus response"))
        XCTAssertEqual(result.statement.comparison.key, OmittedStimulusResponse.plantedCircuit)
        XCTAssertNoThrow(try JSONEncoder().encode(result))
    }

    func testLatencyAnalysisKeepsTheOFFChannelForDarkSteps() throws {
        let net = PlantedCircuit.network()
        var settings = fast
        settings.traceSmoothingSigmaMs = 20
        let result = try LatencyCoding.analyse(model: net, parameters: LatencyProtocol(contrasts: [0.2, 0.5, 1.0]),
                                                   settings: settings)
        XCTAssertEqual(result.conditions.count, 3)
        XCTAssertEqual(result.reduction.kept.first, UnitGroup(channel: 0))
        XCTAssertEqual(result.statement.comparison.matches[0].groups, [UnitGroup(channel: 0)], "OFF excitation")
        XCTAssertGreaterThan(result.reduction.model.fit.pearson, 0.95)
        XCTAssertNil(result.groundTruthMetric)
        XCTAssertNotNil(result.fullMetric.shiftMs)
    }

    /// With division allowed the latency circuit fits at least as well (the toy has no gain control,
    /// so it stays subtractive), and the statement names the units that divide by ≥ 1.1× at their peak.
    func testDivisiveCircuitsFitAtLeastAsWellAndTheStatementNamesStrongDividers() throws {
        let net = PlantedCircuit.network()
        var settings = fast
        settings.reduction.conditionWeighting = .equalPerCondition
        let contrasts = LatencyProtocol(contrasts: [0.1, 0.2, 0.5, 1.0])
        let plain = try LatencyCoding.analyse(model: net, parameters: contrasts, settings: settings)
        settings.reduction.divisiveGains = [0, 0.5, 1, 2, 4]
        let divisive = try LatencyCoding.analyse(model: net, parameters: contrasts, settings: settings)
        XCTAssertGreaterThanOrEqual(divisive.reduction.model.fit.r2, plain.reduction.model.fit.r2 - 1e-9)
        XCTAssertGreaterThan(divisive.reduction.model.units[0].peakActivity, 0, "the fit records max h")
        XCTAssertFalse(plain.statement.paragraph.contains("dividing"))

        func statement(gain: Double, peak: Double) -> String {
            var reduction = plain.reduction
            reduction.model.units[0].divisiveGain = gain
            reduction.model.units[0].peakActivity = peak
            return MechanismStatement.compose(title: LatencyCoding.title, key: LatencyCoding.plantedCircuit, cells: plain.cells, reduction: reduction,
                                              channelTypes: plain.channelTypes, metricRows: plain.metricRows,
                                              completeness: plain.completeness, kernel: net.conv1KernelSize, rfCentreX: nil,
                                              notes: []).paragraph
        }
        XCTAssertTrue(statement(gain: 0.05, peak: 20).contains("(also dividing the output, as gain control: c0 by up to 2.0×)"))
        XCTAssertFalse(statement(gain: 0.05, peak: 1).contains("dividing"), "1.05× is below the 1.1× floor")

        // Per-condition r is summarised over the conditions with a response only.
        var reduction = plain.reduction
        reduction.conditions[0].reduced.targetRangeHz = 0.3
        reduction.conditions[0].reduced.pearson = -0.5
        let paragraph = MechanismStatement.compose(title: LatencyCoding.title, key: LatencyCoding.plantedCircuit, cells: plain.cells, reduction: reduction,
                                                   channelTypes: plain.channelTypes, metricRows: plain.metricRows,
                                                   completeness: plain.completeness, kernel: net.conv1KernelSize, rfCentreX: nil,
                                                   notes: []).paragraph
        let others = reduction.conditions.dropFirst().map(\.reduced.pearson).min()!
        XCTAssertTrue(paragraph.contains("(per condition r ≥ \(String(format: "%.2f", others)) over the 3 whose full response spans ≥ 1 Hz)"),
                      paragraph)
    }

    private var reversalProtocol: ReversalProtocol {
        TinyBarProtocols.reversal(speeds: [0.3])
    }

    func testReversalAnalysisOnTheBarToy() throws {
        let net = PlantedBarCircuit.network()
        let result = try MotionReversal.analyse(model: net, parameters: reversalProtocol, settings: fast,
                                                    groundTruth: ToyResponseModel(net: net), rfCentreX: 6)
        XCTAssertEqual(result.conditions.count, 6)
        XCTAssertEqual(result.conditions.filter(\.explained).count, 3, "controls are fit-only")
        XCTAssertNil(result.conditions[1].attribution)
        try assertSameTraces(result.conditions)
        XCTAssertEqual(result.groundTruthMetric, result.fullMetric)
        XCTAssertEqual(result.rfCentreXPixels, 6)
        XCTAssertFalse(result.reduction.kept.isEmpty)
        XCTAssertTrue(Set(result.reduction.kept).isSubset(of: [UnitGroup(channel: 0, columns: [4, 5]), UnitGroup(channel: 1, columns: [2]),
                                                              UnitGroup(channel: 0, columns: [4]), UnitGroup(channel: 0, columns: [5])]))
        XCTAssertTrue(result.statement.notes[0].contains("-2…2 px"), result.statement.notes[0])
        XCTAssertEqual(result.reduction.symmetry, .verticalBars)
    }

    func testAnticipationAnalysisOnTheBarToy() throws {
        let net = PlantedBarCircuit.network()
        let parameters = TinyBarProtocols.anticipation
        let result = try MotionAnticipation.analyse(model: net, parameters: parameters, settings: fast, rfCentreX: 5.5)
        XCTAssertEqual(result.conditions.count, 2 + 5)
        XCTAssertEqual(result.conditions.filter(\.explained).count, 2)
        XCTAssertEqual(result.fullMetric.moving.count, 2)
        XCTAssertEqual(result.fullMetric.flashProfile.count, 5)
        XCTAssertEqual(result.metricRows.count, 2)
        // The delayed inhibitory channel sits at screen x 3, left of the excitation at x 5–6: behind a rightward bar.
        let rightward = try XCTUnwrap(result.statement.notes.first { $0.hasPrefix("rightward") })
        XCTAssertTrue(rightward.contains("behind"), rightward)
    }

    /// The analyses run end to end on the real engine (a small random BN-CNN whose cells have known
    /// centres, so the bar analyses take the column from `cellCentres`).
    func testAnalysesRunOnTheBNCNNEngine() throws {
        let net = try TinyBNCNN.responsive(seed: 11)
        let osr = try OmittedStimulusResponse.analyse(model: net, parameters: OSRProtocol(periodsMs: [40, 60]), settings: fast)
        XCTAssertEqual(osr.cells, [0, 1, 2])
        XCTAssertLessThan(osr.completeness.maxGapOverResponseRange, 0.02)
        XCTAssertFalse(osr.reduction.kept.isEmpty)
        XCTAssertGreaterThan(osr.conditions.flatMap(\.fullHz).max()! - osr.conditions.flatMap(\.fullHz).min()!, 0.1)
        let reversal = try MotionReversal.analyse(model: net, parameters: reversalProtocol, settings: fast)
        XCTAssertEqual(reversal.cells, [0, 1], "cell 2 sits in another column")
        XCTAssertEqual(reversal.rfCentreXPixels, 7)
        XCTAssertEqual(reversal.conditions.count, 6)
        XCTAssertLessThan(reversal.completeness.maxGapOverResponseRange, 0.02)
        XCTAssertFalse(reversal.reduction.kept.isEmpty)
        XCTAssertTrue(reversal.reduction.kept.allSatisfy { $0.columns != nil })
    }

    /// With the simulated retina as ground truth (memory longer than 40 frames, so it must see the
    /// untrimmed movie), the analysis's ground-truth OSR metric for one cell equals the Phenomena
    /// suite's own measurement of that cell.
    func testGroundTruthMetricMatchesThePhenomenaSuite() throws {
        let net = try BNCNN(architecture: .paper(cells: 1), seed: 3)
        let parameters = OSRProtocol(periodsMs: [40, 70])
        var settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 4, quadrature: .gaussLegendre))
        settings.cells = [0]
        let retina = SimulatedRetina(cells: [GanglionCellParameters.reference])
        let result = try OmittedStimulusResponse.analyse(model: net, parameters: parameters, settings: settings, groundTruth: retina)
        var suite = PhenomenonSuite(phenomena: [.osr])
        suite.protocols[OmittedStimulusResponse.self] = parameters
        suite.screenPolicy = .reduced
        let validation = try suite.measure(retina, cells: [0])
        let expected = try XCTUnwrap(validation.osr?.perCell.first)
        let found = try XCTUnwrap(result.groundTruthMetric)
        XCTAssertEqual(found.periods.count, 2)
        XCTAssertEqual(expected.periods.count, 2)
        for (a, b) in zip(found.periods, expected.periods) {
            XCTAssertEqual(try XCTUnwrap(a.peakLatencyAfterOmissionMs), try XCTUnwrap(b.peakLatencyAfterOmissionMs), accuracy: 1e-3)
            XCTAssertEqual(try XCTUnwrap(a.peakRateHz), try XCTUnwrap(b.peakRateHz), accuracy: 1e-3 * max(1, b.peakRateHz!))
        }
    }

    /// Without a given centre the column is located from the flashed-bar profile.
    func testRFCentreIsEstimatedFromFlashes() throws {
        let net = PlantedBarCircuit.network()
        let (centre, cells) = try MechanismAnalyses.resolveColumn(model: net, cells: [0], rfCentreX: nil,
                                                                  flashes: AnticipationProtocol(barWidthPixels: 2))
        XCTAssertEqual(cells, [0])
        XCTAssertEqual(centre, 5.5, accuracy: 1)   // excitation at map columns 4–5 = screen x 5–6
        let known = try MechanismAnalyses.resolveColumn(model: ToyResponseModelBacked(net: net, centres: [(1, 9)]), cells: [0],
                                                        rfCentreX: nil, flashes: .groundTruth)
        XCTAssertEqual(known.centre, 9)
    }
}

/// A layer-1 model that is also a `ResponseModel` with known centres.
private struct ToyResponseModelBacked: LayerOneDifferentiable, ResponseModel {
    var net: ToyNetwork
    var centres: [(y: Double, x: Double)]
    var conv1Weights: [Float] { net.conv1Weights }
    var conv1Bias: [Float] { net.conv1Bias }
    var historyFrames: Int { net.historyFrames }
    var screen: (height: Int, width: Int) { net.screen }
    var cellCount: Int { net.cellCount }
    var cellCentres: [(y: Double, x: Double)]? { centres }
    func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float] { try net.ratesFromLayer1(z, count: count) }
    func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float]) {
        try net.layer1Gradient(z, count: count, cellWeights: cellWeights)
    }
    func rates(for movie: Movie) throws -> RateMatrix { try ToyResponseModel(net: net).rates(for: movie) }
}
