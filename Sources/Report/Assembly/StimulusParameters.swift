import Mechanisms
import Phenomena

/// The "stimulus and parameters" block of each phenomenon: a sentence describing the stimulus and a
/// ``ParameterTable`` of the protocol as run, with units (durations in ms with the frame count in the
/// note, lengths in px with µm, speeds in px/frame with mm/s).
enum StimulusParameters {
    typealias Entry = ParameterTable.Entry

    /// The description and the table for `phenomenon` from the protocols of `inputs`.
    static func block(_ phenomenon: Phenomenon, inputs: ReportInputs, analysis: AnalysisView?) -> [ReportBlock] {
        let id = "\(phenomenon.rawValue)-parameters"
        let caption: RichText = "Stimulus parameters of the \(phenomenon.title.lowercased()) analysis, as run."
        let (text, entries): (RichText, [Entry])
        switch phenomenon {
        case .osr: (text, entries) = osr(inputs.osrProtocol, smoothingMs: inputs.settings.traceSmoothingSigmaMs)
        case .latency: (text, entries) = latency(inputs.latencyProtocol, smoothingMs: inputs.settings.traceSmoothingSigmaMs)
        case .reversal: (text, entries) = reversal(inputs.reversalProtocol)
        case .anticipation: (text, entries) = anticipation(inputs.anticipationProtocol)
        }
        var all = entries
        if let centre = analysis?.rfCentreXPixels {
            all.append(Entry("RF centre of the explained column", RichText(NumberText.fixed(centre, decimals: 1)),
                             unit: UnitText.pixels, note: "x, pixel centres at 0 … width − 1"))
        }
        return [.paragraph(text + " Parameters are listed in " + .table(id) + "."),
                .parameters(ParameterTable(id: id, entries: all, caption: caption))]
    }

    // MARK: - Per protocol

    static func osr(_ p: OSRProtocol, smoothingMs: Double) -> (RichText, [Entry]) {
        let text: RichText = "A periodic train of brief full-field flashes that stops; the response after the omitted "
            + "(expected) flash is measured. In the retina its latency is locked to the expected flash time "
            + "(Schwartz, Harris et al. 2007)."
        var entries = [
            contrast("flash contrast", p.flashContrast),
            frames("flash duration", p.flashDurationFrames),
            Entry("flashes per train", RichText(String(p.flashesPerTrain)),
                  note: p.minimumTrainFrames > 0
                      ? RichText("at least; the train spans ≥ \(NumberText.parameter(UnitText.milliseconds(frames: p.minimumTrainFrames))) ms")
                      : nil),
            Entry("flash periods (onset to onset)", RichText(NumberText.parameterList(p.periodsMs)), unit: UnitText.milliseconds,
                  note: "\(p.periodsMs.count) conditions"),
            frames("gray lead-in", p.leadInFrames),
            frames("recorded after the omitted flash", p.framesAfterOmission),
            Entry("OSR peak window after the omitted flash", RichText(NumberText.range(p.analysisWindowStartMs, p.analysisWindowEndMs)),
                  unit: UnitText.milliseconds),
            Entry("peak centroid fraction", RichText(NumberText.parameter(p.peakCentroidFraction)),
                  note: "latency = centroid of the peak above this fraction of its height"),
            Entry("train window", RichText(String(p.trainWindowPeriods)), unit: "periods",
                  note: "train response = largest rate in the last periods of the train"),
        ]
        entries.append(smoothing(smoothingMs))
        return (text, entries)
    }

    static func latency(_ p: LatencyProtocol, smoothingMs: Double) -> (RichText, [Entry]) {
        let polarity = p.polarity < 0 ? "dark" : "bright"
        let text: RichText = "Full-field \(polarity) steps of graded contrast from gray; the peak latency of the response "
            + "should fall as contrast grows (Gollisch & Meister 2008)."
        return (text, [
            Entry("step contrasts (magnitude)", RichText(NumberText.parameterList(p.contrasts)),
                  note: "\(p.contrasts.count) conditions; \(polarity) steps"),
            frames("step duration", p.stepDurationFrames),
            frames("gray lead-in", p.leadInFrames),
            frames("gray after the step", p.framesAfterStep),
            Entry("peak search window after onset", RichText(NumberText.range(p.peakWindowStartMs, p.peakWindowEndMs)),
                  unit: UnitText.milliseconds),
            smoothing(smoothingMs),
        ])
    }

    static func reversal(_ p: ReversalProtocol) -> (RichText, [Entry]) {
        let text: RichText = "A full-height bar moves, reverses at a chosen point and moves back; the population fires a "
            + "synchronous burst at a nearly fixed latency after the reversal (Schwartz, Taylor et al. 2007). Each reversal "
            + "movie has a no-reversal control in which the bar keeps moving."
        return (text, [
            contrast("bar contrast", p.barContrast),
            length("bar width", p.barWidthPixels),
            speeds(p.speedsPixelsPerFrame),
            length("approach distance before the reversal", p.approachDistancePixels),
            offsets("reversal points relative to the RF centre", p.reversalOffsetsPixels,
                    note: "positive = past the centre, in the approach direction"),
            frames("recorded after the reversal", p.framesAfterReversal),
            Entry("recorded before the reversal", RichText(NumberText.parameter(p.recordBeforeReversalMs)),
                  unit: UnitText.milliseconds),
            frames("gray lead-in", p.leadInFrames),
            Entry("burst window after the reversal", RichText(NumberText.range(p.burstWindowStartMs, p.burstWindowEndMs)),
                  unit: UnitText.milliseconds),
            Entry("smooth-motion reference window", "± " + RichText(NumberText.parameter(p.controlWindowHalfWidthMs)),
                  unit: UnitText.milliseconds, note: "around the time the control bar passes the reversal point"),
        ])
    }

    static func anticipation(_ p: AnticipationProtocol) -> (RichText, [Entry]) {
        let text: RichText = "A full-height bar drifts across the receptive field in both directions; the response peaks "
            + "before the bar reaches the RF centre although a flashed bar takes tens of ms to drive the cell "
            + "(Berry et al. 1999). Flashed bars at several positions give the flash latency and the spatial profile."
        return (text, [
            contrast("bar contrast", p.barContrast),
            length("bar width", p.barWidthPixels),
            speeds(p.speedsPixelsPerFrame),
            Entry("directions", RichText(p.directions.map(\.rawValue).joined(separator: ", "))),
            length("travel before and after the RF centre", p.travelPixels),
            length("peak search half-width around the RF centre", p.peakSearchHalfWidthPixels),
            frames("gray lead-in", p.leadInFrames),
            frames("flashed-bar duration", p.flashDurationFrames),
            offsets("flashed-bar positions relative to the RF centre", p.flashOffsetsPixels, note: nil),
            frames("recorded after each flash", p.framesAfterFlash),
            Entry("flash-response peak window", RichText(NumberText.range(p.flashPeakWindowStartMs, p.flashPeakWindowEndMs)),
                  unit: UnitText.milliseconds),
        ])
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
