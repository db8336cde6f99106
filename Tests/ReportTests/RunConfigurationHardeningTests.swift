import Foundation
import XCTest
import Mechanisms
import Phenomena
@testable import Report
@testable import ReportKit

/// Issue #10, items 3, 5 and 6: everything a run would choke on is refused by
/// ``RunConfiguration/validate()`` — before any work, exit 64, naming the parameter.
final class RunConfigurationHardeningTests: XCTestCase {
    private func base() -> RunConfiguration { RunConfiguration(model: "m.safetensors") }

    private func assertRefused(_ config: RunConfiguration, name: String, contains fragment: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try config.validate(), file: file, line: line) { error in
            guard let e = error as? RunPipelineError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(e.exitCode, 64, file: file, line: line)
            XCTAssertTrue(e.description.contains("parameter '\(name)'"), e.description, file: file, line: line)
            XCTAssertTrue(fragment.isEmpty || e.description.contains(fragment), e.description, file: file, line: line)
        }
    }

    func testTheDefaultRunIsWithinBudget() throws {
        XCTAssertNoThrow(try base().validate())
        let cost = base().estimate()
        XCTAssertLessThan(cost.bytes, RunConfiguration.Budget.maximumBytes / 3)
        XCTAssertLessThan(cost.gradientEvaluations, RunConfiguration.Budget.maximumGradientEvaluations / 10)
    }

    func testBadOSRPeriodsAreRefusedBeforeWork() {
        for period in [0, .nan, .infinity, 1e308, 33.3, -40] as [Double] {
            var c = base(); c.phenomena = [.osr]; c.protocols[OmittedStimulusResponse.self].periodsMs = [30, period]
            assertRefused(c, name: "osr.periodsMs")
        }
    }

    func testCellsFormatsSpeedsAndPathsAreCheckedEvenWhenUnused() {
        var c = base(); c.analysis.cells = [0, 0]; assertRefused(c, name: "cells", contains: "each cell index once")
        c = base(); c.analysis.cells = [-1]; assertRefused(c, name: "cells")
        c = base(); c.formats = []; assertRefused(c, name: "formats")
        c = base(); c.phenomena = [.osr]; c.protocols[MotionReversal.self].speedsPixelsPerFrame = [.nan]
        assertRefused(c, name: "reversal.speedsPixelsPerFrame")
        c = base(); c.protocols[MotionAnticipation.self].speedsPixelsPerFrame = [.infinity]; assertRefused(c, name: "anticipation.speedsPixelsPerFrame")
        c = base(); c.protocols[LatencyCoding.self].contrasts = [.infinity]; assertRefused(c, name: "latency.contrasts")
        c = base(); c.output = ""; assertRefused(c, name: "output")
    }

    /// Hostile pass: a bar speed of 1e308 px/frame was accepted (the run worked 51 s, then failed
    /// with 1) and 1e-300 was blamed on `reversal.approachDistancePixels`; speeds now have a range.
    func testBarSpeedsHaveARangeNamedAsTheSpeedParameter() throws {
        for speed in [1e308, 1e-300, 10.5, 0.009, 0] {
            var c = base(); c.protocols[MotionReversal.self].speedsPixelsPerFrame = [0.2, speed]
            XCTAssertThrowsError(try c.validate()) { error in
                XCTAssertEqual(error as? RunPipelineError, .invalidParameter(name: "reversal.speedsPixelsPerFrame",
                                                                            expected: "one or more finite speeds of 0.01 … 10 px/frame", found: "[0.2, \(speed)]"))
            }
            c = base(); c.protocols[MotionAnticipation.self].speedsPixelsPerFrame = [speed]
            XCTAssertThrowsError(try c.validate()) { error in
                XCTAssertEqual(error as? RunPipelineError, .invalidParameter(name: "anticipation.speedsPixelsPerFrame",
                                                                            expected: "one or more finite speeds of 0.01 … 10 px/frame", found: "[\(speed)]"))
            }
        }
        var c = base()
        c.protocols[MotionReversal.self].speedsPixelsPerFrame = [0.01, 10]
        c.protocols[MotionAnticipation.self].speedsPixelsPerFrame = [0.01, 10]
        XCTAssertNoThrow(try c.validate())
    }

    func testResourceBombsAreRefusedNamingLimitAndEstimate() {
        var c = base(); c.phenomena = [.osr]; c.protocols[OmittedStimulusResponse.self].periodsMs = [90_000]
        assertRefused(c, name: "osr.periodsMs", contains: "frames per stimulus condition")
        c = base(); c.analysis.integratedGradients.steps = 100_000_000
        assertRefused(c, name: "analysis.integratedGradients.steps", contains: "≤ 10000")
        c = base(); c.analysis.integratedGradients.steps = IntegratedGradientsSettings.maximumSteps
        XCTAssertNoThrow(try c.validate(), "the default run at the largest step count fits")
        c.protocols[LatencyCoding.self].contrasts = (1...1000).map { Double($0) * 0.001 }
        assertRefused(c, name: "analysis.integratedGradients.steps", contains: "gradient evaluations")
        c = base(); c.phenomena = [.osr]; c.protocols[OmittedStimulusResponse.self].periodsMs = (3...900).map { Double($0 * 10) }
        assertRefused(c, name: "osr.periodsMs", contains: "GB of memory")
    }

    /// Issue #23 item 4: the budget sees the loaded model — ensemble members, hypotheses and cells —
    /// so a 1,000-member ensemble or 20,000 hypotheses are refused before work, naming the limit.
    func testTheBudgetCountsMembersHypothesesAndCells() throws {
        func refused(_ c: RunConfiguration, _ scale: RunConfiguration.ModelScale, name: String, contains fragment: String,
                     line: UInt = #line) {
            XCTAssertThrowsError(try c.validateRangesAndBudget(scale: scale), line: line) { error in
                let text = "\(error)"
                XCTAssertEqual((error as? RunPipelineError)?.exitCode, 64, text, line: line)
                XCTAssertTrue(text.contains("'\(name)'") && text.contains(fragment), text, line: line)
            }
        }
        let shipped = RunConfiguration.ModelScale(historyFrames: 60, members: 5, cells: 8, layer1UnitsPerMember: 10_368)
        XCTAssertNoThrow(try base().validateRangesAndBudget(scale: shipped), "the shipped ensemble's default run fits")
        var withSix = base()
        withSix.causal.hypotheses = (0..<6).map { Hypothesis(name: "h\($0)", phenomenon: .osr, pathways: []) }
        XCTAssertNoThrow(try withSix.validateRangesAndBudget(scale: shipped), "the reference run fits")
        let one = RunConfiguration.ModelScale.beforeLoading
        // Members scale the work and the memory.
        var big = shipped; big.members = 1_000
        refused(base(), big, name: "ensemble members", contains: "32 members")
        let five = base().estimate(scale: shipped), single = base().estimate(scale: one)
        XCTAssertGreaterThan(five.gradientEvaluations, 4.9 * single.gradientEvaluations * 1.0)
        XCTAssertGreaterThan(five.memberMeasurements, 4.9 * single.memberMeasurements)
        // Hypotheses: three interventions each, per member.
        var many = base()
        many.causal.hypotheses = (0..<20_000).map { Hypothesis(name: "h\($0)", phenomenon: .osr, pathways: []) }
        refused(many, shipped, name: "causal.hypotheses", contains: "phenomenon measurements")
        XCTAssertEqual(many.estimate(scale: one).memberMeasurements - base().estimate(scale: one).memberMeasurements, 60_000)
        var off = many; off.causal.enabled = false
        XCTAssertNoThrow(try off.validateRangesAndBudget(scale: shipped), "no causal tests, no measurements")
        // Cells.
        var cells = one; cells.cells = 20_000
        refused(base(), cells, name: "cells (the model's)", contains: "10000 cells")
    }

    /// Hostile pass: these `--set` values were accepted and the run started (still working at 60 s).
    /// Each setting now has a range, refused by `validate()` with 64 naming the key, range and value.
    func testReductionAndAttributionSettingsHaveRanges() throws {
        func refusal(_ assignment: String) throws -> String? {
            let c = try base().setting(assignment)
            do { try c.validate(); return nil } catch let e as RunPipelineError {
                XCTAssertEqual(e.exitCode, 64, e.description)
                return e.description
            }
        }
        XCTAssertEqual(try refusal("analysis.reduction.refinementIterations=9223372036854775807"),
                       "parameter 'analysis.reduction.refinementIterations': expected 0 … 10000, found 9223372036854775807")
        XCTAssertEqual(try refusal("analysis.reduction.maxSweeps=1000000000"),
                       "parameter 'analysis.reduction.maxSweeps': expected 1 … 50, found 1000000000")
        XCTAssertEqual(try refusal("analysis.reduction.maxUnits=9223372036854775807"),
                       "parameter 'analysis.reduction.maxUnits': expected 1 … 32, found 9223372036854775807")
        XCTAssertEqual(try refusal("analysis.integratedGradients.threads=9223372036854775807"),
                       "parameter 'analysis.integratedGradients.threads': expected 1 … 64, found 9223372036854775807")
        let gains = "[" + Array(repeating: "1", count: 10_000).joined(separator: ",") + "]"
        XCTAssertEqual(try refusal("analysis.reduction.divisiveGains=" + gains),
                       "parameter 'analysis.reduction.divisiveGains': expected 1 … 20 entries, found 10000 entries")
        let quantiles = "[" + Array(repeating: "0.5", count: 10_000).joined(separator: ",") + "]"
        XCTAssertEqual(try refusal("analysis.reduction.thresholdQuantiles=" + quantiles),
                       "parameter 'analysis.reduction.thresholdQuantiles': expected 1 … 50 entries, found 10000 entries")
        XCTAssertEqual(try refusal("analysis.reduction.maxSweeps=0"), "parameter 'analysis.reduction.maxSweeps': expected 1 … 50, found 0")
        // The limits themselves are accepted.
        for ok in ["analysis.reduction.refinementIterations=10000", "analysis.reduction.maxSweeps=50", "analysis.reduction.maxUnits=32",
                   "analysis.integratedGradients.threads=64",
                   "analysis.reduction.divisiveGains=[" + Array(repeating: "1", count: 20).joined(separator: ",") + "]",
                   "analysis.reduction.thresholdQuantiles=[" + Array(repeating: "0.5", count: 50).joined(separator: ",") + "]"] {
            XCTAssertNil(try refusal(ok), ok)
        }
    }

    /// Hostile pass: a hypothesis with 100,000 pathways or a 1,000,000-character name was accepted.
    /// The hostile pass of 2026-12-07: ten of these trapped or aborted the release build (a time of
    /// 10³⁰⁰ ms converted to frames), the rest ran and exited 0. Each is refused before work, naming its key.
    func testTimesFractionsAndContrastsSetFromTheCommandLineHaveRanges() throws {
        let cases: [(String, String)] = [
            ("analysis.traceSmoothingSigmaMs=1e300", "analysis.traceSmoothingSigmaMs"),
            ("analysis.traceSmoothingSigmaMs=1e12", "analysis.traceSmoothingSigmaMs"),
            ("analysis.traceSmoothingSigmaMs=-1", "analysis.traceSmoothingSigmaMs"),
            ("osr.tanakaSearchStartAfterOmissionMs=1e300", "osr.tanakaSearchStartAfterOmissionMs"),
            ("osr.tanakaSearchStartAfterOmissionMs=-1e300", "osr.tanakaSearchStartAfterOmissionMs"),
            ("osr.analysisWindowStartMs=-1e300", "osr.analysisWindowStartMs"),
            ("osr.analysisWindowStartMs=400", "osr.analysisWindowStartMs"),
            ("latency.peakWindowStartMs=-1e300", "latency.peakWindowStartMs"),
            ("anticipation.flashPeakWindowStartMs=-1e300", "anticipation.flashPeakWindowStartMs"),
            ("reversal.burstWindowStartMs=-1e300", "reversal.burstWindowStartMs"),
            ("osr.flashContrast=1001", "osr.flashContrast"), ("osr.flashContrast=0", "osr.flashContrast"),
            ("osr.peakCentroidFraction=-1", "osr.peakCentroidFraction"), ("osr.tanakaThresholdFraction=5", "osr.tanakaThresholdFraction"),
            ("osr.trainWindowPeriods=0", "osr.trainWindowPeriods"),
            ("analysis.kernelMatchMinimumCorrelation=2", "analysis.kernelMatchMinimumCorrelation"),
            ("analysis.symmetryTolerance=-1", "analysis.symmetryTolerance"),
            ("analysis.integratedGradients.relativeGapFloor=1e300", "analysis.integratedGradients.relativeGapFloor"),
            ("analysis.explainedRows.responseWindow.marginMs=1e9", "analysis.explainedRows.responseWindow.marginMs"),
            ("anticipation.barWidthPixels=1e6", "anticipation.barWidthPixels"),
            ("osr.flashesPerTrain=1000000000", "osr.flashesPerTrain"),
        ]
        for (assignment, key) in cases {
            assertRefused(try base().setting(assignment), name: key)
        }
    }

    func testHypothesesInAParametersFileAreBounded() throws {
        var c = base()
        c.causal.hypotheses = [Hypothesis(name: String(repeating: "n", count: 201), phenomenon: .osr, pathways: [.init(selector: .channel(1))])]
        XCTAssertThrowsError(try c.validate()) { error in
            XCTAssertEqual(error as? HypothesisError, .overLimit(source: "causal.hypotheses", hypothesis: String(repeating: "n", count: 40) + "…",
                                                                 field: "name", expected: "at most 200 characters", found: "201"))
            XCTAssertEqual((error as? HypothesisError)?.exitCode, 65)
        }
        c.causal.hypotheses = [Hypothesis(phenomenon: .osr, pathways: Array(repeating: .init(selector: .channel(1)), count: 65))]
        XCTAssertThrowsError(try c.validate()) { error in
            XCTAssertEqual(error as? HypothesisError, .overLimit(source: "causal.hypotheses", hypothesis: "osr: c1 + c1 + c1 + c1 + c1 + c1 + c1 + …",
                                                                 field: "pathways", expected: "at most 64 entries", found: "65"))
        }
        // 64 pathways with their (long) default name are accepted.
        c.causal.hypotheses = [Hypothesis(phenomenon: .osr, pathways: Array(repeating: .init(selector: .type(.off, .slow), sign: .inhibitory), count: 64))]
        XCTAssertGreaterThan(c.causal.hypotheses[0].name.count, 200)
        XCTAssertNoThrow(try c.validateCausal())
    }

    func testParameterFileAndSetErrorsMapToTheDocumentedCodes() throws {
        let folder = try makeTemporaryDirectory(self)
        XCTAssertThrowsError(try base().merging(parametersFile: folder.appendingPathComponent("missing.json"))) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 66, "\(error)")
        }
        let bad = folder.appendingPathComponent("bad.json")
        try Data("[1, 2".utf8).write(to: bad)
        XCTAssertThrowsError(try base().merging(parametersFile: bad)) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 65, "\(error)")
        }
        XCTAssertThrowsError(try base().setting("analysis.integratedGradients.steps=1e300")) { error in
            XCTAssertEqual((error as? RunPipelineError)?.exitCode, 64)
            XCTAssertTrue("\(error)".contains("parameter 'analysis.integratedGradients.steps'"), "\(error)")
        }
    }
}
