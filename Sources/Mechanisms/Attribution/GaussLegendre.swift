#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gauss–Legendre quadrature nodes and weights, computed by Newton's method on the Legendre
/// polynomial `P_n` (three-term recurrence `(k+1) P_{k+1} = (2k+1) x P_k − k P_{k−1}`), in Double.
///
/// Initial guess for root i (1-based, descending): `cos(π (i − 1/4) / (n + 1/2))`; Newton stops
/// when the update is below 1e-15 (at most 100 iterations). Weights `w_i = 2 / ((1 − x_i²) P_n'(x_i)²)`.
/// Accuracy: nodes and weights agree with numpy's `leggauss` to ~1e-15 for n ≤ 100 (tested for n ≤ 20).
public enum GaussLegendre {
    /// Nodes (ascending) and weights on [−1, 1]; the weights sum to 2.
    public static func standard(count n: Int) -> (nodes: [Double], weights: [Double]) {
        precondition(n >= 1, "Gauss–Legendre needs at least one node")
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<((n + 1) / 2) {
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                let (p, dp) = legendre(n, at: x)
                derivative = dp
                let dx = p / dp
                x -= dx
                if abs(dx) < 1e-15 { break }
            }
            derivative = legendre(n, at: x).derivative
            let w = 2 / ((1 - x * x) * derivative * derivative)
            nodes[i] = -x; nodes[n - 1 - i] = x
            weights[i] = w; weights[n - 1 - i] = w
        }
        if n % 2 == 1 { nodes[n / 2] = 0 }
        return (nodes, weights)
    }

    /// Nodes (ascending) in (0, 1) and weights summing to 1: `α = (x + 1)/2`, `ω = w/2`.
    public static func unitInterval(count n: Int) -> (alphas: [Double], weights: [Double]) {
        let (x, w) = standard(count: n)
        return (x.map { ($0 + 1) / 2 }, w.map { $0 / 2 })
    }

    /// `P_n(x)` and `P_n'(x)` by the recurrence; `P_n' = n (x P_n − P_{n−1}) / (x² − 1)`.
    static func legendre(_ n: Int, at x: Double) -> (value: Double, derivative: Double) {
        var p0 = 1.0, p1 = x
        if n == 0 { return (1, 0) }
        for k in 1..<n {
            let p2 = (Double(2 * k + 1) * x * p1 - Double(k) * p0) / Double(k + 1)
            p0 = p1; p1 = p2
        }
        return (p1, Double(n) * (x * p1 - p0) / (x * x - 1))
    }
}
