import XCTest
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation
import TestSupport
@testable import Mechanisms

final class CausalTestsTests: XCTestCase {
    var suite: PhenomenonSuite {
        var s = PhenomenonSuite.validation
        s.phenomena = [.latency]
        return s
    }

    /// The toy's answer in closed form: {c0, c1} necessary (retained exactly 0) and sufficient
    /// (retained exactly 1, bit-identical traces), more than the control (distractors, retained 1);
    /// the distractors {c2, c3} neither.
    func testNecessityAndSufficiencyOnToyWithKnownAnswer() throws {
        let toy = CausalToy.make()
        let all = (0..<6).map { UnitGroup(channel: $0) }
        let planted = try CausalTests.run(model: toy, phenomenon: .latency, kept: [UnitGroup(channel: 0), UnitGroup(channel: 1)],
                                          all: all, suite: suite)
        let fullShift = try XCTUnwrap(planted.full.strength)
        XCTAssertGreaterThan(fullShift, 10, "the toy must code latency for the test to mean anything")
        XCTAssertEqual(planted.interventions.map(\.intervention.kind), [.none, .single, .single, .allKept, .allButKept, .control])
        XCTAssertEqual(try XCTUnwrap(planted.result(.allKept)?.retained), 0, accuracy: 1e-12)
        XCTAssertEqual(planted.result(.allButKept)?.retained, 1)
        XCTAssertEqual(planted.result(.allButKept)?.readout.traces, planted.full.traces)
        XCTAssertEqual(planted.result(.control)?.retained, 1)
        XCTAssertEqual(planted.result(.control)?.intervention.silencedGroups.count, 2)
        XCTAssertTrue(planted.result(.control)!.intervention.silencedGroups.allSatisfy { $0.channel >= 2 })
        XCTAssertEqual(planted.verdict.necessary, true)
        XCTAssertEqual(planted.verdict.sufficient, true)
        XCTAssertEqual(planted.verdict.moreThanControl, true)
        // Without the thresholded inhibition the latency code goes (an LN cascade has none).
        let withoutInhibition = try XCTUnwrap(planted.interventions[2].retained)
        XCTAssertLessThan(abs(withoutInhibition), 0.2)

        let distractors = try CausalTests.run(model: toy, phenomenon: .latency, kept: [UnitGroup(channel: 2), UnitGroup(channel: 3)],
                                              all: all, suite: suite, settings: .init(includeSingles: false))
        XCTAssertEqual(distractors.result(.allKept)?.retained, 1)
        XCTAssertEqual(try XCTUnwrap(distractors.result(.allButKept)?.retained), 0, accuracy: 1e-12)
        XCTAssertEqual(distractors.verdict.necessary, false)
        XCTAssertEqual(distractors.verdict.sufficient, false)
        XCTAssertEqual(distractors.verdict.moreThanControl, false)
    }

    /// The wrapper clamps exactly what the BN-CNN's own edit silences (channels and positions).
    func testWrapperMatchesBNCNNEdit() throws {
        let model = try SmallBNCNN.make()
        let movie = ToyNetwork.randomMovie(frames: 14, geometry: model.conv1Geometry, seed: 5)
        for s in [Layer1Silencing(channels: [2]), Layer1Silencing(channels: [0], regions: [.init(channel: 3, columns: 2...6)])] {
            let edited = try model.silenced(s).rates(for: movie).valuesHz
            let wrapped = try SilencedModel(base: model, silencing: s).rates(for: movie).valuesHz
            let scale = max(1e-3, edited.map(abs).max()!)
            XCTAssertLessThan(zip(edited, wrapped).map { abs($0 - $1) }.max()! / scale, 1e-5, "\(s)")
            XCTAssertNotEqual(edited, try model.rates(for: movie).valuesHz)
        }
    }

