/// Settings shared by the four phenomenon analyses.
public struct MechanismAnalysisSettings: Codable, Sendable, Equatable {
    /// Cells whose mean rate is explained; nil = all cells. The bar analyses keep only the cells of
    /// one column (RF centre x within 0.5 px of the first chosen cell's), since a vertical bar gives
    /// every cell of a column the same stimulus.
    public var cells: [Int]?
    /// Integrated-gradients settings; the target is replaced by the mean over the explained cells.
    public var integratedGradients: IntegratedGradientsSettings
    /// Model-reduction settings.
    public var reduction: ReductionSettings
    /// SD of the Gaussian applied to OSR and latency traces before their metrics, ms (0 = raw; the
    /// spec judges the CNN's jagged OSR at 20 ms, ground-truth-retina.md §10).
    public var traceSmoothingSigmaMs: Double
    /// Fast/slow rule and scope for the channel types.
    public var fastSlowRule: FastSlowRule
    public var fastSlowScope: FastSlowScope
    /// Reference kernels for the channel types (lag order; see ``ChannelTyping``).
    public var referenceKernels: [String: [Double]]
    /// Relative tolerance of the stimulus-symmetry check.
    public var symmetryTolerance: Float

    public init(cells: [Int]? = nil, integratedGradients: IntegratedGradientsSettings = .init(),
                reduction: ReductionSettings = .init(), traceSmoothingSigmaMs: Double = 0,
                fastSlowRule: FastSlowRule = .twoMeans, fastSlowScope: FastSlowScope = .withinPolarity,
                referenceKernels: [String: [Double]] = [:], symmetryTolerance: Float = 1e-6) {
        self.cells = cells; self.integratedGradients = integratedGradients; self.reduction = reduction
        self.traceSmoothingSigmaMs = traceSmoothingSigmaMs; self.fastSlowRule = fastSlowRule
        self.fastSlowScope = fastSlowScope; self.referenceKernels = referenceKernels
        self.symmetryTolerance = symmetryTolerance
    }
}
