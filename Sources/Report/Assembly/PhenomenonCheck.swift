import RetinaCore
import Mechanisms
import Phenomena
import ReportKit

/// One acceptance criterion of a phenomenon, judged on the full, reduced and ground-truth metric of
/// an analysis: does each model *show* the phenomenon by the project's thresholds?
///
/// Built from the phenomenon's one criteria judge (``Phenomena/PhenomenonKind/judge(_:perCell:criteria:)``,
/// also used by `validate` and the model card), so the report cannot disagree with them.
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

    /// The same criterion judged on the full, reduced and ground-truth models (lists in the same order).
    static func zip(full: [CriterionResult], reduced: [CriterionResult], groundTruth: [CriterionResult]?) -> [PhenomenonCheck] {
        full.indices.map { i in
            let f = full[i], r = reduced.indices.contains(i) ? reduced[i] : nil
            let g = groundTruth.flatMap { $0.indices.contains(i) ? $0[i] : nil }
            return PhenomenonCheck(name: f.name, unit: f.unit, minimum: f.minimum, maximum: f.maximum, full: f.measured,
                                   reduced: r?.measured, groundTruth: g?.measured, fullComplete: f.complete,
                                   reducedComplete: r?.complete ?? false, groundTruthComplete: g?.complete ?? false)
        }
    }

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

/// Whether the full model shows a phenomenon by its acceptance criteria.
enum FullModelShows: Equatable {
    /// Every one of `of` criteria is met.
    case yes(of: Int)
    /// `met` of `of` criteria are met (0 < met < of).
    case partly(met: Int, of: Int)
    /// None of `of` criteria is met.
    case no(of: Int)

    init(met: Int, of n: Int) {
        if n > 0 && met == n { self = .yes(of: n) } else if met == 0 { self = .no(of: n) } else { self = .partly(met: met, of: n) }
    }

    /// The summary table's "Reproduced" cell: the verdict only when the full model shows the
    /// phenomenon (every criterion met); otherwise "— (full model: 1 of 3)", since a circuit cannot
    /// reproduce a phenomenon the model it explains does not show.
    func reproducedText(_ verdict: ReproductionVerdict) -> String {
        switch self {
        case .yes: return verdict.shortText
        case let .partly(m, n): return "— (full model: \(m) of \(n))"
        case let .no(n): return "— (full model: 0 of \(n))"
        }
    }

    /// Cell text for the summary table: "yes (3 of 3)", "partly (1 of 3 criteria)", "no (0 of 2)".
    var shortText: String {
        switch self {
        case let .yes(n): return "yes (\(n) of \(n))"
        case let .partly(m, n): return "partly (\(m) of \(n) criteria)"
        case let .no(n): return "no (0 of \(n))"
        }
    }
}
