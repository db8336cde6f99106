import Foundation
import TestSupport
import XCTest
@testable import Mechanisms

final class KernelMatchTypingTests: XCTestCase {
    /// The case: a channel peaking at 90 ms is "fast" by the latency rule next to 200 ms
    /// channels, but its kernel is the ON-slow reference; the match retypes it, keeping the rule's
    /// type beside it, and leaves channels without a good match alone.
    func testKernelMatchOverridesRelativeLatencyRule() throws {
        let g = Conv1Geometry(channels: 3, history: 40, kernel: 1, screenHeight: 1, screenWidth: 1)
        func lobe(_ lag: Double, _ sd: Double) -> [Double] { (0..<40).map { exp(-0.5 * pow((Double($0) - lag) / sd, 2)) } }
        var w = [Float](repeating: 0, count: 120)
        for (c, lag) in [9.0, 20, 22].enumerated() { for l in 0..<40 { w[c * 40 + 39 - l] = Float(lobe(lag, 2)[l]) } }
        let refs = ["ON slow": lobe(9, 2.5), "ON fast": lobe(3, 1.5)]
        let rule = try ChannelTyping.classify(weights: w, geometry: g, references: refs, rule: .twoMeans, scope: .withinPolarity)
        XCTAssertEqual(rule.types.map(\.label), ["ON fast", "ON slow", "ON slow"])
        let matched = ChannelTyping.retypedByKernelMatch(rule, minimumCorrelation: 0.5)
        XCTAssertEqual(matched.types.map(\.label), ["ON slow", "ON slow", "ON slow"])
        XCTAssertEqual(matched.types.map(\.typedBy), [.kernelMatch, .latencyRule, .latencyRule])
        XCTAssertEqual(matched[0].ruleLabel, "ON fast")
        XCTAssertEqual(matched[0].bestReference, "ON slow")
        XCTAssertGreaterThan(try XCTUnwrap(matched[0].bestReferenceCorrelation), 0.95)
        XCTAssertLessThan(try XCTUnwrap(matched[1].bestReferenceCorrelation), 0.5)
        XCTAssertEqual(matched.kernelMatchMinimumCorrelation, 0.5)
        // Idempotent, and a stricter threshold restores the rule's type.
        XCTAssertEqual(ChannelTyping.retypedByKernelMatch(matched, minimumCorrelation: 0.5).types.map(\.label), matched.types.map(\.label))
        XCTAssertEqual(ChannelTyping.retypedByKernelMatch(matched, minimumCorrelation: 0.999).types.map(\.label), rule.types.map(\.label))
        // Old JSON without the new fields still decodes.
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(rule)) as! [String: Any]
        json["kernelMatchMinimumCorrelation"] = nil
        XCTAssertNoThrow(try JSONDecoder().decode(ChannelTypeTable.self, from: JSONSerialization.data(withJSONObject: json)))
    }

    /// The one typing function of the analyses and the report applies the match only with references
    /// and a threshold: channel 0's own filter as the "OFF slow" (amacrine) reference types it OFF
    /// slow (r = 1); without a threshold or without references the latency rule decides alone.
    func testSettingsDecideWhetherTheKernelMatchApplies() throws {
        let model = try SmallBNCNN.make()
        let plain = try ChannelTyping.classify(model: model, settings: MechanismAnalysisSettings())
        XCTAssertTrue(plain.types.allSatisfy { $0.typedBy == nil }, "no references: the rule only")
        let own = Array(plain.types[0].temporalFilter.reversed())
        var settings = MechanismAnalysisSettings(referenceKernels: ["amacrine": own])
        XCTAssertEqual(settings.kernelMatchMinimumCorrelation, 0.5, "the match is on by default")
        let matched = try ChannelTyping.classify(model: model, settings: settings)
        XCTAssertEqual(matched[0].typedBy, .kernelMatch)
        XCTAssertEqual(matched[0].label, "OFF slow")
        XCTAssertEqual(try XCTUnwrap(matched[0].bestReferenceCorrelation), 1, accuracy: 1e-9)
        XCTAssertEqual(matched[0].ruleLabel, plain[0].label)
        settings.kernelMatchMinimumCorrelation = nil
        let ruleOnly = try ChannelTyping.classify(model: model, settings: settings)
        XCTAssertEqual(ruleOnly.types.map(\.label), plain.types.map(\.label))
        XCTAssertNil(ruleOnly.kernelMatchMinimumCorrelation)
        // Settings written before the field existed decode to the rule only, as they were run.
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(MechanismAnalysisSettings())) as! [String: Any]
        json["kernelMatchMinimumCorrelation"] = nil
        let old = try JSONDecoder().decode(MechanismAnalysisSettings.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertNil(old.kernelMatchMinimumCorrelation)
    }
}
