import RetinaCore

/// All learned tensors of a BN-CNN, row-major, PyTorch layouts.
public struct BNCNNParameters: Sendable, Equatable {
    /// `[C1, T, K1, K1]`.
    public var conv1Weight: [Float]
    /// `[C1]`.
    public var conv1Bias: [Float]
    /// Over the `C1·H1·W1` flattened units (`.perUnit`) or the `C1` channels (`.perChannel`).
    public var bn1: BatchNormParameters
    /// `[C2, C1, K2, K2]`.
    public var conv2Weight: [Float]
    /// `[C2]`.
    public var conv2Bias: [Float]
    public var bn2: BatchNormParameters
    /// `[cells, C2·H2·W2]`, no bias.
    public var denseWeight: [Float]
    /// Output batch norm over the cells.
    public var bn3: BatchNormParameters

    public init(conv1Weight: [Float], conv1Bias: [Float], bn1: BatchNormParameters,
                conv2Weight: [Float], conv2Bias: [Float], bn2: BatchNormParameters,
                denseWeight: [Float], bn3: BatchNormParameters) {
        self.conv1Weight = conv1Weight; self.conv1Bias = conv1Bias; self.bn1 = bn1
        self.conv2Weight = conv2Weight; self.conv2Bias = conv2Bias; self.bn2 = bn2
        self.denseWeight = denseWeight; self.bn3 = bn3
    }

    /// PyTorch's default initialisation, drawn from `SeededRandom(seed:)` (deterministic):
    /// conv and dense weights and conv biases uniform in ±1/√fan_in (fan_in = T·K1², C1·K2²,
    /// C2·H2·W2), batch norms at identity (γ = 1, β = 0, μ = 0, σ² = 1). Draw order: conv1 weight,
    /// conv1 bias, conv2 weight, conv2 bias, dense weight.
    public init(architecture a: BNCNNArchitecture, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        func uniform(_ n: Int, fanIn: Int) -> [Float] {
            let bound = 1 / Double(fanIn).squareRoot()
            return (0..<n).map { _ in Float(rng.uniform(-bound, bound)) }
        }
        let fan1 = a.historyFrames * a.conv1Kernel * a.conv1Kernel
        let fan2 = a.conv1Channels * a.conv2Kernel * a.conv2Kernel
        conv1Weight = uniform(a.conv1WeightCount, fanIn: fan1)
        conv1Bias = uniform(a.conv1Channels, fanIn: fan1)
        conv2Weight = uniform(a.conv2WeightCount, fanIn: fan2)
        conv2Bias = uniform(a.conv2Channels, fanIn: fan2)
        denseWeight = uniform(a.denseWeightCount, fanIn: a.layer2Units)
        bn1 = BatchNormParameters(count: a.bn1Count)
        bn2 = BatchNormParameters(count: a.bn2Count)
        bn3 = BatchNormParameters(count: a.cells)
    }

    /// Every tensor with its name and the count the architecture requires.
    func tensors(for a: BNCNNArchitecture) -> [(name: String, values: [Float], expected: Int)] {
        var list: [(String, [Float], Int)] = [
            ("conv1Weight", conv1Weight, a.conv1WeightCount), ("conv1Bias", conv1Bias, a.conv1Channels),
            ("conv2Weight", conv2Weight, a.conv2WeightCount), ("conv2Bias", conv2Bias, a.conv2Channels),
            ("denseWeight", denseWeight, a.denseWeightCount),
        ]
        for (layer, bn, n) in [("bn1", bn1, a.bn1Count), ("bn2", bn2, a.bn2Count), ("bn3", bn3, a.cells)] {
            for (field, v) in bn.arrays { list.append(("\(layer).\(field)", v, n)) }
        }
        return list
    }

    /// Throws `RetinaCNNError.shapeMismatch` when a tensor's size does not match `a`, or when a
    /// value is not finite (or a running variance negative).
    public func validate(for a: BNCNNArchitecture) throws {
        for t in tensors(for: a) {
            if t.values.count != t.expected {
                throw RetinaCNNError.shapeMismatch(name: t.name, expected: "\(t.expected) values", found: "\(t.values.count)")
            }
            if let i = t.values.firstIndex(where: { !$0.isFinite }) {
                throw RetinaCNNError.shapeMismatch(name: t.name, expected: "finite values", found: "\(t.values[i]) at index \(i)")
            }
        }
        for (name, bn) in [("bn1", bn1), ("bn2", bn2), ("bn3", bn3)] {
            if let i = bn.runningVariance.firstIndex(where: { $0 < 0 }) {
                throw RetinaCNNError.shapeMismatch(name: "\(name).runningVariance", expected: "values ≥ 0",
                                                   found: "\(bn.runningVariance[i]) at index \(i)")
            }
        }
    }
}
