import Phenomena

extension LatencyCoding: CausalReadable {
    public static func readout(_ v: PhenomenaValidation) throws -> PhenomenonReadout {
        let criteria = v.criteria.filter { $0.phenomenon == id }
        func missing() -> MechanismsError {
            .invalidSetting(name: "validation", expected: "a suite run that measured \(id.rawValue)", found: "none")
        }
        guard let lat = v.latency else { throw missing() }
        return PhenomenonReadout(
            phenomenon: id,
            metrics: [CausalMetricValue(name: "shift", unit: "ms", value: lat.mean.shiftMs),
                      CausalMetricValue(name: "Spearman ρ", unit: "", value: lat.mean.spearmanRho),
                      CausalMetricValue(name: "slope", unit: "ms/decade", value: lat.mean.slopeMsPerDecade)],
            strength: lat.mean.shiftMs, nullStrength: 0, strengthName: "shift", strengthUnit: "ms",
            curveX: "contrast", curveY: "peak latency (ms)",
            curve: lat.mean.measurements.map { CausalCurvePoint(x: $0.contrast, y: $0.peakLatencyMs) },
            traces: lat.traces.map { CausalTrace(label: $0.label, parameter: $0.parameter, x: $0.meanRate.timesMs, xUnit: "ms",
                                                 rateHz: $0.meanRate.rateHz) },
            criteria: criteria)
    }

    public static func responseAboveBaseline(_ v: PhenomenaValidation) -> Double? {
        let base = v.baselineRateHz.isEmpty ? 0 : v.baselineRateHz.reduce(0, +) / Double(v.baselineRateHz.count)
        return v.latency?.mean.measurements.compactMap(\.peakRateHz).max().map { $0 - base }
    }
}
