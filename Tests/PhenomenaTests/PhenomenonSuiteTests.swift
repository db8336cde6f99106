import XCTest
import RetinaCore
@testable import Phenomena

final class PhenomenonSuiteTests: XCTestCase {
    /// Few conditions, so the 50 × 50 runs stay fast in a debug build.
    func smallSuite(policy: ScreenPolicy, trims: Bool = false) -> PhenomenonSuite {
        var protocols = PhenomenonParameterSet.validation
        protocols[OmittedStimulusResponse.self] = OSRProtocol(periodsMs: [30, 60, 100])
        protocols[LatencyCoding.self] = LatencyProtocol(contrasts: [0.2, 0.5, 1.0])
        protocols[MotionReversal.self] = ReversalProtocol(speedsPixelsPerFrame: [0.4, 0.6], reversalOffsetsPixels: [-4, 0, 4])
        protocols[MotionAnticipation.self] = AnticipationProtocol(speedsPixelsPerFrame: [0.3],
                                                                  flashOffsetsPixels: (-3...3).map(Double.init))
        var criteria = PhenomenonCriteriaSet.project
        criteria[MotionReversal.self] = ReversalCriteria(speedMinimum: 0.4)
        criteria[MotionAnticipation.self] = AnticipationCriteria(speedsPixelsPerFrame: [0.3])
        return PhenomenonSuite(protocols: protocols, criteria: criteria, phenomena: [.osr, .latency, .reversal, .anticipation],
                               screenPolicy: policy, trimsToAnalysedFrames: trims)
    }

    let model = LinearTestModel(centres: [(19, 22), (31, 28)])

    /// Every number the suite reports, flattened, for comparing two runs.
    func numbers(_ v: PhenomenaValidation) -> [Double?] {
        var out: [Double?] = v.criteria.map(\.measured) + v.criteria.flatMap(\.perCell)
        out += v.osr!.perCell.flatMap { $0.periods.flatMap { [$0.peakLatencyAfterOmissionMs, $0.peakRateHz, $0.trainMaxRateHz,
                                                               $0.tanakaOnsetAfterOmissionMs] } }
        out += v.latency!.perCell.flatMap { $0.measurements.flatMap { [$0.peakLatencyMs, $0.peakRateHz] } }
        out += v.reversal!.perCell.flatMap { $0.speeds.flatMap { [$0.burstLatencyMs, $0.burstRateHz, $0.smoothPeakRateHz] } }
        out += v.anticipation!.perCell.flatMap { [$0.flashLatencyMs] + $0.moving.map(\.deltaPixels) }
        out += v.baselineRateHz.map { $0 }
        return out
    }

    func assertSameNumbers(_ a: [Double?], _ b: [Double?], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (k, (x, y)) in zip(a, b).enumerated() {
            XCTAssertEqual(x == nil, y == nil, "entry \(k)", file: file, line: line)
            if let x, let y { XCTAssertEqual(x, y, accuracy: accuracy * max(1, abs(x)), "entry \(k)", file: file, line: line) }
        }
    }

    func testReducedScreensGiveTheSameNumbersAsTheFullScreen() throws {
        let full = try smallSuite(policy: .modelScreen).measure(model)
        let reduced = try smallSuite(policy: .reduced).measure(model)
        XCTAssertEqual(full.fullFieldScreen, StimulusScreen(heightPixels: 50, widthPixels: 50))
        XCTAssertEqual(reduced.fullFieldScreen, .point)
        XCTAssertEqual(reduced.barScreen, .strip(widthPixels: 50))
        assertSameNumbers(numbers(full), numbers(reduced), accuracy: 1e-5)
        // The numbers are real measurements, not all missing.
        // (A linear OFF model has no OSR or reversal burst at some conditions; those are nil in both.)
        XCTAssertGreaterThan(numbers(full).compactMap { $0 }.count, 40)
        XCTAssertNotNil(full.latency!.mean.spearmanRho)
        XCTAssertNotNil(full.anticipation!.perCell[0].flashLatencyMs)
    }

    func testTrimmingMatchesFullMoviesForAModelWithoutLongerMemory() throws {
        let plain = try smallSuite(policy: .reduced).measure(model)
        let trimmed = try smallSuite(policy: .reduced, trims: true).measure(model)
        assertSameNumbers(numbers(plain), numbers(trimmed), accuracy: 1e-9)
        let shown = { (v: PhenomenaValidation) in v.runtimes.first { $0.phenomenon == .reversal }!.framesShown }
        XCTAssertLessThan(shown(trimmed), shown(plain))
    }

