/// Gradients of the training loss with respect to every trainable tensor (same layouts as
/// `BNCNNParameters`; batch-norm running statistics are not trained).
struct BNCNNGradients: Sendable {
    var conv1Weight: [Float], conv1Bias: [Float]
    var bn1Gamma: [Float], bn1Beta: [Float]
    var conv2Weight: [Float], conv2Bias: [Float]
    var bn2Gamma: [Float], bn2Beta: [Float]
    var denseWeight: [Float]
    var bn3Gamma: [Float], bn3Beta: [Float]

    init(_ a: BNCNNArchitecture) {
        func z(_ n: Int) -> [Float] { [Float](repeating: 0, count: n) }
        conv1Weight = z(a.conv1WeightCount); conv1Bias = z(a.conv1Channels)
        bn1Gamma = z(a.bn1Count); bn1Beta = z(a.bn1Count)
        conv2Weight = z(a.conv2WeightCount); conv2Bias = z(a.conv2Channels)
        bn2Gamma = z(a.bn2Count); bn2Beta = z(a.bn2Count)
        denseWeight = z(a.denseWeightCount)
        bn3Gamma = z(a.cells); bn3Beta = z(a.cells)
    }

    /// Tensor sizes in the optimiser's order (`AdamOptimizer` indices).
    static func sizes(_ a: BNCNNArchitecture) -> [Int] {
        [a.conv1WeightCount, a.conv1Channels, a.bn1Count, a.bn1Count, a.conv2WeightCount, a.conv2Channels,
         a.bn2Count, a.bn2Count, a.denseWeightCount, a.cells, a.cells]
    }

    /// Applies one Adam step to `p` (tensor order as `sizes`).
    /// - Parameter outputScaleMultiplier: learning-rate factor for the output batch norm's γ and β,
    ///   which alone set the firing-rate scale (Hz) of `softplus(γ₃ n + β₃)`.
    func apply(to p: inout BNCNNParameters, adam: inout AdamOptimizer, learningRate lr: Float,
               outputScaleMultiplier: Float = 1) {
        adam.beginStep()
        adam.update(0, parameters: &p.conv1Weight, gradient: conv1Weight, learningRate: lr)
        adam.update(1, parameters: &p.conv1Bias, gradient: conv1Bias, learningRate: lr)
        adam.update(2, parameters: &p.bn1.gamma, gradient: bn1Gamma, learningRate: lr)
        adam.update(3, parameters: &p.bn1.beta, gradient: bn1Beta, learningRate: lr)
        adam.update(4, parameters: &p.conv2Weight, gradient: conv2Weight, learningRate: lr)
        adam.update(5, parameters: &p.conv2Bias, gradient: conv2Bias, learningRate: lr)
        adam.update(6, parameters: &p.bn2.gamma, gradient: bn2Gamma, learningRate: lr)
        adam.update(7, parameters: &p.bn2.beta, gradient: bn2Beta, learningRate: lr)
        adam.update(8, parameters: &p.denseWeight, gradient: denseWeight, learningRate: lr)
        adam.update(9, parameters: &p.bn3.gamma, gradient: bn3Gamma, learningRate: lr * outputScaleMultiplier)
        adam.update(10, parameters: &p.bn3.beta, gradient: bn3Beta, learningRate: lr * outputScaleMultiplier)
    }
}
