import Foundation
import Phenomena
import ReportKit

/// Two runs side by side: every headline conclusion, criterion and metric of the phenomena both
/// ran with the same protocol, with what changed, plus the parameter and model differences from
/// the manifests. Written as `comparison.json`; the comparison report shows exactly this.
///
/// Invariants: ``conclusions``, ``criteria`` and ``metrics`` cover only ``compared``; a row's
/// `changed` is true exactly when its two texts differ (criteria: when the pass/fail outcome
/// differs); `difference` = B − A when both values are present, else nil.
public struct RunComparison: Codable, Sendable {
    public static let formatVersion = 1
    public var formatVersion: Int
    public var runA: RunIdentity
    public var runB: RunIdentity
    /// `--shared`: left-out phenomena were allowed.
    public var sharedOnly: Bool
    /// Phenomena compared, in run A's order.
    public var compared: [Phenomenon]
    public var leftOut: [LeftOut]
    public var conclusions: [ConclusionRow]
    public var criteria: [CriterionRow]
    public var metrics: [MetricRow]
    /// Differing resolved parameters (`key.path`), software and model inputs.
    public var parameters: [ParameterRow]
    /// The snapshots the rows were made from (curves included), per run.
    public var snapshotsA: [PhenomenonSnapshot]
    public var snapshotsB: [PhenomenonSnapshot]

    public struct RunIdentity: Codable, Sendable, Equatable {
        public var runID: String
        public var path: String
        public var createdUTC: Date
        public var toolVersion: String
        public var gitCommit: String?
    }

    public struct LeftOut: Codable, Sendable, Equatable {
        public var phenomenon: Phenomenon
        public var reason: String
    }

    public struct ConclusionRow: Codable, Sendable, Equatable {
        public var phenomenon: Phenomenon
        public var name: String
        public var a: String
        public var b: String
        public var changed: Bool
    }

    public struct CriterionRow: Codable, Sendable, Equatable {
        public var phenomenon: Phenomenon
        public var name: String
        public var unit: String
        public var threshold: String
        public var a: Double?
        public var b: Double?
        public var difference: Double?
        public var passedA: Bool?
        public var passedB: Bool?
        public var membersA: MemberSpread?
        public var membersB: MemberSpread?
        public var changed: Bool
    }

    public struct MetricRow: Codable, Sendable, Equatable {
        public var phenomenon: Phenomenon
        public var name: String
        public var unit: String
        /// "full", "reduced" or "ground truth".
        public var model: String
        public var a: Double?
        public var b: Double?
        public var difference: Double?
    }

    public struct ParameterRow: Codable, Sendable, Equatable {
        public var key: String
        public var a: String
        public var b: String
    }

    /// Changed conclusions plus changed criterion outcomes.
    public var changeCount: Int { conclusions.filter(\.changed).count + criteria.filter(\.changed).count }

    /// Keys of the resolved configuration that never make two runs different (where the run was written).
    static let ignoredParameterKeys: Set<String> = ["output", "runID", "phenomena"]

