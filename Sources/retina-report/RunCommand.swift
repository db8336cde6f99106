import ArgumentParser
import CairoRenderer
import Foundation
import Mechanisms
import Phenomena
import Report
import ReportKit

extension Phenomenon: ExpressibleByArgument {}
extension FigureFormat: ExpressibleByArgument {}
extension IntegrationQuadrature: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the phenomenon analyses on a model and write a report folder (the default command).",
        discussion: """
        Writes Reports/<run-id>/ with report.html (self-contained), report.md, figures/ (PNG + SVG, \
        PDF on request), data/ (NPY + CSV + JSON per analysis) and manifest.json. The folder appears \
        under its final name only when complete and an existing folder is never overwritten.

        Every parameter can be overridden: --parameters P.json (a JSON object with any subset of the \
        resolved configuration, e.g. \(RunConfiguration.documentedParametersExample)) and --set key.path=value \
        (e.g. --set reversal.speedsPixelsPerFrame=[0.14] --set analysis.reduction.selection.share=0.8). \
        `--print-parameters` shows the resolved configuration (all keys) and exits.
        """)

    @Option(help: "A model (.safetensors) to analyse instead of the shipped ensemble; repeat it to analyse several models as one ensemble (their mean and each member, as with --ensemble).")
    var model: [String] = []
    @Option(help: "Ensemble directory (member-<seed>.safetensors from train --output-dir): analyse the members' mean and each member's phenomena and pathways (default: the shipped ensemble, Assets/ensemble, unless --model is given).")
    var ensemble: String?
    @Option(name: .shortAndLong, help: "Folder that receives the run folder.") var output: String = "Reports"
    @Option(help: "Run id (default: UTC time + hash).") var runID: String?
    @Option(help: "Phenomena, comma separated: osr,latency,reversal,anticipation,adaptation (default: all).", transform: Self.list)
    var phenomena: [String]?
    @Option(help: "Cells to explain, comma separated (default: all; bar analyses use one column).", transform: Self.list)
    var cells: [String]?
    @Option(help: "Integrated-gradient α-steps.") var igSteps: Int?
    @Option(help: "Integrated-gradients quadrature rule.") var quadrature: IntegrationQuadrature?
    @Option(help: "Figure formats, comma separated: png,svg,pdf.", transform: Self.list) var formats: [String]?
    @Option(help: "PNG resolution (dpi).") var dpi: Double?
    @Option(help: "OSR flash periods in ms, comma separated.", transform: Self.list) var osrPeriods: [String]?
    @Option(help: "Bar speed for reversal and anticipation, px/frame (0.08 px/frame = 0.44 mm/s).") var barSpeed: Double?
    @Option(help: "JSON parameters file (any subset of the resolved configuration).") var parameters: String?
    @Option(name: .customLong("set"), help: "Override one parameter: key.path=JSONvalue (repeatable).") var assignments: [String] = []
    @Option(help: "Seed recorded in the manifest.") var seed: UInt64?
    @Flag(help: "Do not compare with the simulated ground truth.") var noGroundTruth = false
    @Flag(help: "Skip the causal tests (silencing the kept and typed first-layer channels).") var noCausalTests = false
    @Option(help: "JSON file of hypotheses to test, e.g. {\"hypotheses\": [{\"phenomenon\": \"osr\", \"pathways\": [\"ON slow\", \"c4 inhibitory\"]}]}.")
    var hypotheses: String?
    @Option(help: "One hypothesis, 'phenomenon: pathway + pathway', e.g. 'osr: c2+c4' or 'latency: OFF fast + OFF slow divisive' (repeatable).")
    var hypothesis: [String] = []
    @OptionGroup var cacheFolder: CacheFolderOption
    @Flag(help: "Compute every step; neither read nor fill the step cache.") var noCache = false
    @Option(help: "Size of the step cache beyond which the least recently used entries are removed, e.g. 500M, 4G (default 4G).")
    var cacheLimit: String?
    @Flag(help: "Print the resolved configuration as JSON and exit.") var printParameters = false
    @Flag(name: .shortAndLong, help: "No progress output.") var quiet = false

    static func list(_ s: String) -> [String] { s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func resolved() throws -> RunConfiguration {
        if !model.isEmpty && ensemble != nil {
            throw RunPipelineError.invalidParameter(name: "--model / --ensemble", expected: "one of them", found: "both")
        }
        var c = RunConfiguration(model: model.first ?? RunConfiguration.shippedModel, output: output, runID: runID)
        c.ensemble = model.isEmpty ? (ensemble ?? RunConfiguration.shippedEnsemble) : nil
        if model.count > 1 { c.ensembleModels = model }
        if let parameters { c = try c.merging(parametersFile: URL(fileURLWithPath: parameters)) }
        func parse<T>(_ values: [String], _ name: String, _ make: (String) -> T?) throws -> [T] {
            try values.map { v in
                guard let x = make(v) else { throw ValidationError("--\(name): '\(v)' is not valid") }
                return x
            }
        }
        if let phenomena { c.phenomena = try parse(phenomena, "phenomena") { Phenomenon(rawValue: $0) } }
        // Digits only: Int("+1") would read '+1' (and '+0') as a cell index.
        if let cells {
            c.analysis.cells = try cells.map { v in
                guard !v.isEmpty, v.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let i = Int(v) else {
                    throw RunPipelineError.invalidParameter(name: "--cells", expected: "cell indices of digits only, e.g. 0,3,4", found: "'\(v)'")
                }
                return i
            }
        }
        if let igSteps { c.analysis.integratedGradients.steps = igSteps }
        if let quadrature { c.analysis.integratedGradients.quadrature = quadrature }
        if let formats { c.formats = try parse(formats, "formats") { FigureFormat(rawValue: $0) } }
        if let dpi { c.dpi = dpi }
        // Shortcuts for the most used protocol keys (the same as --set osr.periodsMs=… and
        // --set reversal.speedsPixelsPerFrame=[v] --set anticipation.speedsPixelsPerFrame=[v]).
        if let osrPeriods { c.protocols[OmittedStimulusResponse.self].periodsMs = try parse(osrPeriods, "osr-periods") { Double($0) } }
        if let barSpeed {
            guard BarRenderer.speedRangePixelsPerFrame.contains(barSpeed) else {
                throw RunPipelineError.invalidParameter(name: "--bar-speed (reversal.speedsPixelsPerFrame, anticipation.speedsPixelsPerFrame)", expected: "a finite speed of 0.01 … 10 px/frame", found: "\(barSpeed)")
            }
            c.protocols[MotionReversal.self].speedsPixelsPerFrame = [barSpeed]
            c.protocols[MotionAnticipation.self].speedsPixelsPerFrame = [barSpeed]
        }
        if let seed { c.seed = seed }
        if noGroundTruth { c.compareGroundTruth = false }
        for a in assignments { c = try c.setting(a) }
        if noCausalTests { c.causal.enabled = false }
        if let hypotheses { c.causal.hypotheses += try HypothesisSet.read(contentsOf: URL(fileURLWithPath: hypotheses)).hypotheses }
        c.causal.hypotheses += try hypothesis.map(HypothesisSet.parse(line:))
        try c.validate()
        return c
    }

    /// `--cache-limit` in bytes (checked before anything else, `--print-parameters` included).
    func cacheLimitBytes() throws -> Int64 {
        try cacheLimit.map { try ByteCount.parse($0, parameter: "--cache-limit") } ?? StepCache.defaultLimitBytes
    }

    /// The step cache of `--cache` / `--cache-limit` (its folder created when missing), nil with `--no-cache`.
    func stepCache() throws -> StepCache? {
        let limit = try cacheLimitBytes()
        if noCache {
            if cacheFolder.cache != nil {
                throw RunPipelineError.invalidParameter(name: "--cache / --no-cache", expected: "one of them", found: "both")
            }
            return nil
        }
        return try StepCache(directory: cacheFolder.directory, limitBytes: limit)
    }

    func run() throws {
        try reportingErrors {
            let config = try resolved()
            _ = try cacheLimitBytes()
            if printParameters {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(config), as: UTF8.self))
                return
            }
            let cache = try stepCache()
            let reporter = ProgressReporterFactory.make(mode: quiet ? .silent : .automatic)
            let outcome = try RunPipeline.run(config, argv: CommandLine.arguments, cache: cache, progress: reporter)
            if !quiet {
                note(String(format: "finished in %.1f s", outcome.seconds))
                if !outcome.failed.isEmpty {
                    note("failed analyses: \(outcome.failed.map(\.rawValue).joined(separator: ", ")) (see the report's error sections)")
                }
                let others = outcome.failedSteps.filter { step in !outcome.failed.contains { step.hasSuffix(": \($0.rawValue)") || step == $0.rawValue } }
                if !others.isEmpty { note("failed steps: \(others.joined(separator: ", ")) (see the report's warnings and manifest.json)") }
            }
            print(outcome.folder.appendingPathComponent("report.html").path)
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}
