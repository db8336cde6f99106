import RetinaCore

extension Phenomenon {
    public static let reversal = Phenomenon(rawValue: "reversal")
}

/// Motion reversal (Schwartz, Taylor et al. 2007): when a moving bar reverses, the population fires a
/// synchronous burst at a nearly fixed latency after the reversal, whatever the speed.
///
/// Metric: ``ReversalMetrics`` on the population trace per speed (mean over reversal points of the
/// baseline-subtracted rate aligned on the reversal): burst latency, its SD across speeds, and the
/// burst relative to the smooth-motion peak of the no-reversal control. Criteria: ``ReversalCriteria``.
public enum MotionReversal: PhenomenonKind {
    public typealias Parameters = ReversalProtocol
    public typealias Metric = ReversalMetrics
    public typealias Criteria = ReversalCriteria
    public typealias Measurement = ReversalValidation

    public static let id = Phenomenon.reversal
    public static let title = "Motion reversal"
    public static var validationParameters: ReversalProtocol { .groundTruth }
    public static var analysisParameters: ReversalProtocol { .tanaka }
    public static var projectCriteria: ReversalCriteria { ReversalCriteria() }
    public static let layout = StimulusLayout.verticalBars

    /// Each cell's population = the mean over its translated reversal points of the
    /// baseline-subtracted rate aligned on the reversal; the pooled population = the mean over cells.
    public static func measure(_ p: ReversalProtocol, criteria: ReversalCriteria,
                               in context: inout SuiteContext) throws -> ReversalValidation {
        let centresX = try context.centres().xPixels
        let screen = context.barScreen, baselineHz = context.baselineHz
        let points = p.reversalPoints(centresX: centresX)
        try p.validate(reversalPointsPixels: points, screenWidthPixels: screen.widthPixels)
        let h = context.model.historyFrames
        var perCellSpeeds = [[ReversalSpeedMeasurement]](repeating: [], count: centresX.count)
        var pooledSpeeds: [ReversalSpeedMeasurement] = []
        for v in p.speedsPixelsPerFrame {
            var rev = [[EventAlignedTrace]](repeating: [], count: centresX.count)
            var ctl = rev
            for xr in points {
                let members = centresX.indices.filter { j in p.reversalOffsetsPixels.contains { abs(centresX[j] + $0 - xr) <= 1e-6 } }
                for reverses in [true, false] {
                    let condition = try p.condition(speed: v, reversalPointPixels: xr, reverses: reverses, screen: screen,
                                                    historyFrames: h)
                    let response = try context.runner.run(condition)
                    for j in members {
                        let trace = EventAlignedTrace(rateHz: response.tracesHz[j], clock: response.clock,
                                                      eventFrame: condition.events.referenceFrame, baselineHz: baselineHz[j])
                        if reverses { rev[j].append(trace) } else { ctl[j].append(trace) }
                    }
                }
            }
            let cellRev = rev.map(EventAlignedTrace.mean), cellCtl = ctl.map(EventAlignedTrace.mean)
            for j in centresX.indices {
                perCellSpeeds[j].append(ReversalMetrics.measureSpeed(v, reversal: cellRev[j], control: cellCtl[j], settings: p))
            }
            pooledSpeeds.append(ReversalMetrics.measureSpeed(v, reversal: EventAlignedTrace.mean(cellRev),
                                                             control: EventAlignedTrace.mean(cellCtl), settings: p))
        }
        return ReversalValidation(perCell: perCellSpeeds.map(ReversalMetrics.summarize),
                                  population: ReversalMetrics.summarize(pooledSpeeds), reversalPointsPixels: points)
    }

