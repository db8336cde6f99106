import Foundation
import Phenomena
import XCTest
@testable import Report
@testable import ReportKit

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

    /// "Needs ÷" makes no claim where "Reproduced" makes none: a phenomenon the full model shows only
    /// partly gets "—", even when the circuit and its division ablation both meet the one criterion met.
    func testNeedsDivisionOnlyWhereTheFullModelShowsThePhenomenon() {
        let passBoth = check(full: 20, reduced: 18, min: 15)
        let failFull = check(full: 10, reduced: 20, min: 15)
        let partly = [passBoth, failFull]
        let shows = FullModelShows(met: 1, of: 2)
        XCTAssertEqual(shows.reproducedText(ReproductionVerdict(partly)), "— (full model: 1 of 2)")
        XCTAssertEqual(AnalysisView.needsDivisionText(shows: shows, verdict: ReproductionVerdict(partly), ablation: ReproductionVerdict(partly)), "—")
        let all = [passBoth]
        let yes = FullModelShows(met: 1, of: 1)
        XCTAssertEqual(AnalysisView.needsDivisionText(shows: yes, verdict: ReproductionVerdict(all), ablation: ReproductionVerdict(all)), "no")
        XCTAssertEqual(AnalysisView.needsDivisionText(shows: yes, verdict: ReproductionVerdict(all),
                                                      ablation: ReproductionVerdict([check(full: 20, reduced: 10, min: 15)])), "yes")
        XCTAssertEqual(AnalysisView.needsDivisionText(shows: yes, verdict: ReproductionVerdict(all), ablation: nil), "—")
    }

    /// The one judge (the kind's) zipped over the models: a period of the criterion range without a
    /// peak fails every OSR criterion of that model, whatever the summary values say.
    func testOSRChecksNeedAPeakAtEveryPeriod() throws {
        func period(_ p: Double, peak: Bool) -> String {
            let latency = peak ? "\(p + 60)" : "null"
            return """
                {"periodMs": \(p), "peakLatencyAfterOmissionMs": \(peak ? "60" : "null"), "peakLatencyAfterLastFlashMs": \(latency),
                 "peakRateHz": \(peak ? "30" : "null"), "trainMaxRateHz": 10, "peakToTrainRatio": \(peak ? "3" : "null")}
                """
        }
        func metric(missing: Double?) throws -> OSRMetrics {
            let periods: [OSRPeriodMeasurement] = try [30.0, 40, 50, 60, 70, 80].map { try decode(period($0, peak: $0 != missing)) }
            return OSRMetrics.summarize(periods)
        }
        let full = OmittedStimulusResponse.judge(try metric(missing: nil))
        let reduced = OmittedStimulusResponse.judge(try metric(missing: 80))
        let checks = PhenomenonCheck.zip(full: full, reduced: reduced, groundTruth: nil)
        XCTAssertEqual(checks.map(\.fullPasses), [true, true, true])
        XCTAssertEqual(checks.map(\.reducedPasses), [false, false, false])
        XCTAssertEqual(ReproductionVerdict(checks), .notReproduced(of: 3))
        XCTAssertEqual(try XCTUnwrap(checks[0].full), 1, accuracy: 1e-9, "peaks locked to the expected flash: slope 1")
    }

    func testAnticipationIsJudgedAtTheCriterionSpeedsItRan() throws {
        func metrics(_ deltas: [(Double, Double)]) throws -> AnticipationMetrics {
            let speeds = deltas.map { "{\"speedPixelsPerFrame\": \($0.0), \"meanDeltaPixels\": \($0.1)}" }
            return try decode("""
                {"rfCentreXPixels": 0, "flashLatencyMs": 80, "flashProfile": [], "moving": [],
                 "bySpeed": [\(speeds.joined(separator: ", "))]}
                """)
        }
        func checks(_ full: AnticipationMetrics, _ reduced: AnticipationMetrics) -> [PhenomenonCheck] {
            PhenomenonCheck.zip(full: MotionAnticipation.judge(full), reduced: MotionAnticipation.judge(reduced), groundTruth: nil)
        }
        let ran = checks(try metrics([(0.08, -0.8), (0.176, 0.2), (0.3, 1)]), try metrics([(0.08, -0.5), (0.176, 0.4), (0.3, 1)]))
        XCTAssertEqual(ran.map(\.name), ["δ (bar centre − RF centre at the response peak) at 0.08 px/frame",
                                         "δ (bar centre − RF centre at the response peak) at 0.176 px/frame"])
        XCTAssertEqual(ReproductionVerdict(ran), .reproduced(of: 1))
        let other = checks(try metrics([(0.5, -1), (0.3, -2)]), try metrics([(0.5, 1), (0.3, 0.5)]))
        XCTAssertEqual(other.map(\.full), [-2], "none of the criterion speeds ran: the slowest speed is judged")
    }
}
