import Foundation
import Phenomena
import XCTest
@testable import Mechanisms
@testable import Report
@testable import ReportKit

/// The causal table reads like a finding: the strength itself and the criteria met under every
/// intervention, on the CNN and on the retina, and a retained fraction only where the unsilenced
/// system's effect is large enough to divide by (the rule and the reason stated).
final class ReportAssemblerCausalTests: XCTestCase {
    private func readout(_ s: Double, passed: Bool = true) -> PhenomenonReadout {
        PhenomenonReadout(phenomenon: .osr, metrics: [], strength: s, nullStrength: 1, strengthName: "peak / train ratio",
                          strengthUnit: "×", curveX: "period", curveY: "ratio", curve: [], traces: [],
                          criteria: [CriterionResult(phenomenon: .osr, name: "ratio", measured: s, unit: "×",
                                                     minimum: passed ? 0 : 10, maximum: nil)])
    }

    /// The OSR fixture section with a causal test whose full CNN has strength `fullStrength` and a
    /// retina comparison whose intact retina has `intactRetina`.
    private func causalTable(fullStrength: Double, intactRetina: Double) throws -> (table: ReportTable, intro: String) {
        let plan = try CausalIntervention.plan(kept: [UnitGroup(channel: 0)], all: [UnitGroup(channel: 1)],
                                               layout: .init(channels: 2, height: 1, width: 1), settings: .init(includeSingles: false))
        // Full model, all kept silenced, all but them silenced (two channels: no matched control).
        let strengths = [fullStrength, 1.1, 1.4]
        let results = zip(plan, strengths).map { CausalInterventionResult(intervention: $0, readout: readout($1), retained: nil) }
        let test = CausalTests.assemble(phenomenon: .osr, cells: [0], kept: [UnitGroup(channel: 0)], settings: .init(), results: results)
        let rule = test.settings.verdict
        let retina = [RetinaAblationMeasurement(ablations: [], readout: readout(intactRetina), retained: nil),
                      RetinaAblationMeasurement(ablations: [.noOnSlow], readout: readout(1.9), retained: nil)]
            .map { m -> RetinaAblationMeasurement in
                var m = m; m.retained = rule.retained(m.readout, full: readout(intactRetina)); return m
            }
        let rows = test.interventions.map { r -> CausalKeyComparison.Row in
            let m = r.intervention.kind == .none ? retina[0] : retina[1]
            return CausalKeyComparison.Row(intervention: r.intervention.name, kind: r.intervention.kind, silencedTypes: [],
                                           retinaAblations: m.ablations, exact: true, cnnStrength: r.readout.strength,
                                           cnnRetained: r.retained, cnnCriteriaPassed: r.readout.criteriaPassed,
                                           retinaStrength: m.readout.strength, retinaRetained: m.retained,
                                           retinaCriteriaPassed: m.readout.criteriaPassed, criteriaCount: 1, agree: nil)
        }
        let comparison = CausalKeyComparison(phenomenon: .osr, strengthName: "peak / train ratio", strengthUnit: "×", rows: rows)
        let a = try AssemblyFixtures.analyses.get()
        var outcomes = a.outcomes
        outcomes[0].causal = .tested(CausalReportInput(test: test, comparison: comparison, retina: retina, hypotheses: [],
                                                       figure: nil, dataFiles: []))
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs(outcomes, card: try AssemblyFixtures.card()))
        let t = try table(doc, "osr-causal")
        let intro = try section(doc, "osr").blocks.compactMap { b -> String? in
            if case let .paragraph(p) = b, p.plainText.hasPrefix("Each intervention") { return p.plainText }
            return nil
        }.joined()
        return (t, intro)
    }

    func testRetainedFractionsWhereTheEffectIsLargeAndDashesWithTheReasonWhereNot() throws {
        // Full CNN 2.0 against S₀ = 1 (effect 50 % of 2.0): fractions shown. Intact retina 1.04 (3.8 %): none.
        let (t, intro) = try causalTable(fullStrength: 2.0, intactRetina: 1.04)
        let header = t.header.map(\.plainText)
        XCTAssertEqual(header, ["Intervention", "Silenced", "Units silenced", "Strength: peak / train ratio (×)", "Retained", "Criteria met",
                                "Retina ablation", "Retina strength", "Retina criteria", "Retina retained", "Agree"])
        let retained = t.rows.map { $0[4].plainText }
        XCTAssertEqual(retained, ["1.00", "0.10", "0.40"])
        XCTAssertEqual(t.rows.map { $0[7].plainText }, ["1.04", "1.90", "1.90"], "the retina's strength itself")
        XCTAssertEqual(t.rows.map { $0[8].plainText }, ["1 of 1", "1 of 1", "1 of 1"])
        XCTAssertEqual(t.rows.map { $0[9].plainText }, ["—", "—", "—"], "no fraction of a 4 % retina effect")
        let caption = try XCTUnwrap(t.caption).plainText
        XCTAssertTrue(caption.contains("at least 10 % of max(|S_full|, |S₀|)"), caption)
        XCTAssertTrue(caption.contains("No retina retained fraction: the intact retina's effect (peak / train ratio 1.04 − 1.00 = 0.0400) "
            + "is below 10 % of 1.04"), caption)
        XCTAssertFalse(intro.contains("No retained fraction"), intro)
    }

    func testASmallFullEffectGivesNoFractionAndNoVerdictAndSaysWhy() throws {
        let (t, intro) = try causalTable(fullStrength: 1.05, intactRetina: 2.0)
        XCTAssertEqual(t.rows.map { $0[4].plainText }, ["—", "—", "—"])
        XCTAssertEqual(t.rows.map { $0[3].plainText }, ["1.05", "1.10", "1.40"], "the strengths stay")
        XCTAssertEqual(t.rows.map { $0[9].plainText }, ["1.00", "0.90", "0.90"], "the retina's 100 % effect divides fine")
        XCTAssertTrue(intro.contains("No causal verdict"), intro)
        XCTAssertTrue(intro.contains("No retained fraction (—) is given: the full model's effect (peak / train ratio 1.05 − 1.00 = 0.0500) "
            + "is below 10 % of 1.05, too small to divide by."), intro)
        XCTAssertFalse(try XCTUnwrap(t.caption).plainText.contains("No retina retained fraction"))
    }

    /// The agreement sentence per pathway type: a fraction where the side has an effect to divide by,
    /// else the strength before and after ("takes its … from 1.05 to 1.40"), never "n/a" or a
    /// percentage of a vanishing effect.
    func testAgreementSentenceGivesStrengthsWhereNoFractionExists() throws {
        var plan = try CausalIntervention.plan(kept: [UnitGroup(channel: 0)], all: [UnitGroup(channel: 1)],
                                               layout: .init(channels: 2, height: 1, width: 1), settings: .init(includeSingles: false))
        var typed = plan[1]
        typed.kind = .pathwayType; typed.name = "silence ON slow"
        plan = [plan[0], typed]
        func sentence(full: Double, intact: Double) -> String {
            let results = zip(plan, [full, 1.4]).map { CausalInterventionResult(intervention: $0, readout: readout($1), retained: nil) }
            let test = CausalTests.assemble(phenomenon: .osr, cells: [0], kept: [UnitGroup(channel: 0)], settings: .init(), results: results)
            let rule = test.settings.verdict
            let rows = test.interventions.map { r -> CausalKeyComparison.Row in
                let retina = r.intervention.kind == .none ? readout(intact) : readout(1.9)
                return CausalKeyComparison.Row(intervention: r.intervention.name, kind: r.intervention.kind, silencedTypes: [],
                                               retinaAblations: r.intervention.kind == .none ? [] : [.noOnSlow], exact: true,
                                               cnnStrength: r.readout.strength, cnnRetained: r.retained,
                                               cnnCriteriaPassed: r.readout.criteriaPassed, retinaStrength: retina.strength,
                                               retinaRetained: rule.retained(retina, full: readout(intact)),
                                               retinaCriteriaPassed: retina.criteriaPassed, criteriaCount: 1, agree: nil)
            }
            return ReportAssembler.retinaAgreementText(CausalKeyComparison(phenomenon: .osr, strengthName: "peak / train ratio",
                                                                           strengthUnit: "×", rows: rows), test: test)
        }
        let small = sentence(full: 1.05, intact: 1.03)
        XCTAssertTrue(small.contains("Silencing the CNN's ON-slow-typed channel (c0) takes its peak / train ratio from 1.05 to 1.40; "
            + "the retina ablation noOnSlow takes it from 1.03 to 1.90"), small)
        XCTAssertFalse(small.contains("%"), small)
        XCTAssertFalse(small.contains("n/a"), small)
        let large = sentence(full: 2.0, intact: 3.0)
        XCTAssertTrue(large.contains("(c0) leaves 40 % of its peak / train ratio; the retina ablation noOnSlow leaves 45 %"), large)
    }
}
