import Mechanisms
import Phenomena
import RetinaCore
import ReportKit

/// The "stimulus and parameters" block of each phenomenon: a sentence describing the stimulus and a
/// ``ParameterTable`` of the protocol as run, with units (durations in ms with the frame count in the
/// note, lengths in px with µm, speeds in px/frame with mm/s).
enum StimulusParameters {
    typealias Entry = ParameterTable.Entry

    /// The description and the table of the protocol `input` ran (or was to run, for a failed analysis).
    static func block(_ input: PhenomenonReportInput, analysis: AnalysisView?) -> [ReportBlock] {
        let phenomenon = input.phenomenon
        let id = "\(phenomenon.rawValue)-parameters"
        let caption: RichText = "Stimulus parameters of the \(phenomenon.title.lowercased()) analysis, as run."
        var all = input.stimulus.entries
        if let centre = analysis?.rfCentreXPixels {
            all.append(Entry("RF centre of the explained column", RichText(NumberText.fixed(centre, decimals: 1)),
                             unit: UnitText.pixels, note: "x, pixel centres at 0 … width − 1"))
        }
        return [.paragraph(input.stimulus.text + " Parameters are listed in " + .table(id) + "."),
                .parameters(ParameterTable(id: id, entries: all, caption: caption))]
    }

    // MARK: - Entry helpers

    static func contrast(_ name: String, _ c: Double) -> Entry {
        Entry(RichText(name), RichText(NumberText.parameter(c)),
              note: c < 0 ? "dark; contrast relative to the gray screen (0)" : "bright; contrast relative to the gray screen (0)")
    }

    static func frames(_ name: String, _ n: Int) -> Entry {
        Entry(RichText(name), RichText(NumberText.parameter(UnitText.milliseconds(frames: n))), unit: UnitText.milliseconds,
              note: RichText("\(n) frame\(n == 1 ? "" : "s") of 10 ms"))
    }

    /// The gray lead-in as shown: max(`parameterFrames`, `historyFrames`) frames (the protocols lengthen
    /// it to the model's window so its first analysed row sees only gray before the stimulus); the note
    /// says when the window, not the parameter, set it.
    static func leadIn(_ parameterFrames: Int, historyFrames: Int) -> Entry {
        let n = max(parameterFrames, historyFrames)
        let note = parameterFrames >= historyFrames
            ? "\(n) frame\(n == 1 ? "" : "s") of 10 ms"
            : "\(n) frames of 10 ms: the model's window (the parameter, \(parameterFrames) frames, is shorter)"
        return Entry("gray lead-in", RichText(NumberText.parameter(UnitText.milliseconds(frames: n))), unit: UnitText.milliseconds,
                     note: RichText(note))
    }

    static func length(_ name: String, _ px: Double) -> Entry {
        Entry(RichText(name), RichText(NumberText.parameter(px)), unit: UnitText.pixels,
              note: RichText("\(UnitText.micronsText(pixels: px)) µm"))
    }

    static func speeds(_ v: [Double]) -> Entry {
        Entry("bar speeds", RichText(v.map(NumberText.parameter).joined(separator: ", ")), unit: UnitText.pixelsPerFrame,
              note: RichText(v.map(UnitText.millimetresPerSecondText).joined(separator: ", ") + " mm/s"))
    }

    static func offsets(_ name: String, _ x: [Double], note: String?) -> Entry {
        let extra = note.map { "; \($0)" } ?? ""
        return Entry(RichText(name), RichText(NumberText.parameterList(x)), unit: UnitText.pixels,
                     note: RichText("\(x.count) positions\(extra)"))
    }

    static func smoothing(_ sigmaMs: Double) -> Entry {
        Entry("trace smoothing before the metric", RichText(NumberText.parameter(sigmaMs)), unit: UnitText.milliseconds,
              note: sigmaMs > 0 ? "SD of a Gaussian" : "none (raw traces)")
    }
}
