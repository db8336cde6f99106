import RetinaCore

extension Phenomenon {
    public static let latency = Phenomenon(rawValue: "latency")
}

/// Latency coding (Gollisch & Meister 2008): the response to a full-field step peaks earlier the
/// stronger the step's contrast.
///
/// Metric: ``LatencyMetrics`` — the peak latency per contrast, the shift from the lowest to the
/// highest contrast and Spearman's ρ of latency against contrast. Criteria: ``LatencyCriteria``.
public enum LatencyCoding: PhenomenonKind {
    public typealias Parameters = LatencyProtocol
    public typealias Metric = LatencyMetrics
    public typealias Criteria = LatencyCriteria
    public typealias Measurement = LatencyValidation

    public static let id = Phenomenon.latency
    public static let title = "Latency coding"
    public static var validationParameters: LatencyProtocol { .groundTruth }
    public static var analysisParameters: LatencyProtocol { .tanaka }
    public static var projectCriteria: LatencyCriteria { LatencyCriteria() }
    public static let layout = StimulusLayout.fullField

    public static func measure(_ p: LatencyProtocol, criteria: LatencyCriteria,
                               in context: inout SuiteContext) throws -> LatencyValidation {
        let conditions = try p.conditions(screen: context.fullFieldScreen, historyFrames: context.model.historyFrames)
        var perCell = [[LatencyMeasurement]](repeating: [], count: context.cells.count)
        var traces: [ConditionTraces] = []
        for condition in conditions {
            let response = try context.runner.run(condition)
            let ys = response.tracesHz.map(context.smoothed)
            for (j, y) in ys.enumerated() {
                perCell[j].append(LatencyMetrics.measureStep(rateHz: y, events: condition.events, clock: response.clock, settings: p))
            }
            traces.append(ConditionTraces(condition, ys, response.clock, eventFrame: condition.events.onsetFrame))
        }
        let means = conditions.indices.map { k -> LatencyMeasurement in
            let cells = perCell.map { $0[k] }
            return LatencyMeasurement(contrast: cells[0].contrast,
                                      peakLatencyMs: Statistics.meanIfAll(cells.map(\.peakLatencyMs)),
                                      peakRateHz: Statistics.meanIfAll(cells.map(\.peakRateHz)))
        }
        return LatencyValidation(perCell: perCell.map { LatencyMetrics.summarize($0) }, mean: LatencyMetrics.summarize(means),
                                 traces: traces)
    }

    public static func cost(_ p: LatencyProtocol, historyFrames: Double, columns: Double) -> [ConditionCost] {
        let lead = max(Double(p.leadInFrames), historyFrames)
        let after = Double(p.stepDurationFrames) + Double(p.framesAfterStep)
        return [ConditionCost(frames: lead + after, explainedWindows: after, count: Double(p.contrasts.count),
                              parameter: "framesAfterStep")]
    }

    public static func judged(_ m: LatencyValidation) -> (mean: LatencyMetrics?, perCell: [LatencyMetrics?]) { (m.mean, m.perCell) }

    public static func judge(_ metric: LatencyMetrics?, perCell: [LatencyMetrics?], criteria c: LatencyCriteria) -> [CriterionResult] {
        [
            CriterionResult(phenomenon: id, name: "Spearman ρ of peak latency vs contrast",
                            measured: metric?.spearmanRho, unit: "", minimum: nil, maximum: c.spearmanMaximum,
                            perCell: perCell.map { $0?.spearmanRho }),
            CriterionResult(phenomenon: id, name: "latency shift, lowest − highest contrast",
                            measured: metric?.shiftMs, unit: "ms", minimum: c.shiftMinimumMs, maximum: nil,
                            perCell: perCell.map { $0?.shiftMs }),
        ]
    }
}

/// Acceptance thresholds of latency coding.
public struct LatencyCriteria: PhenomenonCriteria {
    /// Spearman ρ of latency against contrast, at most.
    public var spearmanMaximum: Double = -0.9
    /// latency(c_min) − latency(c_max), ms, at least.
    public var shiftMinimumMs: Double = 15

    public init() {}
}

/// Latency-coding results of a suite run.
public struct LatencyValidation: Codable, Sendable, Equatable {
    public var perCell: [LatencyMetrics]
    /// Per-contrast mean latencies over cells, summarised.
    public var mean: LatencyMetrics
    /// One entry per contrast, aligned on the step onset.
    public var traces: [ConditionTraces]
}

extension LatencyProtocol: PhenomenonParameters {}

extension PhenomenaValidation {
    /// The latency measurement, nil when it did not run.
    public var latency: LatencyValidation? { self[LatencyCoding.self] }
}
