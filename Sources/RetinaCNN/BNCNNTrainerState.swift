import ArrayIO
import Foundation

/// Everything needed to resume training exactly: the parameters (with running statistics), the
/// Adam moments and the step count. The noise stream of step s depends only on the trainer's seed
/// and s, so a restored trainer continues with the same noise it would have drawn.
public struct BNCNNTrainerState: Sendable, Equatable {
    public var architecture: BNCNNArchitecture
    public var parameters: BNCNNParameters
    /// Optimisation steps taken.
    public var step: Int
    /// Adam first and second moments, one array per trainable tensor in the order of
    /// `trainableTensorNames`.
    public var adamFirstMoments: [[Float]]
    public var adamSecondMoments: [[Float]]

    /// Names of the trainable tensors (weights-file names), in the optimiser's order.
    public static let trainableTensorNames = [
        "sequential.0.weight", "sequential.0.bias", "sequential.2.weight", "sequential.2.bias",
        "sequential.6.weight", "sequential.6.bias", "sequential.8.weight", "sequential.8.bias",
        "sequential.11.weight", "sequential.12.weight", "sequential.12.bias",
    ]

    /// As a safetensors file: the model's tensors (`BNCNN.safeTensors`), plus `adam.m.<name>` and
    /// `adam.v.<name>` for every trainable tensor, plus metadata `trainerStep`.
    public func safeTensors(metadata: [String: String] = [:]) throws -> SafeTensorsFile {
        let model = BNCNN(unchecked: architecture, parameters: parameters, cellCentres: nil)
        var file = try model.safeTensors(metadata: metadata)
        for (k, name) in Self.trainableTensorNames.enumerated() {
            let shape = file.tensors[name]!.shape
            file.tensors["adam.m.\(name)"] = TensorRecord(float32: adamFirstMoments[k], shape: shape)
            file.tensors["adam.v.\(name)"] = TensorRecord(float32: adamSecondMoments[k], shape: shape)
        }
        file.metadata["trainerStep"] = String(step)
        return file
    }

    /// Reads a state written by `safeTensors(metadata:)`; errors name the file and tensor.
    public init(safeTensors file: SafeTensorsFile) throws {
        let model = try BNCNN(safeTensors: file)
        architecture = model.architecture
        parameters = model.parameters
        guard let text = file.metadata["trainerStep"], let s = Int(text), s >= 0 else {
            throw RetinaCNNError.weightsFile(path: file.source, message: "metadata 'trainerStep' missing or not a step count")
        }
        step = s
        var m: [[Float]] = [], v: [[Float]] = []
        for name in Self.trainableTensorNames {
            let shape = try file.tensor(name).shape
            m.append(try file.floats("adam.m.\(name)", shape: shape))
            v.append(try file.floats("adam.v.\(name)", shape: shape))
        }
        adamFirstMoments = m; adamSecondMoments = v
    }

    init(architecture: BNCNNArchitecture, parameters: BNCNNParameters, step: Int, adam: AdamOptimizer) {
        self.architecture = architecture; self.parameters = parameters; self.step = step
        (adamFirstMoments, adamSecondMoments) = adam.moments
    }
}

extension BNCNNTrainer {
    /// The trainer's resumable state (parameters, Adam moments, step count).
    public func exportState() -> BNCNNTrainerState {
        BNCNNTrainerState(architecture: architecture, parameters: parameters, step: stepCount, adam: adam)
    }

    /// Continues from `state` (same architecture; the movie, l2 and seed stay this trainer's).
    /// Throws `RetinaCNNError.shapeMismatch` when the state does not fit.
    public func restore(_ state: BNCNNTrainerState) throws {
        guard state.architecture == architecture else {
            throw RetinaCNNError.shapeMismatch(name: "BNCNNTrainerState.architecture", expected: "\(architecture)",
                                               found: "\(state.architecture)")
        }
        try state.parameters.validate(for: architecture)
        let sizes = BNCNNGradients.sizes(architecture)
        guard state.step >= 0, state.adamFirstMoments.map(\.count) == sizes, state.adamSecondMoments.map(\.count) == sizes else {
            throw RetinaCNNError.shapeMismatch(name: "BNCNNTrainerState Adam moments", expected: "tensor sizes \(sizes)",
                                               found: "\(state.adamFirstMoments.map(\.count)) and \(state.adamSecondMoments.map(\.count))")
        }
        parameters = state.parameters
        adam = AdamOptimizer(step: state.step, first: state.adamFirstMoments, second: state.adamSecondMoments)
        stepCount = state.step
    }
}
