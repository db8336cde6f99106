import ArrayIO
import Foundation
import Phenomena
import RetinaCore

extension TestablePrediction {
    /// The prediction in an experimenter's words, e.g. "Silencing the ON slow pathway (14 channels)
    /// removes the omitted stimulus response: peak / train ratio 3.82 → 1.41, criteria met 2 → 0 of 3
    /// (15 % of the effect left)."
    public var statement: String {
        let unit = strengthUnit.isEmpty ? "" : " \(strengthUnit)"
        let verb: String
        switch outcome {
        case .removes: verb = "removes"
        case .keeps: verb = "keeps"
        case .untestable: verb = "cannot test (the full CNN does not show it)"
        }
        func value(_ x: Double?) -> String { x.map { NumberText.significant($0) + unit } ?? "not measurable" }
        var s = "Silencing the \(pathwayType) pathway (\(channels.count) channel\(channels.count == 1 ? "" : "s")) \(verb) the "
            + "\(phenomenon.title.lowercased()): \(strengthName) \(value(fullStrength)) → \(value(silencedStrength)), "
            + "criteria met \(fullCriteriaPassed) → \(silencedCriteriaPassed) of \(criteriaCount)"
        if let retained { s += " (\(NumberText.percent(retained, decimals: 0)) % of the effect left)" }
        return s + "."
    }
}

/// Writes the run's testable predictions at the run folder's `data/` (atomically, stable names).
///
/// | File | Content |
/// |---|---|
/// | `predictions.csv` | One row per phenomenon × pathway type: `phenomenon,pathway_type,channels,strength,unit,full_value,silenced_value,full_criteria_passed,silenced_criteria_passed,criteria_total,retained,outcome,retina_ablation,retina_value,retina_retained,retina_outcome,retina_confirms,suggested_manipulation,statement`. `outcome` ∈ removes, keeps, untestable; the `retina_*` columns are empty without the simulated retina's comparison; empty = not measurable. |
/// | `predictions.json` | Sorted-key JSON array of ``TestablePrediction``. |
public enum PredictionExport {
    public static let csv = "predictions.csv"
    public static let json = "predictions.json"

    /// Writes both files into `folder` (which must exist); returns the names (none for no predictions).
    public static func write(_ predictions: [TestablePrediction], to folder: URL) throws -> [String] {
        guard !predictions.isEmpty else { return [] }
        try table(predictions).write(to: folder.appendingPathComponent(csv))
        try StableJSON.write(predictions, to: folder.appendingPathComponent(json))
        return [csv, json]
    }

    public static func table(_ predictions: [TestablePrediction]) -> CSVTable {
        func value(_ x: Double?) -> CSVValue { x.flatMap { $0.isFinite ? .double($0, precision: 4) : nil } ?? .missing }
        var t = CSVTable(columns: ["phenomenon", "pathway_type", "channels", "strength", "unit", "full_value", "silenced_value",
                                   "full_criteria_passed", "silenced_criteria_passed", "criteria_total", "retained", "outcome",
                                   "retina_ablation", "retina_value", "retina_retained", "retina_outcome", "retina_confirms",
                                   "suggested_manipulation", "statement"])
        for p in predictions {
            let r = p.retina
            t.append([.string(p.phenomenon.rawValue), .string(p.pathwayType), .string(p.channels.map { "c\($0)" }.joined(separator: " ")),
                      .string(p.strengthName), .string(p.strengthUnit), value(p.fullStrength), value(p.silencedStrength),
                      .int(p.fullCriteriaPassed), .int(p.silencedCriteriaPassed), .int(p.criteriaCount), value(p.retained),
                      .string(p.outcome.rawValue),
                      r.map { .string($0.ablations.isEmpty ? "intact" : $0.ablations.joined(separator: "+")) } ?? .missing,
                      value(r?.strength), value(r?.retained), r.map { .string($0.outcome.rawValue) } ?? .missing,
                      r?.confirms.map { .string($0 ? "yes" : "no") } ?? .missing,
                      TestablePredictions.suggestedManipulation(pathwayType: p.pathwayType).map { .string($0) } ?? .missing,
                      .string(p.statement)])
        }
        return t
    }
}
