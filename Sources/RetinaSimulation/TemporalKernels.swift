#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A gamma (Erlang-like) temporal kernel `k(n, τ)` (docs/ground-truth-retina.md §2.1).
///
///     k(n, τ)(t) = (t/τ)^n · exp(−t/τ) / Σ_t (…),   t = 0, 10, …, 10·(taps − 1) ms
///
/// Invariants: unit sum; `k(0) = 0` whenever `order > 0`, so every stage is strictly causal.
public struct GammaKernelParameters: Codable, Sendable, Equatable {
    /// Order `n` (the power of `t/τ`).
    public var order: Double
    /// Time constant `τ`, in milliseconds.
    public var tauMilliseconds: Double

    public init(order: Double, tauMilliseconds: Double) {
        self.order = order; self.tauMilliseconds = tauMilliseconds
    }

    /// The sampled kernel (see ``TemporalKernel/gamma(order:tauMilliseconds:taps:)``).
    public func taps(_ count: Int = TemporalKernel.defaultTaps) -> [Double] {
        TemporalKernel.gamma(order: order, tauMilliseconds: tauMilliseconds, taps: count)
    }
}

/// A biphasic temporal kernel `f(n, τ, b) = k(n, τ) − b · k(n, 2τ)` (docs/ground-truth-retina.md §2.1).
///
/// Net area is `1 − b`; with `b > 1` the kernel is transient (negative net area).
public struct BiphasicKernelParameters: Codable, Sendable, Equatable {
    /// Order `n` of both gamma lobes.
    public var order: Double
    /// Time constant `τ` of the positive lobe, in milliseconds (the negative lobe uses `2τ`).
    public var tauMilliseconds: Double
    /// Weight `b` of the slow negative lobe.
    public var undershoot: Double

    public init(order: Double, tauMilliseconds: Double, undershoot: Double) {
        self.order = order; self.tauMilliseconds = tauMilliseconds; self.undershoot = undershoot
    }

    /// The sampled kernel (see ``TemporalKernel/biphasic(order:tauMilliseconds:undershoot:taps:)``).
    public func taps(_ count: Int = TemporalKernel.defaultTaps) -> [Double] {
        TemporalKernel.biphasic(order: order, tauMilliseconds: tauMilliseconds, undershoot: undershoot, taps: count)
    }
}

/// Sampled temporal kernels and causal FIR filtering on the 10 ms frame clock.
public enum TemporalKernel {
    /// Number of taps of every kernel of the ground truth: 60 (0…590 ms).
    public static let defaultTaps = 60

    /// `k(n, τ)` sampled at `t = 0, 10, …` ms and normalised to unit sum.
    /// Tap 0 is exactly 0 for `order > 0`.
    public static func gamma(order: Double, tauMilliseconds: Double, taps: Int = defaultTaps) -> [Double] {
        precondition(taps > 0 && tauMilliseconds > 0, "gamma kernel needs taps > 0 and tau > 0")
        var h = (0..<taps).map { i -> Double in
            let x = Double(i) * 10.0 / tauMilliseconds
            return (i == 0 && order > 0) ? 0 : pow(x, order) * exp(-x)
        }
        let sum = h.reduce(0, +)
        for i in h.indices { h[i] /= sum }
        return h
    }

    /// `f(n, τ, b) = k(n, τ) − b · k(n, 2τ)`, each lobe normalised to unit sum before subtraction.
    public static func biphasic(order: Double, tauMilliseconds: Double, undershoot: Double,
                                taps: Int = defaultTaps) -> [Double] {
        let fast = gamma(order: order, tauMilliseconds: tauMilliseconds, taps: taps)
        let slow = gamma(order: order, tauMilliseconds: 2 * tauMilliseconds, taps: taps)
        return zip(fast, slow).map { $0 - undershoot * $1 }
    }

    /// Causal FIR filtering with zero history: `y[t] = Σ_l h[l] · x[t − l]` (x before 0 is 0).
    public static func causalFilter(_ x: [Double], kernel h: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: x.count)
        for t in x.indices {
            var acc = 0.0
            for l in 0..<min(h.count, t + 1) { acc += h[l] * x[t - l] }
            y[t] = acc
        }
        return y
    }
}
