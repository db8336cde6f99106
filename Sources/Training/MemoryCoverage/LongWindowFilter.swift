import Foundation
import RetinaCore

/// A cell's long-window linear temporal filter, for the memory-coverage check (docs/method.md §3.1).
///
/// Model: `y(t) ≈ b + Σ_{τ=0}^{L−1} k(τ) p(t − τ)`, where `p(t) = Σ_px a(px) s(t, px)` is the stimulus
/// projected onto the cell's spatial profile `a` and `y(t)` is the response of bin `t` (bin t follows
/// frames ≤ t). Two steps:
/// 1. `a` = the response-weighted average of the (mean-subtracted) stimulus at the lag `τ* < spatialLags`
///    where its largest |value| lies (an STA slice), scaled to unit L2 norm;
/// 2. `k = Σ_j w_j b_j` on `basisCount` raised-cosine bumps in log time (Pillow et al. 2008, the
///    usual GLM basis: narrow near lag 0, wide at long lags; ``basis(lags:count:)``), `w` by ridge
///    regression on every bin `t ≥ L − 1` of the range (ridge `ridge · mean diagonal`). The smooth
///    basis keeps the long-lag tail from fitting noise and nonlinear residue: with free taps the
///    tail of the simulated retina's filters carried 12–20 % of their energy even past 80 frames,
///    where the retina itself has no memory left.
/// Regression rather than the STA itself, so temporally correlated stimuli (flash bursts, blocks)
/// do not smear the filter. The nonlinear part of a cell's memory is not in `k`; the simulated
/// retina's check measures that too (``MemoryCoverage``).
public enum LongWindowFilter {
    /// Settings: `lags` taps (L), the STA lags searched for the spatial profile, the bins used for
    /// the STA (evenly spaced, at most `staBins`) and the relative ridge.
    public struct Settings: Sendable, Equatable {
        public var lags: Int = 100
        public var spatialLags: Int = 30
        public var staBins: Int = 4000
        public var ridge: Double = 1e-3
        /// Raised-cosine basis functions spanning the `lags` taps.
        public var basisCount: Int = 14
        /// At most this many bins enter the regression (the first ones of the range; a long
        /// recording's filter is well determined long before).
        public var maximumBins: Int = 50_000
        public init() {}
    }

    /// A cell's filter and its null: the same fit with the response shifted circularly by half the
    /// fitted bins (stimulus and response unrelated, the same noise and stimulus statistics), whose
    /// |k_null(τ)| is the level a lag's weight reaches by chance.
    public struct Fit: Sendable, Equatable {
        public var filter: [Double]
        public var null: [Double]
    }

    /// Filters of `cells` from `movie` and `responses` (row-major `movie.frames × cellCount`, one row
    /// per frame), fitted on bins `bins` (clamped to the movie). Returns one fit per cell, index τ.
    /// Invariant: for a linear cell `y = k * p` on a white stimulus the filter is recovered to the
    /// ridge's bias (tested to 2 % of the peak).
    public static func estimate(movie: Movie, responses: [Float], cellCount: Int, cells: [Int],
                                bins: Range<Int>? = nil, settings: Settings = Settings()) -> [Fit] {
        let T = movie.frames, n = movie.pixelsPerFrame, L = settings.lags
        precondition(responses.count == T * cellCount, "responses must be frames × cells")
        let range = (bins ?? 0..<T).clamped(to: 0..<T)
        let first = max(range.lowerBound, L - 1)
        let end = min(range.upperBound, first + max(2 * L, settings.maximumBins))
        guard end - first >= 2 * L else {
            return cells.map { _ in Fit(filter: [Double](repeating: 0, count: L), null: [Double](repeating: 0, count: L)) }
        }
        let meanS = movie.values.reduce(0.0) { $0 + Double($1) } / Double(max(1, movie.values.count))
        return cells.map { c in
            let y = (0..<T).map { Double(responses[$0 * cellCount + c]) }
            let fitted = Array(y[first..<end])
            let meanY = fitted.reduce(0, +) / Double(fitted.count)
            let profile = spatialProfile(movie: movie, y: y, meanY: meanY, meanS: Float(meanS),
                                         bins: first..<end, settings: settings)
            var p = [Double](repeating: 0, count: T)
            movie.values.withUnsafeBufferPointer { v in
                for t in (first - L + 1)..<end {
                    var s = 0.0
                    for i in 0..<n { s += Double(profile[i]) * Double(v[t * n + i] - Float(meanS)) }
                    p[t] = s
                }
            }
            let b = basis(lags: L, count: settings.basisCount)
            var shifted = y
            let n = end - first, half = n / 2
            for i in 0..<n { shifted[first + i] = y[first + (i + half) % n] }
            return Fit(filter: regress(p: p, y: y, meanY: meanY, bins: first..<end, lags: L, basis: b, ridge: settings.ridge),
                       null: regress(p: p, y: shifted, meanY: meanY, bins: first..<end, lags: L, basis: b, ridge: settings.ridge))
        }
    }

