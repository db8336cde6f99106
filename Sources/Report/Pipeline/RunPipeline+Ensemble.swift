import ArrayIO
import Figures
import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaCore
import Training
import ReportKit

/// The members of an ensemble run, as the pipeline and the report need them.
public struct EnsembleRunInput: Sendable {
    /// The ensemble directory as given, or the member files, comma separated.
    public var directory: String
    /// True when the members were given as model files (`run --model A --model B`), not a directory.
    public var fromFiles = false
    /// "member 1 (seed 1)", in ensemble order (member k ↔ channels k·C ..< (k+1)·C).
    public var memberNames: [String]
    public var memberFiles: [String]
    public var layout: EnsembleLayout
    /// The members, prepared as the analyses need them (Weber contrast, rows aligned).
    var members: [BNCNN]
    /// The run's memo of member rates, shared with the ensemble model (``Mechanisms/ResponseMemo``).
    var memo: ResponseMemo?

    /// Member `k` alone, answering from the memo what the mean's runs already computed.
    func memberModel(_ k: Int) throws -> any ResponseModel {
        guard let memo else { return members[k] }
        return try MeanResponseModel(models: [members[k]], memo: memo, variants: [EnsembleModel<BNCNN>.memberVariant(k, Layer1Silencing())])
    }
}

/// A phenomenon across the members of an ensemble: each member's phenomenon and criteria, the ensemble
/// mean's, each member's own kept groups and their pathway types, and the answer key per member.
public struct RobustnessReportInput: Codable, Sendable {
    public var memberNames: [String]
    /// Per member, measured by the phenomenon suite on the member alone (same stimuli, cells, criteria).
    public var members: [PhenomenonReadout]
    /// The ensemble mean (the mean of the members' rates), measured the same way.
    public var mean: PhenomenonReadout
    /// Each member's kept groups (``Mechanisms/MemberReduction``), channels in ensemble numbering.
    public var reductions: [MemberReduction]
    public var typeCounts: MemberTypeCounts
    /// Planted pathways each member's kept groups play, and how many the key has; nil without an answer key.
    public var plantedRecovered: [Int]?
    public var plantedCount: Int?
    public var figure: ReportFigure?
    public var dataFiles: [String]
}

extension RunPipeline {
    static func robustnessStepName(_ p: Phenomenon) -> String { "robustness: \(p.rawValue)" }

    /// An ensemble loaded from a directory or from model files (``Training/ModelEnsemble``: members
    /// that cannot be averaged are refused, naming the file): hashes every member and builds the mean
    /// model. `description`: the directory or the files as given, for the report.
    static func loadEnsemble(_ ensemble: ModelEnsemble, description directory: String,
                             config: RunConfiguration) throws -> LoadedModel<EnsembleModel<BNCNN>> {
        let members = try ensemble.analysisModels()
        let memo = ResponseMemo()
        let model = try EnsembleModel(members: members, memo: memo)
        if let cells = config.analysis.cells, let bad = cells.first(where: { $0 < 0 || $0 >= model.cellCount }) {
            throw RunPipelineError.invalidParameter(name: "cells", expected: "indices in 0..<\(model.cellCount)", found: "\(bad)")
        }
        let inputs = try ensemble.members.map { m in
            try InputRecord.hashing(role: "ensemble member", fileAt: m.file, path: m.file.path)
        }
        let names = ensemble.members.enumerated().map { k, m in "member \(k + 1)" + (m.seed.map { " (seed \($0))" } ?? "") }
        let run = EnsembleRunInput(directory: directory, fromFiles: ensemble.directory == nil, memberNames: names,
                                   memberFiles: ensemble.members.map(\.file.path), layout: model.layout, members: members, memo: memo)
        let digest = SHA256.hex(Data(inputs.map(\.sha256).joined(separator: "\n").utf8))
        return LoadedModel(model: model, card: ensemble.members.first?.card, inputs: inputs, path: directory, sha256: digest,
                           architecture: ensemble.members[0].model.architecture, ensemble: run)
    }

