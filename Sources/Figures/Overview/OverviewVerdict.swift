/// The verdict on one analysed phenomenon as the overview figure words it: does the full model show
/// it, does the reduced circuit reproduce it, and how sure we are (ensemble members, causal test).
///
/// Built from counts the report already judged (the phenomenon's one criteria judge); the words are
/// decided here from those counts alone, so the figure cannot call a phenomenon reproduced that the
/// full model does not show: ``reproduction`` is ``Reproduction/notShown`` unless the full model meets
/// every criterion.
public struct OverviewVerdict: Codable, Sendable, Equatable {
    /// Acceptance criteria the full model meets, of ``criteriaTotal``.
    public var criteriaMet: Int
    public var criteriaTotal: Int
    /// Of the criteria the full model meets, how many the reduced circuit meets too.
    public var reducedMet: Int
    /// Ensemble members that alone meet every criterion, of all members; nil for a single model.
    public var members: Count?
    /// The causal test on the full model: silencing the kept groups removes the phenomenon
    /// (necessary) / silencing everything else keeps it (sufficient); nil when not tested or undecided.
    public var necessary: Bool?
    public var sufficient: Bool?

    /// `k` of `n`.
    public struct Count: Codable, Sendable, Equatable {
        public var count: Int
        public var of: Int
        public init(_ count: Int, of: Int) { self.count = count; self.of = of }
    }

    /// Whether the reduced circuit reproduces the phenomenon.
    public enum Reproduction: Codable, Sendable, Equatable {
        /// It meets every criterion the full model meets.
        case yes
        /// It meets `met` of the `of` criteria (0 < met < of).
        case partly(met: Int, of: Int)
        /// It meets none of them.
        case no
        /// The full model does not show the phenomenon (misses a criterion): nothing to reproduce.
        case notShown
    }

    public init(criteriaMet: Int, criteriaTotal: Int, reducedMet: Int, members: Count? = nil,
                necessary: Bool? = nil, sufficient: Bool? = nil) {
        self.criteriaMet = criteriaMet; self.criteriaTotal = criteriaTotal; self.reducedMet = reducedMet
        self.members = members; self.necessary = necessary; self.sufficient = sufficient
    }

    /// The full model meets every criterion (and there is at least one).
    public var fullModelShows: Bool { criteriaTotal > 0 && criteriaMet == criteriaTotal }

    public var reproduction: Reproduction {
        guard fullModelShows else { return .notShown }
        if reducedMet >= criteriaMet { return .yes }
        return reducedMet <= 0 ? .no : .partly(met: reducedMet, of: criteriaMet)
    }

    /// "yes (2 of 2 criteria)", "partly (2 of 3 criteria)", "no (0 of 2 criteria)".
    public var showsText: String {
        let counts = "\(criteriaMet) of \(criteriaTotal) criteri\(criteriaTotal == 1 ? "on" : "a")"
        if fullModelShows { return "yes (\(counts))" }
        return criteriaMet > 0 ? "partly (\(counts))" : "no (\(counts))"
    }

    /// "yes", "partly (1 of 2 criteria)", "no", "— (full model does not show it)".
    public var reproductionText: String {
        switch reproduction {
        case .yes: return "yes"
        case let .partly(m, n): return "partly (\(m) of \(n) criteria)"
        case .no: return "no"
        case .notShown: return "— (full model does not show it)"
        }
    }

    /// "4 of 5", nil for a single model.
    public var membersText: String? { members.map { "\($0.count) of \($0.of)" } }

    /// "necessary no, sufficient yes"; nil when neither was decided.
    public var causalText: String? {
        guard necessary != nil || sufficient != nil else { return nil }
        func word(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "n/a" }
        return "necessary \(word(necessary)), sufficient \(word(sufficient))"
    }
}
