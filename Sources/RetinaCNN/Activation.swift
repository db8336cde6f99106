import Foundation

/// Scalar activations used by the output layer.
enum Activation {
    /// softplus(x) = log(1 + eˣ), computed stably (x for x > 20, as PyTorch's threshold).
    @inline(__always) static func softplus(_ x: Float) -> Float {
        x > 20 ? x : log1p(exp(x))
    }
    /// σ(x) = 1/(1 + e⁻ˣ) = d softplus / dx.
    @inline(__always) static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + exp(-x)) : { let e = exp(x); return e / (1 + e) }()
    }
}
