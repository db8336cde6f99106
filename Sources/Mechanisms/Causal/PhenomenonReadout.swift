import Foundation
import Phenomena

/// One named number of a phenomenon (a headline metric).
public struct CausalMetricValue: Codable, Sendable, Equatable {
    public var name: String
    public var unit: String
    /// Nil when the model gives no measurable value (e.g. no OSR peak in a period).
    public var value: Double?

    public init(name: String, unit: String, value: Double?) { self.name = name; self.unit = unit; self.value = value }
}

/// One point of a phenomenon curve (x = the swept parameter).
public struct CausalCurvePoint: Codable, Sendable, Equatable {
    public var x: Double
    public var y: Double?
}

/// The mean rate of one condition, for a curve figure.
public struct CausalTrace: Codable, Sendable, Equatable {
    public var label: String
    public var parameter: ConditionParameter
    /// Time after the condition's event (ms) or, for anticipation, bar position relative to the RF
    /// centre along the motion (px); see ``xUnit``.
    public var x: [Double]
    public var xUnit: String
    /// Mean over the measured cells (reversal: the pooled population, baseline subtracted), Hz.
    public var rateHz: [Double]
}

/// What a causal test reads from one suite run of one phenomenon: its headline metrics, a scalar
/// *strength* with a documented "no phenomenon" value, the phenomenon curve, the mean traces and the
/// acceptance criteria.
///
/// Strength `S` and null `S₀` per phenomenon (criteria ranges of the suite):
/// - OSR: the smallest OSR peak / train-response ratio over the criterion periods; `S₀ = 1` (the
///   omission response is no larger than the train's responses);
/// - latency coding: the shift latency(c_min) − latency(c_max), ms; `S₀ = 0`;
/// - motion reversal: the smallest *burst prominence* over the criterion speeds — the population
///   burst rate minus the lowest population rate between the reversal and the burst (the dip it
///   rebounds from), Hz — counted only while the burst stays locked: its latency SD across those
///   speeds within the criterion (20 ms), otherwise `S₀`; `S₀ = 0`. (The burst / smooth-motion ratio
///   and the height above baseline are reported but not used: with a 2 px bar the shipped CNN's burst
///   rises from a dip below the gray-screen rate, so both are ≤ 0 although the burst is there.)
/// - motion anticipation: the mean over the criterion speeds of (expected lag v·L_flash − δ), px —
///   how far the peak leads the position a flash latency predicts; `S₀ = 0`.
///
/// A strength that cannot be measured (no peak, no burst) counts as `S₀`: the phenomenon is gone.
/// So does one measured on a response that is not there: when the largest response above the gray
/// baseline (metric "response above baseline": OSR peak, latency step peak, reversal burst prominence, moving-bar
/// peak; mean over cells, Hz) is below ``minimumResponseHz``, peak times and ratios are read off
/// noise-level wiggles (silencing every OFF channel gave a "latency shift" of 89 ms on a flat trace),
/// and the strength is set to nil. ``CausalVerdictRule`` also treats a response below a fraction of
/// the full model's as gone.
public struct PhenomenonReadout: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    public var metrics: [CausalMetricValue]
    /// `S`, nil when not measurable.
    public var strength: Double?
    /// `S₀`.
    public var nullStrength: Double
    /// The largest mean response above the gray baseline the metric reads, Hz (see above).
    public var responseHz: Double? = nil
    /// Name and unit of the strength.
    public var strengthName: String
    public var strengthUnit: String
    /// x name/unit and y name/unit of ``curve``.
    public var curveX: String
    public var curveY: String
    public var curve: [CausalCurvePoint]
    public var traces: [CausalTrace]
    public var criteria: [CriterionResult]

    /// Criteria passed.
    public var criteriaPassed: Int { criteria.filter(\.passed).count }

    /// The strength used by comparisons: ``strength``, or ``nullStrength`` when not measurable.
    public var effectiveStrength: Double { strength.flatMap { $0.isFinite ? $0 : nil } ?? nullStrength }

    /// Below this response above baseline (Hz) the phenomenon counts as gone.
    public static let minimumResponseHz = 2.0

    /// Reads `phenomenon` from a suite run that measured it. Throws
    /// ``MechanismsError/invalidSetting(name:expected:found:)`` when the run does not hold it.
    public static func read(_ phenomenon: Phenomenon, from v: PhenomenaValidation) throws -> PhenomenonReadout {
        var r = try readUnguarded(phenomenon, from: v)
        let response = responseAboveBaseline(phenomenon, v)
        r.metrics.append(CausalMetricValue(name: "response above baseline", unit: "Hz", value: response))
        r.responseHz = response
        if (response ?? 0) < minimumResponseHz { r.strength = nil }
        return r
    }

    /// The largest mean response above the gray baseline the phenomenon's metric reads, Hz.
    static func responseAboveBaseline(_ phenomenon: Phenomenon, _ v: PhenomenaValidation) -> Double? {
        let base = v.baselineRateHz.isEmpty ? 0 : v.baselineRateHz.reduce(0, +) / Double(v.baselineRateHz.count)
        let c = v.suite.criteria
        switch phenomenon {
        case .osr:
            let range = c.osrPeriodMinimumMs...c.osrPeriodMaximumMs
            return v.osr?.mean.periods.filter { range.contains($0.periodMs) }.compactMap(\.peakRateHz).max().map { $0 - base }
        case .latency:
            return v.latency?.mean.measurements.compactMap(\.peakRateHz).max().map { $0 - base }
        case .reversal:
            let lo = c.reversalSpeedMinimum - 1e-9, hi = c.reversalSpeedMaximum + 1e-9
            return v.reversal?.population.speeds.filter { (lo...hi).contains($0.speedPixelsPerFrame) }.compactMap(burstProminence).max()
        case .anticipation:
            guard let ant = v.anticipation, !ant.perCell.isEmpty else { return nil }
            let speeds = Set(c.anticipationSpeeds.map { ($0 * 1e6).rounded() })
            let peaks = ant.perCell.indices.map { j -> [Double] in
                ant.perCell[j].moving.filter { speeds.contains(($0.speedPixelsPerFrame * 1e6).rounded()) }.compactMap(\.peakRateHz)
                    .map { $0 - (j < v.baselineRateHz.count ? v.baselineRateHz[j] : base) }
            }
            let all = peaks.flatMap { $0 }
            return all.isEmpty ? nil : all.reduce(0, +) / Double(all.count)
        }
    }

    /// Burst rate minus the lowest rate from the reversal (time 0) to the burst, Hz; nil without a burst.
    static func burstProminence(_ s: ReversalSpeedMeasurement) -> Double? {
        guard let t = s.burstLatencyMs, let height = s.burstRateHz else { return nil }
        let trace = s.reversalTrace
        let dip = trace.timesMs.indices.filter { trace.timesMs[$0] >= -1e-6 && trace.timesMs[$0] <= t + 1e-6 }
            .map { trace.rateHz[$0] }.min()
        return dip.map { height - $0 }
    }

    static func readUnguarded(_ phenomenon: Phenomenon, from v: PhenomenaValidation) throws -> PhenomenonReadout {
        let c = v.suite.criteria
        let criteria = v.criteria.filter { $0.phenomenon == phenomenon }
        func missing() -> MechanismsError {
            .invalidSetting(name: "validation", expected: "a suite run that measured \(phenomenon.rawValue)", found: "none")
        }
        switch phenomenon {
        case .osr:
            guard let osr = v.osr else { throw missing() }
            let inRange = OSRMetrics.summarize(osr.mean.periods, periodRangeMs: c.osrPeriodMinimumMs...c.osrPeriodMaximumMs)
            let latencies = inRange.periods.compactMap(\.peakLatencyAfterOmissionMs)
            let strength = inRange.periodsWithoutPeakMs.isEmpty ? inRange.minimumPeakToTrainRatio : nil
            return PhenomenonReadout(
                phenomenon: phenomenon,
                metrics: [CausalMetricValue(name: "slope", unit: "", value: inRange.slopeVsPeriod),
                          CausalMetricValue(name: "latency spread", unit: "ms", value: inRange.latencySpreadMs),
                          CausalMetricValue(name: "peak / train ratio", unit: "×", value: inRange.minimumPeakToTrainRatio),
                          CausalMetricValue(name: "mean latency after omission", unit: "ms",
                                            value: latencies.count == inRange.periods.count && !latencies.isEmpty
                                                ? latencies.reduce(0, +) / Double(latencies.count) : nil),
                          CausalMetricValue(name: "periods without peak", unit: "", value: Double(inRange.periodsWithoutPeakMs.count))],
                strength: strength, nullStrength: 1, strengthName: "peak / train ratio", strengthUnit: "×",
                curveX: "period (ms)", curveY: "latency after omitted flash (ms)",
                curve: osr.mean.periods.map { CausalCurvePoint(x: $0.periodMs, y: $0.peakLatencyAfterOmissionMs) },
                traces: osr.traces.map { CausalTrace(label: $0.label, parameter: $0.parameter, x: $0.meanRate.timesMs, xUnit: "ms",
                                                     rateHz: $0.meanRate.rateHz) },
                criteria: criteria)
        case .latency:
            guard let lat = v.latency else { throw missing() }
            return PhenomenonReadout(
                phenomenon: phenomenon,
                metrics: [CausalMetricValue(name: "shift", unit: "ms", value: lat.mean.shiftMs),
                          CausalMetricValue(name: "Spearman ρ", unit: "", value: lat.mean.spearmanRho),
                          CausalMetricValue(name: "slope", unit: "ms/decade", value: lat.mean.slopeMsPerDecade)],
                strength: lat.mean.shiftMs, nullStrength: 0, strengthName: "shift", strengthUnit: "ms",
                curveX: "contrast", curveY: "peak latency (ms)",
                curve: lat.mean.measurements.map { CausalCurvePoint(x: $0.contrast, y: $0.peakLatencyMs) },
                traces: lat.traces.map { CausalTrace(label: $0.label, parameter: $0.parameter, x: $0.meanRate.timesMs, xUnit: "ms",
                                                     rateHz: $0.meanRate.rateHz) },
                criteria: criteria)
        case .reversal:
            guard let rev = v.reversal else { throw missing() }
            let lo = c.reversalSpeedMinimum - 1e-9, hi = c.reversalSpeedMaximum + 1e-9
            let inRange = ReversalMetrics.summarize(rev.population.speeds.filter { (lo...hi).contains($0.speedPixelsPerFrame) })
            let heights = inRange.speeds.compactMap(burstProminence)
            let locked = inRange.speedsWithoutBurst.isEmpty && heights.count == inRange.speeds.count && !heights.isEmpty
                && (inRange.burstLatencySDMs.map { $0 <= c.reversalLatencySDMaximumMs } ?? (heights.count == 1))
            let strength = locked ? heights.min() : nil
            return PhenomenonReadout(
                phenomenon: phenomenon,
                metrics: [CausalMetricValue(name: "burst latency SD", unit: "ms", value: inRange.burstLatencySDMs),
                          CausalMetricValue(name: "mean burst latency", unit: "ms", value: inRange.meanBurstLatencyMs),
                          CausalMetricValue(name: "burst ratio", unit: "×", value: inRange.minimumBurstRatio),
                          CausalMetricValue(name: "burst height above baseline", unit: "Hz", value: inRange.speeds.compactMap(\.burstRateHz).min()),
                          CausalMetricValue(name: "speeds without burst", unit: "", value: Double(inRange.speedsWithoutBurst.count))],
                strength: strength, nullStrength: 0, strengthName: "locked burst prominence", strengthUnit: "Hz",
                curveX: "speed (px/frame)", curveY: "burst latency (ms)",
                curve: rev.population.speeds.map { CausalCurvePoint(x: $0.speedPixelsPerFrame, y: $0.burstLatencyMs) },
                traces: rev.population.speeds.map { s in
                    CausalTrace(label: "\(s.speedPixelsPerFrame) px/frame",
                                parameter: ConditionParameter(name: "speed", value: s.speedPixelsPerFrame, unit: "px/frame"),
                                x: s.reversalTrace.timesMs, xUnit: "ms", rateHz: s.reversalTrace.rateHz)
                },
                criteria: criteria)
        case .anticipation:
            guard let ant = v.anticipation else { throw missing() }
            var metrics: [CausalMetricValue] = []
            var leads: [Double?] = []
            for s in ant.mean {
                metrics.append(CausalMetricValue(name: "δ at \(s.speedPixelsPerFrame) px/frame", unit: "px", value: s.meanDeltaPixels))
            }
            for speed in c.anticipationSpeeds {
                let s = ant.mean.first { abs($0.speedPixelsPerFrame - speed) < 1e-9 }
                leads.append(s.flatMap { s in s.expectedLagPixels.flatMap { lag in s.meanDeltaPixels.map { lag - $0 } } })
            }
            let lead = leads.isEmpty || leads.contains { $0 == nil } ? nil : leads.map { $0! }.reduce(0, +) / Double(leads.count)
            metrics.append(CausalMetricValue(name: "lead over flash-latency lag", unit: "px", value: lead))
            metrics.append(CausalMetricValue(name: "flash latency", unit: "ms", value: ant.meanFlashLatencyMs))
            return PhenomenonReadout(
                phenomenon: phenomenon, metrics: metrics,
                strength: lead, nullStrength: 0, strengthName: "lead over flash-latency lag", strengthUnit: "px",
                curveX: "speed (px/frame)", curveY: "δ (px)",
                curve: ant.mean.map { CausalCurvePoint(x: $0.speedPixelsPerFrame, y: $0.meanDeltaPixels) },
                traces: anticipationTraces(ant, travelPixels: v.suite.anticipation.travelPixels),
                criteria: criteria)
        }
    }

    /// Per speed, the moving-bar rate against bar position relative to the RF centre, averaged over
    /// cells and directions after linear interpolation onto a 0.5 px grid spanning the travel.
    static func anticipationTraces(_ ant: AnticipationValidation, travelPixels: Double) -> [CausalTrace] {
        let step = 0.5
        let n = Int((2 * travelPixels / step).rounded()) + 1
        let grid = (0..<n).map { -travelPixels + Double($0) * step }
        let speeds = Array(Set(ant.perCell.flatMap { $0.moving.map(\.speedPixelsPerFrame) })).sorted()
        return speeds.map { v in
            var sum = [Double](repeating: 0, count: n), count = [Int](repeating: 0, count: n)
            for cell in ant.perCell {
                for m in cell.moving where m.speedPixelsPerFrame == v {
                    let p = m.profile.sorted { $0.positionPixels < $1.positionPixels }
                    guard p.count >= 2 else { continue }
                    for (k, x) in grid.enumerated() {
                        guard x >= p.first!.positionPixels, x <= p.last!.positionPixels else { continue }
                        let j = p.firstIndex { $0.positionPixels >= x }!
                        let y: Double
                        if j == 0 || p[j].positionPixels == x { y = p[j].rateHz } else {
                            let a = p[j - 1], b = p[j]
                            y = a.rateHz + (b.rateHz - a.rateHz) * (x - a.positionPixels) / (b.positionPixels - a.positionPixels)
                        }
                        sum[k] += y; count[k] += 1
                    }
                }
            }
            let keep = (0..<n).filter { count[$0] > 0 }
            return CausalTrace(label: "\(v) px/frame", parameter: ConditionParameter(name: "speed", value: v, unit: "px/frame"),
                               x: keep.map { grid[$0] }, xUnit: "px", rateHz: keep.map { sum[$0] / Double(count[$0]) })
        }
    }
}
