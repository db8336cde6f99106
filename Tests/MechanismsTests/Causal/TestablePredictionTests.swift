import XCTest
import Foundation
import ArrayIO
import Phenomena
import RetinaCNN
import RetinaSimulation
@testable import Mechanisms

/// Predictions are the pathway-type rows of a causal test read as "removes / keeps", scored against
/// the retina's ablation; closed-form on synthetic readouts (S₀ = 1, full S = 3).
final class TestablePredictionTests: XCTestCase {
    // c0 ON fast, c1 ON slow, c2 OFF fast, c3 OFF fast (the RetinaCounterpartTests kernels).
    private func types() throws -> ChannelTypeTable {
        let g = Conv1Geometry(channels: 4, history: 10, kernel: 1, screenHeight: 2, screenWidth: 2)
        var w = [Float](repeating: 0, count: 40)
        for (c, (lag, sign)) in [(1, 1.0), (6, 1.0), (1, -1.0), (2, -1.0)].enumerated() { w[c * 10 + 9 - lag] = Float(sign) }
        return try ChannelTyping.classify(weights: w, geometry: g)
    }

    private func readout(_ s: Double, passed: Bool = true) -> PhenomenonReadout {
        PhenomenonReadout(phenomenon: .osr, metrics: [], strength: s, nullStrength: 1, strengthName: "peak / train ratio",
                          strengthUnit: "×", curveX: "t", curveY: "g", curve: [], traces: [],
                          criteria: [CriterionResult(phenomenon: .osr, name: "ratio", measured: s, unit: "", minimum: passed ? 0 : 10, maximum: nil)])
    }

    /// The test of kept = [c1], with strengths by intervention name.
    private func test(full: PhenomenonReadout, strengths: [String: Double]) throws -> CausalTestResult {
        let layout = Layer1Layout(channels: 4, height: 2, width: 2)
        let plan = try CausalIntervention.plan(kept: [UnitGroup(channel: 1)], all: (0..<4).map { UnitGroup(channel: $0) }, layout: layout,
                                               settings: .init(includeSingles: false), channelTypes: types())
        let results = plan.map { i in
            CausalInterventionResult(intervention: i, readout: i.kind == .none ? full : readout(strengths[i.name] ?? 3), retained: nil)
        }
        return CausalTests.assemble(phenomenon: .osr, cells: [0], kept: [UnitGroup(channel: 1)], settings: .init(), results: results)
    }

    private let strengths = ["silence OFF fast": 2.9, "silence ON fast": 1.9, "silence ON slow": 1.1]

    func testOutcomesFollowTheRetainedFraction() throws {
        let t = try test(full: readout(3), strengths: strengths)
        let p = TestablePredictions.make([(t, nil)])
        XCTAssertEqual(p.map(\.pathwayType), ["OFF fast", "ON fast", "ON slow"])
        XCTAssertEqual(p.map(\.channels), [[2, 3], [0], [1]])
        XCTAssertEqual(p.map(\.outcome), [.keeps, .removes, .removes])   // f = 0.95, 0.45, 0.05
        XCTAssertEqual(try XCTUnwrap(p[2].retained), 0.05, accuracy: 1e-12)
        XCTAssertTrue(p.allSatisfy { $0.retina == nil })
        XCTAssertEqual(p[2].statement, "Silencing the ON slow pathway (1 channel) removes the omitted stimulus response: peak / train ratio "
                       + "3.00 × → 1.10 ×, criteria met 1 → 1 of 1 (5 % of the effect left).")
        // Nothing to lose when the full model meets no criterion: every prediction is untestable.
        let unmet = TestablePredictions.make([(try test(full: readout(3, passed: false), strengths: strengths), nil)])
        XCTAssertEqual(unmet.map(\.outcome), [.untestable, .untestable, .untestable])
    }

    func testTheRetinaConfirmsOrRefutesEachPrediction() throws {
        let t = try test(full: readout(3), strengths: strengths)
        func row(_ i: CausalInterventionResult, retained: Double?, passed: Int) -> CausalKeyComparison.Row {
            CausalKeyComparison.Row(intervention: i.intervention.name, kind: i.intervention.kind, silencedTypes: [],
                                    retinaAblations: i.intervention.kind == .none ? [] : [.noOnSlow], exact: true,
                                    cnnStrength: i.readout.strength, cnnRetained: i.retained, cnnCriteriaPassed: i.readout.criteriaPassed,
                                    retinaStrength: retained.map { 1 + 2 * $0 }, retinaRetained: retained, retinaCriteriaPassed: passed,
                                    criteriaCount: 1, agree: nil)
        }
        // The retina: OFF fast removes it (CNN keeps → refuted), ON fast keeps it (CNN removes → refuted),
        // ON slow removes it (confirmed).
        let retained = ["full": 1.0, "silence OFF fast": 0.2, "silence ON fast": 0.9, "silence ON slow": 0.1]
        let comparison = CausalKeyComparison(phenomenon: .osr, strengthName: "peak / train ratio", strengthUnit: "×",
                                             rows: t.interventions.map { row($0, retained: retained[$0.intervention.name], passed: 1) })
        let p = TestablePredictions.make([(t, comparison)])
        XCTAssertEqual(p.map { $0.retina?.outcome }, [.removes, .keeps, .removes])
        XCTAssertEqual(p.map { $0.retina?.confirms }, [false, false, true])
        // An intact retina meeting no criterion cannot score anything.
        let blind = CausalKeyComparison(phenomenon: .osr, strengthName: "peak / train ratio", strengthUnit: "×",
                                        rows: t.interventions.map { row($0, retained: retained[$0.intervention.name], passed: 0) })
        XCTAssertEqual(TestablePredictions.make([(t, blind)]).map { $0.retina?.confirms }, [nil, nil, nil])
    }

    func testExportWritesOneRowPerPredictionAndRoundTrips() throws {
        let p = TestablePredictions.make([(try test(full: readout(3), strengths: strengths), nil)])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("predictions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try PredictionExport.write(p, to: dir), ["predictions.csv", "predictions.json"])
        let csv = try String(contentsOf: dir.appendingPathComponent("predictions.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + p.count)
        XCTAssertTrue(lines[0].hasPrefix("phenomenon,pathway_type,channels,strength,unit,full_value,silenced_value"), String(lines[0]))
        XCTAssertTrue(lines[3].contains("ON slow") && lines[3].contains("removes") && lines[3].contains("L-AP4"), String(lines[3]))
        XCTAssertFalse(lines[1].contains("L-AP4"), "no textbook block for OFF fast: \(lines[1])")
        let decoded = try JSONDecoder().decode([TestablePrediction].self, from: Data(contentsOf: dir.appendingPathComponent("predictions.json")))
        XCTAssertEqual(decoded, p)
        XCTAssertEqual(try PredictionExport.write([], to: dir), [], "no predictions, no files")
    }
}
