import XCTest
@testable import Phenomena

/// Every protocol field's range by its unit suffix (issue #23: `--set` values of 10³⁰⁰ ms trapped on
/// the conversion to frames; contrasts of 10⁶, fractions of 5 and windows that end before they start
/// ran silently).
final class ProtocolRangesTests: XCTestCase {
    func parameter(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let PhenomenaError.invalidProtocol(parameter, _, _) { return parameter } catch { return "\(error)" }
    }

    func testEveryPresetIsInRange() throws {
        for set in [PhenomenonParameterSet.analysis, .validation] {
            XCTAssertNoThrow(try set.validate(Phenomenon.allCases))
        }
    }

    func testEachUnitHasItsRangeAndTheFieldIsNamed() {
        var osr = OmittedStimulusResponse.analysisParameters
        for (value, ok) in [(1e300, false), (-1e300, false), (.nan, false), (1e5 + 1, false), (100_000, true), (-100_000, true)] as [(Double, Bool)] {
            osr.tanakaSearchStartAfterOmissionMs = value
            XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, ok ? nil : "OSRProtocol.tanakaSearchStartAfterOmissionMs", "\(value)")
        }
        osr = OmittedStimulusResponse.analysisParameters
        osr.analysisWindowStartMs = osr.analysisWindowEndMs + 50
        XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, "OSRProtocol.analysisWindowStartMs", "a window that ends before it starts")
        osr = OmittedStimulusResponse.analysisParameters
        for (value, ok) in [(5.0, false), (-0.1, false), (0.0, true), (1.0, true)] {
            osr.peakCentroidFraction = value
            XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, ok ? nil : "OSRProtocol.peakCentroidFraction", "\(value)")
        }
        osr = OmittedStimulusResponse.analysisParameters
        for (value, ok) in [(0.0, false), (1001, false), (-1.5, false), (-1, true), (0.5, true)] as [(Double, Bool)] {
            osr.flashContrast = value
            XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, ok ? nil : "OSRProtocol.flashContrast", "\(value)")
        }
        osr = OmittedStimulusResponse.analysisParameters
        osr.periodsMs = [30, 1e300]
        XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, "OSRProtocol.periodsMs[1]")
        osr = OmittedStimulusResponse.analysisParameters
        osr.flashesPerTrain = 1_000_000_000
        XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, "OSRProtocol.flashesPerTrain")
        osr.flashesPerTrain = -1
        XCTAssertEqual(parameter { try ProtocolRanges.check(osr) }, "OSRProtocol.flashesPerTrain")

        var anticipation = MotionAnticipation.analysisParameters
        anticipation.barWidthPixels = 1e6
        XCTAssertEqual(parameter { try ProtocolRanges.check(anticipation) }, "AnticipationProtocol.barWidthPixels")
        var adaptation = ContrastAdaptation.analysisParameters
        adaptation.highContrastSD = 0
        XCTAssertEqual(parameter { try ProtocolRanges.check(adaptation) }, "AdaptationProtocol.highContrastSD")
        var reversal = MotionReversal.analysisParameters
        reversal.burstWindowStartMs = -1e300
        XCTAssertEqual(parameter { try ProtocolRanges.check(reversal) }, "ReversalProtocol.burstWindowStartMs")
        var latency = LatencyCoding.analysisParameters
        latency.peakWindowStartMs = -1e19
        XCTAssertEqual(parameter { try PhenomenonParameterSet.analysis.validate([.latency]) }, nil)
        var set = PhenomenonParameterSet.analysis
        set[LatencyCoding.self] = latency
        XCTAssertEqual(parameter { try set.validate([.latency]) }, "LatencyProtocol.peakWindowStartMs", "the set checks ranges too")
    }

    func testTrainWindowNeedsAPeriod() {
        var osr = OmittedStimulusResponse.analysisParameters
        osr.trainWindowPeriods = 0
        XCTAssertEqual(parameter { try osr.validate() }, "OSRProtocol.trainWindowPeriods")
    }
}
