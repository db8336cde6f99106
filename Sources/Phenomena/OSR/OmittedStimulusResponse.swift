import RetinaCore

extension Phenomenon {
    public static let osr = Phenomenon(rawValue: "osr")
}

/// The omitted stimulus response (Schwartz, Harris et al. 2007): after a periodic flash train stops,
/// the response peaks at a latency locked to the expected (omitted) flash.
///
/// Metric: ``OSRMetrics`` — per period, the peak time after the last real flash; its slope against
/// the period (1 = locked to the expected flash, 0 = to the last flash), its spread and the peak's
/// size relative to the train response. Criteria: ``OSRCriteria`` over the periods 30 … 80 ms.
public enum OmittedStimulusResponse: PhenomenonKind {
    public typealias Parameters = OSRProtocol
    public typealias Metric = OSRMetrics
    public typealias Criteria = OSRCriteria
    public typealias Measurement = OSRValidation

    public static let id = Phenomenon.osr
    public static let title = "Omitted stimulus response"
    public static var validationParameters: OSRProtocol { .groundTruth }
    public static var analysisParameters: OSRProtocol { .tanaka }
    public static var projectCriteria: OSRCriteria { OSRCriteria() }
    public static let layout = StimulusLayout.fullField

    public static func measure(_ p: OSRProtocol, criteria: OSRCriteria, in context: inout SuiteContext) throws -> OSRValidation {
        let conditions = try p.conditions(screen: context.fullFieldScreen, historyFrames: context.model.historyFrames)
        var perCell = [[OSRPeriodMeasurement]](repeating: [], count: context.cells.count)
        var traces: [ConditionTraces] = []
        for condition in conditions {
            let response = try context.runner.run(condition)
            let ys = response.tracesHz.map(context.smoothed)
            for (j, y) in ys.enumerated() {
                perCell[j].append(OSRMetrics.measurePeriod(rateHz: y, events: condition.events, clock: response.clock, settings: p))
            }
            traces.append(ConditionTraces(condition, ys, response.clock, eventFrame: condition.events.omittedFlashFrame))
        }
        let means = conditions.indices.map { k in OSRPeriodMeasurement.meanOverCells(perCell.map { $0[k] }) }
        return OSRValidation(perCell: perCell.map { OSRMetrics.summarize($0) }, mean: OSRMetrics.summarize(means), traces: traces)
    }

    public static func cost(_ p: OSRProtocol, historyFrames: Double, columns: Double) -> [ConditionCost] {
        let lead = max(Double(p.leadInFrames), historyFrames)
        return p.periodsMs.map { periodMs in
            let period = (periodMs / Units.frameMilliseconds).rounded()
            let flashes = max(Double(p.flashesPerTrain), (Double(p.minimumTrainFrames) / period).rounded(.down) + 1)
            let frames = lead + flashes * period + Double(p.framesAfterOmission)
            let explained = min(frames - lead, Double(p.trainWindowPeriods) * period + Double(p.framesAfterOmission))
            return ConditionCost(frames: frames, explainedWindows: explained, count: 1, parameter: "periodsMs")
        }
    }

    public static func judged(_ m: OSRValidation) -> (mean: OSRMetrics?, perCell: [OSRMetrics?]) { (m.mean, m.perCell) }

