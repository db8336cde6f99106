import Foundation
import Phenomena
import ReportKit

/// One run folder as read for a comparison: its manifest, the phenomena it analysed with their
/// protocols (flattened to `key.path → JSON text`), and each phenomenon's ``PhenomenonSnapshot``.
public struct RunSnapshot: Sendable {
    /// The folder as given.
    public var path: String
    public var manifest: RunManifest
    /// The analysed phenomena, in the run's order (`parameters.phenomena` of the manifest).
    public var phenomena: [Phenomenon]
    /// Per phenomenon its stimulus protocol from the manifest (`parameters.<id>`), flattened.
    public var protocols: [Phenomenon: [String: String]]
    /// Every resolved parameter of the run, flattened (`analysis.integratedGradients.steps` → `16`).
    public var parameters: [String: String]
    public var results: [Phenomenon: PhenomenonSnapshot]

    /// "reference" — the run id.
    public var runID: String { manifest.runId.rawValue }
}

extension JSONValue {
    /// Leaf values by dotted key path (`osr.periodsMs` → `[30,40]`): objects are descended, arrays and
    /// scalars are leaves written as compact JSON, so two values are equal exactly when their texts are.
    func flattened(prefix: String = "") -> [String: String] {
        if case .object(let members) = self {
            var out: [String: String] = [:]
            for (k, v) in members {
                let key = prefix.isEmpty ? k : prefix + "." + k
                if case .object(let inner) = v, !inner.isEmpty {
                    out.merge(v.flattened(prefix: key)) { a, _ in a }
                } else {
                    out[key] = v.compactText
                }
            }
            return out
        }
        return prefix.isEmpty ? [:] : [prefix: compactText]
    }

    /// Compact JSON text of a value (sorted keys).
    var compactText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? description
    }
}
