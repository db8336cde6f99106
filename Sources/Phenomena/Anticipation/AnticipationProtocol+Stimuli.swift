import RetinaCore

extension AnticipationProtocol {
    /// The span a drifting bar covers for cells centred at `centresX`:
    /// `min − travelPixels … max + travelPixels`.
    public func pathSpan(centresX: [Double]) -> ClosedRange<Double>? {
        guard let lo = centresX.min(), let hi = centresX.max() else { return nil }
        return (lo - travelPixels)...(hi + travelPixels)
    }

    /// One moving-bar condition per speed and direction, shared by all cells centred at
    /// `centresX` (see ``movingBarCondition(speed:direction:span:screen:historyFrames:)``).
    public func movingBarConditions(screen: StimulusScreen, historyFrames: Int,
                                    centresX: [Double]) throws -> [MovingBarCondition] {
        guard let span = pathSpan(centresX: centresX) else { return [] }
        return try speedsPixelsPerFrame.flatMap { v in
            try directions.map { try movingBarCondition(speed: v, direction: $0, span: span, screen: screen,
                                                        historyFrames: historyFrames) }
        }
    }

    /// A bar drifting across `span`: `lead = max(leadInFrames, historyFrames)` gray frames, then
    /// the bar at `start + sign·v·k`, `k = 0 … round(span length / v)`, starting at the lower end
    /// (rightward) or upper end (leftward). `referenceFrame`/`referencePointPixels` mark the first
    /// frame of motion and the start point. Analysed frames: the motion.
    public func movingBarCondition(speed v: Double, direction d: MotionDirection, span: ClosedRange<Double>,
                                   screen: StimulusScreen, historyFrames: Int) throws -> MovingBarCondition {
        try validate()
        let lead = max(leadInFrames, historyFrames)
        let n = Int(((span.upperBound - span.lowerBound) / v).rounded())
        let start = d == .rightward ? span.lowerBound : span.upperBound
        var path = [Double?](repeating: nil, count: lead)
        path += (0...n).map { k in start + d.sign * v * Double(k) }
        let renderer = BarRenderer(widthPixels: barWidthPixels, contrast: barContrast)
        return MovingBarCondition(
            label: "\(d.rawValue) v=\(v) px/frame",
            parameter: ConditionParameter(name: "speed", value: v, unit: "px/frame"),
            movie: renderer.movie(centresPixels: path, screen: screen),
            events: BarEvents(barCentrePixelsByFrame: path, speedPixelsPerFrame: v, direction: d,
                              referenceFrame: lead, referencePointPixels: start, reverses: false),
            analysedFrames: lead..<path.count)
    }

    /// One flashed-bar condition per absolute position.
    public func flashedBarConditions(screen: StimulusScreen, historyFrames: Int,
                                     positionsPixels: [Double]) throws -> [FlashedBarCondition] {
        try positionsPixels.map { try flashedBarCondition(positionPixels: $0, screen: screen, historyFrames: historyFrames) }
    }

    /// A bar flashed at `x`: `lead` gray frames, the bar for `flashDurationFrames`, then gray to
    /// `onset + framesAfterFlash − 1`. Analysed frames: from the onset.
    public func flashedBarCondition(positionPixels x: Double, screen: StimulusScreen,
                                    historyFrames: Int) throws -> FlashedBarCondition {
        try validate()
        let lead = max(leadInFrames, historyFrames)
        var path = [Double?](repeating: nil, count: lead + framesAfterFlash)
        for t in lead..<(lead + flashDurationFrames) { path[t] = x }
        let renderer = BarRenderer(widthPixels: barWidthPixels, contrast: barContrast)
        return FlashedBarCondition(
            label: "flash at x=\(x) px",
            parameter: ConditionParameter(name: "position", value: x, unit: "px"),
            movie: renderer.movie(centresPixels: path, screen: screen),
            events: FlashedBarEvents(onsetFrame: lead, durationFrames: flashDurationFrames, centrePixels: x),
            analysedFrames: lead..<path.count)
    }

    public func validate() throws {
        guard !speedsPixelsPerFrame.isEmpty, speedsPixelsPerFrame.allSatisfy(BarRenderer.speedRangePixelsPerFrame.contains) else {
            throw PhenomenaError.invalidProtocol(parameter: "AnticipationProtocol.speedsPixelsPerFrame",
                                                 expected: "one or more \(BarRenderer.speedRangeText)", found: "\(speedsPixelsPerFrame)")
        }
        guard travelPixels.isFinite, speedsPixelsPerFrame.allSatisfy({ (2 * travelPixels + 50) / $0 <= 1e9 }),
              flashOffsetsPixels.allSatisfy(\.isFinite), barWidthPixels > 0, barWidthPixels.isFinite, leadInFrames >= 0,
              flashPeakWindowEndMs.isFinite, flashPeakWindowEndMs <= 1e7 else {
            throw PhenomenaError.invalidProtocol(parameter: "AnticipationProtocol.travelPixels / flashOffsetsPixels / barWidthPixels",
                                                 expected: "finite values (travel of at most 10⁹ frames, bar width > 0, frame counts ≥ 0)",
                                                 found: "\(travelPixels), \(flashOffsetsPixels), \(barWidthPixels)")
        }
        guard !directions.isEmpty else {
            throw PhenomenaError.invalidProtocol(parameter: "AnticipationProtocol.directions",
                                                 expected: "at least one direction", found: "[]")
        }
        guard travelPixels > peakSearchHalfWidthPixels else {
            throw PhenomenaError.invalidProtocol(parameter: "AnticipationProtocol.travelPixels",
                                                 expected: "> peakSearchHalfWidthPixels (\(peakSearchHalfWidthPixels))",
                                                 found: "\(travelPixels)")
        }
        guard flashOffsetsPixels.contains(0) else {
            throw PhenomenaError.invalidProtocol(parameter: "AnticipationProtocol.flashOffsetsPixels",
                                                 expected: "a list containing 0 (the flash at the RF centre)",
                                                 found: "\(flashOffsetsPixels)")
        }
        let needed = Int((flashPeakWindowEndMs / Units.frameMilliseconds).rounded(.down)) + 2
        guard flashDurationFrames >= 1, framesAfterFlash >= needed else {
            throw PhenomenaError.invalidProtocol(parameter: "AnticipationProtocol.framesAfterFlash",
                                                 expected: "≥ \(needed) to cover the flash peak window",
                                                 found: "\(framesAfterFlash)")
        }
    }
}