    func testSuiteStructureCriteriaAndCellSelection() throws {
        let v = try smallSuite(policy: .reduced).measure(model, cells: [1])
        XCTAssertEqual(v.cells, [1])
        XCTAssertEqual(v.rfCentresXPixels, [28])
        XCTAssertEqual(v.rfCentreSource, .model)
        XCTAssertEqual(v.osr!.perCell.count, 1)
        XCTAssertEqual(v.osr!.traces.count, 3)
        XCTAssertEqual(v.osr!.traces[0].cellRates.count, 1)
        XCTAssertEqual(v.reversal!.reversalPointsPixels, [24, 28, 32])
        XCTAssertEqual(v.criteria.map(\.phenomenon), [.osr, .osr, .osr, .latency, .latency, .reversal, .reversal, .anticipation])
        XCTAssertEqual(v.runtimes.map(\.phenomenon), [.osr, .latency, .reversal, .anticipation], "the suite's phenomena, in order")
        // 3 points × 2 speeds × (reversal + control)
        XCTAssertEqual(v.runtimes[2].conditions, 12)
        for c in v.criteria { XCTAssertEqual(c.passed, CriterionResult.within(c.measured, c.minimum, c.maximum)) }
        // The stimulus block trace of the OSR plot shows the flashes.
        XCTAssertTrue(v.osr!.traces[0].stimulusContrast.contains(-1))
        // Results serialise.
        let data = try JSONEncoder().encode(v)
        XCTAssertEqual(try JSONDecoder().decode(PhenomenaValidation.self, from: data), v)
    }

    func testCentresAreEstimatedFromFlashesWhenTheModelHasNone() throws {
        var suite = smallSuite(policy: .reduced)
        suite.phenomena = [.anticipation]
        let v = try suite.measure(LinearTestModel(centres: [(19, 22), (31, 28)], providesCentres: false))
        XCTAssertEqual(v.rfCentreSource, .estimatedFromFlashProfile)
        XCTAssertEqual(v.rfCentresXPixels[0], 22, accuracy: 0.05)
        XCTAssertEqual(v.rfCentresXPixels[1], 28, accuracy: 0.05)
        XCTAssertEqual(v.anticipation!.perCell[0].flashProfile.count, 50)
    }

    func testErrorsNameTheProblem() {
        XCTAssertThrowsError(try smallSuite(policy: .reduced).measure(model, cells: [2])) {
            XCTAssertEqual($0 as? PhenomenaError, .cellOutOfRange(cell: 2, cellCount: 2))
        }
        struct Broken: ResponseModel {
            var cellCount: Int { 1 }
            var historyFrames: Int { 40 }
            var screen: (height: Int, width: Int) { (1, 1) }
            var cellCentres: [(y: Double, x: Double)]? { [(0, 0)] }
            func rates(for movie: Movie) throws -> RateMatrix { RateMatrix(rows: 1, cells: 1) }
        }
        var suite = smallSuite(policy: .reduced)
        suite.phenomena = [.latency]
        XCTAssertThrowsError(try suite.measure(Broken())) {
            XCTAssertTrue(String(describing: $0).contains("expected 41 rows"), String(describing: $0))
        }
    }

    func testCriterionThresholdText() {
        let c = CriterionResult(phenomenon: .osr, name: "slope", measured: 0.9, unit: "", minimum: 0.8, maximum: 1.2,
                                perCell: [0.7, 0.9, nil])
        XCTAssertTrue(c.passed)
        XCTAssertEqual(c.cellsPassing, 1)
        XCTAssertEqual(c.thresholdDescription, "0.8 … 1.2")
        XCTAssertEqual(CriterionResult(phenomenon: .latency, name: "shift", measured: nil, unit: "ms", minimum: 15,
                                       maximum: nil, perCell: []).thresholdDescription, "≥ 15 ms")
        XCTAssertFalse(CriterionResult(phenomenon: .latency, name: "shift", measured: nil, unit: "ms", minimum: 15,
                                       maximum: nil, perCell: []).passed)
    }
}
