import Figures
import Mechanisms
import ReportKit

extension RunPipeline {
    /// Step name of the run overview figure.
    static let overviewStepName = "overview figure"

    /// Renders the run overview figure (one row per phenomenon, ``Figures/FigureCatalogue/overview(_:)``)
    /// from what the phenomena returned; nil without phenomena, or with a warning when it could not be
    /// drawn (the report then goes without it).
    static func renderOverview<M: SilenceableModel>(_ phenomena: [PhenomenonReportInput], context c: AnalysisContext<M>,
                                  recorder: StepRecorder) -> ReportFigure? {
        guard !phenomena.isEmpty else {
            recorder.finish(overviewStepName, status: .skipped, error: "no phenomenon was analysed")
            return nil
        }
        return recorder.attempt(overviewStepName) { _ in
            try render(FigureCatalogue.overview(ReportAssembler.overviewRows(phenomena)), renderer: c.renderer, formats: c.formats,
                       options: c.renderOptions, in: c.folder)
        }.get(orWarnInto: recorder)
    }
}
