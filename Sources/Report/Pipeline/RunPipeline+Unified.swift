import Figures
import Foundation
import Mechanisms
import Phenomena
import ReportKit

/// The unified circuit as the report sees it: the result, its figures and data files.
public struct UnifiedCircuitReportInput: Sendable {
    public var result: UnifiedCircuitResult
    public var figures: [ReportFigure]
    public var dataFiles: [String]

    public init(result: UnifiedCircuitResult, figures: [ReportFigure] = [], dataFiles: [String] = []) {
        self.result = result; self.figures = figures; self.dataFiles = dataFiles
    }
}

extension RunPipeline {
    static let unifiedStepName = "unified circuit"

    /// One analysed phenomenon as the unified step reads it: its analysis' cache key and its target,
    /// made only when the step computes (a cache hit reads no analysis details). `target()` throws
    /// when the analysis' details cannot be had (the step fails); its result is a failure when the
    /// target cannot be made of them (that phenomenon is left out, with a warning).
    struct UnifiedSource {
        var phenomenon: Phenomenon
        var analysisKey: StepCacheKey?
        var target: () throws -> Result<UnifiedCircuitTarget, any Error>
    }

    /// What the unified step produced, as the step cache keeps it: the warnings of phenomena left
    /// out, how many were fitted, the result (nil when fewer than two could be) and its data files.
    struct UnifiedOutcome: Codable {
        var leftOut: [String]
        var fitted: Int
        var result: UnifiedCircuitResult?
        var dataFiles: [String]
    }

    /// The unified step's view of `analysed`: a fresh analysis makes its target now (so the run does
    /// not keep the analysis' traces until then); one restored without details (`restored`) reads
    /// them back only if the unified step computes.
    static func unifiedSource<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, restored: Bool,
                                                                          context c: AnalysisContext<M>) throws -> UnifiedSource {
        let screen = StimulusScreen(heightPixels: c.model.screen.height, widthPixels: c.model.screen.width)
        let key = try c.cache.key { try $0.analysis(K.self) }
        guard restored else {
            let target = Result { try UnifiedCircuitTarget.of(analysed, screen: screen) }
            return UnifiedSource(phenomenon: K.id, analysisKey: key, target: { target })
        }
        return UnifiedSource(phenomenon: K.id, analysisKey: key, target: {
            let full = try withDetails(analysed, step: unifiedStepName, context: c)
            return Result { try UnifiedCircuitTarget.of(full, screen: screen) }
        })
    }

    /// Fits the unified circuit over the targets of `sources` (at least two phenomena), writes its
    /// data files and figures; nil when skipped or failed (the step records why). Through the step
    /// cache: keyed by the analyses it reads, so a hit needs none of their details.
    static func unifiedCircuit<M: SilenceableModel>(_ sources: [UnifiedSource], channelTypes: ChannelTypeTable?,
                                                    context c: AnalysisContext<M>, recorder: StepRecorder) -> UnifiedCircuitReportInput? {
        guard sources.count >= 2, let types = channelTypes else {
            recorder.finish(unifiedStepName, status: .skipped,
                            error: "needs at least two analysed phenomena (\(sources.count) analysed)")
            return nil
        }
        let fitted = recorder.attempt(unifiedStepName) { _ -> (UnifiedOutcome, UnifiedCircuitReportInput?) in
            let key = try c.cache.key { try $0.unifiedCircuit(analyses: sources.compactMap(\.analysisKey)) }
            let outcome = try c.cache.value(key, step: unifiedStepName, kind: "unified circuit", files: \.dataFiles) {
                var targets: [UnifiedCircuitTarget] = [], leftOut: [String] = []
                for source in sources {
                    switch try source.target() {
                    case let .success(t): targets.append(t)
                    case let .failure(error): leftOut.append("\(unifiedStepName): \(source.phenomenon.rawValue) left out: \(error)")
                    }
                }
                guard targets.count >= 2 else { return UnifiedOutcome(leftOut: leftOut, fitted: targets.count, result: nil, dataFiles: []) }
                let result = try UnifiedCircuit.fit(targets, channelTypes: types, bias: c.model.conv1Bias, settings: c.settings.reduction)
                let url = try c.folder.folderURL(for: "data")
                let files = try UnifiedCircuitExport.write(result, to: url).map { name in
                    let path = "data/" + name
                    _ = try c.folder.recordFile(path, producedBy: unifiedStepName)
                    return path
                }
                return UnifiedOutcome(leftOut: leftOut, fitted: targets.count, result: result, dataFiles: files)
            }
            guard let result = outcome.result else { return (outcome, nil) }
            let figures = try cachedFigures(of: key, step: unifiedStepName, context: c) {
                try FigureCatalogue.unifiedCircuitFigures(result)
            }
            return (outcome, UnifiedCircuitReportInput(result: result, figures: figures, dataFiles: outcome.dataFiles))
        }.get(orWarnInto: recorder)
        guard let (outcome, input) = fitted else { return nil }
        for warning in outcome.leftOut { recorder.warn(warning) }
        if input == nil {
            recorder.finish(unifiedStepName, status: .skipped,
                            error: "needs at least two analysed phenomena (\(outcome.fitted) analysed)")
        }
        return input
    }
}
