/// Which response bin a stimulus window predicts.
///
/// A window of `historyFrames` frames covers frames `i … i + history − 1`. The tool pairs it with
/// the bin of its newest frame (`windowEnd`, lag 0: row i of `predict` is bin i + 39); deep-retina
/// paired it with the next bin (`nextBin`, lag 1: `X[i] = stim[i : i+40]`, `y[i] = resp[i+40]`).
/// A model keeps the pairing it was trained with under ``metadataKey``; its row i then predicts bin
/// `i + history − 1 + lagFrames`, and every time axis must add `lagFrames` · 10 ms — a one-bin slip
/// is a 10 ms error in every latency.
public enum ResponsePairing: String, Codable, Sendable, CaseIterable {
    case windowEnd = "window-end"
    case nextBin = "next-bin"

    public static let metadataKey = "response_pairing"

    /// Bins between the newest frame of a window and the response it is paired with.
    public var lagFrames: Int { self == .windowEnd ? 0 : 1 }

    /// The pairing recorded in a model's metadata; models without the key use the tool's own.
    public static func from(metadata: [String: String]) throws -> ResponsePairing {
        guard let v = metadata[metadataKey] else { return .windowEnd }
        guard let p = ResponsePairing(rawValue: v) else {
            throw RetinaCNNError.weightsFile(path: "model metadata", message: "'\(metadataKey)' must be window-end or next-bin, found '\(v)'")
        }
        return p
    }
}
