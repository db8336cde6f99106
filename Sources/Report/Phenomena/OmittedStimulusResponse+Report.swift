import Figures
import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension OmittedStimulusResponse: ReportablePhenomenon {
    public static let headlineHint = "OSR slope: 1 = locked to the expected flash, 0 = to the last flash"

    public static func stimulusDescription(_ p: OSRProtocol, traceSmoothingSigmaMs smoothingMs: Double, historyFrames: Int) -> StimulusDescription {
        let text: RichText = "A periodic train of brief full-field flashes that stops; the response after the omitted "
            + "(expected) flash is measured. In the retina its latency is locked to the expected flash time "
            + "(Schwartz, Harris et al. 2007)."
        var entries = [
            StimulusParameters.contrast("flash contrast", p.flashContrast),
            StimulusParameters.frames("flash duration", p.flashDurationFrames),
            StimulusParameters.Entry("flashes per train", RichText(String(p.flashesPerTrain)),
                  note: p.minimumTrainFrames > 0
                      ? RichText("at least; the train spans ≥ \(NumberText.parameter(UnitText.milliseconds(frames: p.minimumTrainFrames))) ms")
                      : nil),
            StimulusParameters.Entry("flash periods (onset to onset)", RichText(NumberText.parameterList(p.periodsMs)), unit: UnitText.milliseconds,
                  note: "\(p.periodsMs.count) conditions"),
            StimulusParameters.leadIn(p.leadInFrames, historyFrames: historyFrames),
            StimulusParameters.frames("recorded after the omitted flash", p.framesAfterOmission),
            StimulusParameters.Entry("OSR peak window after the omitted flash", RichText(NumberText.range(p.analysisWindowStartMs, p.analysisWindowEndMs)),
                  unit: UnitText.milliseconds),
            StimulusParameters.Entry("peak centroid fraction", RichText(NumberText.parameter(p.peakCentroidFraction)),
                  note: "latency = centroid of the peak above this fraction of its height"),
            StimulusParameters.Entry("train window", RichText(String(p.trainWindowPeriods)), unit: "periods",
                  note: "train response = largest rate in the last periods of the train"),
        ]
        entries.append(StimulusParameters.smoothing(smoothingMs))
        return StimulusDescription(text: text, entries: entries)
    }
}
