import Foundation
import Phenomena
import XCTest
@testable import Report

final class PhenomenonCheckTests: XCTestCase {
    /// Metric values from JSON (their memberwise initialisers are internal to Phenomena).
    private func decode<T: Decodable>(_ json: String) throws -> T { try JSONDecoder().decode(T.self, from: Data(json.utf8)) }

    private func check(full: Double?, reduced: Double?, min: Double? = nil, max: Double? = nil) -> PhenomenonCheck {
        PhenomenonCheck(name: "x", unit: "ms", minimum: min, maximum: max, full: full, reduced: reduced, groundTruth: nil)
    }

    func testBoundsAreInclusiveAndMissingValuesFail() {
        let c = check(full: 30, reduced: 30.01, max: 30)
        XCTAssertTrue(c.fullPasses)
        XCTAssertFalse(c.reducedPasses)
        XCTAssertFalse(c.groundTruthPasses, "a missing value never passes")
        XCTAssertFalse(check(full: .nan, reduced: nil, min: 0).fullPasses)
        XCTAssertEqual(check(full: 1, reduced: 1, min: 0.8, max: 1.2).threshold, "0.8 … 1.2 ms")
        XCTAssertEqual(check(full: 1, reduced: 1, min: 15).threshold, "≥ 15 ms")
    }

    func testVerdictAsksOnlyWhatTheFullModelShows() {
        let passBoth = check(full: 20, reduced: 18, min: 15)
        let passFullOnly = check(full: 20, reduced: 10, min: 15)
        let failFull = check(full: 10, reduced: 20, min: 15)
        XCTAssertEqual(ReproductionVerdict([passBoth, failFull]), .reproduced(of: 1), "a criterion the full model fails is not asked")
        XCTAssertEqual(ReproductionVerdict([passBoth, passFullOnly]), .partly(passed: 1, of: 2))
        XCTAssertEqual(ReproductionVerdict([passFullOnly]), .notReproduced(of: 1))
        XCTAssertEqual(ReproductionVerdict([failFull]), .absentInFullModel)
        XCTAssertEqual(ReproductionVerdict([]), .absentInFullModel)
    }

    func testOSRChecksNeedAPeakAtEveryPeriod() throws {
        let full: OSRMetrics = try decode("""
            {"periods": [], "slopeVsPeriod": 1.0, "latencySpreadMs": 10, "minimumPeakToTrainRatio": 3, "periodsWithoutPeakMs": []}
            """)
        var reduced = full
        reduced.periodsWithoutPeakMs = [80]
        let checks = PhenomenonChecks.osr(full, reduced, nil)
        XCTAssertEqual(checks.map(\.fullPasses), [true, true, true])
        XCTAssertEqual(checks.map(\.reducedPasses), [false, false, false])
        XCTAssertEqual(ReproductionVerdict(checks), .notReproduced(of: 3))
    }

    func testAnticipationIsJudgedAtTheCriterionSpeedsItRan() throws {
        func metrics(_ deltas: [(Double, Double)]) throws -> AnticipationMetrics {
            let speeds = deltas.map { "{\"speedPixelsPerFrame\": \($0.0), \"meanDeltaPixels\": \($0.1)}" }
            return try decode("""
                {"rfCentreXPixels": 0, "flashLatencyMs": 80, "flashProfile": [], "moving": [],
                 "bySpeed": [\(speeds.joined(separator: ", "))]}
                """)
        }
        let ran = PhenomenonChecks.anticipation(try metrics([(0.08, -0.8), (0.176, 0.2), (0.3, 1)]), try metrics([(0.08, -0.5), (0.176, 0.4), (0.3, 1)]), nil)
        XCTAssertEqual(ran.map(\.name), ["δ at 0.08 px/frame (bar position at the response peak)",
                                         "δ at 0.176 px/frame (bar position at the response peak)"])
        XCTAssertEqual(ReproductionVerdict(ran), .reproduced(of: 1))
        let other = PhenomenonChecks.anticipation(try metrics([(0.5, -1), (0.3, -2)]), try metrics([(0.5, 1), (0.3, 0.5)]), nil)
        XCTAssertEqual(other.map(\.full), [-2], "none of the criterion speeds ran: the slowest speed is judged")
    }
}
