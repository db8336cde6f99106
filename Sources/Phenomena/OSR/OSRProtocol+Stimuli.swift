import RetinaCore

extension OSRProtocol {
    /// One condition per period: `lead` gray frames (`max(leadInFrames, historyFrames)`), the flash
    /// train (onsets `lead + k·p`), then gray through `omitted + framesAfterOmission − 1`.
    /// Full-field, so any screen gives the same numbers; use ``StimulusScreen/point`` for a
    /// screen-agnostic model.
    ///
    /// Analysed frames: from the first frame of the train window (``trainWindowPeriods``) to the
    /// end, so plots can show the end of the train.
    public func conditions(screen: StimulusScreen, historyFrames: Int) throws -> [OSRCondition] {
        try validate()
        let lead = max(leadInFrames, historyFrames)
        return try periodsMs.map { periodMs in
            let p = try periodFrames(periodMs)
            let onsets = (0..<flashCount(periodFrames: p)).map { lead + $0 * p }
            let events = OSREvents(periodFrames: p, flashOnsetFrames: onsets, flashDurationFrames: flashDurationFrames)
            var trace = [Float](repeating: 0, count: events.omittedFlashFrame + framesAfterOmission)
            for onset in onsets {
                for t in onset..<(onset + flashDurationFrames) { trace[t] = Float(flashContrast) }
            }
            let windowStart = max(lead, events.lastFlashFrame - (trainWindowPeriods - 1) * p)
            return OSRCondition(
                label: "period \(Int(periodMs)) ms",
                parameter: ConditionParameter(name: "period", value: periodMs, unit: "ms"),
                movie: .fullField(trace, height: screen.heightPixels, width: screen.widthPixels),
                events: events,
                analysedFrames: windowStart..<trace.count)
        }
    }

    public func validate() throws {
        guard flashDurationFrames >= 1 else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.flashDurationFrames", expected: "≥ 1",
                                                 found: "\(flashDurationFrames)")
        }
        guard trainWindowPeriods >= 1 else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.trainWindowPeriods", expected: "≥ 1 (flash periods before the omission whose responses the OSR is compared with)",
                                                 found: "\(trainWindowPeriods)")
        }
        guard flashesPerTrain >= max(2, trainWindowPeriods) else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.flashesPerTrain",
                                                 expected: "≥ max(2, trainWindowPeriods = \(trainWindowPeriods))",
                                                 found: "\(flashesPerTrain)")
        }
        guard analysisWindowEndMs.isFinite, analysisWindowEndMs >= 0, analysisWindowEndMs <= 1e7 else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.analysisWindowEndMs", expected: "a finite value in 0 … 10⁷ ms",
                                                 found: "\(analysisWindowEndMs)")
        }
        let neededFrames = Int((analysisWindowEndMs / Units.frameMilliseconds).rounded(.up)) + 2
        guard framesAfterOmission >= neededFrames else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.framesAfterOmission",
                                                 expected: "≥ \(neededFrames) to cover the \(analysisWindowEndMs) ms window",
                                                 found: "\(framesAfterOmission)")
        }
        guard !periodsMs.isEmpty else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.periodsMs", expected: "at least one period",
                                                 found: "[]")
        }
        for periodMs in periodsMs { _ = try periodFrames(periodMs) }   // whole frames, finite, longer than the flash
        guard flashContrast.isFinite, leadInFrames >= 0, minimumTrainFrames >= 0 else {
            throw PhenomenaError.invalidProtocol(parameter: "OSRProtocol.flashContrast / leadInFrames / minimumTrainFrames",
                                                 expected: "a finite contrast and frame counts ≥ 0",
                                                 found: "\(flashContrast), \(leadInFrames), \(minimumTrainFrames)")
        }
    }
}
