import Figures
import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

extension ContrastAdaptation: ReportablePhenomenon {
    public static let headlineHint = "gain ratio > 1: more response per unit contrast at low contrast (adapted)"

    public static func stimulusDescription(_ p: AdaptationProtocol, traceSmoothingSigmaMs _: Double, historyFrames: Int) -> StimulusDescription {
        let text: RichText = "Full-field flicker whose contrast switches from low to high and back, repeated with fresh "
            + "flicker; after a switch to high contrast the gain (response per unit contrast) falls within a fraction of a "
            + "second and recovers after the switch back (Smirnakis et al. 1997; Baccus & Meister 2002). The gain of each "
            + "contrast is the size of a linear filter fitted to its steady state; its time course is the gain in bins after "
            + "each switch."
        return StimulusDescription(text: text, entries: [
            StimulusParameters.Entry("flicker SD, low / high contrast",
                                     RichText("\(NumberText.parameter(p.lowContrastSD)) / \(NumberText.parameter(p.highContrastSD))"),
                                     note: "Gaussian, clipped to ±1; contrast relative to the gray screen (0)"),
            StimulusParameters.frames("each flicker value held", p.holdFrames),
            StimulusParameters.frames("block (low, high, low)", p.blockFrames),
            StimulusParameters.Entry("cycles", RichText(String(p.cycles)),
                                     note: RichText("each a condition with its own flicker (seed \(p.seed) + cycle − 1)")),
            StimulusParameters.leadIn(p.leadInFrames, historyFrames: historyFrames),
            StimulusParameters.Entry("settling time left out of the gain fit", RichText(NumberText.parameter(p.settleMs)),
                                     unit: UnitText.milliseconds, note: "after each switch"),
            StimulusParameters.frames("linear filter length", p.filterFrames),
            StimulusParameters.Entry("gain time-course bins", RichText(NumberText.parameter(p.gainBinMs)), unit: UnitText.milliseconds),
            StimulusParameters.Entry("cycles explained by IG", RichText(String(p.explainedCycles)),
                                     note: RichText("rows \(NumberText.range(p.explainWindowStartMs, p.explainWindowEndMs)) ms around the "
                                                    + "switch to high contrast; all cycles join the reduced-circuit fit")),
        ])
    }
}
