import Foundation
import Mechanisms
import Phenomena
import XCTest
@testable import Report

/// Each step's key covers what that step reads and nothing else: a parameter a step does not read
/// leaves its key unchanged, one it reads changes it (and the keys of the steps that read its result).
final class StepKeysTests: XCTestCase {
    struct Snapshot: Equatable {
        var osr, latency, osrCausal, osrFigures, hypothesis, robustness, unified, coverage: StepCacheKey
    }

    let hypothesis = try! HypothesisSet.parse(line: "osr: c0 + c1 excitatory")

    func keys(_ change: (inout RunConfiguration) -> Void = { _ in }, model: String = "ensemble abc", groundTruth: Bool = true,
              ensemble: Bool = true) throws -> Snapshot {
        var c = RunConfiguration(model: "m.safetensors", output: "Reports")
        change(&c)
        let k = StepKeys(model: model, config: c, settings: c.analysis, groundTruth: groundTruth, ensemble: ensemble)
        let osr = try k.analysis(OmittedStimulusResponse.self)
        return Snapshot(osr: osr, latency: try k.analysis(LatencyCoding.self), osrCausal: try k.causal(analysis: osr),
                        osrFigures: try k.figures(of: osr), hypothesis: try k.hypothesis(hypothesis, analysis: osr),
                        robustness: try k.robustness(analysis: osr, usesCausalReadout: true),
                        unified: try k.unifiedCircuit(analyses: [osr, k.analysis(LatencyCoding.self)]),
                        coverage: try k.memoryCoverage(card: AssemblyFixtures.card(), windowFrames: c.phenomena.count))
    }

    func testParametersAStepDoesNotReadLeaveItsKeyUnchanged() throws {
        let base = try keys()
        // Nothing of the science: where the report goes, its name, the seed, the model path as typed.
        XCTAssertEqual(try keys { $0.output = "/elsewhere"; $0.runID = "another-id"; $0.seed = 99; $0.model = "other.safetensors" }, base)
        // Another phenomenon's protocol leaves OSR's keys alone, and OSR's leaves latency's.
        var other = try keys { $0.protocols[MotionReversal.self].speedsPixelsPerFrame = [0.2] }
        XCTAssertEqual(other, base)
        other = try keys { $0.protocols[OmittedStimulusResponse.self].periodsMs = [40, 60] }
        XCTAssertEqual(other.latency, base.latency)
        // Figure formats and dpi: only the figures.
        other = try keys { $0.dpi = 150; $0.formats = [.png, .pdf] }
        XCTAssertEqual([other.osr, other.osrCausal, other.hypothesis, other.robustness, other.unified],
                       [base.osr, base.osrCausal, base.hypothesis, base.robustness, base.unified])
        XCTAssertNotEqual(other.osrFigures, base.osrFigures)
        XCTAssertEqual(try keys { $0.formats = [.svg] }.osrFigures, try keys { $0.formats = [.svg, .png] }.osrFigures,
                       "PNG is always rendered, named or not")
        // Causal settings: not the analysis; hypotheses added: neither the analysis nor the causal tests.
        other = try keys { $0.causal.verdict.necessityMaximumRetained = 0.3 }
        XCTAssertEqual(other.osr, base.osr)
        XCTAssertEqual(other.unified, base.unified, "the unified circuit reads no causal setting")
        XCTAssertNotEqual(other.osrCausal, base.osrCausal)
        other = try keys { $0.causal.hypotheses = [try! HypothesisSet.parse(line: "osr: c2")] }
        XCTAssertEqual(other, base, "another hypothesis changes no existing key")
        // Which phenomena run, in which order.
        XCTAssertEqual(try keys { $0.phenomena = [.osr] }.osr, base.osr)
    }

    func testParametersAStepReadsChangeItsKeyAndItsDependents() throws {
        let base = try keys()
        var other = try keys { $0.protocols[OmittedStimulusResponse.self].periodsMs = [40, 60] }
        XCTAssertNotEqual(other.osr, base.osr)
        XCTAssertNotEqual(other.osrCausal, base.osrCausal, "the causal tests read the analysis")
        XCTAssertNotEqual(other.osrFigures, base.osrFigures)
        XCTAssertNotEqual(other.hypothesis, base.hypothesis)
        XCTAssertNotEqual(other.robustness, base.robustness)
        XCTAssertNotEqual(other.unified, base.unified, "the unified circuit reads every analysis it is fitted to")
        XCTAssertEqual(other.latency, base.latency)
        other = try keys { $0.analysis.reduction.maxUnits += 1 }
        XCTAssertNotEqual(other.unified, base.unified, "its own settings (the reduction's) are in the analyses' keys")
        other = try keys { $0.analysis.integratedGradients.steps += 1 }
        XCTAssertNotEqual(other.osr, base.osr)
        XCTAssertNotEqual(other.latency, base.latency, "shared analysis settings reach every phenomenon")
        XCTAssertNotEqual(try keys(model: "ensemble def").osr, base.osr, "another model")
        XCTAssertNotEqual(try keys(groundTruth: false).osr, base.osr, "the ground truth compared or not")
        XCTAssertNotEqual(try keys(ensemble: false).osrCausal, base.osrCausal, "singles default by model kind")
        XCTAssertNotEqual(try keys { $0.causal.controlSeed = 13 }.hypothesis, base.hypothesis)
        XCTAssertNotEqual(try keys { $0.phenomena = [.osr] }.coverage, base.coverage, "the window (here: a stand-in) is read")
        let k = StepKeys(model: "m", config: RunConfiguration(model: "m"), settings: .init(), groundTruth: false, ensemble: false)
        let osr = try k.analysis(OmittedStimulusResponse.self)
        XCTAssertNotEqual(try k.hypothesis(hypothesis, analysis: osr), try k.hypothesis(HypothesisSet.parse(line: "osr: c0 + c1"), analysis: osr))
        XCTAssertNotEqual(try k.robustness(analysis: osr, usesCausalReadout: true), try k.robustness(analysis: osr, usesCausalReadout: false))
        let latency = try k.analysis(LatencyCoding.self)
        XCTAssertNotEqual(try k.unifiedCircuit(analyses: [osr, latency]), try k.unifiedCircuit(analyses: [osr]), "which analyses")
        XCTAssertNotEqual(try k.unifiedCircuit(analyses: [osr, latency]), try k.unifiedCircuit(analyses: [latency, osr]),
                          "their order (the phenomena's, which the fit and its tables follow)")
    }
}
