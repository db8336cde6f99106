import ArrayIO
import Figures
import Foundation
import Mechanisms
import Phenomena
import ReportKit

/// Reads a folder written by `retina-report run` into a ``RunSnapshot``: `manifest.json`, then per
/// analysed phenomenon the data files its kind wrote. Reads only; recomputes nothing.
///
/// Refusals: a missing path, a file, or a folder without `manifest.json` →
/// ``ComparisonError/notARunFolder(path:reason:)`` (66); a manifest of another schema, of a
/// comparison, or without `parameters.phenomena` → ``ComparisonError/foreignManifest(path:reason:)``
/// (65); a missing or corrupt data file → the `ArrayIO` error naming it (66 / 65).
public enum RunFolderReader {
    public static func read(_ path: String) throws -> RunSnapshot {
        let folder = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw ComparisonError.notARunFolder(path: path, reason: "it does not exist")
        }
        guard isDirectory.boolValue else { throw ComparisonError.notARunFolder(path: path, reason: "it is a file, not a folder") }
        let manifestURL = folder.appendingPathComponent(RunManifest.fileName)
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw ComparisonError.notARunFolder(path: path, reason: "\(manifestURL.path) is missing")
        }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(ComparisonFolder.dataFileName).path) {
            throw ComparisonError.foreignManifest(path: manifestURL.path, reason: "it belongs to a comparison folder, not to a run")
        }
        let manifest: RunManifest
        do {
            let data = try Data(contentsOf: manifestURL)
            if let schema = try? JSONDecoder().decode(SchemaProbe.self, from: data), schema.schemaVersion != RunManifest.currentSchemaVersion {
                throw ComparisonError.foreignManifest(path: manifestURL.path, reason: "schemaVersion \(schema.schemaVersion.map(String.init) ?? "missing"), "
                                                          + "expected \(RunManifest.currentSchemaVersion)")
            }
            manifest = try RunManifest.decode(from: data)
        } catch let error as ComparisonError {
            throw error
        } catch let error as DecodingError {
            throw ComparisonError.foreignManifest(path: manifestURL.path, reason: Self.describe(error))
        } catch {
            throw ComparisonError.notARunFolder(path: path, reason: "\(manifestURL.path) cannot be read (\(error.localizedDescription))")
        }
        guard case .array(let ids)? = manifest.parameters["phenomena"] else {
            throw ComparisonError.foreignManifest(path: manifestURL.path, reason: "parameters.phenomena is missing; expected the list of analysed phenomena")
        }
        var phenomena: [Phenomenon] = []
        for id in ids {
            guard case .string(let s) = id, Phenomenon(rawValue: s).kind != nil else {
                throw ComparisonError.foreignManifest(path: manifestURL.path, reason: "parameters.phenomena has \(id), not a phenomenon of this tool ("
                                                          + Phenomenon.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            phenomena.append(Phenomenon(rawValue: s))
        }
        let rule = manifest.parameters["causal"]?["verdict"].flatMap { try? decode(CausalVerdictRule.self, $0) } ?? CausalVerdictRule()
        var results: [Phenomenon: PhenomenonSnapshot] = [:]
        var protocols: [Phenomenon: [String: String]] = [:]
        for p in phenomena {
            protocols[p] = manifest.parameters[p.rawValue]?.flattened() ?? [:]
            let kind = try RunPipeline.reportable(p)
            results[p] = try read(kind, data: folder.appendingPathComponent("data").appendingPathComponent(p.rawValue), rule: rule)
        }
        // The one circuit for all phenomena, where the run fitted one: Table 1's "One circuit" cell and its pathway types.
        let unifiedURL = folder.appendingPathComponent("data").appendingPathComponent(UnifiedCircuitExport.json)
        if FileManager.default.fileExists(atPath: unifiedURL.path) {
            let unified: UnifiedCircuitResult
            do { unified = try StableJSON.read(UnifiedCircuitResult.self, contentsOf: unifiedURL) } catch {
                throw ComparisonError.notARunFolder(path: path, reason: "\(unifiedURL.path) cannot be read (\(error))")
            }
            let types = unified.chosenCandidate.pathways.joined(separator: " + ")
            for (p, snapshot) in results {
                let cell = ReportAssembler.unifiedSummaryText(unified.summaries.first { $0.phenomenon == p })
                results[p]?.conclusions.insert(.init(name: "One circuit", text: cell + " (" + types + ")"),
                                               at: min(2, snapshot.conclusions.count))
            }
        }
        return RunSnapshot(path: path, manifest: manifest, phenomena: phenomena, protocols: protocols,
                           parameters: manifest.parameters.flattened(), results: results)
    }

    /// One phenomenon's snapshot from its data folder, through its kind's typed `metrics.json`.
    static func read<K: ReportablePhenomenon>(_ kind: K.Type, data: URL, rule: CausalVerdictRule) throws -> PhenomenonSnapshot {
        let m = try StableJSON.read(AnalysisMetricsFile<K>.self, contentsOf: data.appendingPathComponent(AnalysisExport.metricsFile))
        let checks = PhenomenonCheck.zip(full: m.criteria.full, reduced: m.criteria.reduced, groundTruth: m.criteria.groundTruth)
        let shows = FullModelShows(met: checks.filter(\.fullPasses).count, of: checks.count)
        let verdict = ReproductionVerdict(checks)
        let ablation = m.criteria.subtractive.map { ReproductionVerdict(PhenomenonCheck.zip(full: m.criteria.full, reduced: $0, groundTruth: nil)) }
        let members = try MemberTable.read(data.appendingPathComponent("robustness.csv"))

        var conclusions: [PhenomenonSnapshot.Conclusion] = [
            .init(name: "Full model shows", text: shows.shortText),
            .init(name: "Reproduced", text: shows.reproducedText(verdict)),
            .init(name: "Needs ÷", text: AnalysisView.needsDivisionText(shows: shows, verdict: verdict, ablation: ablation)),
            .init(name: "Kept pathways", text: AnalysisView.pathwaysText(m.reducedModel.units.map(\.label))),
            .init(name: "Answer key", text: AnalysisView.plantedAgreementText(m.statement.comparison)),
            .init(name: "Nec. / suff.", text: try causalText(data.appendingPathComponent("causal_tests.csv"), rule: rule)),
        ]
        if let members { conclusions.append(.init(name: "Members showing it", text: members.showingText)) }
        for h in try hypotheses(data.appendingPathComponent("hypotheses.csv")) {
            conclusions.append(.init(name: "Hypothesis: " + h.name, text: h.verdict))
        }
        let criteria = m.criteria.full.map { c in
            PhenomenonSnapshot.CriterionOutcome(name: c.name, unit: c.unit, threshold: c.thresholdDescription, measured: c.measured,
                                                passed: c.passed, members: members?.spread(of: c.name))
        }
        let metrics = m.metricRows.flatMap { row in
            [("full", row.full), ("reduced", row.reduced)].map { PhenomenonSnapshot.MetricValue(name: row.name, unit: row.unit, model: $0.0, value: $0.1) }
                + (m.groundTruthMetric == nil ? [] : [PhenomenonSnapshot.MetricValue(name: row.name, unit: row.unit, model: "ground truth", value: row.groundTruth)])
        }
        return PhenomenonSnapshot(
            phenomenon: K.id, title: K.title, conclusions: conclusions, criteria: criteria, metrics: metrics,
            fullCurves: K.headlineCurves(m.fullMetric, parameters: m.parameters, rfCentreXPixels: m.rfCentreXPixels),
            reducedCurves: K.headlineCurves(m.reducedMetric, parameters: m.parameters, rfCentreXPixels: m.rfCentreXPixels),
            historyFrames: m.channelTypes.first?.temporalFilter.count)
    }

    /// "yes / no" from the retained fractions `causal_tests.csv` records for the kept-groups
    /// interventions, judged by the run's own verdict rule (``Mechanisms/CausalVerdict``); "—" when
    /// the run made no causal tests.
    static func causalText(_ url: URL, rule: CausalVerdictRule) throws -> String {
        guard FileManager.default.fileExists(atPath: url.path) else { return "—" }
        let csv = try CSVRows(contentsOf: url)
        func retained(_ kind: String) -> Double? {
            csv.rows.first { csv.value("kind", in: $0) == kind }.flatMap { csv.value("retained", in: $0) }.flatMap(Double.init)
        }
        let verdict = CausalVerdict(rule: rule, retainedWithoutKept: retained("allKept"), retainedWithOnlyKept: retained("allButKept"),
                                    retainedUnderControl: retained("control"))
        return ReportAssembler.causalVerdictText(verdict)
    }

    /// (name, verdict) of each hypothesis in `hypotheses.csv`; none when the file is absent.
    static func hypotheses(_ url: URL) throws -> [(name: String, verdict: String)] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let csv = try CSVRows(contentsOf: url)
        return csv.rows.map { (csv.value("hypothesis", in: $0) ?? "?", csv.value("verdict", in: $0) ?? "?") }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let c): return "field \((c.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            let at = c.codingPath.map(\.stringValue).joined(separator: ".")
            return (at.isEmpty ? "" : "field \(at): ") + c.debugDescription
        @unknown default: return "\(error)"
        }
    }

    private struct SchemaProbe: Decodable { var schemaVersion: Int? }
}

