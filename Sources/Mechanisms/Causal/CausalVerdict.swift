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
/// No fraction (nil, "—" in the report) unless the full model's effect is large enough to divide by
/// (``undefinedReason(full:)``): it meets at least one of the phenomenon's criteria, and its effect
/// `d = S_full − S₀` is positive (every strength grows with the phenomenon, so a negative difference
/// is the opposite effect, e.g. a gain that rises with contrast) and at least
/// `max(minimumFullEffect, minimumRelativeEffect · max(|S_full|, |S₀|))`. The relative floor keeps
/// ratios of small effects out: a gain ratio of 1.01 against `S₀ = 1` would turn every intervention's
/// noise into hundreds of percent. For strengths with `S₀ = 0` the relative floor is `|S_full|`
/// times the fraction and so always met; there the criteria decide. Also nil when the intervention
/// was not run. The same rule serves the CNN (``CausalTests``) and the simulated retina
/// (``RetinaAnswerKey``).
public struct CausalVerdictRule: Codable, Sendable, Equatable {
    public var necessityMaximumRetained: Double
    public var sufficiencyMinimumRetained: Double
    public var controlMargin: Double
    /// Absolute floor of the full effect `S_full − S₀` (strength units).
    public var minimumFullEffect: Double
    /// Relative floor of the full effect, as a fraction of `max(|S_full|, |S₀|)` (default 0.1).
    public var minimumRelativeEffect: Double
    public var minimumResponseFraction: Double

    public init(necessityMaximumRetained: Double = 0.5, sufficiencyMinimumRetained: Double = 0.5, controlMargin: Double = 0.25,
                minimumFullEffect: Double = 1e-9, minimumRelativeEffect: Double = 0.1, minimumResponseFraction: Double = 0.1) {
        self.necessityMaximumRetained = necessityMaximumRetained; self.sufficiencyMinimumRetained = sufficiencyMinimumRetained
        self.controlMargin = controlMargin; self.minimumFullEffect = minimumFullEffect
        self.minimumRelativeEffect = minimumRelativeEffect; self.minimumResponseFraction = minimumResponseFraction
    }

    private enum CodingKeys: String, CodingKey {
        case necessityMaximumRetained, sufficiencyMinimumRetained, controlMargin, minimumFullEffect, minimumRelativeEffect,
             minimumResponseFraction
    }

    /// Decodes a rule; `minimumRelativeEffect` may be absent (runs written before it existed) and reads as 0,
    /// the rule those runs were judged by.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(necessityMaximumRetained: try c.decode(Double.self, forKey: .necessityMaximumRetained),
                  sufficiencyMinimumRetained: try c.decode(Double.self, forKey: .sufficiencyMinimumRetained),
                  controlMargin: try c.decode(Double.self, forKey: .controlMargin),
                  minimumFullEffect: try c.decode(Double.self, forKey: .minimumFullEffect),
                  minimumRelativeEffect: try c.decodeIfPresent(Double.self, forKey: .minimumRelativeEffect) ?? 0,
                  minimumResponseFraction: try c.decode(Double.self, forKey: .minimumResponseFraction))
    }

    /// Why `full` has no effect a fraction can be taken of, as a clause for a report ("the full model
    /// meets none of the phenomenon's criteria", "the full model's gain ratio (0.81) is below the
    /// no-phenomenon value 1: the opposite effect", "the full model's effect (gain ratio 1.01 − 1 =
    /// 0.01) is below 10 % of 1.01, too small to divide by"); nil when ``retained(_:full:)`` is defined.
    /// `subject`: who `full` is ("the full model", "the intact retina").
    public func undefinedReason(full: PhenomenonReadout, subject: String = "the full model") -> String? {
        if !full.criteria.isEmpty && full.criteriaPassed == 0 { return "\(subject) meets none of the phenomenon's criteria" }
        let s = full.effectiveStrength, s0 = full.nullStrength
        let d = s - s0
        let value = "\(subject)'s \(full.strengthName) (\(NumberText.significant(s)))"
        if d < 0 { return value + " is on the far side of the no-phenomenon value \(NumberText.significant(s0)): the opposite effect" }
        if !(d > 0) || d < minimumFullEffect { return value + " does not differ from the no-phenomenon value \(NumberText.significant(s0))" }
        let scale = max(abs(s), abs(s0))
        if d < minimumRelativeEffect * scale {
            return "\(subject)'s effect (\(full.strengthName) \(NumberText.significant(s)) − \(NumberText.significant(s0)) = "
                + "\(NumberText.significant(d))) is below \(NumberText.percent(minimumRelativeEffect, decimals: 0)) % of "
                + "\(NumberText.significant(scale)), too small to divide by"
        }
        return nil
    }

    /// `f` of `readout` relative to `full`; nil when the full effect is too small (``undefinedReason(full:)``).
    public func retained(_ readout: PhenomenonReadout, full: PhenomenonReadout) -> Double? {
        guard undefinedReason(full: full) == nil else { return nil }
        let d = full.effectiveStrength - full.nullStrength
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
            return "No causal verdict: the full model has no effect a fraction can be taken of (no criterion met, no effect in the "
                + "phenomenon's direction, or one below \(NumberText.percent(rule.minimumRelativeEffect, decimals: 0)) % of its strength), "
                + "so there is nothing to lose."
        }
        var t = "The kept groups are \(n ? "necessary" : "not necessary") (\(pct(retainedWithoutKept)) of the phenomenon left without them)"
        t += " and \(s ? "sufficient" : "not sufficient") (\(pct(retainedWithOnlyKept)) with only them)"
        if let m = moreThanControl {
            t += m ? ", more than a matched control (\(pct(retainedUnderControl)) left)" : ", not more than a matched control (\(pct(retainedUnderControl)) left)"
        }
        return t + "."
    }
}
