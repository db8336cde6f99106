import Figures
import Phenomena

/// What one run concluded and measured for one phenomenon, read back from its data files
/// (`data/<phenomenon>/metrics.json`, `causal_tests.csv`, `hypotheses.csv`, `robustness.csv`) —
/// never recomputed. The comparison puts two of these side by side.
///
/// Invariants: ``conclusions`` and ``criteria`` are in the run report's order; texts use the
/// run report's own words ("yes (2 of 2)", "2 × OFF fast, OFF slow"), so equal texts mean equal
/// conclusions.
public struct PhenomenonSnapshot: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    public var title: String
    /// Headline conclusions: full-model criteria met, reproduced, needs ÷, kept pathways, answer
    /// key, necessity / sufficiency, members showing it, one per hypothesis.
    public var conclusions: [Conclusion]
    /// The full model against each acceptance criterion, with the members' values when the run had an ensemble.
    public var criteria: [CriterionOutcome]
    /// The phenomenon's metric rows for the full model, the reduced circuit and the ground truth.
    public var metrics: [MetricValue]
    /// The headline curves of the full model and the reduced circuit.
    public var fullCurves: [HeadlineCurve]
    public var reducedCurves: [HeadlineCurve]
    /// The model's history window, frames (the length of its first-layer temporal filters).
    public var historyFrames: Int?

    /// One named conclusion in words.
    public struct Conclusion: Codable, Sendable, Equatable {
        /// "Full model shows", "Reproduced", …, "Hypothesis: <name>".
        public var name: String
        public var text: String
    }

    /// The full model's value of one criterion and whether it meets it.
    public struct CriterionOutcome: Codable, Sendable, Equatable {
        public var name: String
        public var unit: String
        /// "0.8 … 1.2", "≥ 2 ×".
        public var threshold: String
        public var measured: Double?
        public var passed: Bool
        /// The ensemble members' values of the criterion (nil without members).
        public var members: MemberSpread?
    }

    /// One metric row value of one model.
    public struct MetricValue: Codable, Sendable, Equatable {
        public var name: String
        public var unit: String
        /// "full", "reduced" or "ground truth".
        public var model: String
        public var value: Double?
    }
}

/// The spread of one criterion's value over an ensemble's members (finite values only).
/// Invariant: `count ≥ 1`; `standardDeviation` is the sample SD (n − 1), nil for one member.
public struct MemberSpread: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var standardDeviation: Double?
    public var minimum: Double
    public var maximum: Double

    /// Nil when no value is finite.
    public init?(_ values: [Double]) {
        let v = values.filter(\.isFinite)
        guard !v.isEmpty else { return nil }
        count = v.count
        mean = v.reduce(0, +) / Double(v.count)
        let m = mean
        standardDeviation = v.count > 1 ? (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot() : nil
        minimum = v.min()!; maximum = v.max()!
    }
}
