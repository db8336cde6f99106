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
    /// Windows over which importance is summed; nil = ``attributionRows``. The fit always uses all windows.
    public var responseWindow: Range<Int>?
    /// Windows (rows of ``hidden`` and ``fullResponseHz``) that ``attribution`` covers: attribution
    /// window `i` is condition row `attributionRows.lowerBound + i`. All windows unless the condition
    /// was explained only around its response; empty for a fit-only condition.
    public var attributionRows: Range<Int>

    /// An explained condition; the full response and baseline come from the attribution.
    /// Throws when the attribution and hidden arrays disagree in symmetry or shape, or the window is out of range.
    public init(label: String, attribution: PooledAttribution, hidden: PooledLayer1Response, responseWindow: Range<Int>? = nil) throws {
        guard attribution.windows == hidden.windows else {
            throw MechanismsError.shapeMismatch(parameter: "condition \(label)", expected: "attribution and hidden of \(hidden.windows) windows",
                                                found: "\(attribution.windows) attribution windows")
        }
        try self.init(label: label, attribution: attribution, hidden: hidden, fullResponseHz: attribution.targetRatesHz,
                      attributionRows: 0..<attribution.windows, responseWindow: responseWindow)
    }

    /// A condition explained on `attributionRows` only (e.g. a response window of a long movie): the
    /// attribution covers those rows, `hidden` and `fullResponseHz` cover every row and all rows take
    /// part in the fit; importance is summed over `responseWindow` (condition rows, inside
    /// `attributionRows`; nil = all of `attributionRows`).
    /// Throws when shapes disagree or a range is out of bounds.
    public init(label: String, attribution: PooledAttribution, hidden: PooledLayer1Response, fullResponseHz: [Float],
                attributionRows: Range<Int>, responseWindow: Range<Int>? = nil) throws {
        guard attribution.symmetry == hidden.symmetry, attribution.windows == attributionRows.count,
              attribution.channels == hidden.channels, attribution.columns == hidden.columns else {
            throw MechanismsError.shapeMismatch(
                parameter: "condition \(label)",
                expected: "attribution and hidden of one layout, the attribution over \(attributionRows.count) rows "
                    + "(\(attribution.symmetry) \(attribution.windows)x\(attribution.channels)x\(attribution.columns))",
                found: "\(hidden.symmetry) \(attributionRows.count)x\(hidden.channels)x\(hidden.columns)")
        }
        guard attributionRows.lowerBound >= 0, attributionRows.upperBound <= hidden.windows, !attributionRows.isEmpty else {
            throw MechanismsError.invalidSetting(name: "attributionRows of \(label)", expected: "non-empty within 0..<\(hidden.windows)",
                                                 found: "\(attributionRows)")
        }
        guard fullResponseHz.count == hidden.windows else {
            throw MechanismsError.shapeMismatch(parameter: "fullResponseHz of \(label)", expected: "\(hidden.windows) values",
                                                found: "\(fullResponseHz.count)")
        }
        if let r = responseWindow, r.lowerBound < attributionRows.lowerBound || r.upperBound > attributionRows.upperBound || r.isEmpty {
            throw MechanismsError.invalidSetting(name: "responseWindow of \(label)", expected: "non-empty within \(attributionRows)",
                                                 found: "\(r)")
        }
        self.label = label; self.attribution = attribution; self.hidden = hidden; self.responseWindow = responseWindow
        self.attributionRows = attributionRows
        self.fullResponseHz = fullResponseHz; self.baselineRateHz = attribution.baselineRateHz
    }

    /// A fit-only condition. Throws when the response length differs from the hidden windows.
    public init(label: String, hidden: PooledLayer1Response, fullResponseHz: [Float], baselineRateHz: Float) throws {
        guard fullResponseHz.count == hidden.windows else {
            throw MechanismsError.shapeMismatch(parameter: "fullResponseHz of \(label)", expected: "\(hidden.windows) values",
                                                found: "\(fullResponseHz.count)")
        }
        self.label = label; self.attribution = nil; self.hidden = hidden; self.responseWindow = nil
        self.attributionRows = 0..<0
        self.fullResponseHz = fullResponseHz; self.baselineRateHz = baselineRateHz
    }

    /// The rows importance is summed over: the response window, else ``attributionRows`` (all
    /// windows for a fully explained condition), else all windows.
    public var window: Range<Int> { responseWindow ?? (attribution == nil ? 0..<hidden.windows : attributionRows) }
}
