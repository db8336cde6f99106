/// Parameters and running statistics of one batch-norm layer (per unit or per channel).
///
/// Inference: `y = γ·(x − μ)/√(σ² + ε) + β`, i.e. the affine map `y = a·x + b` with
/// `a = γ/√(σ² + ε)` and `b = β − a·μ` (`folded(epsilon:)`).
public struct BatchNormParameters: Sendable, Equatable {
    /// Scale γ (PyTorch `weight`).
    public var gamma: [Float]
    /// Shift β (PyTorch `bias`).
    public var beta: [Float]
    public var runningMean: [Float]
    /// Running (unbiased) variance.
    public var runningVariance: [Float]

    /// Identity-initialised layer: γ = 1, β = 0, mean 0, variance 1 (PyTorch's initial state).
    public init(count: Int) {
        gamma = [Float](repeating: 1, count: count)
        beta = [Float](repeating: 0, count: count)
        runningMean = [Float](repeating: 0, count: count)
        runningVariance = [Float](repeating: 1, count: count)
    }

    public init(gamma: [Float], beta: [Float], runningMean: [Float], runningVariance: [Float]) {
        self.gamma = gamma; self.beta = beta; self.runningMean = runningMean; self.runningVariance = runningVariance
    }

    public var count: Int { gamma.count }

    /// The inference-time affine map (scale a, shift b) with a = γ/√(σ²+ε), b = β − a·μ.
    public func folded(epsilon: Float) -> (scale: [Float], shift: [Float]) {
        var a = [Float](repeating: 0, count: count), b = a
        for i in 0..<count {
            let s = gamma[i] / (runningVariance[i] + epsilon).squareRoot()
            a[i] = s
            b[i] = beta[i] - s * runningMean[i]
        }
        return (a, b)
    }

    /// The folded map expanded to one (a, b) per unit: per-channel parameters are repeated over
    /// `unitsPerParameter` consecutive units (channel-major flatten).
    func foldedPerUnit(epsilon: Float, unitsPerParameter: Int) -> (scale: [Float], shift: [Float]) {
        let (a, b) = folded(epsilon: epsilon)
        if unitsPerParameter == 1 { return (a, b) }
        var sa = [Float](repeating: 0, count: count * unitsPerParameter), sb = sa
        for c in 0..<count {
            for j in 0..<unitsPerParameter { sa[c * unitsPerParameter + j] = a[c]; sb[c * unitsPerParameter + j] = b[c] }
        }
        return (sa, sb)
    }

    var arrays: [(String, [Float])] {
        [("gamma", gamma), ("beta", beta), ("runningMean", runningMean), ("runningVariance", runningVariance)]
    }
}