    /// Each member measured alone and the mean, the members' own kept groups and pathway types, and
    /// the answer key per member; `robustness.csv` and `member_types.csv` under `data/<p>/`.
    /// `causal`: the phenomenon's causal test, whose unsilenced readout is the mean's (same suite, cells
    /// and model), so the mean is not measured twice.
    static func robustness<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, ensemble: EnsembleRunInput,
                                                                          causal: CausalTestResult?,
                                                                          context c: AnalysisContext<M>) throws -> RobustnessReportInput {
        let step = robustnessStepName(K.id)
        let key = try c.cache.key { try $0.robustness(analysis: $0.analysis(K.self), usesCausalReadout: causal != nil) }
        var input = try c.cache.value(key, step: step, kind: "robustness", files: \RobustnessReportInput.dataFiles) {
            try measureRobustness(analysed, ensemble: ensemble, causal: causal, context: c)
        }
        input.figure = try cachedFigures(of: key, step: step, context: c) {
            [try CatalogueRobustness.strengthStrip(memberNames: ensemble.memberNames, members: input.members, mean: input.mean,
                                                   id: "\(K.id.rawValue)-robustness", title: K.title)]
        }.first
        return input
    }

    /// ``robustness(_:ensemble:causal:context:)`` without the cache and the figure: the measurements
    /// and the two data files.
    static func measureRobustness<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, ensemble: EnsembleRunInput,
                                                                                 causal: CausalTestResult?,
                                                                                 context c: AnalysisContext<M>) throws -> RobustnessReportInput {
        var suite = causalSuite(c.config, settings: c.settings)
        suite.phenomena = [K.id]
        let members = try ensemble.members.indices.map { k in
            try PhenomenonReadout.read(K.id, from: suite.measure(ensemble.memberModel(k), cells: analysed.cells))
        }
        let mean = try causal.map(\.full) ?? PhenomenonReadout.read(K.id, from: suite.measure(c.model, cells: analysed.cells))
        let reductions = MemberReduction.members(of: analysed.reduction, layout: ensemble.layout, settings: analysed.settings.reduction)
        let counts = try MemberTypeCounts.count(keptGroups: reductions.flatMap(\.kept), channelTypes: analysed.channelTypes,
                                                layout: ensemble.layout)
        var recovered: [Int]?, plantedCount: Int?
        if c.groundTruth != nil {
            let key = analysed.statement.comparison.key
            recovered = reductions.map { $0.comparison(key: key, ensembleReduction: analysed.reduction, channelTypes: analysed.channelTypes).recovered }
            plantedCount = key.pathways.count
        }
        var input = RobustnessReportInput(memberNames: ensemble.memberNames, members: members, mean: mean, reductions: reductions,
                                          typeCounts: counts, plantedRecovered: recovered, plantedCount: plantedCount, figure: nil,
                                          dataFiles: [])
        let relative = "data/\(K.id.rawValue)"
        let url = try c.folder.folderURL(for: relative)
        try robustnessTable(input).write(to: url.appendingPathComponent("robustness.csv"))
        try memberTypesTable(input).write(to: url.appendingPathComponent("member_types.csv"))
        input.dataFiles = try ["robustness.csv", "member_types.csv"].map { name in
            let path = relative + "/" + name
            _ = try c.folder.recordFile(path, producedBy: robustnessStepName(K.id))
            return path
        }
        return input
    }

    /// `robustness.csv`: one row per model (each member, then `mean`) × criterion:
    /// `model,strength_name,strength,strength_unit,criterion,value,threshold,passed`.
    static func robustnessTable(_ r: RobustnessReportInput) -> CSVTable {
        var t = CSVTable(columns: ["model", "strength_name", "strength", "strength_unit", "criterion", "value", "threshold", "passed"])
        for (name, readout) in zip(r.memberNames + ["mean"], r.members + [r.mean]) {
            let strength: CSVValue = readout.strength.map { .double($0, precision: 5) } ?? .missing
            for c in readout.criteria {
                t.append([.string(name), .string(readout.strengthName), strength, .string(readout.strengthUnit), .string(c.name),
                          c.measured.map { .double($0, precision: 5) } ?? .missing, .string(c.thresholdDescription), .string(c.passed ? "yes" : "no")])
            }
        }
        return t
    }

    /// `member_types.csv`: `member,kept_groups,ON fast,ON slow,OFF fast,OFF slow,planted_recovered`.
    static func memberTypesTable(_ r: RobustnessReportInput) -> CSVTable {
        var t = CSVTable(columns: ["member", "kept_groups"] + r.typeCounts.typeLabels + ["planted_recovered"])
        for (k, name) in r.memberNames.enumerated() {
            t.append([.string(name), .string(r.reductions[k].kept.map(\.description).joined(separator: " "))]
                     + r.typeCounts.counts[k].map { .int($0) } + [r.plantedRecovered.map { .int($0[k]) } ?? .missing])
        }
        return t
    }
}