    func testPlanForBarGroupsAndSeededControl() throws {
        let layout = Layer1Layout(channels: 4, height: 6, width: 10)
        let kept = [UnitGroup(channel: 1, columns: [2, 3, 4]), UnitGroup(channel: 3, columns: [7])]
        let all = kept + [UnitGroup(channel: 0, columns: [0, 1]), UnitGroup(channel: 2, columns: [5, 6]),
                          UnitGroup(channel: 1, columns: [4, 5]), UnitGroup(channel: 0, columns: [8])]
        let plan = try CausalIntervention.plan(kept: kept, all: all, layout: layout)
        let only = try XCTUnwrap(plan.first { $0.kind == .allButKept })
        XCTAssertEqual(only.silencing.channels, [0, 2])
        XCTAssertEqual(only.silencing.regions.map(\.description), ["c1@x0-1", "c1@x5-9", "c3@x0-6", "c3@x8-9"])
        XCTAssertEqual(plan.first { $0.kind == .allKept }?.silencedUnitFraction ?? 0, 4.0 * 6 / 240, accuracy: 1e-12)
        let control = try XCTUnwrap(plan.first { $0.kind == .control })
        XCTAssertEqual(control.silencedGroups.count, 2)
        // c1@x4-5 overlaps a kept group and is never drawn; the draw is reproducible.
        XCTAssertFalse(control.silencedGroups.contains(UnitGroup(channel: 1, columns: [4, 5])))
        XCTAssertEqual(try CausalIntervention.plan(kept: kept, all: all, layout: layout), plan)
        XCTAssertThrowsError(try CausalIntervention.plan(kept: [], all: all, layout: layout))
    }

    /// The control needs more candidates than kept groups: with 3 kept of 6 channels the "control"
    /// would silence exactly the other 3 (the keep-only intervention again), so there is none; with
    /// 2 kept of 6 it draws 2 of the 4 others.
    func testNoControlWhenTheOtherGroupsAreNotMoreThanTheKept() throws {
        let layout = Layer1Layout(channels: 6, height: 4, width: 4)
        let all = (0..<6).map { UnitGroup(channel: $0) }
        for (keptCount, expectControl) in [(2, true), (3, false), (4, false), (5, false)] {
            let kept = Array(all.prefix(keptCount))
            let plan = try CausalIntervention.plan(kept: kept, all: all, layout: layout)
            let control = plan.first { $0.kind == .control }
            XCTAssertEqual(control != nil, expectControl, "\(keptCount) kept of 6")
            if let control {
                XCTAssertEqual(control.silencedGroups.count, keptCount)
                XCTAssertTrue(Set(control.silencedGroups).isDisjoint(with: kept))
                XCTAssertNotEqual(Set(control.silencedGroups), Set(all).subtracting(kept), "a control is not the complement")
            }
        }
    }

