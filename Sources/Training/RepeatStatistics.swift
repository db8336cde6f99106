import RetinaCore
/// Noise ceiling and explainable variance from trial repeats of one cell.
///
/// With repeats R_k(t), k = 1…n, mean m(t) and per-bin trial variance v(t) (unbiased, over k):
/// - reliability of m: r_half = Pearson(mean of even trials, mean of odd trials), Spearman–Brown
///   corrected to the full set: ρ = 2·r_half / (1 + r_half);
/// - noise ceiling of the correlation with m: √ρ, the r a noise-free perfect prediction would reach
///   (a model's r with m can exceed ρ itself, never √ρ beyond sampling error);
/// - noise variance of the mean: σ²ₙ = mean_t v(t) / n;
/// - fraction of explainable variance explained (FEVE, Cadena et al. 2019):
///   1 − (MSE(prediction, m) − σ²ₙ) / (Var_t(m) − σ²ₙ). 1 = as good as the repeats allow; can be
///   negative. nil when the explainable variance is not positive.
public enum RepeatStatistics {
    /// √(Spearman–Brown corrected split-half reliability) of `trials[k][t]`; 0 when the halves do
    /// not correlate positively.
    public static func noiseCeiling(_ trials: [[Float]]) -> Double? {
        reliability(trials).map { max(0, $0).squareRoot() }
    }

    /// Spearman–Brown corrected split-half reliability ρ of the trial mean.
    public static func reliability(_ trials: [[Float]]) -> Double? {
        guard trials.count >= 2, let t = trials.first?.count, t >= 2 else { return nil }
        func mean(_ ks: [Int]) -> [Float] { (0..<t).map { i in ks.reduce(Float(0)) { $0 + trials[$1][i] } / Float(ks.count) } }
        let even = mean(Array(stride(from: 0, to: trials.count, by: 2))), odd = mean(Array(stride(from: 1, to: trials.count, by: 2)))
        guard let r = Statistics.pearson(even.map(Double.init), odd.map(Double.init)) else { return nil }
        return 2 * r / (1 + r)
    }

    public static func fractionOfExplainableVarianceExplained(prediction: [Float], trials: [[Float]]) -> Double? {
        let n = trials.count, t = prediction.count
        guard n >= 2, t >= 2, trials.allSatisfy({ $0.count == t }) else { return nil }
        var m = [Double](repeating: 0, count: t), v = [Double](repeating: 0, count: t)
        for i in 0..<t {
            let xs = trials.map { Double($0[i]) }
            let mu = xs.reduce(0, +) / Double(n)
            m[i] = mu; v[i] = xs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(n - 1)
        }
        let noise = v.reduce(0, +) / Double(t) / Double(n)
        let grand = m.reduce(0, +) / Double(t)
        let total = m.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / Double(t)
        let mse = zip(prediction, m).reduce(0.0) { $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1) } / Double(t)
        guard total - noise > 0 else { return nil }
        return 1 - (mse - noise) / (total - noise)
    }
}
