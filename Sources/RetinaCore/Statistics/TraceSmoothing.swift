import Foundation

/// Optional post-hoc smoothing of rate traces before a metric reads them.
///
/// The ground-truth metrics use raw traces. The CNN's responses to 20 ms flashes are jagged on a
/// 10-20 ms scale (docs/ground-truth-retina.md §10), so the suite can smooth OSR and latency traces with
/// a Gaussian of a chosen SD; the report must say when it did.
public enum TraceSmoothing {
    /// Acausal Gaussian smoothing: `out[i] = Σ_k g[k] · y[clamp(i + k)]`, `g ∝ exp(−k²/(2σ²))`,
    /// truncated at `3σ`, normalised to unit sum, edge samples replicated. `sigmaFrames ≤ 0`
    /// returns the input unchanged. Preserves constants exactly and the mean of a trace away from
    /// its ends.
    public static func gaussian(_ y: [Double], sigmaFrames: Double) -> [Double] {
        guard sigmaFrames > 0, y.count > 1 else { return y }
        let radius = max(1, Int((3 * sigmaFrames).rounded(.up)))
        var g = (-radius...radius).map { k -> Double in
            let z = Double(k) / sigmaFrames
            return exp(-0.5 * z * z)
        }
        let total = g.reduce(0, +)
        g = g.map { $0 / total }
        let n = y.count
        return (0..<n).map { i in
            var s = 0.0
            for k in -radius...radius { s += g[k + radius] * y[min(n - 1, max(0, i + k))] }
            return s
        }
    }
}
