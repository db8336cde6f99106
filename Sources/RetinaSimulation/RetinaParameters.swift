/// Parameters of the layers shared by all ganglion cells of the simulated retina
/// (docs/ground-truth-retina.md §2 equations, §3 values).
///
///     s_b   = G_σb ∗ s
///     B_off = [ −(f_off *t s_b) − θ_off ]+ ,  B_onf = [ f_onf *t s_b − θ_on ]+ ,  B_ons = [ f_ons *t s_b − θ_on ]+
///     A     = k(n_A, τ_A) *t ( G_σA ∗ [B_off − θ_A]+ )
///     E_on  = [ w_onf·B_onf + w_ons·B_ons − a_on·A ]+
///     r     = R_max · softplus(β·(v/g_ref − θ_out)) / β
///
/// `w_off` (OFF bipolar → ganglion) is shared by all cells and lives here; the per-cell readout is
/// ``GanglionCellParameters``.
public struct RetinaParameters: Codable, Sendable, Equatable {
    /// `f_off = (n, τ, b)`, applied to −s (OFF fast).
    public var offKernel: BiphasicKernelParameters
    /// `f_onf` (ON fast).
    public var onFastKernel: BiphasicKernelParameters
    /// `f_ons` (ON slow).
    public var onSlowKernel: BiphasicKernelParameters
    /// `σ_b`, bipolar subunit Gaussian SD, in pixels.
    public var bipolarSigmaPixels: Double
    /// `θ_off`, OFF bipolar threshold (contrast units).
    public var offThreshold: Double
    /// `θ_on`, ON bipolar threshold (both ON channels).
    public var onThreshold: Double
    /// `(n_A, τ_A)`, amacrine temporal kernel.
    public var amacrineKernel: GammaKernelParameters
    /// `σ_A`, amacrine spatial pooling SD, in pixels.
    public var amacrineSigmaPixels: Double
    /// `θ_A`, amacrine threshold on the OFF bipolar output (applied before pooling).
    public var amacrineThreshold: Double
    /// `w_onf`, ON-fast weight at the gated ON terminal.
    public var onFastWeight: Double
    /// `w_ons`, ON-slow weight at the gated ON terminal.
    public var onSlowWeight: Double
    /// `a_on`, amacrine → ON terminal inhibition (gating inside the rectifier).
    public var amacrineOnGating: Double
    /// `w_off`, OFF bipolar → ganglion weight.
    public var offToGanglionWeight: Double
    /// `R_max`, output scale in Hz.
    public var maximumRateHz: Double
    /// `β`, softplus sharpness (10).
    public var softplusBeta: Double
    /// `θ_out`, output threshold on the calibrated drive `v/g_ref`.
    public var outputThreshold: Double
    /// `gcb`, the prototype's optional local divisive gain control on the OFF bipolars. Its equation is
    /// not documented (docs/ground-truth-retina.md §2.9) and the final model has it off, so only 0 is accepted (see ``validate()``).
    public var bipolarGainControl: Double
    /// Taps of every temporal kernel (60 = 0…590 ms).
    public var kernelTaps: Int

    public init(offKernel: BiphasicKernelParameters, onFastKernel: BiphasicKernelParameters,
                onSlowKernel: BiphasicKernelParameters, bipolarSigmaPixels: Double,
                offThreshold: Double, onThreshold: Double, amacrineKernel: GammaKernelParameters,
                amacrineSigmaPixels: Double, amacrineThreshold: Double, onFastWeight: Double,
                onSlowWeight: Double, amacrineOnGating: Double, offToGanglionWeight: Double,
                maximumRateHz: Double, softplusBeta: Double, outputThreshold: Double,
                bipolarGainControl: Double = 0, kernelTaps: Int = TemporalKernel.defaultTaps) {
        self.offKernel = offKernel; self.onFastKernel = onFastKernel; self.onSlowKernel = onSlowKernel
        self.bipolarSigmaPixels = bipolarSigmaPixels; self.offThreshold = offThreshold
        self.onThreshold = onThreshold; self.amacrineKernel = amacrineKernel
        self.amacrineSigmaPixels = amacrineSigmaPixels; self.amacrineThreshold = amacrineThreshold
        self.onFastWeight = onFastWeight; self.onSlowWeight = onSlowWeight
        self.amacrineOnGating = amacrineOnGating; self.offToGanglionWeight = offToGanglionWeight
        self.maximumRateHz = maximumRateHz; self.softplusBeta = softplusBeta
        self.outputThreshold = outputThreshold; self.bipolarGainControl = bipolarGainControl
        self.kernelTaps = kernelTaps
    }

    /// The final salamander-like model of docs/ground-truth-retina.md §3.
    public static let salamander = RetinaParameters(
        offKernel: BiphasicKernelParameters(order: 6, tauMilliseconds: 15, undershoot: 1.12),
        onFastKernel: BiphasicKernelParameters(order: 2, tauMilliseconds: 21.5, undershoot: 0.97),
        onSlowKernel: BiphasicKernelParameters(order: 5, tauMilliseconds: 25, undershoot: 1.03),
        bipolarSigmaPixels: 1.0,
        offThreshold: 0, onThreshold: 0.016,
        amacrineKernel: GammaKernelParameters(order: 1, tauMilliseconds: 28),
        amacrineSigmaPixels: 8.0, amacrineThreshold: 0.0315,
        onFastWeight: 0.35, onSlowWeight: 0.85, amacrineOnGating: 9.0,
        offToGanglionWeight: 1.0,
        maximumRateHz: 150, softplusBeta: 10, outputThreshold: 0.1)

    /// Checks the values the simulator relies on; throws ``SimulationError/invalidParameter(name:expected:found:)``.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ expected: String, _ found: Any) throws {
            if !ok { throw SimulationError.invalidParameter(name: name, expected: expected, found: "\(found)") }
        }
        for (name, k) in [("offKernel", offKernel), ("onFastKernel", onFastKernel), ("onSlowKernel", onSlowKernel)] {
            try check(k.tauMilliseconds > 0 && k.tauMilliseconds.isFinite, "\(name).tauMilliseconds", "> 0", k.tauMilliseconds)
            try check(k.order > 0, "\(name).order", "> 0 (strictly causal kernel)", k.order)
        }
        try check(amacrineKernel.tauMilliseconds > 0, "amacrineKernel.tauMilliseconds", "> 0", amacrineKernel.tauMilliseconds)
        try check(amacrineKernel.order > 0, "amacrineKernel.order", "> 0 (strictly causal kernel)", amacrineKernel.order)
        try check(bipolarSigmaPixels >= 0, "bipolarSigmaPixels", "≥ 0", bipolarSigmaPixels)
        try check(amacrineSigmaPixels >= 0, "amacrineSigmaPixels", "≥ 0", amacrineSigmaPixels)
        try check(softplusBeta > 0, "softplusBeta", "> 0", softplusBeta)
        try check(kernelTaps >= 2, "kernelTaps", "≥ 2", kernelTaps)
        try check(bipolarGainControl == 0, "bipolarGainControl",
                  "0 (the OFF-bipolar gain control is not implemented, docs/ground-truth-retina.md §2.9)", bipolarGainControl)
    }
}
