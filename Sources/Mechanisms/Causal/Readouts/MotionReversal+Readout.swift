import Phenomena

extension MotionReversal: CausalReadable {
    public static func readout(_ v: PhenomenaValidation) throws -> PhenomenonReadout {
        let c = v.suite.criteria[Self.self]
        let criteria = v.criteria.filter { $0.phenomenon == id }
        func missing() -> MechanismsError {
            .invalidSetting(name: "validation", expected: "a suite run that measured \(id.rawValue)", found: "none")
        }
        guard let rev = v.reversal else { throw missing() }
        let lo = c.speedMinimum - 1e-9, hi = c.speedMaximum + 1e-9
        let inRange = ReversalMetrics.summarize(rev.population.speeds.filter { (lo...hi).contains($0.speedPixelsPerFrame) })
        let heights = inRange.speeds.compactMap(PhenomenonReadout.burstProminence)
        let locked = inRange.speedsWithoutBurst.isEmpty && heights.count == inRange.speeds.count && !heights.isEmpty
            && (inRange.burstLatencySDMs.map { $0 <= c.latencySDMaximumMs } ?? (heights.count == 1))
        let strength = locked ? heights.min() : nil
        return PhenomenonReadout(
            phenomenon: id,
            metrics: [CausalMetricValue(name: "burst latency SD", unit: "ms", value: inRange.burstLatencySDMs),
                      CausalMetricValue(name: "mean burst latency", unit: "ms", value: inRange.meanBurstLatencyMs),
                      CausalMetricValue(name: "burst ratio", unit: "×", value: inRange.minimumBurstRatio),
                      CausalMetricValue(name: "burst height above baseline", unit: "Hz", value: inRange.speeds.compactMap(\.burstRateHz).min()),
                      CausalMetricValue(name: "speeds without burst", unit: "", value: Double(inRange.speedsWithoutBurst.count))],
            strength: strength, nullStrength: 0, strengthName: "locked burst prominence", strengthUnit: "Hz",
            curveX: "speed (px/frame)", curveY: "burst latency (ms)",
            curve: rev.population.speeds.map { CausalCurvePoint(x: $0.speedPixelsPerFrame, y: $0.burstLatencyMs) },
            traces: rev.population.speeds.map { s in
                CausalTrace(label: "\(s.speedPixelsPerFrame) px/frame",
                            parameter: ConditionParameter(name: "speed", value: s.speedPixelsPerFrame, unit: "px/frame"),
                            x: s.reversalTrace.timesMs, xUnit: "ms", rateHz: s.reversalTrace.rateHz)
            },
            criteria: criteria)
    }

    public static func responseAboveBaseline(_ v: PhenomenaValidation) -> Double? {
        let c = v.suite.criteria[Self.self]
        let lo = c.speedMinimum - 1e-9, hi = c.speedMaximum + 1e-9
        return v.reversal?.population.speeds.filter { (lo...hi).contains($0.speedPixelsPerFrame) }.compactMap(PhenomenonReadout.burstProminence).max()
    }
}
