import Phenomena
import XCTest
@testable import Report

/// The stimulus tables show the gray lead-in the protocols actually play: max(parameter, window).
final class StimulusLeadInTests: XCTestCase {
    private func leadIn(_ d: StimulusDescription) throws -> (value: String, note: String) {
        let e = try XCTUnwrap(d.entries.first { $0.name.plainText == "gray lead-in" }, "\(d.entries.map(\.name.plainText))")
        return (e.value.plainText, e.note?.plainText ?? "")
    }

    func testEveryPhenomenonShowsTheWindowWhenItIsLongerThanTheParameter() throws {
        func check<K: ReportablePhenomenon>(_ kind: K.Type, _ p: K.Parameters, parameterFrames: Int) throws {
            let longer = try leadIn(K.stimulusDescription(p, traceSmoothingSigmaMs: 0, historyFrames: parameterFrames + 23))
            XCTAssertEqual(longer.value, "\(10 * (parameterFrames + 23))", "\(K.id)")
            XCTAssertTrue(longer.note.contains("the model's window") && longer.note.contains("\(parameterFrames) frames"), "\(K.id): \(longer.note)")
            let shorter = try leadIn(K.stimulusDescription(p, traceSmoothingSigmaMs: 0, historyFrames: max(1, parameterFrames - 7)))
            XCTAssertEqual(shorter.value, "\(10 * parameterFrames)", "\(K.id)")
            XCTAssertFalse(shorter.note.contains("window"), "\(K.id): \(shorter.note)")
        }
        let osr = OSRProtocol(), latency = LatencyProtocol(), reversal = ReversalProtocol()
        let anticipation = AnticipationProtocol(), adaptation = AdaptationProtocol()
        try check(OmittedStimulusResponse.self, osr, parameterFrames: osr.leadInFrames)
        try check(LatencyCoding.self, latency, parameterFrames: latency.leadInFrames)
        try check(MotionReversal.self, reversal, parameterFrames: reversal.leadInFrames)
        try check(MotionAnticipation.self, anticipation, parameterFrames: anticipation.leadInFrames)
        try check(ContrastAdaptation.self, adaptation, parameterFrames: adaptation.leadInFrames)
    }
}
