import Figures
import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension MotionAnticipation: ReportablePhenomenon {
    public static let headlineHint = "δ ≤ 0: the response peaks before the bar reaches the RF centre"

    /// The first metric row is the flash latency (a calibration, not the phenomenon); the second is δ at the first speed.
    public static let headlineMetricIndex = 1

    public static func stimulusDescription(_ p: AnticipationProtocol, traceSmoothingSigmaMs _: Double, historyFrames: Int) -> StimulusDescription {
        let text: RichText = "A full-height bar drifts across the receptive field in both directions; the response peaks "
            + "before the bar reaches the RF centre although a flashed bar takes tens of ms to drive the cell "
            + "(Berry et al. 1999). Flashed bars at several positions give the flash latency and the spatial profile."
        return StimulusDescription(text: text, entries: [
            StimulusParameters.contrast("bar contrast", p.barContrast),
            StimulusParameters.length("bar width", p.barWidthPixels),
            StimulusParameters.speeds(p.speedsPixelsPerFrame),
            StimulusParameters.Entry("directions", RichText(p.directions.map(\.rawValue).joined(separator: ", "))),
            StimulusParameters.length("travel before and after the RF centre", p.travelPixels),
            StimulusParameters.length("peak search half-width around the RF centre", p.peakSearchHalfWidthPixels),
            StimulusParameters.leadIn(p.leadInFrames, historyFrames: historyFrames),
            StimulusParameters.frames("flashed-bar duration", p.flashDurationFrames),
            StimulusParameters.offsets("flashed-bar positions relative to the RF centre", p.flashOffsetsPixels, note: nil),
            StimulusParameters.frames("recorded after each flash", p.framesAfterFlash),
            StimulusParameters.Entry("flash-response peak window", RichText(NumberText.range(p.flashPeakWindowStartMs, p.flashPeakWindowEndMs)),
                  unit: UnitText.milliseconds),
        ])
    }
}
