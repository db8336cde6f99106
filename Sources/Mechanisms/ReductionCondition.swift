/// One stimulus condition of a phenomenon (e.g. one flash period), as model reduction sees it.
///
/// A condition with attributions is *explained*: it takes part in the ranking. A condition without
/// (e.g. a no-reversal control or a flashed bar) only takes part in the fit and the comparison.
public struct ReductionCondition: Sendable {
    /// Human-readable label ("period 50 ms").
    public var label: String
    /// Pooled layer-1 attributions of the target, when the condition was explained.
    public var attribution: PooledAttribution?
    /// Pooled layer-1 preactivations of the same windows (the reduced model's hidden inputs).
    public var hidden: PooledLayer1Response
    /// The full model's target response per window, Hz.
    public var fullResponseHz: [Float]
    /// The target at the gray screen, Hz.
    public var baselineRateHz: Float
    /// Windows over which importance is summed; nil = all windows. The fit always uses all windows.
    public var responseWindow: Range<Int>?

    /// An explained condition; the full response and baseline come from the attribution.
    /// Throws when the attribution and hidden arrays disagree in symmetry or shape, or the window is out of range.
    public init(label: String, attribution: PooledAttribution, hidden: PooledLayer1Response, responseWindow: Range<Int>? = nil) throws {
        guard attribution.symmetry == hidden.symmetry, attribution.windows == hidden.windows,
              attribution.channels == hidden.channels, attribution.columns == hidden.columns else {
            throw MechanismsError.shapeMismatch(
                parameter: "condition \(label)",
                expected: "attribution and hidden of one shape (\(attribution.symmetry) \(attribution.windows)x\(attribution.channels)x\(attribution.columns))",
                found: "\(hidden.symmetry) \(hidden.windows)x\(hidden.channels)x\(hidden.columns)")
        }
        if let r = responseWindow, r.lowerBound < 0 || r.upperBound > attribution.windows || r.isEmpty {
            throw MechanismsError.invalidSetting(name: "responseWindow of \(label)", expected: "non-empty within 0..<\(attribution.windows)",
                                                 found: "\(r)")
        }
        self.label = label; self.attribution = attribution; self.hidden = hidden; self.responseWindow = responseWindow
        self.fullResponseHz = attribution.targetRatesHz; self.baselineRateHz = attribution.baselineRateHz
    }

    /// A fit-only condition. Throws when the response length differs from the hidden windows.
    public init(label: String, hidden: PooledLayer1Response, fullResponseHz: [Float], baselineRateHz: Float) throws {
        guard fullResponseHz.count == hidden.windows else {
            throw MechanismsError.shapeMismatch(parameter: "fullResponseHz of \(label)", expected: "\(hidden.windows) values",
                                                found: "\(fullResponseHz.count)")
        }
        self.label = label; self.attribution = nil; self.hidden = hidden; self.responseWindow = nil
        self.fullResponseHz = fullResponseHz; self.baselineRateHz = baselineRateHz
    }

    /// The response window, defaulting to all windows.
    public var window: Range<Int> { responseWindow ?? 0..<hidden.windows }
}
