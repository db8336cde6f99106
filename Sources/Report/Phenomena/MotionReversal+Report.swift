import Figures
import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension MotionReversal: ReportablePhenomenon {
    public static let headlineHint = "burst latency: time of the burst after the reversal"

    public static func stimulusDescription(_ p: ReversalProtocol, traceSmoothingSigmaMs _: Double, historyFrames: Int) -> StimulusDescription {
        let text: RichText = "A full-height bar moves, reverses at a chosen point and moves back; the population fires a "
            + "synchronous burst at a nearly fixed latency after the reversal (Schwartz, Taylor et al. 2007). Each reversal "
            + "movie has a no-reversal control in which the bar keeps moving."
        return StimulusDescription(text: text, entries: [
            StimulusParameters.contrast("bar contrast", p.barContrast),
            StimulusParameters.length("bar width", p.barWidthPixels),
            StimulusParameters.speeds(p.speedsPixelsPerFrame),
            StimulusParameters.length("approach distance before the reversal", p.approachDistancePixels),
            StimulusParameters.offsets("reversal points relative to the RF centre", p.reversalOffsetsPixels,
                    note: "positive = past the centre, in the approach direction"),
            StimulusParameters.frames("recorded after the reversal", p.framesAfterReversal),
            StimulusParameters.Entry("recorded before the reversal", RichText(NumberText.parameter(p.recordBeforeReversalMs)),
                  unit: UnitText.milliseconds),
            StimulusParameters.leadIn(p.leadInFrames, historyFrames: historyFrames),
            StimulusParameters.Entry("burst window after the reversal", RichText(NumberText.range(p.burstWindowStartMs, p.burstWindowEndMs)),
                  unit: UnitText.milliseconds),
            StimulusParameters.Entry("smooth-motion reference window", "± " + RichText(NumberText.parameter(p.controlWindowHalfWidthMs)),
                  unit: UnitText.milliseconds, note: "around the time the control bar passes the reversal point"),
        ])
    }
}
