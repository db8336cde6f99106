import Foundation
import ModelCards

/// The `inspect` lines of a model trained on (or imported from) a recording.
enum RecordingDataSourceDescription {
    static func lines(_ d: RecordingDataSource, card: ModelCard) -> [String] {
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "n/a" }
        var lines = ["data: \(d.kind) '\(d.fileName)' (\(d.format)\(d.sha256.map { ", SHA-256 \($0.prefix(16))…" } ?? "")), \(d.cellIDs.count) cells (\(d.cellIDs.joined(separator: ", ")))"]
        lines.append("  frames: \(d.trainFrames) train / \(d.validationFrames) validation / \(d.testFrames) test (\(d.testSplit)); \(card.trainWindows) training windows")
        lines.append("  crop: \(d.crop.map { "y \($0[0]), x \($0[1]), size \($0[2])" } ?? "none"); responses: \(d.responseUnit)")
        lines.append("  input normalisation: z = (raw − \(String(format: "%.4g", d.normalisation.mean))) / \(String(format: "%.4g", d.normalisation.std)); pairing: \(d.pairing.rawValue) (response bin = newest window frame + \(d.pairing.lagFrames))")
        if let t = d.test {
            lines.append("  test vs \(t.reference)\(t.repeats > 0 ? " of \(t.repeats) repeats" : ""): mean r \(f(t.meanCorrelation)); per cell " + t.correlation.map(f).joined(separator: " "))
            if let c = t.noiseCeiling { lines.append("  noise ceiling per cell " + c.map(f).joined(separator: " ")) }
            if let v = t.fractionOfExplainableVarianceExplained { lines.append("  fraction of explainable variance explained " + v.map(f).joined(separator: " ")) }
        }
        for w in d.warnings { lines.append("  reader: \(w)") }
        return lines
    }
}