    /// With channel types, every type present is silenced whole, in label order, after the control;
    /// without them (or switched off) there are none.
    func testPathwayTypeInterventionsSilenceEveryChannelOfAType() throws {
        let model = try SmallBNCNN.make()
        let types = try ChannelTyping.classify(model: model)
        let layout = Layer1Layout(model)
        let kept = [UnitGroup(channel: 0)]
        let all = (0..<layout.channels).map { UnitGroup(channel: $0) }
        let plan = try CausalIntervention.plan(kept: kept, all: all, layout: layout, channelTypes: types)
        let typed = plan.filter { $0.kind == .pathwayType }
        let labels = Array(Set(types.types.map(\.label))).sorted()
        XCTAssertEqual(typed.map(\.name), labels.map { "silence \($0)" })
        XCTAssertEqual(Array(plan.suffix(typed.count)), typed, "after the kept-group interventions")
        for (label, i) in zip(labels, typed) {
            let channels = types.types.filter { $0.label == label }.map(\.channel)
            XCTAssertEqual(i.silencedGroups, channels.map { UnitGroup(channel: $0) })
            XCTAssertEqual(i.silencing.channels, channels)
            XCTAssertEqual(i.silencedUnitFraction, Double(channels.count) / Double(layout.channels), accuracy: 1e-12)
        }
        XCTAssertTrue(try CausalIntervention.plan(kept: kept, all: all, layout: layout).allSatisfy { $0.kind != .pathwayType })
        XCTAssertTrue(try CausalIntervention.plan(kept: kept, all: all, layout: layout, settings: .init(includePathwayTypes: false),
                                                  channelTypes: types).allSatisfy { $0.kind != .pathwayType })
        // Settings written before the option existed decode with it off.
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(CausalTestSettings())) as! [String: Any]
        json["includePathwayTypes"] = nil
        XCTAssertEqual(try JSONDecoder().decode(CausalTestSettings.self, from: JSONSerialization.data(withJSONObject: json)).includePathwayTypes,
                       false)
    }

    func testVerdictRule() {
        let v = CausalVerdict(rule: .init(), retainedWithoutKept: 0.1, retainedWithOnlyKept: 0.4, retainedUnderControl: 0.9)
        XCTAssertEqual(v.necessary, true)
        XCTAssertEqual(v.sufficient, false)
        XCTAssertEqual(v.moreThanControl, true)
        XCTAssertEqual(v.text, "The kept groups are necessary (10 % of the phenomenon left without them) and not sufficient (40 % with only them), more than a matched control (90 % left).")
        XCTAssertNil(CausalVerdict(rule: .init(), retainedWithoutKept: nil, retainedWithOnlyKept: nil, retainedUnderControl: nil).necessary)
    }

    /// Nothing to lose, no verdict: a full model whose strength is on the wrong side of S₀ (a gain
    /// ratio below 1), or that meets none of the criteria, gets no retained fractions at all.
    func testNoVerdictWithoutThePhenomenonInTheFullModel() throws {
        func readout(_ s: Double, passed: Bool) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .adaptation, metrics: [], strength: s, nullStrength: 1, strengthName: "gain ratio",
                              strengthUnit: "", curveX: "t", curveY: "g", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .adaptation, name: "ratio", measured: s, unit: "",
                                                         minimum: passed ? 0 : 10, maximum: nil)])
        }
        let plan = try CausalIntervention.plan(kept: [UnitGroup(channel: 0)], all: [UnitGroup(channel: 1)],
                                               layout: .init(channels: 2, height: 1, width: 1), settings: .init(includeSingles: false))
        func test(full: PhenomenonReadout) -> CausalTestResult {
            let others = [readout(1.0, passed: true), readout(1.3, passed: true), readout(1.2, passed: true)]
            let results = zip(plan, [full] + others).map { CausalInterventionResult(intervention: $0, readout: $1, retained: nil) }
            return CausalTests.assemble(phenomenon: .adaptation, cells: [0], kept: [UnitGroup(channel: 0)], settings: .init(), results: results)
        }
        let shown = test(full: readout(1.5, passed: true))
        XCTAssertEqual(try XCTUnwrap(shown.result(.allKept)?.retained), 0, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(shown.result(.allButKept)?.retained), 0.6, accuracy: 1e-12)
        XCTAssertEqual(shown.verdict.necessary, true)
        let reversed = test(full: readout(0.8, passed: true))
        XCTAssertTrue(reversed.interventions.allSatisfy { $0.retained == nil })
        XCTAssertNil(reversed.verdict.necessary)
        XCTAssertTrue(reversed.verdict.text.hasPrefix("No causal verdict"), reversed.verdict.text)
        let unmet = test(full: readout(1.5, passed: false))
        XCTAssertTrue(unmet.interventions.allSatisfy { $0.retained == nil })
        XCTAssertNil(unmet.verdict.sufficient)
    }

    /// The relative floor: a gain ratio of 1.05 against S₀ = 1 is an effect of 4.8 % of 1.05, below
    /// the default 10 %, so no fraction (an intervention giving 1.5 would read "1000 % left");
    /// 1.2 (17 %) is above it. Each undefined case names its reason; S₀ = 0 strengths always pass the floor.
    func testRetainedOnlyWhereTheFullEffectIsLargeEnough() {
        func readout(_ s: Double?, null: Double = 1, passed: Bool = true, responseHz: Double? = nil) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .adaptation, metrics: [], strength: s, nullStrength: null, responseHz: responseHz,
                              strengthName: "gain ratio", strengthUnit: "", curveX: "t", curveY: "g", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .adaptation, name: "ratio", measured: s ?? 0, unit: "",
                                                         minimum: passed ? -10 : 10, maximum: nil)])
        }
        let rule = CausalVerdictRule()
        XCTAssertEqual(rule.minimumRelativeEffect, 0.1)
        XCTAssertNil(rule.retained(readout(1.5), full: readout(1.05)))
        XCTAssertEqual(rule.undefinedReason(full: readout(1.05)), "the full model's effect (gain ratio 1.05 − 1.00 = 0.0500) is below 10 % of 1.05, too small to divide by")
        XCTAssertEqual(try XCTUnwrap(rule.retained(readout(1.1), full: readout(1.2))), 0.5, accuracy: 1e-12)
        XCTAssertNil(rule.undefinedReason(full: readout(1.2)))
        XCTAssertEqual(rule.undefinedReason(full: readout(0.8), subject: "the intact retina"),
                       "the intact retina's gain ratio (0.800) is on the far side of the no-phenomenon value 1.00: the opposite effect")
        XCTAssertEqual(rule.undefinedReason(full: readout(1.5, passed: false)), "the full model meets none of the phenomenon's criteria")
        XCTAssertEqual(rule.undefinedReason(full: readout(nil)), "the full model's gain ratio (1.00) does not differ from the no-phenomenon value 1.00")
        // S₀ = 0: the floor is 10 % of |S_full| itself, always met by a positive effect.
        XCTAssertEqual(try XCTUnwrap(rule.retained(readout(0.0005, null: 0), full: readout(0.001, null: 0))), 0.5, accuracy: 1e-12)
        // Switching the floor off restores the old rule.
        let old = CausalVerdictRule(minimumRelativeEffect: 0)
        XCTAssertEqual(try XCTUnwrap(old.retained(readout(1.5), full: readout(1.05))), 10, accuracy: 1e-9)
        // A response below 10 % of the full model's is gone: 0, whatever its strength.
        XCTAssertEqual(rule.retained(readout(3, responseHz: 1), full: readout(2, responseHz: 50)), 0)
    }

    /// A rule written before the relative floor existed reads with the floor off (the rule its run used).
    func testRuleWithoutTheRelativeFloorDecodesAsBefore() throws {
        let json = #"{"necessityMaximumRetained":0.5,"sufficiencyMinimumRetained":0.5,"controlMargin":0.25,"minimumFullEffect":1e-9,"minimumResponseFraction":0.1}"#
        let rule = try JSONDecoder().decode(CausalVerdictRule.self, from: Data(json.utf8))
        XCTAssertEqual(rule.minimumRelativeEffect, 0)
        XCTAssertEqual(rule.controlMargin, 0.25)
        let round = try JSONDecoder().decode(CausalVerdictRule.self, from: JSONEncoder().encode(CausalVerdictRule()))
        XCTAssertEqual(round, CausalVerdictRule())
    }
}