    /// Compares `a` with `b`. Without `sharedOnly`, different phenomenon sets or a shared phenomenon
    /// with a different protocol are refused (``ComparisonError``, 64); with it they are left out and
    /// listed in ``leftOut``, and only nothing left to compare is refused.
    public static func make(_ a: RunSnapshot, _ b: RunSnapshot, sharedOnly: Bool) throws -> RunComparison {
        let onlyA = a.phenomena.filter { !b.phenomena.contains($0) }, onlyB = b.phenomena.filter { !a.phenomena.contains($0) }
        if !sharedOnly, !onlyA.isEmpty || !onlyB.isEmpty {
            throw ComparisonError.differentPhenomena(onlyInA: onlyA.map(\.rawValue), onlyInB: onlyB.map(\.rawValue))
        }
        var leftOut = onlyA.map { LeftOut(phenomenon: $0, reason: "analysed only in run A") }
            + onlyB.map { LeftOut(phenomenon: $0, reason: "analysed only in run B") }
        var compared: [Phenomenon] = []
        for p in a.phenomena where b.phenomena.contains(p) {
            let differing = differences(a.protocols[p] ?? [:], b.protocols[p] ?? [:])
            if let first = differing.first {
                let name = "\(p.rawValue).\(first.key)"
                if !sharedOnly {
                    throw ComparisonError.differentProtocol(phenomenon: p.rawValue, parameter: name, valueA: first.a, valueB: first.b,
                                                            others: differing.count - 1)
                }
                leftOut.append(LeftOut(phenomenon: p, reason: "different protocol: \(name) is \(first.a) in run A and \(first.b) in run B"
                                           + (differing.count > 1 ? " (\(differing.count - 1) more)" : "")))
            } else {
                compared.append(p)
            }
        }
        guard !compared.isEmpty else {
            throw ComparisonError.nothingShared(reason: leftOut.isEmpty ? "neither run analysed a phenomenon"
                                                    : leftOut.map { "\($0.phenomenon.rawValue): \($0.reason)" }.joined(separator: "; "))
        }
        var conclusions: [ConclusionRow] = [], criteria: [CriterionRow] = [], metrics: [MetricRow] = []
        for p in compared {
            guard let x = a.results[p], let y = b.results[p] else { continue }
            for name in union(x.conclusions.map(\.name), y.conclusions.map(\.name)) {
                let ta = x.conclusions.first { $0.name == name }?.text ?? "—", tb = y.conclusions.first { $0.name == name }?.text ?? "—"
                conclusions.append(ConclusionRow(phenomenon: p, name: name, a: ta, b: tb, changed: ta != tb))
            }
            for name in union(x.criteria.map(\.name), y.criteria.map(\.name)) {
                let ca = x.criteria.first { $0.name == name }, cb = y.criteria.first { $0.name == name }
                criteria.append(CriterionRow(phenomenon: p, name: name, unit: (ca ?? cb)!.unit, threshold: (ca ?? cb)!.threshold,
                                             a: ca?.measured, b: cb?.measured, difference: difference(ca?.measured, cb?.measured),
                                             passedA: ca?.passed, passedB: cb?.passed, membersA: ca?.members, membersB: cb?.members,
                                             changed: ca?.passed != cb?.passed))
            }
            let keys = union(x.metrics.map { $0.name + "\u{1F}" + $0.model }, y.metrics.map { $0.name + "\u{1F}" + $0.model })
            for key in keys {
                let ma = x.metrics.first { $0.name + "\u{1F}" + $0.model == key }, mb = y.metrics.first { $0.name + "\u{1F}" + $0.model == key }
                let m = (ma ?? mb)!
                metrics.append(MetricRow(phenomenon: p, name: m.name, unit: m.unit, model: m.model, a: ma?.value, b: mb?.value,
                                         difference: difference(ma?.value, mb?.value)))
            }
        }
        return RunComparison(
            formatVersion: formatVersion, runA: identity(a), runB: identity(b), sharedOnly: sharedOnly, compared: compared,
            leftOut: leftOut, conclusions: conclusions, criteria: criteria, metrics: metrics,
            parameters: parameterRows(a, b),
            snapshotsA: compared.compactMap { a.results[$0] }, snapshotsB: compared.compactMap { b.results[$0] })
    }

    static func identity(_ r: RunSnapshot) -> RunIdentity {
        RunIdentity(runID: r.runID, path: r.path, createdUTC: r.manifest.createdUTC, toolVersion: r.manifest.software.toolVersion,
                    gitCommit: r.manifest.software.gitCommit)
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b, a.isFinite, b.isFinite else { return nil }
        return b - a
    }

    /// `first` in order, then the names only `second` has.
    static func union(_ first: [String], _ second: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for n in first + second where seen.insert(n).inserted { out.append(n) }
        return out
    }

    /// Keys whose texts differ, sorted; a key one side lacks shows "absent".
    static func differences(_ a: [String: String], _ b: [String: String]) -> [ParameterRow] {
        Set(a.keys).union(b.keys).sorted().compactMap { k in
            let x = a[k] ?? "absent", y = b[k] ?? "absent"
            return x == y ? nil : ParameterRow(key: k, a: x, b: y)
        }
    }

    /// Parameters, seed, software and model inputs that differ between the manifests, and the models' windows.
    static func parameterRows(_ a: RunSnapshot, _ b: RunSnapshot) -> [ParameterRow] {
        func facts(_ r: RunSnapshot) -> [String: String] {
            var f = r.parameters.filter { !ignoredParameterKeys.contains($0.key) }
            f["seed"] = String(r.manifest.seed)
            let s = r.manifest.software
            f["software.toolVersion"] = s.toolVersion
            f["software.gitCommit"] = s.gitCommit
            f["software.buildConfiguration"] = s.buildConfiguration
            for (i, input) in r.manifest.inputs.enumerated() {
                f["inputs[\(i)] (\(input.role))"] = "\(input.path), SHA-256 \(input.sha256.prefix(12))…"
            }
            if let frames = r.phenomena.compactMap({ r.results[$0]?.historyFrames }).first { f["model window (frames)"] = String(frames) }
            return f
        }
        return differences(facts(a), facts(b))
    }
}
