/// The one home of the descriptive statistics (phenomenon metrics, channel typing, model reduction,
/// training accuracy). Pure functions on `[Double]`.
///
/// One contract for undefined cases: a statistic that is not defined for its input (an empty array,
/// fewer than two pairs, unequal lengths, a constant trace) is `nil`, never a made-up 0; callers that
/// need a number say which (`?? 0`) at the call site.
public enum Statistics {
    /// Arithmetic mean; nil for an empty array.
    public static func mean(_ x: [Double]) -> Double? {
        x.isEmpty ? nil : x.reduce(0, +) / Double(x.count)
    }

    /// The mean of `values` when every value is present, else nil (a per-condition mean over cells is
    /// defined only when every cell has the value).
    public static func meanIfAll(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.count == values.count ? mean(present) : nil
    }

    /// Population standard deviation `sqrt(Σ(x − x̄)² / n)` (numpy's default, ddof = 0, as used
    /// for "SD across speeds" in docs/ground-truth-retina.md §5.2); nil for an empty array.
    public static func standardDeviation(_ x: [Double]) -> Double? {
        guard let m = mean(x) else { return nil }
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)).squareRoot()
    }

    /// Fractional ranks starting at 1; tied values share the mean of their ranks.
    public static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var r = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, x[order[j + 1]] == x[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { r[order[k]] = rank }
            i = j + 1
        }
        return r
    }

    /// Pearson correlation; nil when fewer than 2 pairs, the lengths differ or a variance is 0.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2, let mx = mean(x), let my = mean(y) else { return nil }
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// `Σ (x_i − x̄)²`; 0 for an empty array.
    public static func sumOfSquaredDeviations(_ x: [Double]) -> Double {
        guard let m = mean(x) else { return 0 }
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    }

    /// Fraction of the variance of `target` explained by `prediction`: `1 − Σ(y − ŷ)² / Σ(y − ȳ)²`
    /// (can be negative); nil when fewer than 2 samples, the lengths differ or `target` is constant.
    public static func fractionOfVarianceExplained(target y: [Double], prediction p: [Double]) -> Double? {
        guard y.count == p.count, y.count >= 2 else { return nil }
        let total = sumOfSquaredDeviations(y)
        guard total > 0 else { return nil }
        var residual = 0.0
        for i in y.indices { residual += (y[i] - p[i]) * (y[i] - p[i]) }
        return 1 - residual / total
    }

    /// Spearman rank correlation ρ = Pearson correlation of the fractional ranks (ties averaged);
    /// nil under the same conditions as ``pearson(_:_:)``.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count else { return nil }
        return pearson(ranks(x), ranks(y))
    }

    /// Ordinary least-squares line `y ≈ slope·x + intercept`.
    public struct LinearFit: Codable, Sendable, Equatable {
        public var slope: Double
        public var intercept: Double
    }

    /// Least-squares fit; nil when fewer than 2 points, the lengths differ or all x are equal.
    /// `slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²`.
    public static func leastSquares(x: [Double], y: [Double]) -> LinearFit? {
        guard x.count == y.count, x.count >= 2, let mx = mean(x), let my = mean(y) else { return nil }
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return LinearFit(slope: slope, intercept: my - slope * mx)
    }
}
