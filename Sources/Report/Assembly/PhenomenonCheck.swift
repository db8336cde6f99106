import Mechanisms
import Phenomena

/// One acceptance criterion of a phenomenon, judged on the full, reduced and ground-truth metric of
/// an analysis: does each model *show* the phenomenon by the project's thresholds
/// (``Phenomena/AcceptanceCriteria/project``)?
///
/// The values are read from the analysis's metric structs (nothing is recomputed); criteria are judged
/// over the periods or speeds of the protocol the analysis ran.
struct PhenomenonCheck: Equatable {
    var name: String
    var unit: String
    var minimum: Double?
    var maximum: Double?
    var full: Double?
    var reduced: Double?
    var groundTruth: Double?
    /// Extra condition every model must meet (e.g. "a peak at every period"), per model.
    var fullComplete = true
    var reducedComplete = true
    var groundTruthComplete = true

    /// `value` present, finite and within the inclusive bounds, and the extra condition met.
    func passes(_ value: Double?, complete: Bool) -> Bool {
        guard complete, let value, value.isFinite else { return false }
        return (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
    }

    var fullPasses: Bool { passes(full, complete: fullComplete) }
    var reducedPasses: Bool { passes(reduced, complete: reducedComplete) }
    var groundTruthPasses: Bool { passes(groundTruth, complete: groundTruthComplete) }

    /// "≥ 2", "≤ 30 ms", "0.8 … 1.2".
    var threshold: String { Self.thresholdText(minimum: minimum, maximum: maximum, unit: unit) }

    /// "≥ 2", "≤ 30 ms", "0.8 … 1.2", "any" for inclusive bounds (nil = unbounded).
    static func thresholdText(minimum: Double?, maximum: Double?, unit: String) -> String {
        let u = unit.isEmpty ? "" : " \(unit)"
        switch (minimum, maximum) {
        case let (lo?, hi?): return "\(NumberText.parameter(lo)) … \(NumberText.parameter(hi))\(u)"
        case let (lo?, nil): return "≥ \(NumberText.parameter(lo))\(u)"
        case let (nil, hi?): return "≤ \(NumberText.parameter(hi))\(u)"
        case (nil, nil): return "any"
        }
    }
}

/// Whether the reduced circuit reproduces a phenomenon: it must meet every criterion the full model
/// meets (the reduction explains the full model, so a criterion the full model fails is not asked of
/// the reduced one).
enum ReproductionVerdict: Equatable {
    /// The reduced model meets all `of` criteria the full model meets.
    case reproduced(of: Int)
    /// It meets `passed` of the `of` criteria the full model meets (0 < passed < of).
    case partly(passed: Int, of: Int)
    /// It meets none of them.
    case notReproduced(of: Int)
    /// The full model meets no criterion: there is nothing to reproduce.
    case absentInFullModel

    init(_ checks: [PhenomenonCheck]) {
        let relevant = checks.filter(\.fullPasses)
        let passed = relevant.filter(\.reducedPasses).count
        if relevant.isEmpty { self = .absentInFullModel }
        else if passed == relevant.count { self = .reproduced(of: passed) }
        else if passed == 0 { self = .notReproduced(of: relevant.count) }
        else { self = .partly(passed: passed, of: relevant.count) }
    }

    /// Short cell text for the summary table.
    var shortText: String {
        switch self {
        case .reproduced: return "yes"
        case let .partly(p, n): return "partly (\(p) of \(n))"
        case .notReproduced: return "no"
        case .absentInFullModel: return "— (full model lacks it)"
        }
    }

