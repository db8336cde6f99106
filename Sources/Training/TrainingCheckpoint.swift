import ArrayIO
import Foundation
import ModelCards
import RetinaCNN

/// A resumable snapshot of a training run in one safetensors file, written atomically:
/// the trainer's state (current weights + Adam moments, `BNCNNTrainerState` names), the best
/// weights so far under the prefix `best.`, and the loop state as JSON in metadata `training_state`.
public struct TrainingCheckpoint: Sendable {
    public var state: TrainingState
    public var trainerState: BNCNNTrainerState
    public var bestModel: BNCNN
    /// File the checkpoint was read from or will be written to (for messages).
    public var source: String

    public static let stateKey = "training_state"
    static let bestPrefix = "best."

    public init(state: TrainingState, trainerState: BNCNNTrainerState, bestModel: BNCNN, source: String) {
        self.state = state; self.trainerState = trainerState; self.bestModel = bestModel; self.source = source
    }

    public func write(to url: URL) throws {
        var file = try trainerState.safeTensors()
        for (name, record) in try bestModel.safeTensors().tensors {
            file.tensors[Self.bestPrefix + name] = record
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        file.metadata[Self.stateKey] = String(decoding: try encoder.encode(state), as: UTF8.self)
        try file.write(to: url)
    }

    public static func read(contentsOf url: URL) throws -> TrainingCheckpoint {
        let file = try SafeTensorsFile.read(contentsOf: url)
        guard let text = file.metadata[stateKey] else {
            throw TrainingError.checkpointMismatch(path: url.path, reason: "metadata '\(stateKey)' is missing (not a training checkpoint)")
        }
        let state: TrainingState
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            state = try decoder.decode(TrainingState.self, from: Data(text.utf8))
        } catch {
            throw TrainingError.checkpointMismatch(path: url.path, reason: "metadata '\(stateKey)' is not valid: \(error)")
        }
        var current = SafeTensorsFile(tensors: [:], metadata: file.metadata)
        current.source = file.source
        var best = SafeTensorsFile(tensors: [:], metadata: [:])
        best.source = file.source
        for (name, record) in file.tensors {
            if name.hasPrefix(bestPrefix) { best.tensors[String(name.dropFirst(bestPrefix.count))] = record }
            else { current.tensors[name] = record }
        }
        best.metadata["architecture"] = file.metadata["architecture"]
        return TrainingCheckpoint(state: state, trainerState: try BNCNNTrainerState(safeTensors: current),
                                  bestModel: try BNCNN(safeTensors: best), source: url.path)
    }
}
