extension ChannelTyping {
    /// The channel types every analysis, the report and the hypothesis checks use: the latency rule of
    /// `settings` (``MechanismAnalysisSettings/fastSlowRule`` within its scope), then — when reference
    /// kernels are given and ``MechanismAnalysisSettings/kernelMatchMinimumCorrelation`` is set — each
    /// channel whose best reference match reaches that Pearson r typed as the matched pathway
    /// (``retypedByKernelMatch(_:minimumCorrelation:referenceTypes:)``). One function, so an analysis
    /// and the report's channel-type table cannot disagree.
    public static func classify<M: LayerOneDifferentiable>(model: M, settings: MechanismAnalysisSettings) throws -> ChannelTypeTable {
        let table = try classify(model: model, references: settings.referenceKernels, rule: settings.fastSlowRule,
                                 scope: settings.fastSlowScope)
        guard !settings.referenceKernels.isEmpty, let r = settings.kernelMatchMinimumCorrelation else { return table }
        return retypedByKernelMatch(table, minimumCorrelation: r)
    }
}
