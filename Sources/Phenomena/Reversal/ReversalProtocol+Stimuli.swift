import RetinaCore

extension ReversalProtocol {
    /// Conditions for every speed and reversal point (absolute px): for each, the reversal movie
    /// and then its no-reversal control. Builds all movies at once; for a large screen prefer
    /// ``condition(speed:reversalPointPixels:reverses:screen:historyFrames:)`` one at a time.
    public func conditions(screen: StimulusScreen, historyFrames: Int,
                           reversalPointsPixels points: [Double]) throws -> [ReversalCondition] {
        try validate()
        return try speedsPixelsPerFrame.flatMap { v in
            try points.flatMap { xr in
                try [true, false].map {
                    try condition(speed: v, reversalPointPixels: xr, reverses: $0, screen: screen, historyFrames: historyFrames)
                }
            }
        }
    }

    /// One reversal (or control) movie.
    ///
    /// `lead = max(leadInFrames, historyFrames)` gray frames, then the bar at `x_r − v·(n − k)` for
    /// `k = 0 … n` (`n` = ``approachFrames(speed:)``; reversal frame `R = lead + n`), then
    /// `x_r − v·k` (reversal) or `x_r + v·k` (control) for `k = 1 … framesAfterReversal`.
    /// Analysed frames: from `recordBeforeReversalMs` before `R` (not before the bar appears) to the
    /// end.
    public func condition(speed v: Double, reversalPointPixels xr: Double, reverses: Bool,
                          screen: StimulusScreen, historyFrames: Int) throws -> ReversalCondition {
        try validate()
        let lead = max(leadInFrames, historyFrames)
        let n = approachFrames(speed: v)
        let reversalFrame = lead + n
        let recordStart = max(lead, reversalFrame - Int((recordBeforeReversalMs / Units.frameMilliseconds).rounded()))
        var path = [Double?](repeating: nil, count: lead)
        path += (0...n).map { k in xr - v * Double(n - k) }
        path += (1...framesAfterReversal).map { k in reverses ? xr - v * Double(k) : xr + v * Double(k) }
        let renderer = BarRenderer(widthPixels: barWidthPixels, contrast: barContrast)
        return ReversalCondition(
            label: "\(reverses ? "reversal" : "control") v=\(v) px/frame at x=\(xr) px",
            parameter: ConditionParameter(name: "speed", value: v, unit: "px/frame"),
            movie: renderer.movie(centresPixels: path, screen: screen),
            events: BarEvents(barCentrePixelsByFrame: path, speedPixelsPerFrame: v, direction: .rightward,
                              referenceFrame: reversalFrame, referencePointPixels: xr, reverses: reverses),
            analysedFrames: recordStart..<path.count)
    }

    /// Throws unless every reversal point lies on a screen `widthPixels` wide (0 … width − 1 px):
    /// a bar reversing off the screen would leave the cells unstimulated at the reversal. (Checked
    /// by the callers that know the model's screen; figure code builds conditions on a 1-px stand-in.)
    public func validate(reversalPointsPixels points: [Double], screenWidthPixels width: Int) throws {
        if let bad = points.first(where: { !($0 >= 0 && $0 <= Double(width - 1)) }) {
            throw PhenomenaError.invalidProtocol(
                parameter: "ReversalProtocol.reversalOffsetsPixels",
                expected: "reversal points on the \(width)-px-wide screen (0 … \(width - 1) px)",
                found: "reversal point x = \(bad) px")
        }
    }

    public func validate() throws {
        guard !speedsPixelsPerFrame.isEmpty, speedsPixelsPerFrame.allSatisfy(BarRenderer.speedRangePixelsPerFrame.contains) else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.speedsPixelsPerFrame",
                                                 expected: "one or more \(BarRenderer.speedRangeText)", found: "\(speedsPixelsPerFrame)")
        }
        guard approachDistancePixels.isFinite, approachDistancePixels > 0,
              speedsPixelsPerFrame.allSatisfy({ approachDistancePixels / $0 <= 1e9 }) else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.approachDistancePixels",
                                                 expected: "a finite distance > 0 of at most 10⁹ frames of approach",
                                                 found: "\(approachDistancePixels)")
        }
        guard reversalOffsetsPixels.allSatisfy(\.isFinite), leadInFrames >= 0,
              recordBeforeReversalMs.isFinite, abs(recordBeforeReversalMs) <= 1e9 else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.reversalOffsetsPixels / leadInFrames / recordBeforeReversalMs",
                                                 expected: "finite values, frame counts ≥ 0",
                                                 found: "\(reversalOffsetsPixels), \(leadInFrames), \(recordBeforeReversalMs)")
        }
        guard barWidthPixels > 0, barWidthPixels.isFinite else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.barWidthPixels", expected: "> 0",
                                                 found: "\(barWidthPixels)")
        }
        guard !reversalOffsetsPixels.isEmpty else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.reversalOffsetsPixels",
                                                 expected: "at least one offset", found: "[]")
        }
        guard burstWindowEndMs.isFinite, controlWindowHalfWidthMs.isFinite,
              max(burstWindowEndMs, controlWindowHalfWidthMs) <= 1e7 else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.burstWindowEndMs / controlWindowHalfWidthMs",
                                                 expected: "finite windows of at most 10⁷ ms",
                                                 found: "\(burstWindowEndMs), \(controlWindowHalfWidthMs)")
        }
        let needed = Int((max(burstWindowEndMs, controlWindowHalfWidthMs) / Units.frameMilliseconds).rounded(.up)) + 1
        guard framesAfterReversal >= needed else {
            throw PhenomenaError.invalidProtocol(parameter: "ReversalProtocol.framesAfterReversal",
                                                 expected: "≥ \(needed) to cover the burst and control windows",
                                                 found: "\(framesAfterReversal)")
        }
    }
}