    /// The STA slice with the largest |value| over lags 0 ..< spatialLags, unit L2 norm (all zero
    /// when the response does not vary).
    static func spatialProfile(movie: Movie, y: [Double], meanY: Double, meanS: Float, bins: Range<Int>,
                               settings: Settings) -> [Float] {
        let n = movie.pixelsPerFrame, lags = min(settings.spatialLags, bins.lowerBound + 1)
        let stride = max(1, bins.count / max(1, settings.staBins))
        var sta = [Float](repeating: 0, count: lags * n)
        movie.values.withUnsafeBufferPointer { v in
            sta.withUnsafeMutableBufferPointer { a in
                var t = bins.lowerBound
                while t < bins.upperBound {
                    let w = Float(y[t] - meanY)
                    if w != 0 {
                        for lag in 0..<lags {
                            let src = (t - lag) * n, dst = lag * n
                            for i in 0..<n { a[dst + i] += w * (v[src + i] - meanS) }
                        }
                    }
                    t += stride
                }
            }
        }
        guard let peak = sta.indices.max(by: { abs(sta[$0]) < abs(sta[$1]) }), sta[peak] != 0 else {
            return [Float](repeating: 0, count: n)
        }
        let slice = Array(sta[(peak / n * n)..<(peak / n * n + n)])
        let norm = slice.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return slice.map { $0 / norm }
    }

    /// Raised cosines in log time: `b_j(τ) = ½ (1 + cos(max(−π, min(π, (u(τ) − u_j) · π / Δ))))` with
    /// `u(τ) = log(τ + 3)`, centres `u_j` evenly spaced (spacing Δ) from `u(0)` to `u(lags − 1)`; they
    /// sum to 1 between the first and last centre. Row j, column τ.
    public static func basis(lags: Int, count: Int) -> [[Double]] {
        let u = { (t: Double) in Foundation.log(t + 3) }
        let lo = u(0), hi = u(Double(lags - 1)), k = max(2, count)
        let delta = (hi - lo) / Double(k - 1)
        return (0..<k).map { j in
            let centre = lo + Double(j) * delta
            return (0..<lags).map { t in
                let x = max(-Double.pi, min(Double.pi, (u(Double(t)) - centre) * Double.pi / (2 * delta)))
                return 0.5 * (1 + Foundation.cos(x))
            }
        }
    }

    /// Ridge regression of `y − meanY` on the basis-filtered stimulus `z_j(t) = Σ_τ b_j(τ) q(t − τ)`
    /// over `bins` (each `≥ lags − 1`); returns `k(τ) = Σ_j w_j b_j(τ)`.
    static func regress(p: [Double], y: [Double], meanY: Double, bins: Range<Int>, lags: Int, basis: [[Double]],
                        ridge: Double) -> [Double] {
        let count = Double(bins.count)
        let meanP = bins.reduce(0.0) { $0 + p[$1] } / count
        let q = p.map { $0 - meanP }
        let B = basis.count
        var z = [[Double]](repeating: [Double](repeating: 0, count: bins.count), count: B)
        for j in 0..<B {
            let b = basis[j]
            for (i, t) in bins.enumerated() {
                var s = 0.0
                for tau in 0..<lags where b[tau] != 0 { s += b[tau] * q[t - tau] }
                z[j][i] = s
            }
        }
        var a = [Double](repeating: 0, count: B * B), rhs = [Double](repeating: 0, count: B)
        for i in 0..<B {
            for j in i..<B {
                var s = 0.0
                for n in 0..<bins.count { s += z[i][n] * z[j][n] }
                a[i * B + j] = s; a[j * B + i] = s
            }
            var s = 0.0
            for (n, t) in bins.enumerated() { s += z[i][n] * (y[t] - meanY) }
            rhs[i] = s
        }
        guard let w = LeastSquares.solveSPD(a, rhs, ridge: ridge) else { return [Double](repeating: 0, count: lags) }
        return (0..<lags).map { t in (0..<B).reduce(0.0) { $0 + w[$1] * basis[$1][t] } }
    }
}
