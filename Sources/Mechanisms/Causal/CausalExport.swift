import ArrayIO
import Foundation

/// Writes causal tests and hypothesis results next to an analysis' other files (`data/<phenomenon>/`),
/// atomically, with stable names.
///
/// | File | Content |
/// |---|---|
/// | `causal_tests.csv` | One row per intervention × metric: `intervention,kind,silenced,kept_only,silenced_unit_fraction,metric,unit,value,retained,criteria_passed,criteria_total,retina_ablation,retina_value,retina_retained,agree`. `kind` ∈ none, single, allKept, allButKept, control; `silenced` / `kept_only` = space-separated groups (`c3`, `c3@x10-14`); `metric` = each headline metric, then `strength: <name>` (the value the verdict uses); `retained` = fraction of the full model's phenomenon left (1 = intact, 0 = gone); the `retina_*` columns (strength rows only, when compared) give the simulated retina's counterpart ablation (`+`-joined, `intact` for none; empty for a spatial silencing, which has no counterpart), its strength and retained fraction, and whether both sides lose or keep the phenomenon. Empty = not measurable. |
/// | `causal_tests.json` | Sorted-key JSON of ``CausalTestsFile``: the full ``CausalTestResult`` (interventions, readouts with curves, mean traces and criteria, verdict and rule), the comparison with the retina and the retina measurements. |
/// | `hypotheses.csv` | One row per hypothesis of this phenomenon: `hypothesis,phenomenon,pathways,channels,verdict,retained_without,retained_only,retained_control,circuit_r2,text`. |
/// | `hypotheses.json` | Sorted-key JSON array of ``HypothesisResult``. |
public enum CausalExport {
    public static let causalTestsCSV = "causal_tests.csv"
    public static let causalTestsJSON = "causal_tests.json"
    public static let hypothesesCSV = "hypotheses.csv"
    public static let hypothesesJSON = "hypotheses.json"

    /// Writes `causal_tests.csv` and `.json` into `folder` (which must exist); returns the names.
    public static func write(_ test: CausalTestResult, comparison: CausalKeyComparison? = nil,
                             retina: [RetinaAblationMeasurement]? = nil, to folder: URL) throws -> [String] {
        try table(test, comparison: comparison).write(to: folder.appendingPathComponent(causalTestsCSV))
        try StableJSON.write(CausalTestsFile(test: test, comparison: comparison, retina: retina),
                             to: folder.appendingPathComponent(causalTestsJSON))
        return [causalTestsCSV, causalTestsJSON]
    }

    /// Writes `hypotheses.csv` and `.json` into `folder`; returns the names (none for no results).
    public static func write(_ hypotheses: [HypothesisResult], to folder: URL) throws -> [String] {
        guard !hypotheses.isEmpty else { return [] }
        try table(hypotheses).write(to: folder.appendingPathComponent(hypothesesCSV))
        try StableJSON.write(hypotheses, to: folder.appendingPathComponent(hypothesesJSON))
        return [hypothesesCSV, hypothesesJSON]
    }

    static func value(_ x: Double?, _ precision: Int = 4) -> CSVValue {
        guard let x, x.isFinite else { return .missing }
        return .double(x, precision: precision)
    }

    /// The `causal_tests.csv` table.
    public static func table(_ test: CausalTestResult, comparison: CausalKeyComparison? = nil) -> CSVTable {
        var t = CSVTable(columns: ["intervention", "kind", "silenced", "kept_only", "silenced_unit_fraction", "metric", "unit", "value",
                                   "retained", "criteria_passed", "criteria_total", "retina_ablation", "retina_value",
                                   "retina_retained", "agree"])
        for r in test.interventions {
            let i = r.intervention
            let head: [CSVValue] = [.string(i.name), .string(i.kind.rawValue),
                                    .string(i.silencedGroups.map(\.description).joined(separator: " ")),
                                    .string(i.keptGroups.map(\.description).joined(separator: " ")),
                                    value(i.silencedUnitFraction, 6)]
            let tail: [CSVValue] = [value(r.retained), .int(r.readout.criteriaPassed), .int(r.readout.criteria.count)]
            for m in r.readout.metrics {
                t.append(head + [.string(m.name), .string(m.unit), value(m.value)] + tail + [.missing, .missing, .missing, .missing])
            }
            let row = comparison?.rows.first { $0.intervention == i.name && $0.kind == i.kind }
            let retina: [CSVValue] = row.map { c in
                [c.retinaAblations.map { .string($0.isEmpty ? "intact" : $0.map(\.rawValue).joined(separator: "+")) } ?? .missing,
                 value(c.retinaStrength), value(c.retinaRetained), c.agree.map { .string($0 ? "yes" : "no") } ?? .missing]
            } ?? [.missing, .missing, .missing, .missing]
            t.append(head + [.string("strength: \(r.readout.strengthName)"), .string(r.readout.strengthUnit), value(r.readout.strength)]
                     + tail + retina)
        }
        return t
    }

    /// The `hypotheses.csv` table.
    public static func table(_ hypotheses: [HypothesisResult]) -> CSVTable {
        var t = CSVTable(columns: ["hypothesis", "phenomenon", "pathways", "channels", "verdict", "retained_without", "retained_only",
                                   "retained_control", "circuit_r2", "text"])
        for h in hypotheses {
            let v = h.causal.verdict
            t.append([.string(h.hypothesis.name), .string(h.hypothesis.phenomenon.rawValue),
                      .string(h.hypothesis.pathways.map(\.description).joined(separator: " + ")),
                      .string(h.channels.map { "c\($0)" }.joined(separator: " ")), .string(h.verdict.rawValue),
                      value(v.retainedWithoutKept), value(v.retainedWithOnlyKept), value(v.retainedUnderControl),
                      value(h.circuit?.r2), .string(h.text)])
        }
        return t
    }
}

/// The content of `causal_tests.json`.
public struct CausalTestsFile: Codable, Sendable, Equatable {
    public var formatVersion: Int
    public var test: CausalTestResult
    public var comparison: CausalKeyComparison?
    public var retina: [RetinaAblationMeasurement]?

    public init(test: CausalTestResult, comparison: CausalKeyComparison? = nil, retina: [RetinaAblationMeasurement]? = nil) {
        formatVersion = 1; self.test = test; self.comparison = comparison; self.retina = retina
    }
}
