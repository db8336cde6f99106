/// A phenomenon's metric of *any* response to its analysed conditions: the same function an analysis
/// applies to the full model, the reduced circuit and the ground truth, made available for circuits
/// fitted later (the unified circuit, ``UnifiedCircuit``).
///
/// `measure(traces, grayRateHz)` takes one trace per condition, in the analysis' condition order
/// (``MechanismAnalysis/conditions``), each with ``rowCounts`` rows of 10 ms on that condition's
/// ``ConditionAnalysis/clock``, and the responding model's gray-screen rate (the reversal metric's
/// baseline; ignored by the others). Built by ``PhenomenonAnalysis/traceMetric(parameters:screen:historyFrames:settings:rfCentreX:)``.
public struct TraceMetric<Metric: Sendable>: Sendable {
    /// Rows of each condition's trace.
    public let rowCounts: [Int]
    let measure: @Sendable ([[Double]], Double) -> Metric

    public init(rowCounts: [Int], measure: @escaping @Sendable ([[Double]], Double) -> Metric) {
        self.rowCounts = rowCounts; self.measure = measure
    }

    /// The metric of `traces`; throws when their number or lengths differ from ``rowCounts``.
    public func callAsFunction(_ traces: [[Double]], grayRateHz: Double) throws -> Metric {
        guard traces.map(\.count) == rowCounts else {
            throw MechanismsError.shapeMismatch(parameter: "traces", expected: "\(rowCounts.count) conditions of \(rowCounts) rows",
                                                found: "\(traces.count) conditions of \(traces.map(\.count)) rows")
        }
        return measure(traces, grayRateHz)
    }
}
