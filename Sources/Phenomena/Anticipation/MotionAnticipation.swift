import RetinaCore

extension Phenomenon {
    public static let anticipation = Phenomenon(rawValue: "anticipation")
}

/// Motion anticipation (Berry et al. 1999): the response to a drifting bar peaks before the bar
/// reaches the receptive-field centre, although a flashed bar takes tens of ms to drive the cell.
///
/// Metric: ``AnticipationMetrics`` — per speed, δ = bar centre − RF centre at the response peak
/// (δ ≤ 0: the response leads the bar), with the flash latency and profile. Criteria:
/// ``AnticipationCriteria``.
public enum MotionAnticipation: PhenomenonKind {
    public typealias Parameters = AnticipationProtocol
    public typealias Metric = AnticipationMetrics
    public typealias Criteria = AnticipationCriteria
    public typealias Measurement = AnticipationValidation

    public static let id = Phenomenon.anticipation
    public static let title = "Motion anticipation"
    public static var validationParameters: AnticipationProtocol { .groundTruth }
    public static var analysisParameters: AnticipationProtocol { .tanaka }
    public static var projectCriteria: AnticipationCriteria { AnticipationCriteria() }
    public static let layout = StimulusLayout.verticalBars

    /// Flashed-bar profiles (at `centre + flashOffsetsPixels`, or the estimation flashes) and one
    /// drifting bar per speed and direction shared by all cells.
    public static func measure(_ p: AnticipationProtocol, criteria: AnticipationCriteria,
                               in context: inout SuiteContext) throws -> AnticipationValidation {
        let centres = try context.centres()
        let xs = centres.xPixels, screen = context.barScreen
        let flashes = try centres.flashes
            ?? FlashRun.run(p.flashPositions(centresX: xs), settings: p, runner: &context.runner, screen: screen)
        var moving = [[MovingBarMeasurement]](repeating: [], count: xs.count)
        if let span = p.pathSpan(centresX: xs) {
            for v in p.speedsPixelsPerFrame {
                for d in p.directions {
                    let condition = try p.movingBarCondition(speed: v, direction: d, span: span, screen: screen,
                                                             historyFrames: context.model.historyFrames)
                    let response = try context.runner.run(condition)
                    for j in xs.indices {
                        moving[j].append(AnticipationMetrics.measureMoving(
                            rateHz: response.tracesHz[j], events: condition.events, clock: response.clock,
                            rfCentreX: xs[j], settings: p))
                    }
                }
            }
        }
        let perCell = xs.indices.map { j -> AnticipationMetrics in
            let mine = centres.flashes == nil
                ? flashes.filter { f in p.flashOffsetsPixels.contains { abs(xs[j] + $0 - f.events.centrePixels) <= 1e-6 } }
                : flashes
            let profile = AnticipationMetrics.flashProfile(traces: mine.map { $0.tracesHz[j] }, events: mine.map(\.events),
                                                           clocks: mine.map(\.clock), settings: p)
            return AnticipationMetrics.assemble(rfCentreX: xs[j], flashProfile: profile, moving: moving[j])
        }
        let mean = p.speedsPixelsPerFrame.sorted().map { v -> AnticipationSpeedSummary in
            let rows = perCell.map { $0.bySpeed.first { $0.speedPixelsPerFrame == v } }
            let delta = Statistics.meanIfAll(rows.map { $0?.meanDeltaPixels })
            return AnticipationSpeedSummary(speedPixelsPerFrame: v, meanDeltaPixels: delta,
                                            meanDeltaMicrons: delta.map { Units.microns(pixels: $0) },
                                            expectedLagPixels: Statistics.meanIfAll(rows.map { $0?.expectedLagPixels }))
        }
        return AnticipationValidation(rfCentreSource: centres.source, perCell: perCell, mean: mean,
                                      meanFlashLatencyMs: Statistics.meanIfAll(perCell.map(\.flashLatencyMs)))
    }

    /// The cell mean as a metric: the mean δ and expected lag per speed and the mean flash latency
    /// (no profiles).
    public static func cost(_ p: AnticipationProtocol, historyFrames: Double, columns: Double) -> [ConditionCost] {
        let lead = max(Double(p.leadInFrames), historyFrames)
        let span = 2 * p.travelPixels + 50
        let moving = p.speedsPixelsPerFrame.map { v in
            let motion = (span / v).rounded() + 1
            return ConditionCost(frames: lead + motion, explainedWindows: motion, count: Double(p.directions.count),
                                 parameter: "speedsPixelsPerFrame")
        }
        let after = Double(p.framesAfterFlash)
        return moving + [ConditionCost(frames: lead + after, explainedWindows: after,
                                       count: Double(p.flashOffsetsPixels.count) * columns, parameter: "framesAfterFlash")]
    }

    public static func judged(_ m: AnticipationValidation) -> (mean: AnticipationMetrics?, perCell: [AnticipationMetrics?]) {
        let mean = AnticipationMetrics(rfCentreXPixels: Statistics.mean(m.perCell.map(\.rfCentreXPixels)) ?? 0,
                                       flashLatencyMs: m.meanFlashLatencyMs, flashProfile: [], moving: [], bySpeed: m.mean)
        return (mean, m.perCell)
    }

    /// δ ≤ the maximum at each criterion speed that ran; when none of them ran, at the slowest speed
    /// that did (the criterion's name gives the speed judged).
    public static func judge(_ metric: AnticipationMetrics?, perCell: [AnticipationMetrics?],
                             criteria c: AnticipationCriteria) -> [CriterionResult] {
        let ran = (metric?.bySpeed ?? perCell.compactMap { $0 }.first?.bySpeed ?? []).map(\.speedPixelsPerFrame)
        var speeds = c.speedsPixelsPerFrame.filter { v in ran.contains { abs($0 - v) < 1e-9 } }
        if speeds.isEmpty { speeds = ran.min().map { [$0] } ?? c.speedsPixelsPerFrame }
        func delta(_ m: AnticipationMetrics?, _ v: Double) -> Double? {
            m?.bySpeed.first { abs($0.speedPixelsPerFrame - v) < 1e-9 }?.meanDeltaPixels
        }
        return speeds.map { v in
            CriterionResult(phenomenon: id,
                            name: "δ (bar centre − RF centre at the response peak) at \(NumberText.parameter(v)) px/frame",
                            measured: delta(metric, v), unit: "px", minimum: nil, maximum: c.deltaMaximumPixels,
                            perCell: perCell.map { delta($0, v) })
        }
    }
}

/// Acceptance thresholds of motion anticipation.
public struct AnticipationCriteria: PhenomenonCriteria {
    /// δ must be at most ``deltaMaximumPixels`` at each of these speeds, px/frame.
    public var speedsPixelsPerFrame: [Double] = [0.08, 0.176]
    public var deltaMaximumPixels: Double = 0

    public init(speedsPixelsPerFrame: [Double] = [0.08, 0.176]) { self.speedsPixelsPerFrame = speedsPixelsPerFrame }
}

/// Motion-anticipation results of a suite run.
public struct AnticipationValidation: Codable, Sendable, Equatable {
    public var rfCentreSource: RFCentreSource
    public var perCell: [AnticipationMetrics]
    /// Mean over cells of each speed's δ and expected lag.
    public var mean: [AnticipationSpeedSummary]
    /// Mean flash latency over cells, ms.
    public var meanFlashLatencyMs: Double?
}

extension AnticipationProtocol: PhenomenonParameters {}

extension PhenomenaValidation {
    /// The anticipation measurement, nil when it did not run.
    public var anticipation: AnticipationValidation? { self[MotionAnticipation.self] }
}
