import Phenomena

extension OmittedStimulusResponse: CausalReadable {
    public static func readout(_ v: PhenomenaValidation) throws -> PhenomenonReadout {
        let c = v.suite.criteria[Self.self]
        let criteria = v.criteria.filter { $0.phenomenon == id }
        func missing() -> MechanismsError {
            .invalidSetting(name: "validation", expected: "a suite run that measured \(id.rawValue)", found: "none")
        }
        guard let osr = v.osr else { throw missing() }
        let inRange = OSRMetrics.summarize(osr.mean.periods, periodRangeMs: c.periodRangeMs)
        let latencies = inRange.periods.compactMap(\.peakLatencyAfterOmissionMs)
        let strength = inRange.periodsWithoutPeakMs.isEmpty ? inRange.minimumPeakToTrainRatio : nil
        return PhenomenonReadout(
            phenomenon: id,
            metrics: [CausalMetricValue(name: "slope", unit: "", value: inRange.slopeVsPeriod),
                      CausalMetricValue(name: "latency spread", unit: "ms", value: inRange.latencySpreadMs),
                      CausalMetricValue(name: "peak / train ratio", unit: "×", value: inRange.minimumPeakToTrainRatio),
                      CausalMetricValue(name: "mean latency after omission", unit: "ms",
                                        value: latencies.count == inRange.periods.count && !latencies.isEmpty
                                            ? latencies.reduce(0, +) / Double(latencies.count) : nil),
                      CausalMetricValue(name: "periods without peak", unit: "", value: Double(inRange.periodsWithoutPeakMs.count))],
            strength: strength, nullStrength: 1, strengthName: "peak / train ratio", strengthUnit: "×",
            curveX: "period (ms)", curveY: "latency after omitted flash (ms)",
            curve: osr.mean.periods.map { CausalCurvePoint(x: $0.periodMs, y: $0.peakLatencyAfterOmissionMs) },
            traces: osr.traces.map { CausalTrace(label: $0.label, parameter: $0.parameter, x: $0.meanRate.timesMs, xUnit: "ms",
                                                 rateHz: $0.meanRate.rateHz) },
            criteria: criteria)
    }

    public static func responseAboveBaseline(_ v: PhenomenaValidation) -> Double? {
        let base = v.baselineRateHz.isEmpty ? 0 : v.baselineRateHz.reduce(0, +) / Double(v.baselineRateHz.count)
        let c = v.suite.criteria[Self.self]
        let range = c.periodRangeMs
        return v.osr?.mean.periods.filter { range.contains($0.periodMs) }.compactMap(\.peakRateHz).max().map { $0 - base }
    }
}