final class RetinaCounterpartTests: XCTestCase {
    func testCounterpartOfChannelAndSpatialInterventions() throws {
        // c0–c3: ON fast, ON slow, OFF fast, OFF fast.
        let g = Conv1Geometry(channels: 4, history: 10, kernel: 1, screenHeight: 2, screenWidth: 2)
        var w = [Float](repeating: 0, count: 40)
        for (c, (lag, sign)) in [(1, 1.0), (6, 1.0), (1, -1.0), (2, -1.0)].enumerated() { w[c * 10 + 9 - lag] = Float(sign) }
        let types = try ChannelTyping.classify(weights: w, geometry: g)
        XCTAssertEqual(types.types.map(\.label), ["ON fast", "ON slow", "OFF fast", "OFF fast"])
        let layout = Layer1Layout(channels: 4, height: 2, width: 2)
        let plan = try CausalIntervention.plan(kept: [UnitGroup(channel: 1), UnitGroup(channel: 2)],
                                               all: (0..<4).map { UnitGroup(channel: $0) }, layout: layout)
        func counterpart(_ name: String) -> (Set<RetinaAblation>?, [String], Bool) {
            let c = CausalKeyComparison.counterpart(plan.first { $0.name == name }!, channelTypes: types, layout: layout)
            return (c.ablations, c.types, c.exact)
        }
        XCTAssertEqual(counterpart("full").0, [])
        XCTAssertEqual(counterpart("silence c1").0, [.noOnSlow])
        XCTAssertEqual(counterpart("silence c1").2, true)
        // One of two OFF-fast channels is half the type's units: removed, but not exactly.
        XCTAssertEqual(counterpart("silence c2").0, [.noOffToGanglion])
        XCTAssertEqual(counterpart("silence c2").1, ["OFF fast 1/2"])
        XCTAssertEqual(counterpart("silence c2").2, false)
        XCTAssertEqual(counterpart("keep only kept").0, [.noOnFast, .noOffToGanglion])
        let spatial = try CausalIntervention.plan(kept: [UnitGroup(channel: 0, columns: [1])], all: [], layout: layout)
        XCTAssertNil(CausalKeyComparison.counterpart(spatial[1], channelTypes: types, layout: layout).ablations)
    }
}