    public static func cost(_ p: ReversalProtocol, historyFrames: Double, columns: Double) -> [ConditionCost] {
        let lead = max(Double(p.leadInFrames), historyFrames)
        let points = Double(p.reversalOffsetsPixels.count) * columns
        return p.speedsPixelsPerFrame.map { v in
            let approach = max(1, (p.approachDistancePixels / v).rounded())
            let frames = lead + approach + 1 + Double(p.framesAfterReversal)
            let explained = min(frames - lead, (p.recordBeforeReversalMs / Units.frameMilliseconds).rounded() + 1
                                + Double(p.framesAfterReversal))
            return ConditionCost(frames: frames, explainedWindows: explained, count: points * 2, parameter: "speedsPixelsPerFrame")
        }
    }

    public static func judged(_ m: ReversalValidation) -> (mean: ReversalMetrics?, perCell: [ReversalMetrics?]) {
        (m.population, m.perCell)
    }

    /// Judged over the speeds of ``ReversalCriteria/speedRange`` that ran; a speed in the range without
    /// a burst makes the metric incomplete (every criterion fails).
    public static func judge(_ metric: ReversalMetrics?, perCell: [ReversalMetrics?], criteria c: ReversalCriteria) -> [CriterionResult] {
        func inRange(_ m: ReversalMetrics?) -> ReversalMetrics? {
            guard let m, !m.speeds.allSatisfy({ c.speedRange.contains($0.speedPixelsPerFrame) }) else { return m }
            return ReversalMetrics.summarize(m.speeds.filter { c.speedRange.contains($0.speedPixelsPerFrame) })
        }
        func complete(_ m: ReversalMetrics?) -> Bool { m.map { !$0.speeds.isEmpty && $0.speedsWithoutBurst.isEmpty } ?? false }
        let pop = inRange(metric), cells = perCell.map(inRange)
        func cellValues(_ value: (ReversalMetrics) -> Double?) -> [Double?] { cells.map { complete($0) ? $0.flatMap(value) : nil } }
        let label = "\(NumberText.parameter(c.speedMinimum))–\(NumberText.parameter(c.speedMaximum)) px/frame"
        return [
            CriterionResult(phenomenon: id, name: "SD of the population burst latency across speeds, \(label)",
                            measured: pop?.burstLatencySDMs, unit: "ms", minimum: nil, maximum: c.latencySDMaximumMs,
                            perCell: cellValues(\.burstLatencySDMs), complete: complete(pop)),
            CriterionResult(phenomenon: id, name: "burst / smooth-motion peak (smallest over speeds), \(label)",
                            measured: pop?.minimumBurstRatio, unit: "×", minimum: c.burstRatioMinimum, maximum: nil,
                            perCell: cellValues(\.minimumBurstRatio), complete: complete(pop)),
        ]
    }
}

/// Acceptance thresholds of motion reversal.
public struct ReversalCriteria: PhenomenonCriteria {
    /// Criteria are evaluated over these speeds, px/frame.
    public var speedMinimum: Double = 0.14
    public var speedMaximum: Double = 0.6
    /// SD of the population burst latency across speeds, ms, at most.
    public var latencySDMaximumMs: Double = 20
    /// Burst / smooth-motion peak at every speed, at least.
    public var burstRatioMinimum: Double = 1.5

    public init(speedMinimum: Double = 0.14, speedMaximum: Double = 0.6) {
        self.speedMinimum = speedMinimum; self.speedMaximum = speedMaximum
    }

    /// The speed range with a 1e-9 tolerance on both ends.
    public var speedRange: ClosedRange<Double> { (speedMinimum - 1e-9)...(speedMaximum + 1e-9) }
}

/// Motion-reversal results of a suite run.
public struct ReversalValidation: Codable, Sendable, Equatable {
    /// Each cell's own population (its translated reversal points).
    public var perCell: [ReversalMetrics]
    /// All chosen cells pooled (mean of the per-cell population traces).
    public var population: ReversalMetrics
    /// Reversal points shown (absolute px); each was shown at every speed, with and without reversal.
    public var reversalPointsPixels: [Double]
}

extension ReversalProtocol: PhenomenonParameters {}

extension PhenomenaValidation {
    /// The reversal measurement, nil when it did not run.
    public var reversal: ReversalValidation? { self[MotionReversal.self] }
}
