import Foundation
import RetinaCNN

/// Data-dependent initialisation of the output batch norm (BN3) so the network starts at the right
/// firing-rate scale.
///
/// Why: the output layer is `softplus(γ₃·n + β₃)` with n batch-normalised, so the rate scale is set
/// by γ₃ and β₃ alone, and Adam moves each parameter by at most about one learning rate per step.
/// Starting from γ₃ = 1, β₃ = 0 (rates ≈ 0.7 Hz) a model needs ~10⁴ steps at lr 1e-3 to reach
/// ganglion-cell rates of tens of Hz — measured: a model trained for 2,500 steps predicted 2 Hz
/// where the ground truth fired at 37 Hz (r = 0.91, FEV < 0). Setting
///
///     β₃ = softplus⁻¹(mean rate),  γ₃ = SD of the rate
///
/// per cell removes that bottleneck. Both are estimated from the Poisson training targets alone
/// (never from the noise-free ground truth): with targets y = counts / Δt, E[y] = E[r] and
/// Var[y] = Var[r] + E[r]/Δt, so Var[r] = Var[y] − E[y]/Δt (floored at 1 % of E[y]²).
public enum OutputScaleInitialisation {
    /// Per-cell mean and noise-corrected SD of the rate, Hz, from spike-count targets in Hz.
    public static func rateStatistics(targetsHz: [Float], cells: Int, binSeconds: Double) -> (mean: [Double], sd: [Double]) {
        let rows = targetsHz.count / cells
        var mean = [Double](repeating: 0, count: cells), sq = [Double](repeating: 0, count: cells)
        for r in 0..<rows {
            for c in 0..<cells {
                let y = Double(targetsHz[r * cells + c]); mean[c] += y; sq[c] += y * y
            }
        }
        var sd = [Double](repeating: 0, count: cells)
        for c in 0..<cells {
            mean[c] /= Double(max(1, rows))
            let variance = sq[c] / Double(max(1, rows)) - mean[c] * mean[c] - mean[c] / binSeconds
            sd[c] = max(variance, 0.01 * mean[c] * mean[c]).squareRoot()
        }
        return (mean, sd)
    }

    /// softplus⁻¹(y) = log(eʸ − 1), exact for small y and ≈ y for large y.
    public static func inverseSoftplus(_ y: Double) -> Double {
        y > 30 ? y + log(-expm1(-y)) : log(expm1(max(y, 1e-6)))
    }

    /// The model with BN3's β (from the mean) and/or γ (from the SD) set; nil leaves it unchanged.
    public static func applied(to model: BNCNN, mean: [Double]?, sd: [Double]?) throws -> BNCNN {
        var p = model.parameters
        if let mean { p.bn3.beta = mean.map { Float(inverseSoftplus($0)) } }
        if let sd { p.bn3.gamma = sd.map { Float(max($0, 1e-3)) } }
        return try BNCNN(architecture: model.architecture, parameters: p, cellCentres: model.cellCentres)
    }
}
