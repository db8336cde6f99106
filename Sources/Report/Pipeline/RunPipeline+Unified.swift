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

    /// What the unified circuit needs of one analysed phenomenon; nil (with a warning) when it cannot
    /// be had, which leaves that phenomenon out of the unified circuit only.
    static func unifiedTarget<K: ReportablePhenomenon, M: SilenceableModel>(_ analysed: MechanismAnalysis<K>, context c: AnalysisContext<M>,
                                                                          recorder: StepRecorder) -> UnifiedCircuitTarget? {
        do {
            return try UnifiedCircuitTarget.of(analysed, screen: StimulusScreen(heightPixels: c.model.screen.height,
                                                                                widthPixels: c.model.screen.width))
        } catch {
            recorder.warn("\(unifiedStepName): \(K.id.rawValue) left out: \(error)")
            return nil
        }
    }

    /// Fits the unified circuit over `targets` (at least two phenomena), writes its data files and
    /// figures; nil when skipped or failed (the step records why).
    static func unifiedCircuit<M: SilenceableModel>(_ targets: [UnifiedCircuitTarget], channelTypes: ChannelTypeTable?,
                                                    context c: AnalysisContext<M>, recorder: StepRecorder) -> UnifiedCircuitReportInput? {
        guard targets.count >= 2, let types = channelTypes else {
            recorder.finish(unifiedStepName, status: .skipped,
                            error: "needs at least two analysed phenomena (\(targets.count) analysed)")
            return nil
        }
        return recorder.attempt(unifiedStepName) { _ -> UnifiedCircuitReportInput in
            let result = try UnifiedCircuit.fit(targets, channelTypes: types, bias: c.model.conv1Bias, settings: c.settings.reduction)
            let url = try c.folder.folderURL(for: "data")
            let files = try UnifiedCircuitExport.write(result, to: url).map { name in
                let path = "data/" + name
                _ = try c.folder.recordFile(path, producedBy: unifiedStepName)
                return path
            }
            let figures = try FigureCatalogue.unifiedCircuitFigures(result).map {
                try render($0, renderer: c.renderer, formats: c.formats, options: c.renderOptions, in: c.folder)
            }
            return UnifiedCircuitReportInput(result: result, figures: figures, dataFiles: files)
        }.get(orWarnInto: recorder)
    }
}
