import Figures
import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension LatencyCoding: ReportablePhenomenon {
    public static let headlineHint = "latency shift > 0: stronger steps answer sooner"

    public static func stimulusDescription(_ p: LatencyProtocol, traceSmoothingSigmaMs smoothingMs: Double, historyFrames: Int) -> StimulusDescription {
        let polarity = p.polarity < 0 ? "dark" : "bright"
        let text: RichText = "Full-field \(polarity) steps of graded contrast from gray; the peak latency of the response "
            + "should fall as contrast grows (Gollisch & Meister 2008)."
        return StimulusDescription(text: text, entries: [
            StimulusParameters.Entry("step contrasts (magnitude)", RichText(NumberText.parameterList(p.contrasts)),
                  note: "\(p.contrasts.count) conditions; \(polarity) steps"),
            StimulusParameters.frames("step duration", p.stepDurationFrames),
            StimulusParameters.leadIn(p.leadInFrames, historyFrames: historyFrames),
            StimulusParameters.frames("gray after the step", p.framesAfterStep),
            StimulusParameters.Entry("peak search window after onset", RichText(NumberText.range(p.peakWindowStartMs, p.peakWindowEndMs)),
                  unit: UnitText.milliseconds),
            StimulusParameters.smoothing(smoothingMs),
        ])
    }
}
