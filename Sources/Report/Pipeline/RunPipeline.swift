import CairoRenderer
import Figures
import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaCore
import RetinaSimulation
import Training

/// The main job: load a model, run the four analyses, export data, render figures, assemble the
/// Markdown + HTML report and the manifest, all inside a run folder that appears under its final
/// name only when complete.
///
/// One failing analysis does not stop the others: it becomes an error section in the report and
/// the run's exit code is 1. Errors that make a report impossible (bad parameter, missing or corrupt
/// model, existing run folder) throw before any work is done.
public enum RunPipeline {
    /// What a finished run produced.
    public struct Outcome: Sendable {
        public var folder: URL
        public var exitCode: Int32
        public var failed: [Phenomenon]
        public var seconds: Double
    }

    public static func run(_ config: RunConfiguration, argv: [String],
                           progress: any ProgressReporter = SilentProgressReporter(),
                           clock: any WallClock = SystemWallClock()) throws -> Outcome {
        let started = clock.now()
        try config.validate()
        let (model, card) = try loadModel(config)
        let modelURL = URL(fileURLWithPath: config.model)
        let modelInput = try InputRecord.hashing(role: "model", fileAt: modelURL, path: config.model)

        let output = URL(fileURLWithPath: config.output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let runID = try config.runID.map(RunID.init(validating:))
            ?? RunID.make(date: started, seedMaterial: argv.joined(separator: " ") + "\n" + modelInput.sha256)
        let folder = try RunFolder.create(in: output, runID: runID)
        let recorder = StepRecorder(clock: clock, progress: progress)
        let steps = config.phenomena.map { "analysis: \($0.rawValue)" } + ["model figures", "report"]
        recorder.declare(steps)

        do {
            let (settings, groundTruth) = analysisInputs(config, card: card)
            let renderer = CairoFigureRenderer()
            let renderOptions = FigureRenderOptions(dpi: config.dpi)
            let formats = Array(Set(config.formats + [.png])).sorted { $0.rawValue < $1.rawValue }
            var inputs: [PhenomenonReportInput] = []
            var channelTypes: ChannelTypeTable?
            for phenomenon in config.phenomena {
                let name = "analysis: \(phenomenon.rawValue)"
                let t0 = clock.now()
                let result = recorder.attempt(name) { _ -> PhenomenonReportInput in
                    let analysed = try analyse(phenomenon, model: model, config: config, settings: settings, groundTruth: groundTruth)
                    let dataFolder = "data/\(phenomenon.rawValue)"
                    let files = try export(analysed, to: dataFolder, in: folder)
                    let figures = try figures(for: analysed, config: config, renderer: renderer, formats: formats, options: renderOptions, in: folder)
                    return PhenomenonReportInput(outcome: analysed, figures: figures, dataFiles: files,
                                                 seconds: clock.now().timeIntervalSince(t0))
                }
                switch result {
                case let .success(input):
                    inputs.append(input)
                    if channelTypes == nil { channelTypes = input.outcome.channelTypes }
                case let .failure(error):
                    inputs.append(PhenomenonReportInput(
                        outcome: .failed(phenomenon: phenomenon, step: name, message: "\(error)"),
                        seconds: clock.now().timeIntervalSince(t0)))
                }
            }

            let modelFigures: [ReportFigure]? = recorder.attempt("model figures") { _ in
                let types = try channelTypes ?? ChannelTyping.classify(model: model, references: settings.referenceKernels,
                                                                      rule: settings.fastSlowRule, scope: settings.fastSlowScope)
                return try FigureCatalogue.modelFigures(channelTypes: types, card: card).map {
                    try render($0, renderer: renderer, formats: formats, options: renderOptions, in: folder)
                }
            }.get(orWarnInto: recorder)

            let software = SoftwareInfo.detect(repository: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let reportInputs = ReportInputs(
                runID: runID.rawValue, createdUTC: started, toolVersion: ToolVersion.current,
                gitCommit: software.gitCommit, commandLine: argv.joined(separator: " "),
                model: ModelReportInput(path: config.model, sha256: modelInput.sha256, architecture: model.architecture,
                                        card: card, figures: modelFigures ?? []),
                phenomena: inputs, settings: settings, osrProtocol: config.osr, latencyProtocol: config.latency,
                reversalProtocol: config.reversal, anticipationProtocol: config.anticipation,
                groundTruthCompared: groundTruth != nil, warnings: recorder.warnings)
            let failed = inputs.compactMap { if case let .failed(p, _, _) = $0.outcome { p } else { nil } }
            let exitCode: Int32 = failed.isEmpty ? 0 : 1
            try recorder.run("report") { _ in
                let document = ReportAssembler.document(for: reportInputs)
                for warning in try folder.writeReport(document) { recorder.warn(warning) }
            }
            let manifest = RunManifest(
                runId: runID, createdUTC: started, argv: argv, parameters: try JSONValue(encoding: config),
                seed: config.seed, software: software, inputs: [modelInput], outputs: [], steps: recorder.steps,
                warnings: recorder.warnings, exitCode: exitCode)
            _ = try folder.writeManifest(manifest)
            let final = try folder.commit()
            progress.finish()
            return Outcome(folder: final, exitCode: exitCode, failed: failed, seconds: clock.now().timeIntervalSince(started))
        } catch {
            _ = folder.abandon()
            progress.finish()
            throw error
        }
    }

    /// Loads the model of `config` and its card, checking the requested cells against it.
    static func loadModel(_ config: RunConfiguration) throws -> (BNCNN, ModelCard?) {
        let modelURL = URL(fileURLWithPath: config.model)
        guard FileManager.default.fileExists(atPath: modelURL.path) else {
            throw RunPipelineError.modelNotFound(path: config.model)
        }
        let (loaded, metadata) = try BNCNN.load(contentsOf: modelURL)
        // A recording-trained or imported model sees the protocols as mean · (1 + c) in its raw units.
        let model = try loaded.adaptedForInput(.weberContrast, metadata: metadata)
        let card = try ModelCard.from(metadata: metadata)
        if let cells = config.analysis.cells, let bad = cells.first(where: { $0 < 0 || $0 >= model.cellCount }) {
            throw RunPipelineError.invalidParameter(name: "cells", expected: "indices in 0..<\(model.cellCount)", found: "\(bad)")
        }
        return (model, card)
    }

    /// The analysis settings (reference kernels from the card's simulator when none were given) and
    /// the ground truth to compare with (the card's simulated retina, unless switched off).
    static func analysisInputs(_ config: RunConfiguration, card: ModelCard?) -> (MechanismAnalysisSettings, SimulatedRetina?) {
        var settings = config.analysis
        if let card, settings.referenceKernels.isEmpty {
            settings.referenceKernels = GroundTruthReferenceKernels.kernels(card.simulatorParameters)
        }
        return (settings, config.compareGroundTruth ? card.map { groundTruth(from: $0) } : nil)
    }

    /// The simulated retina a model card describes (the circuit the model was trained on).
    static func groundTruth(from card: ModelCard) -> SimulatedRetina {
        SimulatedRetina(parameters: card.simulatorParameters, cells: card.simulatorCells,
                        screenHeight: card.recipe.architecture.height, screenWidth: card.recipe.architecture.width)
    }

    static func analyse(_ phenomenon: Phenomenon, model: BNCNN, config: RunConfiguration,
                        settings: MechanismAnalysisSettings, groundTruth: SimulatedRetina?) throws -> AnalysisOutcome {
        switch phenomenon {
        case .osr: .osr(try MechanismAnalyses.osr(model: model, parameters: config.osr, settings: settings, groundTruth: groundTruth))
        case .latency: .latency(try MechanismAnalyses.latency(model: model, parameters: config.latency, settings: settings, groundTruth: groundTruth))
        case .reversal: .reversal(try MechanismAnalyses.reversal(model: model, parameters: config.reversal, settings: settings, groundTruth: groundTruth))
        case .anticipation: .anticipation(try MechanismAnalyses.anticipation(model: model, parameters: config.anticipation, settings: settings, groundTruth: groundTruth))
        }
    }
}

extension AnalysisOutcome {
    /// The first-layer channel types the analysis used (nil for a failed analysis).
    var channelTypes: ChannelTypeTable? {
        switch self {
        case let .osr(r): r.channelTypes
        case let .latency(r): r.channelTypes
        case let .reversal(r): r.channelTypes
        case let .anticipation(r): r.channelTypes
        case .failed: nil
        }
    }
}

extension Result {
    /// The value, or nil after recording the error as a warning (for optional report parts).
    func get(orWarnInto recorder: StepRecorder) -> Success? {
        switch self {
        case let .success(v): return v
        case let .failure(e): recorder.warn("\(e)"); return nil
        }
    }
}
