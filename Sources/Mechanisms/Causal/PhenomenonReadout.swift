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
/// Each phenomenon reads itself (its ``CausalReadable`` facet, `Causal/Readouts/<Kind>+Readout.swift`).
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
///   how far the peak leads the position a flash latency predicts; `S₀ = 0`;
/// - contrast adaptation: the gain ratio (low / high contrast); `S₀ = 1` (no gain change).
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

    /// Reads `phenomenon` from a suite run that measured it (its kind's ``CausalReadable`` facet). Throws
    /// ``MechanismsError/invalidSetting(name:expected:found:)`` when the run does not hold it.
    public static func read(_ phenomenon: Phenomenon, from v: PhenomenaValidation) throws -> PhenomenonReadout {
        guard let kind = phenomenon.kind as? any CausalReadable.Type else {
            throw MechanismsError.invalidSetting(name: "phenomenon", expected: "a phenomenon with a causal readout",
                                                 found: phenomenon.rawValue)
        }
        var r = try kind.readout(v)
        let response = kind.responseAboveBaseline(v)
        r.metrics.append(CausalMetricValue(name: "response above baseline", unit: "Hz", value: response))
        r.responseHz = response
        if (response ?? 0) < minimumResponseHz { r.strength = nil }
        return r
    }

    /// Burst rate minus the lowest rate from the reversal (time 0) to the burst, Hz; nil without a burst.
    static func burstProminence(_ s: ReversalSpeedMeasurement) -> Double? {
        guard let t = s.burstLatencyMs, let height = s.burstRateHz else { return nil }
        let trace = s.reversalTrace
        let dip = trace.timesMs.indices.filter { trace.timesMs[$0] >= -1e-6 && trace.timesMs[$0] <= t + 1e-6 }
            .map { trace.rateHz[$0] }.min()
        return dip.map { height - $0 }
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

/// The causal-test facet of a phenomenon: what an intervention changes, read from a suite run.
public protocol CausalReadable: PhenomenonKind {
    /// The readout of a suite run that measured this phenomenon (see ``PhenomenonReadout``).
    static func readout(_ v: PhenomenaValidation) throws -> PhenomenonReadout
    /// The largest mean response above the gray baseline the metric reads, Hz.
    static func responseAboveBaseline(_ v: PhenomenaValidation) -> Double?
}
