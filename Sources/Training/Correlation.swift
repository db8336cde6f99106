/// Goodness-of-fit measures between a prediction and a reference trace.
public enum FitQuality {
    /// Pearson correlation r = cov(a, b) / (σ_a σ_b), computed in Double. Returns 0 when either
    /// trace is constant (no linear relation can be measured) and for fewer than 2 samples.
    public static func pearson<A: Collection, B: Collection>(_ a: A, _ b: B) -> Double
    where A.Element == Float, B.Element == Float {
        precondition(a.count == b.count, "pearson: traces differ in length")
        let n = Double(a.count)
        guard a.count >= 2 else { return 0 }
        var sa = 0.0, sb = 0.0
        for (x, y) in zip(a, b) { sa += Double(x); sb += Double(y) }
        let ma = sa / n, mb = sb / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            let dx = Double(x) - ma, dy = Double(y) - mb
            sab += dx * dy; saa += dx * dx; sbb += dy * dy
        }
        guard saa > 0, sbb > 0 else { return 0 }
        return sab / (saa * sbb).squareRoot()
    }

    /// Fraction of explained variance FEV = 1 − MSE / Var(reference) (can be negative).
    public static func fractionOfVarianceExplained<A: Collection, B: Collection>(prediction: A, reference: B) -> Double
    where A.Element == Float, B.Element == Float {
        precondition(prediction.count == reference.count)
        let n = Double(reference.count)
        guard reference.count >= 2 else { return 0 }
        let mean = reference.reduce(0.0) { $0 + Double($1) } / n
        var sse = 0.0, sst = 0.0
        for (p, r) in zip(prediction, reference) {
            sse += (Double(p) - Double(r)) * (Double(p) - Double(r))
            sst += (Double(r) - mean) * (Double(r) - mean)
        }
        guard sst > 0 else { return 0 }
        return 1 - sse / sst
    }
}
