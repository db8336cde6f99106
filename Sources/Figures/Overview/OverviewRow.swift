import Phenomena

/// One row of the overview figure: one phenomenon of the run, analysed or failed.
public struct OverviewRow: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    /// Display name, e.g. "Omitted stimulus response".
    public var title: String
    public var outcome: Outcome

    public enum Outcome: Codable, Sendable, Equatable {
        case analysed(Analysed)
        /// The analysis threw; `message` is the error as the report shows it.
        case failed(message: String)
    }

    /// What the overview shows of a completed analysis.
    public struct Analysed: Codable, Sendable, Equatable {
        /// The headline condition's traces; nil when the result could not give one.
        public var trace: HeadlineTrace?
        /// The kept groups' pathway types, most important first.
        public var kept: [KeptPathway]
        public var verdict: OverviewVerdict

        public init(trace: HeadlineTrace?, kept: [KeptPathway], verdict: OverviewVerdict) {
            self.trace = trace; self.kept = kept; self.verdict = verdict
        }
    }

    public init(phenomenon: Phenomenon, title: String, outcome: Outcome) {
        self.phenomenon = phenomenon; self.title = title; self.outcome = outcome
    }
}