/// The ensemble members' criterion values of one phenomenon (`robustness.csv`: one row per model ×
/// criterion; model "mean" is the ensemble mean, every other model a member).
struct MemberTable {
    /// Member → criterion → (value, passed).
    var members: [String]
    var values: [String: [String: (value: Double?, passed: Bool)]]

    /// Nil when the run has no members (no file).
    static func read(_ url: URL) throws -> MemberTable? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let csv = try CSVRows(contentsOf: url)
        var t = MemberTable(members: [], values: [:])
        for row in csv.rows {
            guard let model = csv.value("model", in: row), model != "mean", let criterion = csv.value("criterion", in: row) else { continue }
            if t.values[model] == nil { t.members.append(model) }
            t.values[model, default: [:]][criterion] = (csv.value("value", in: row).flatMap(Double.init), csv.value("passed", in: row) == "yes")
        }
        return t.members.isEmpty ? nil : t
    }

    /// "2 of 5": members that alone meet every criterion.
    var showingText: String {
        let showing = members.filter { m in values[m]!.values.allSatisfy(\.passed) }.count
        return "\(showing) of \(members.count)"
    }

    func spread(of criterion: String) -> MemberSpread? {
        MemberSpread(members.compactMap { values[$0]?[criterion]?.value })
    }
}