    /// One sentence for the phenomenon section.
    var sentence: String {
        func criteria(_ n: Int) -> String { n == 1 ? "the 1 criterion" : "all \(n) criteria" }
        switch self {
        case let .reproduced(n):
            return "The reduced circuit reproduces the phenomenon: it meets \(criteria(n)) the full model meets."
        case let .partly(p, n):
            return "The reduced circuit reproduces the phenomenon only partly: it meets \(p) of the \(n) criteria "
                + "the full model meets."
        case let .notReproduced(n):
            return n == 1
                ? "The reduced circuit does not reproduce the phenomenon: it fails the one criterion the full model meets."
                : "The reduced circuit does not reproduce the phenomenon: it meets none of the \(n) criteria the full model meets."
        case .absentInFullModel:
            return "The full model itself meets none of the criteria, so there is no phenomenon for the reduced "
                + "circuit to reproduce; the mechanism below explains the full model's response, not a phenomenon."
        }
    }
}

/// The criteria per phenomenon, read from the typed metrics.
enum PhenomenonChecks {
    static func osr(_ full: OSRMetrics, _ reduced: OSRMetrics, _ truth: OSRMetrics?,
                    criteria c: AcceptanceCriteria = .project) -> [PhenomenonCheck] {
        func check(_ name: String, _ unit: String, _ min: Double?, _ max: Double?,
                   _ value: (OSRMetrics) -> Double?) -> PhenomenonCheck {
            PhenomenonCheck(name: name, unit: unit, minimum: min, maximum: max, full: value(full),
                            reduced: value(reduced), groundTruth: truth.flatMap(value),
                            fullComplete: full.periodsWithoutPeakMs.isEmpty,
                            reducedComplete: reduced.periodsWithoutPeakMs.isEmpty,
                            groundTruthComplete: truth?.periodsWithoutPeakMs.isEmpty ?? false)
        }
        return [
            check("slope of (OSR peak − last flash) vs period", "", c.osrSlopeMinimum, c.osrSlopeMaximum, \.slopeVsPeriod),
            check("spread of the OSR latency over periods", UnitText.milliseconds, nil, c.osrSpreadMaximumMs,
                  \.latencySpreadMs),
            check("OSR peak / largest train response (smallest over periods)", "×", c.osrPeakToTrainRatioMinimum, nil,
                  \.minimumPeakToTrainRatio),
        ]
    }

    static func latency(_ full: LatencyMetrics, _ reduced: LatencyMetrics, _ truth: LatencyMetrics?,
                        criteria c: AcceptanceCriteria = .project) -> [PhenomenonCheck] {
        [
            PhenomenonCheck(name: "Spearman ρ of peak latency vs contrast", unit: "", minimum: nil,
                            maximum: c.latencySpearmanMaximum, full: full.spearmanRho, reduced: reduced.spearmanRho,
                            groundTruth: truth?.spearmanRho),
            PhenomenonCheck(name: "latency shift, lowest − highest contrast", unit: UnitText.milliseconds,
                            minimum: c.latencyShiftMinimumMs, maximum: nil, full: full.shiftMs, reduced: reduced.shiftMs,
                            groundTruth: truth?.shiftMs),
        ]
    }

    static func reversal(_ full: ReversalMetrics, _ reduced: ReversalMetrics, _ truth: ReversalMetrics?,
                         criteria c: AcceptanceCriteria = .project) -> [PhenomenonCheck] {
        func check(_ name: String, _ unit: String, _ min: Double?, _ max: Double?,
                   _ value: (ReversalMetrics) -> Double?) -> PhenomenonCheck {
            PhenomenonCheck(name: name, unit: unit, minimum: min, maximum: max, full: value(full),
                            reduced: value(reduced), groundTruth: truth.flatMap(value),
                            fullComplete: full.speedsWithoutBurst.isEmpty,
                            reducedComplete: reduced.speedsWithoutBurst.isEmpty,
                            groundTruthComplete: truth?.speedsWithoutBurst.isEmpty ?? false)
        }
        return [
            check("SD of the burst latency across speeds", UnitText.milliseconds, nil, c.reversalLatencySDMaximumMs,
                  \.burstLatencySDMs),
            check("burst / smooth-motion peak (smallest over speeds)", "×", c.reversalBurstRatioMinimum, nil,
                  \.minimumBurstRatio),
        ]
    }

    /// δ ≤ 0 (the response leads the bar) at each criterion speed the protocol ran; when it ran none
    /// of them, at its slowest speed.
    static func anticipation(_ full: AnticipationMetrics, _ reduced: AnticipationMetrics, _ truth: AnticipationMetrics?,
                             criteria c: AcceptanceCriteria = .project) -> [PhenomenonCheck] {
        let ran = full.bySpeed.map(\.speedPixelsPerFrame)
        var speeds = c.anticipationSpeeds.filter { v in ran.contains { abs($0 - v) < 1e-9 } }
        if speeds.isEmpty, let slowest = ran.min() { speeds = [slowest] }
        func delta(_ m: AnticipationMetrics?, _ v: Double) -> Double? {
            m?.bySpeed.first { abs($0.speedPixelsPerFrame - v) < 1e-9 }?.meanDeltaPixels
        }
        return speeds.map { v in
            PhenomenonCheck(name: "δ at \(NumberText.parameter(v)) px/frame (bar position at the response peak)",
                            unit: UnitText.pixels, minimum: nil, maximum: c.anticipationDeltaMaximumPixels,
                            full: delta(full, v), reduced: delta(reduced, v), groundTruth: delta(truth, v))
        }
    }
}
