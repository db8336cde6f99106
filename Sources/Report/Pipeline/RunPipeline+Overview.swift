import Figures
import Mechanisms
import ReportKit

extension RunPipeline {
    /// Step name of the run overview figure.
    static let overviewStepName = "overview figure"

    /// Renders the run overview figure (one row per phenomenon, ``Figures/FigureCatalogue/overview(_:)``)
    /// from what the phenomena returned; nil without phenomena, or with a warning when it could not be
    /// drawn (the report then goes without it). Its cache entry is keyed by the rows it draws.
    static func renderOverview<M: SilenceableModel>(_ phenomena: [PhenomenonReportInput], context c: AnalysisContext<M>,
                                  recorder: StepRecorder) -> ReportFigure? {
        guard !phenomena.isEmpty else {
            recorder.finish(overviewStepName, status: .skipped, error: "no phenomenon was analysed")
            return nil
        }
        return recorder.attempt(overviewStepName) { _ in
            let rows = ReportAssembler.overviewRows(phenomena)
            // Through the step cache, keyed by the rows it draws (small: one trace per phenomenon).
            let key = try c.cache.key { try $0.overview(rows) }
            return try cachedFigures(of: key, step: overviewStepName, context: c) {
                [try FigureCatalogue.overview(rows)]
            }.first!
        }.get(orWarnInto: recorder)
    }
}
