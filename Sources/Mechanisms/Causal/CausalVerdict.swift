import RetinaCore
/// The thresholds of the causal verdict, on the *retained fraction* of the phenomenon
/// `f = (S − S₀) / (S_full − S₀)` (``PhenomenonReadout``: `S` the strength under an intervention,
/// `S₀` its "no phenomenon" value; 1 = as in the full model, 0 = gone, < 0 = reversed):
///
/// - **necessary**: silencing all kept groups leaves `f ≤ necessityMaximumRetained`;
/// - **sufficient**: silencing everything except them leaves `f ≥ sufficiencyMinimumRetained`;
/// - **more than control**: `f(control) − f(all kept) ≥ controlMargin`, i.e. the kept groups remove
///   more of the phenomenon than as many other groups.
///
/// An intervention whose response above baseline (``PhenomenonReadout/responseHz``) falls below
/// `minimumResponseFraction` of the full model's has lost the phenomenon (`S = S₀`, f = 0): its
/// metric would be read off a response that is no longer there.
///
/// No verdict (nil) when the full model has no phenomenon to lose: its strength is not beyond the
/// "no phenomenon" value in the phenomenon's direction (`S_full − S₀ < minimumFullEffect`; every
/// strength grows with the phenomenon, so a negative difference is the opposite effect, e.g. a gain
/// that rises with contrast), or it meets none of the phenomenon's criteria
/// (``CausalTests``); also nil when the intervention was not run.
public struct CausalVerdictRule: Codable, Sendable, Equatable {
    public var necessityMaximumRetained: Double
    public var sufficiencyMinimumRetained: Double
    public var controlMargin: Double
    public var minimumFullEffect: Double
    public var minimumResponseFraction: Double

    public init(necessityMaximumRetained: Double = 0.5, sufficiencyMinimumRetained: Double = 0.5, controlMargin: Double = 0.25,
                minimumFullEffect: Double = 1e-9, minimumResponseFraction: Double = 0.1) {
        self.necessityMaximumRetained = necessityMaximumRetained; self.sufficiencyMinimumRetained = sufficiencyMinimumRetained
        self.controlMargin = controlMargin; self.minimumFullEffect = minimumFullEffect
        self.minimumResponseFraction = minimumResponseFraction
    }

    /// `f` of `readout` relative to `full` (nil when the full model has no effect).
    public func retained(_ readout: PhenomenonReadout, full: PhenomenonReadout) -> Double? {
        let d = full.effectiveStrength - full.nullStrength
        guard d >= minimumFullEffect else { return nil }
        if let r = readout.responseHz, let f = full.responseHz, f > 0, r < minimumResponseFraction * f { return 0 }
        return (readout.effectiveStrength - full.nullStrength) / d
    }
}

/// Necessity, sufficiency and the control comparison, with the numbers behind each word.
public struct CausalVerdict: Codable, Sendable, Equatable {
    public var rule: CausalVerdictRule
    /// Retained fraction with all kept groups silenced, with all but them silenced, and under the control.
    public var retainedWithoutKept: Double?
    public var retainedWithOnlyKept: Double?
    public var retainedUnderControl: Double?
    public var necessary: Bool?
    public var sufficient: Bool?
    public var moreThanControl: Bool?

    public init(rule: CausalVerdictRule, retainedWithoutKept: Double?, retainedWithOnlyKept: Double?, retainedUnderControl: Double?) {
        self.rule = rule
        self.retainedWithoutKept = retainedWithoutKept; self.retainedWithOnlyKept = retainedWithOnlyKept
        self.retainedUnderControl = retainedUnderControl
        necessary = retainedWithoutKept.map { $0 <= rule.necessityMaximumRetained }
        sufficient = retainedWithOnlyKept.map { $0 >= rule.sufficiencyMinimumRetained }
        if let k = retainedWithoutKept, let c = retainedUnderControl { moreThanControl = c - k >= rule.controlMargin }
    }

    /// One sentence, e.g. "The kept groups are necessary (12 % of the phenomenon left without them)
    /// and sufficient (87 % with only them), more than a matched control (93 % left)."
    public var text: String {
        func pct(_ x: Double?) -> String { x.map { "\(NumberText.percent($0, decimals: 0)) %" } ?? "n/a" }
        guard let n = necessary, let s = sufficient else {
            return "No causal verdict: the full model does not show the phenomenon (no criterion met, or no effect in its direction), so there is nothing to lose."
        }
        var t = "The kept groups are \(n ? "necessary" : "not necessary") (\(pct(retainedWithoutKept)) of the phenomenon left without them)"
        t += " and \(s ? "sufficient" : "not sufficient") (\(pct(retainedWithOnlyKept)) with only them)"
        if let m = moreThanControl {
            t += m ? ", more than a matched control (\(pct(retainedUnderControl)) left)" : ", not more than a matched control (\(pct(retainedUnderControl)) left)"
        }
        return t + "."
    }
}
