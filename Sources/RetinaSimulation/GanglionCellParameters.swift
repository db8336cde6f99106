/// The per-cell readout of one ganglion cell (docs/ground-truth-retina.md §2, §3):
///
///     u_j = Σ_xy W_j · ( w_off·B_off + w_E,j·E_on − a_g,j·A )
///     v_j = u_j / ( 1 + κ_j · ( k(1, τ_g,j) *t [u_j]+ ) )
///     r_j = R_max · softplus( β·(v_j/g_ref,j − θ_out) ) / β
///
/// `W_j` is a normalised, untruncated Gaussian of SD `σ_c` over the screen, centred on the cell.
public struct GanglionCellParameters: Codable, Sendable, Equatable {
    /// Receptive-field centre row `y`, in pixels (pixel centres at 0…height−1).
    public var centreYPixels: Double
    /// Receptive-field centre column `x`, in pixels.
    public var centreXPixels: Double
    /// `w_E`, gated ON terminal → ganglion weight.
    public var onTerminalWeight: Double
    /// `a_g`, amacrine → ganglion inhibition.
    public var amacrineWeight: Double
    /// `σ_c`, pooling Gaussian SD, in pixels.
    public var poolingSigmaPixels: Double
    /// `κ`, divisive gain-control strength.
    public var gainControlStrength: Double
    /// `τ_g` of the gain-control kernel `k(1, τ_g)`, in milliseconds.
    public var gainControlTauMilliseconds: Double
    /// `g_ref`, output calibration constant (largest drive `v` of the two reference stimuli).
    public var referenceDrive: Double

    public init(centreYPixels: Double, centreXPixels: Double, onTerminalWeight: Double,
                amacrineWeight: Double, poolingSigmaPixels: Double, gainControlStrength: Double,
                gainControlTauMilliseconds: Double, referenceDrive: Double) {
        self.centreYPixels = centreYPixels; self.centreXPixels = centreXPixels
        self.onTerminalWeight = onTerminalWeight; self.amacrineWeight = amacrineWeight
        self.poolingSigmaPixels = poolingSigmaPixels; self.gainControlStrength = gainControlStrength
        self.gainControlTauMilliseconds = gainControlTauMilliseconds; self.referenceDrive = referenceDrive
    }

    /// The same cell moved to a new receptive-field centre (e.g. to tile a strip for population tests).
    /// `g_ref` is kept: it does not depend on the position as long as the RF is away from the screen edge.
    public func moved(toYPixels y: Double, xPixels x: Double) -> GanglionCellParameters {
        var c = self; c.centreYPixels = y; c.centreXPixels = x; return c
    }

    /// The reference cell 0 of docs/ground-truth-retina.md §3.2, at (19, 22) px, g_ref = 0.11015.
    public static let reference = salamanderPopulation[0]

    /// The exact 8-cell population of docs/ground-truth-retina.md §3.2 (drawn once by the prototype with seed 0 and
    /// calibrated; used as data, not re-drawn).
    public static let salamanderPopulation: [GanglionCellParameters] = [
        // (y, x), w_E, a_g, σ_c, κ, τ_g ms, g_ref
        row(19, 22, 1.00000, 1.75000, 3.00000, 17.0000, 52.000, 0.11015),
        row(23, 22, 1.10413, 1.79537, 3.16987, 17.1789, 57.723, 0.11193),
        row(27, 22, 1.07875, 1.55313, 3.26869, 15.1997, 54.947, 0.11484),
        row(31, 22, 0.92511, 1.90938, 3.03000, 16.2022, 51.044, 0.10889),
        row(19, 28, 0.89297, 1.59910, 3.12540, 17.6113, 53.460, 0.11174),
        row(23, 28, 0.97247, 1.97180, 3.36697, 17.7741, 53.912, 0.10823),
        row(27, 28, 1.04627, 1.70396, 2.74845, 17.9281, 52.317, 0.10994),
        row(31, 28, 0.95548, 1.74406, 3.29396, 18.8664, 50.255, 0.10773),
    ]

    private static func row(_ y: Double, _ x: Double, _ wE: Double, _ aG: Double, _ sigma: Double,
                            _ kappa: Double, _ tau: Double, _ gRef: Double) -> GanglionCellParameters {
        GanglionCellParameters(centreYPixels: y, centreXPixels: x, onTerminalWeight: wE, amacrineWeight: aG,
                               poolingSigmaPixels: sigma, gainControlStrength: kappa,
                               gainControlTauMilliseconds: tau, referenceDrive: gRef)
    }

    /// Checks the values the simulator relies on.
    public func validate(index: Int) throws {
        func check(_ ok: Bool, _ name: String, _ expected: String, _ found: Double) throws {
            if !ok {
                throw SimulationError.invalidParameter(name: "cells[\(index)].\(name)", expected: expected, found: "\(found)")
            }
        }
        try check(poolingSigmaPixels > 0, "poolingSigmaPixels", "> 0", poolingSigmaPixels)
        try check(gainControlTauMilliseconds > 0, "gainControlTauMilliseconds", "> 0", gainControlTauMilliseconds)
        try check(gainControlStrength >= 0, "gainControlStrength", "≥ 0", gainControlStrength)
        try check(referenceDrive > 0 && referenceDrive.isFinite, "referenceDrive", "> 0", referenceDrive)
        try check(centreYPixels.isFinite && centreXPixels.isFinite, "centre", "finite", centreYPixels + centreXPixels)
    }
}
