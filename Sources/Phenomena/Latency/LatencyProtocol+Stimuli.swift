import RetinaCore

extension LatencyProtocol {
    /// One condition per contrast: `lead` gray frames (`max(leadInFrames, historyFrames)`), the step
    /// at `polarity × contrast` for `stepDurationFrames`, then `framesAfterStep` gray frames.
    /// Full-field. Analysed frames: from the onset to the end.
    public func conditions(screen: StimulusScreen, historyFrames: Int) throws -> [LatencyCondition] {
        try validate()
        let lead = max(leadInFrames, historyFrames)
        return contrasts.map { c in
            let value = polarity * c
            var trace = [Float](repeating: 0, count: lead + stepDurationFrames + framesAfterStep)
            for t in lead..<(lead + stepDurationFrames) { trace[t] = Float(value) }
            return LatencyCondition(
                label: "contrast \(c)",
                parameter: ConditionParameter(name: "contrast", value: c, unit: "contrast"),
                movie: .fullField(trace, height: screen.heightPixels, width: screen.widthPixels),
                events: StepEvents(onsetFrame: lead, offsetFrame: lead + stepDurationFrames, contrast: value),
                analysedFrames: lead..<trace.count)
        }
    }

    public func validate() throws {
        guard !contrasts.isEmpty, contrasts.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw PhenomenaError.invalidProtocol(parameter: "LatencyProtocol.contrasts", expected: "one or more finite values > 0",
                                                 found: "\(contrasts)")
        }
        guard polarity == 1 || polarity == -1 else {
            throw PhenomenaError.invalidProtocol(parameter: "LatencyProtocol.polarity", expected: "+1 or −1", found: "\(polarity)")
        }
        // Frame counts are bounded before any sum of them (a hostile 2⁶³ − 1 would trap on overflow).
        let maximumFrames = 10_000_000
        guard stepDurationFrames <= maximumFrames, framesAfterStep <= maximumFrames, leadInFrames <= maximumFrames else {
            throw PhenomenaError.invalidProtocol(parameter: "LatencyProtocol.stepDurationFrames / framesAfterStep / leadInFrames",
                                                 expected: "≤ \(maximumFrames) frames each",
                                                 found: "\(stepDurationFrames), \(framesAfterStep), \(leadInFrames)")
        }
        guard peakWindowEndMs.isFinite, peakWindowEndMs >= 0, peakWindowEndMs <= 1e7, leadInFrames >= 0, framesAfterStep >= 0 else {
            throw PhenomenaError.invalidProtocol(parameter: "LatencyProtocol.peakWindowEndMs / leadInFrames / framesAfterStep",
                                                 expected: "a finite window end (0 … 10⁷ ms) and frame counts ≥ 0",
                                                 found: "\(peakWindowEndMs), \(leadInFrames), \(framesAfterStep)")
        }
        let needed = Int((peakWindowEndMs / Units.frameMilliseconds).rounded(.down)) + 1
        guard stepDurationFrames >= 1, stepDurationFrames + framesAfterStep >= needed else {
            throw PhenomenaError.invalidProtocol(parameter: "LatencyProtocol.stepDurationFrames + framesAfterStep",
                                                 expected: "≥ \(needed) frames to cover the \(peakWindowEndMs) ms window",
                                                 found: "\(stepDurationFrames + framesAfterStep)")
        }
    }
}
