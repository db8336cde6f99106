import ArrayIO
import Foundation
import Phenomena

/// Writes the unified circuit at the run folder's `data/` (atomically, stable names).
///
/// | File | Content |
/// |---|---|
/// | `unified-circuit.csv` | One row per candidate × phenomenon: `pathways,chosen,weighted_r2,phenomenon,r2,pearson,criteria_met,criteria_total,full_meets,circuit_meets_of_those,matches_full_model`. `pathways` is `+`-joined type labels; `chosen` is yes for the chosen circuit. |
/// | `unified-circuit-units.csv` | One row per unit of the chosen circuit × phenomenon: `pathway,channels,sign,threshold,weight_hz,divisive_gain,phenomenon,share,criteria_met_without,matches_without`. |
/// | `unified-circuit.json` | Sorted-key JSON of ``UnifiedCircuitResult``. |
public enum UnifiedCircuitExport {
    public static let csv = "unified-circuit.csv"
    public static let unitsCSV = "unified-circuit-units.csv"
    public static let json = "unified-circuit.json"

    /// Writes the three files into `folder` (which must exist); returns their names.
    public static func write(_ result: UnifiedCircuitResult, to folder: URL) throws -> [String] {
        try candidatesTable(result).write(to: folder.appendingPathComponent(csv))
        try unitsTable(result).write(to: folder.appendingPathComponent(unitsCSV))
        try StableJSON.write(result, to: folder.appendingPathComponent(json))
        return [csv, unitsCSV, json]
    }

    static func number(_ x: Double?) -> CSVValue { x.flatMap { $0.isFinite ? .double($0, precision: 4) : nil } ?? .missing }

    public static func candidatesTable(_ r: UnifiedCircuitResult) -> CSVTable {
        var t = CSVTable(columns: ["pathways", "chosen", "weighted_r2", "phenomenon", "r2", "pearson", "criteria_met", "criteria_total",
                                   "full_meets", "circuit_meets_of_those", "matches_full_model"])
        for (i, c) in r.candidates.enumerated() {
            for p in c.phenomena {
                t.append([.string(c.pathways.joined(separator: "+")), .string(i == r.chosen ? "yes" : "no"), number(c.weightedR2),
                          .string(p.phenomenon.rawValue), number(p.fit.r2), number(p.fit.pearson),
                          .int(p.criteria.filter(\.passed).count), .int(p.criteria.count), .int(p.fullMeets),
                          .int(p.circuitMeetsOfThose), .string(p.matchesFullModel ? "yes" : "no")])
            }
        }
        return t
    }

    public static func unitsTable(_ r: UnifiedCircuitResult) -> CSVTable {
        var t = CSVTable(columns: ["pathway", "channels", "sign", "threshold", "weight_hz", "divisive_gain", "phenomenon", "share",
                                   "criteria_met_without", "matches_without"])
        let model = r.chosenCandidate.model
        for c in r.contributions {
            guard let unit = model.units.first(where: { $0.label == c.pathway }) else { continue }
            let channels = r.pathways.first { $0.label == c.pathway }?.channels ?? []
            t.append([.string(c.pathway), .string(channels.map { "c\($0)" }.joined(separator: " ")), number(unit.sign),
                      number(unit.threshold), number(unit.weight), number(unit.divisiveGain), .string(c.phenomenon.rawValue),
                      number(c.share), .int(c.criteriaWithout.filter(\.passed).count), .string(c.matchesWithout ? "yes" : "no")])
        }
        return t
    }
}
