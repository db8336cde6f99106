/// Small Double statistics used by channel typing and model reduction.
enum MechanismStatistics {
    /// Arithmetic mean; 0 for an empty array.
    static func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }

    /// `Σ (x_i − mean)²`.
    static func sumOfSquaredDeviations(_ x: [Double]) -> Double {
        let m = mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    }

    /// Pearson correlation of two equally long arrays; 0 when either is constant (undefined).
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "pearson needs equal lengths")
        let (mx, my) = (mean(x), mean(y))
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let (dx, dy) = (x[i] - mx, y[i] - my)
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    /// Fraction of variance of `target` explained by `prediction`: `1 − Σ(y − ŷ)² / Σ(y − ȳ)²`
    /// (can be negative); 1 if both are identical, 0 if `target` is constant and they differ.
    static func fractionOfVarianceExplained(target y: [Double], prediction p: [Double]) -> Double {
        precondition(y.count == p.count, "FVE needs equal lengths")
        var residual = 0.0
        for i in y.indices { residual += (y[i] - p[i]) * (y[i] - p[i]) }
        let total = sumOfSquaredDeviations(y)
        if total == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / total
    }
}
