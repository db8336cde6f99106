import RetinaCore

extension AdaptationProtocol {
    /// One condition per cycle (see the type); full-field. Analysed frames: from the first block on.
    public func conditions(screen: StimulusScreen, historyFrames: Int) throws -> [AdaptationCondition] {
        try validate()
        let lead = max(leadInFrames, historyFrames)
        return (0..<cycles).map { k in
            var rng = SeededRandom(seed: seed &+ UInt64(k))
            var trace = [Float](repeating: 0, count: lead + 3 * blockFrames)
            for (b, sd) in [lowContrastSD, highContrastSD, lowContrastSD].enumerated() {
                let start = lead + b * blockFrames
                var value: Float = 0
                for t in 0..<blockFrames {
                    if t % holdFrames == 0 { value = Float(min(1, max(-1, sd * rng.normal()))) }
                    trace[start + t] = value
                }
            }
            let events = AdaptationEvents(firstBlockFrame: lead, upSwitchFrame: lead + blockFrames,
                                          downSwitchFrame: lead + 2 * blockFrames, endFrame: trace.count,
                                          contrastByFrame: trace)
            return AdaptationCondition(
                label: "cycle \(k + 1)", parameter: ConditionParameter(name: "cycle", value: Double(k + 1), unit: ""),
                movie: .fullField(trace, height: screen.heightPixels, width: screen.widthPixels), events: events,
                analysedFrames: lead..<trace.count)
        }
    }

    public func validate() throws {
        func fail(_ field: String, _ expected: String, _ found: Any) throws -> Never {
            throw PhenomenaError.invalidProtocol(parameter: "AdaptationProtocol.\(field)", expected: expected, found: "\(found)")
        }
        if !(highContrastSD > 0 && highContrastSD <= 1) { try fail("highContrastSD", "0 < SD ≤ 1", highContrastSD) }
        if !(lowContrastSD > 0 && lowContrastSD < highContrastSD) {
            try fail("lowContrastSD", "0 < SD < highContrastSD (\(highContrastSD))", lowContrastSD)
        }
        if !(1...100).contains(holdFrames) { try fail("holdFrames", "1 … 100", holdFrames) }
        if !(1...64).contains(cycles) { try fail("cycles", "1 … 64", cycles) }
        if !(0...cycles).contains(explainedCycles) { try fail("explainedCycles", "0 … cycles (\(cycles))", explainedCycles) }
        if !(2...400).contains(filterFrames) { try fail("filterFrames", "2 … 400", filterFrames) }
        if !(leadInFrames >= 0 && leadInFrames <= 10_000) { try fail("leadInFrames", "0 … 10000", leadInFrames) }
        if !(settleMs.isFinite && settleMs >= 0 && settleMs <= 1e6) { try fail("settleMs", "0 … 10⁶ ms", settleMs) }
        let settleFrames = Int((settleMs / Units.frameMilliseconds).rounded(.up))
        // The steady state of each block must hold enough rows to fit the filter (its taps plus an intercept, 4×).
        let needed = settleFrames + 4 * (filterFrames + 1)
        if !(blockFrames >= needed && blockFrames <= 100_000) {
            try fail("blockFrames", "\(needed) … 100000 (settleMs and 4 × (filterFrames + 1) rows)", blockFrames)
        }
        if !(gainBinMs.isFinite && gainBinMs >= Units.frameMilliseconds && gainBinMs * 4 <= Double(blockFrames) * Units.frameMilliseconds) {
            try fail("gainBinMs", "10 ms … a quarter of the block (\(Double(blockFrames) * Units.frameMilliseconds / 4) ms)", gainBinMs)
        }
        if !(transientSmoothingMs.isFinite && transientSmoothingMs >= 0 && transientSmoothingMs <= 1000) {
            try fail("transientSmoothingMs", "0 … 1000 ms", transientSmoothingMs)
        }
        if !(explainWindowStartMs.isFinite && explainWindowEndMs.isFinite && explainWindowStartMs < explainWindowEndMs
             && explainWindowEndMs <= Double(blockFrames) * Units.frameMilliseconds) {
            try fail("explainWindowEndMs", "explainWindowStartMs < end ≤ the block (\(Double(blockFrames) * Units.frameMilliseconds) ms)",
                     "\(explainWindowStartMs) … \(explainWindowEndMs)")
        }
    }
}
