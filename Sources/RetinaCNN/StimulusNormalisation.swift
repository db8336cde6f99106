import Foundation
import RetinaCore

/// The scalar z-scoring of a recording-trained model's input: the network sees
/// `z = (raw − mean) / std`, with one `mean` and `std` (population, ddof 0) of the whole training
/// movie in the recording's raw units (torch-deep-retina's `norm_stats`). Stored in the model
/// file's metadata under ``metadataKey`` as JSON `{"mean": …, "std": …}`.
public struct StimulusNormalisation: Codable, Sendable, Equatable {
    public var mean: Double
    public var std: Double

    public static let metadataKey = "norm_stats"

    public init(mean: Double, std: Double) { self.mean = mean; self.std = std }

    /// Mean and population SD of every value of `movie`, accumulated in Double.
    /// Throws when the movie is constant (std 0) or not finite.
    public init(movie: Movie) throws {
        let n = Double(movie.values.count)
        var s = 0.0
        for v in movie.values { s += Double(v) }
        let m = s / n
        var q = 0.0
        for v in movie.values { let d = Double(v) - m; q += d * d }
        let sd = (q / n).squareRoot()
        guard sd > 0, sd.isFinite, m.isFinite else {
            throw RetinaCNNError.stimulusMismatch("the training movie is constant or not finite (mean \(m), std \(sd)): cannot z-score it")
        }
        self.init(mean: m, std: sd)
    }

    /// `(raw − mean) / std` for every value.
    public func normalised(_ movie: Movie) -> Movie {
        let m = Float(mean), inv = Float(1 / std)
        return Movie(frames: movie.frames, height: movie.height, width: movie.width, values: movie.values.map { ($0 - m) * inv })
    }

    /// The JSON metadata value.
    public var metadataValue: String {
        let e = JSONEncoder(); e.outputFormatting = [.sortedKeys]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Reads ``metadataKey`` (nil when absent). Accepts numbers or numeric strings, as converted
    /// checkpoints may carry either.
    public static func from(metadata: [String: String]) throws -> StimulusNormalisation? {
        guard let text = metadata[metadataKey] else { return nil }
        if let exact = try? JSONDecoder().decode(StimulusNormalisation.self, from: Data(text.utf8)), exact.mean.isFinite,
           exact.std > 0, exact.std.isFinite {
            return exact  // shortest round-trip decimal: bit-exact
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw RetinaCNNError.weightsFile(path: "model metadata", message: "'\(metadataKey)' is not a JSON object: \(text.prefix(80))")
        }
        func number(_ key: String) -> Double? {
            if let n = object[key] as? NSNumber { return n.doubleValue }
            if let s = object[key] as? String { return Double(s) }
            if let a = object[key] as? [Any], a.count == 1 { return (a[0] as? NSNumber)?.doubleValue }
            return nil
        }
        guard let m = number("mean"), let s = number("std"), m.isFinite, s > 0, s.isFinite else {
            throw RetinaCNNError.weightsFile(path: "model metadata", message: "'\(metadataKey)' needs a finite scalar 'mean' and a positive 'std', found \(text.prefix(80))")
        }
        return StimulusNormalisation(mean: m, std: s)
    }
}
