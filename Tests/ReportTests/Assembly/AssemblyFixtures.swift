import Foundation
import Mechanisms
import Phenomena
import RetinaCNN
import RetinaSimulation
import TestSupport
import ModelCards
@testable import Report
@testable import ReportKit

/// Report inputs built from real analyses on the tiny responsive BN-CNN of TestSupport (`TinyBNCNN`,
/// seed 11: 8 × 16 screen, 20 frames of history, 3 cells with known centres), the network of
/// `MechanismsTests.testAnalysesRunOnTheBNCNNEngine`. The four analyses run once per test process.
enum AssemblyFixtures {
    static let architecture = TinyBNCNN.architecture()

    static func network() throws -> BNCNN { try TinyBNCNN.responsive(seed: 11) }

    static let settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 30, quadrature: .trapezoid))
    static let osrProtocol = OSRProtocol(periodsMs: [40, 60])
    static let latencyProtocol = LatencyProtocol(contrasts: [0.2, 0.5, 1.0])
    static let reversalProtocol = TinyBarProtocols.reversal(speeds: [0.3])
    static let anticipationProtocol = TinyBarProtocols.anticipation

    struct Analyses: Sendable {
        var osr: OSRAnalysisResult
        var latency: LatencyAnalysisResult
        var reversal: ReversalAnalysisResult
        var anticipation: AnticipationAnalysisResult

        var outcomes: [PhenomenonReportInput] {
            [PhenomenonReportInput(osr), PhenomenonReportInput(latency), PhenomenonReportInput(reversal),
             PhenomenonReportInput(anticipation)]
        }
    }

    /// The four analyses, with the network itself as the "ground truth" (so the ground-truth column is filled).
    static let analyses: Result<Analyses, any Error> = Result {
        let net = try network()
        return Analyses(
            osr: try OmittedStimulusResponse.analyse(model: net, parameters: osrProtocol, settings: settings, groundTruth: net),
            latency: try LatencyCoding.analyse(model: net, parameters: latencyProtocol, settings: settings, groundTruth: net),
            reversal: try MotionReversal.analyse(model: net, parameters: reversalProtocol, settings: settings, groundTruth: net),
            anticipation: try MotionAnticipation.analyse(model: net, parameters: anticipationProtocol, settings: settings,
                                                             groundTruth: net))
    }

    /// Two figures per phenomenon, `figures/figNN-<phenomenon>-<kind>.png|svg`, numbered in input order.
    static func figures(for p: Phenomenon, startingAt n: Int) -> [ReportFigure] {
        ["responses", "attributions"].enumerated().map { i, kind in
            let stem = String(format: "fig%02d-%@-%@", n + i, p.rawValue, kind)
            return ReportFigure(id: "\(p.rawValue)-\(kind)",
                                caption: RichText("\(p.title): \(kind) (rate in Hz against time in ms)."),
                                files: .standard(stem: stem))
        }
    }

    static let modelFigure = ReportFigure(id: "model-filters", caption: "Temporal filters of the first-layer channels.",
                                          files: .standard(stem: "fig99-model-filters"))

    /// The fixture protocols as a parameter set.
    static var protocols: PhenomenonParameterSet {
        var set = PhenomenonParameterSet.analysis
        set[OmittedStimulusResponse.self] = osrProtocol
        set[LatencyCoding.self] = latencyProtocol
        set[MotionReversal.self] = reversalProtocol
        set[MotionAnticipation.self] = anticipationProtocol
        return set
    }

    /// A failed analysis of phenomenon `p` with the fixture protocol.
    static func failed(_ p: Phenomenon, step: String, message: String) -> PhenomenonReportInput {
        func make<K: ReportablePhenomenon>(_ kind: K.Type) -> PhenomenonReportInput {
            PhenomenonReportInput(failed: K.self, parameters: protocols[K.self], settings: settings,
                                  historyFrames: architecture.historyFrames, step: step, message: message)
        }
        return make(try! RunPipeline.reportable(p))
    }

    /// Inputs for `outcomes` in the given order, each completed one with two figures.
    static func inputs(_ outcomes: [PhenomenonReportInput], card: ModelCard?, warnings: [String] = [],
                       groundTruthCompared: Bool = true) -> ReportInputs {
        var next = 1
        let phenomena = outcomes.map { outcome -> PhenomenonReportInput in
            let p = outcome.phenomenon
            guard case .analysed = outcome.outcome else { return outcome }
            defer { next += 2 }
            var input = outcome
            input.figures = figures(for: p, startingAt: next)
            input.dataFiles = ["data/\(p.rawValue)/traces.csv", "data/\(p.rawValue)/summary.json"]
            return input
        }
        return ReportInputs(
            runID: "20261129T101500Z-7ccbfff7", createdUTC: Date(timeIntervalSince1970: 1_795_947_300),
            toolVersion: "0.1.0", gitCommit: "0123456789abcdef0123456789abcdef01234567",
            commandLine: "retina-report analyze models/tiny.safetensors --phenomena all",
            model: ModelReportInput(path: "models/tiny.safetensors",
                                    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                    architecture: architecture, card: card, figures: [modelFigure]),
            phenomena: phenomena, settings: settings, groundTruthCompared: groundTruthCompared, warnings: warnings)
    }

    /// Every file the figures of `inputs` name, as small PNGs (the SVG and PDF paths as stand-ins).
    static func writeFigures(of inputs: ReportInputs, into folder: URL, width: Int = 24, height: Int = 12) throws {
        let figures = inputs.phenomena.flatMap(\.figures) + inputs.model.figures
        for (i, f) in figures.enumerated() {
            for path in f.files.all {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let data = path.hasSuffix(".png") ? TinyPNG.plot(width: width, height: height, phase: Double(i))
                    : Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\"/>\n".utf8)
                try data.write(to: url)
            }
        }
    }

    /// A model card with fixed numbers.
    static func card() throws -> ModelCard {
        let criteria = [
            CriterionResult(phenomenon: .osr, name: "OSR slope of (peak − last flash) vs period, 30–80 ms", measured: 0.93,
                            unit: "", minimum: 0.8, maximum: 1.2, perCell: [0.91, 0.95, nil]),
            CriterionResult(phenomenon: .latency, name: "Latency coding: shift latency(c_min) − latency(c_max)", measured: 9.5,
                            unit: "ms", minimum: 15, maximum: nil, perCell: [9.0, 10.0, 9.5]),
        ]
        let recipe = TrainingRecipe(name: "tiny", architecture: architecture, batchSize: 32, trainingSamples: 600_000, seed: 7)
        let fields: [String: Any] = [
            "toolVersion": "0.1.0", "recipe": try ModelCardFixture.json(recipe),
            "simulatorParameters": try ModelCardFixture.json(RetinaParameters.salamander),
            "simulatorCells": try ModelCardFixture.json([GanglionCellParameters.reference]),
            "trainWindows": 199_981, "validationWindows": 19_981, "testWindows": 19_981, "keptStep": 4200,
            "samplesSeen": 600_000, "trainingSeconds": 5430.0, "samplesPerSecond": 110.5,
            "heldOutCorrelation": [0.81, 0.774, 0.8512], "heldOutFEV": [0.64, 0.58, 0.7134], "history": [] as [Any],
            "phenomenonCriteria": try ModelCardFixture.json(criteria), "stopReason": "completed 600000 samples",
        ]
        return try ModelCardFixture.card(fields)
    }

    /// `r` with every number the report shows from it replaced by a fixed value, so a golden file does
    /// not depend on floating-point details of the analysis (labels, counts and structure stay real).
    static func fixedOSR(_ real: OSRAnalysisResult) -> OSRAnalysisResult {
        var r = real
        let types: [(ChannelPolarity, ChannelSpeed, Double)] = [(.off, .fast, 40), (.on, .slow, 120), (.on, .fast, 60), (.off, .slow, 150)]
        for c in r.channelTypes.types.indices {
            (r.channelTypes.types[c].polarity, r.channelTypes.types[c].speed, r.channelTypes.types[c].peakLatencyMilliseconds) = types[c % 4]
        }
        r.channelTypes.thresholdsMilliseconds = ["OFF": 95, "ON": 90]
        let shares = [0.42, 0.31, 0.19, 0.08]
        r.reduction.channelShares = shares
        for i in r.reduction.groupRanking.indices {
            let c = r.reduction.groupRanking[i].group.channel
            r.reduction.groupRanking[i].share = shares[c]
            r.reduction.groupRanking[i].importance = 100 * shares[c]
            r.reduction.groupRanking[i].netAttribution = c == 0 || c == 3 ? -12.5 : 20
        }
        r.reduction.groupRanking.sort { $0.share > $1.share }
        r.reduction.kept = [UnitGroup(channel: 0), UnitGroup(channel: 1), UnitGroup(channel: 2)]
        r.reduction.keptShare = 0.92
        r.reduction.model.units = [
            .init(group: UnitGroup(channel: 0), label: "OFF fast", sign: 1, threshold: -0.25, weight: -14.2),
            .init(group: UnitGroup(channel: 1), label: "ON slow", sign: 1, threshold: 0.5, weight: 31.7),
            .init(group: UnitGroup(channel: 2), label: "ON fast", sign: -1, threshold: 0.125, weight: 8.04),
        ]
        r.reduction.model.offsetHz = 3.21
        r.reduction.model.fit.pearson = 0.9734
        r.reduction.model.fit.r2 = 0.9412
        r.reduction.model.fit.rmseHz = 1.234
        r.reduction.model.fit.samples = 212
        for i in r.reduction.conditions.indices {
            r.reduction.conditions[i].reduced.pearson = 0.95 + 0.01 * Double(i)
            r.reduction.conditions[i].reduced.r2 = 0.9 + 0.01 * Double(i)
            r.reduction.conditions[i].reduced.rmseHz = 1.5 - 0.25 * Double(i)
        }
        r.metricRows = [
            MetricRow(name: "OSR peak latency slope vs period", unit: "", full: 0.9812, reduced: 0.9123, groundTruth: 1.0004),
            MetricRow(name: "OSR latency spread", unit: "ms", full: 12.5, reduced: 18.25, groundTruth: 11),
            MetricRow(name: "Tanaka onset slope vs period", unit: "", full: nil, reduced: 0.7, groundTruth: .nan),
        ]
        func set(_ m: inout OSRMetrics, _ slope: Double, _ spread: Double, _ ratio: Double) {
            m.slopeVsPeriod = slope; m.latencySpreadMs = spread; m.minimumPeakToTrainRatio = ratio; m.periodsWithoutPeakMs = []
        }
        set(&r.fullMetric, 0.9812, 12.5, 2.5)
        set(&r.reducedMetric, 0.9123, 18.25, 1.4)
        var truth = r.fullMetric
        set(&truth, 1.0004, 11, 3.1)
        r.groundTruthMetric = truth
        r.completeness.maxAbsoluteGapHz = 0.0123
        r.completeness.maxRelativeGap = 0.0087
        r.completeness.maxGapOverResponseRange = 0.0042
        r.completeness.windows = 212
        r.statement.paragraph = "Omitted stimulus response: a fixed statement with <b>markup</b> & an ampersand."
        r.statement.notes = ["One fixed note."]
        r.statement.comparison = CircuitComparison.compare(key: OmittedStimulusResponse.plantedCircuit, reduction: r.reduction,
                                                           channelTypes: r.channelTypes)
        return r
    }
}
