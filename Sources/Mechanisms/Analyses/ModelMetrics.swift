/// One phenomenon metric on every model an analysis compares: the full CNN, the reduced circuit,
/// the ground truth (when compared) and the division ablation (when the circuit divides).
struct ModelMetrics<Metric> {
    var full: Metric
    var reduced: Metric
    var groundTruth: Metric?
    var subtractive: Metric?

    /// A metric-table row reading `value` from each model's metric.
    func row(_ name: String, _ unit: String, _ value: (Metric) -> Double?) -> MetricRow {
        MetricRow(name: name, unit: unit, full: value(full), reduced: value(reduced), groundTruth: groundTruth.flatMap(value),
                  subtractive: subtractive.flatMap(value))
    }
}

extension ConditionExplainer.Output {
    /// `metric(traces, grayRateHz)` on the full, reduced, ground-truth (when every condition has its
    /// traces) and division-ablation responses; `grayRateHz` is that model's gray-screen rate (used
    /// as a baseline by the reversal metric, ignored by the others).
    func metrics<Metric>(_ metric: ([[Double]], Double) throws -> Metric) rethrows -> ModelMetrics<Metric> {
        let truth = !conditions.isEmpty && conditions.allSatisfy { $0.groundTruthHz != nil }
        return ModelMetrics(
            full: try metric(conditions.map(\.fullHz.doubles), baselineHz),
            reduced: try metric(conditions.map(\.reducedHz.doubles), reducedBaselineHz),
            groundTruth: truth ? try metric(conditions.map { $0.groundTruthHz!.doubles }, groundTruthBaselineHz ?? 0) : nil,
            subtractive: try subtractiveTraces.map { try metric($0, subtractiveBaselineHz ?? 0) })
    }
}