    /// Judged over the periods of ``OSRCriteria/periodRangeMs`` that ran (the metric is summarised again
    /// over those alone when it holds periods outside the range); a period in the range without a peak
    /// makes the metric incomplete (every criterion fails).
    public static func judge(_ metric: OSRMetrics?, perCell: [OSRMetrics?], criteria c: OSRCriteria) -> [CriterionResult] {
        func inRange(_ m: OSRMetrics?) -> OSRMetrics? {
            guard let m, !m.periods.allSatisfy({ c.periodRangeMs.contains($0.periodMs) }) else { return m }
            return OSRMetrics.summarize(m.periods, periodRangeMs: c.periodRangeMs)
        }
        func complete(_ m: OSRMetrics?) -> Bool { m.map { !$0.periods.isEmpty && $0.periodsWithoutPeakMs.isEmpty } ?? false }
        let mean = inRange(metric), cells = perCell.map(inRange)
        func cellValues(_ value: (OSRMetrics) -> Double?) -> [Double?] {
            cells.map { m in complete(m) ? m.flatMap(value) : nil }
        }
        let range = "\(NumberText.parameter(c.periodMinimumMs))–\(NumberText.parameter(c.periodMaximumMs)) ms"
        return [
            CriterionResult(phenomenon: id, name: "slope of (OSR peak − last flash) vs period, \(range)",
                            measured: mean?.slopeVsPeriod, unit: "", minimum: c.slopeMinimum, maximum: c.slopeMaximum,
                            perCell: cellValues(\.slopeVsPeriod), complete: complete(mean)),
            CriterionResult(phenomenon: id, name: "spread of the OSR latency over periods, \(range)",
                            measured: mean?.latencySpreadMs, unit: "ms", minimum: nil, maximum: c.spreadMaximumMs,
                            perCell: cellValues(\.latencySpreadMs), complete: complete(mean)),
            CriterionResult(phenomenon: id, name: "OSR peak / largest train response (smallest over periods), \(range)",
                            measured: mean?.minimumPeakToTrainRatio, unit: "×", minimum: c.peakToTrainRatioMinimum,
                            maximum: nil, perCell: cellValues(\.minimumPeakToTrainRatio), complete: complete(mean)),
        ]
    }
}

/// Acceptance thresholds of the OSR (the project's, over Tanaka's period range).
public struct OSRCriteria: PhenomenonCriteria {
    /// Criteria are evaluated over these periods, ms (30 … 80, Tanaka's range).
    public var periodMinimumMs: Double = 30
    public var periodMaximumMs: Double = 80
    /// Slope of (peak − last flash) against period must lie in this range.
    public var slopeMinimum: Double = 0.8
    public var slopeMaximum: Double = 1.2
    /// Latency spread over the periods, ms, at most.
    public var spreadMaximumMs: Double = 30
    /// OSR peak / largest response in the last train periods, at least.
    public var peakToTrainRatioMinimum: Double = 2

    public init() {}

    public var periodRangeMs: ClosedRange<Double> { periodMinimumMs...periodMaximumMs }
}

/// OSR results of a suite run.
public struct OSRValidation: Codable, Sendable, Equatable {
    /// Per chosen cell, all periods.
    public var perCell: [OSRMetrics]
    /// Per-period means over cells (a period without a peak in any cell has no mean), summarised.
    public var mean: OSRMetrics
    /// One entry per period, aligned on the omitted flash.
    public var traces: [ConditionTraces]
}

extension OSRPeriodMeasurement {
    /// Per-period mean over cells; a field is nil when any cell lacks it.
    static func meanOverCells(_ cells: [OSRPeriodMeasurement]) -> OSRPeriodMeasurement {
        OSRPeriodMeasurement(
            periodMs: cells[0].periodMs,
            peakLatencyAfterOmissionMs: Statistics.meanIfAll(cells.map(\.peakLatencyAfterOmissionMs)),
            peakLatencyAfterLastFlashMs: Statistics.meanIfAll(cells.map(\.peakLatencyAfterLastFlashMs)),
            peakRateHz: Statistics.meanIfAll(cells.map(\.peakRateHz)),
            tanakaOnsetAfterOmissionMs: Statistics.meanIfAll(cells.map(\.tanakaOnsetAfterOmissionMs)),
            trainMaxRateHz: Statistics.mean(cells.map(\.trainMaxRateHz)) ?? 0,
            peakToTrainRatio: Statistics.meanIfAll(cells.map(\.peakToTrainRatio)))
    }
}

extension OSRProtocol: PhenomenonParameters {}

extension PhenomenaValidation {
    /// The osr measurement, nil when it did not run.
    public var osr: OSRValidation? { self[OmittedStimulusResponse.self] }
}
