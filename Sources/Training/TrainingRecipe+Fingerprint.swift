import ArrayIO
import Foundation
import ModelCards

extension TrainingRecipe {
    /// The recipe with its seed set to 0: what the members of one ensemble share.
    public var withoutSeed: TrainingRecipe {
        var r = self
        r.seed = 0
        return r
    }

    /// SHA-256 (hex) of the recipe's sorted-key JSON with the seed set to 0: equal for the members of
    /// one ensemble, different when anything but the seed differs. Shown in `ensemble.json` and in
    /// error messages; comparisons use the decoded recipes (``withoutSeed``), not the hash.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return SHA256.hex((try? encoder.encode(withoutSeed)) ?? Data())
    }

    /// The top-level fields in which `other` differs from this recipe (seed excluded), sorted:
    /// `learningRate`, `architecture`, … — for messages.
    public func differingFields(from other: TrainingRecipe) -> [String] {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        func fields(_ r: TrainingRecipe) -> [String: String] {
            guard let data = try? encoder.encode(r.withoutSeed),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
            var out: [String: String] = [:]
            for (key, value) in object {
                let d = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
                out[key] = String(decoding: d, as: UTF8.self)
            }
            return out
        }
        let (a, b) = (fields(self), fields(other))
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
