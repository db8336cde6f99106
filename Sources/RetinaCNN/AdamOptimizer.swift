import Foundation

/// Adam (Kingma & Ba 2015) with bias correction, as PyTorch's `torch.optim.Adam` without weight
/// decay: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², θ ← θ − lr·m̂/(√v̂ + ε),
/// m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ). β1 = 0.9, β2 = 0.999, ε = 1e-8; the learning rate is given
/// per step (schedules live in the caller).
struct AdamOptimizer: Sendable {
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var epsilon: Float = 1e-8
    private(set) var step = 0
    private var m: [[Float]] = []
    private var v: [[Float]] = []

    init(sizes: [Int]) {
        m = sizes.map { [Float](repeating: 0, count: $0) }
        v = m
    }

    init(step: Int, first: [[Float]], second: [[Float]]) {
        self.step = step; m = first; v = second
    }

    /// First and second moments, per tensor.
    var moments: ([[Float]], [[Float]]) { (m, v) }

    /// Advances the step counter; call once per optimisation step before `update`.
    mutating func beginStep() { step += 1 }

    /// Updates tensor `index` in place from its gradient.
    mutating func update(_ index: Int, parameters: inout [Float], gradient: [Float], learningRate: Float) {
        precondition(parameters.count == gradient.count && parameters.count == m[index].count)
        let c1 = 1 - pow(Double(beta1), Double(step)), c2 = 1 - pow(Double(beta2), Double(step))
        let stepSize = Float(Double(learningRate) / c1), vScale = Float(1 / c2)
        let b1 = beta1, b2 = beta2, eps = epsilon
        m[index].withUnsafeMutableBufferPointer { mp in v[index].withUnsafeMutableBufferPointer { vp in
            gradient.withUnsafeBufferPointer { g in parameters.withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count {
                    mp[i] = b1 * mp[i] + (1 - b1) * g[i]
                    vp[i] = b2 * vp[i] + (1 - b2) * g[i] * g[i]
                    p[i] -= stepSize * mp[i] / ((vp[i] * vScale).squareRoot() + eps)
                }
            }}
        }}
    }
}
