import Phenomena

extension ContrastAdaptation: CausalReadable {
    /// Strength: the steady-state gain ratio (low / high contrast); `S₀ = 1`, no gain change. The
    /// curve is the relative gain after the switch to high contrast; traces: the cycle-mean rate.
    public static func readout(_ v: PhenomenaValidation) throws -> PhenomenonReadout {
        guard let m = v.adaptation?.mean else {
            throw MechanismsError.invalidSetting(name: "validation", expected: "a suite run that measured \(id.rawValue)", found: "none")
        }
        let up = m.afterIncrease
        return PhenomenonReadout(
            phenomenon: id,
            metrics: [CausalMetricValue(name: "gain ratio", unit: "×", value: m.gainRatio),
                      CausalMetricValue(name: "time constant after the switch up", unit: "ms", value: up.timeConstantMs),
                      CausalMetricValue(name: "time constant after the switch down", unit: "ms", value: m.afterDecrease.timeConstantMs)],
            strength: m.gainRatio, nullStrength: 1, strengthName: "gain ratio", strengthUnit: "×",
            curveX: "time after the switch to high contrast (ms)", curveY: "relative gain",
            curve: zip(up.binTimesMs, up.relativeGain).map { CausalCurvePoint(x: $0, y: $1) },
            traces: [CausalTrace(label: "cycle mean", parameter: ConditionParameter(name: "cycle", value: 0, unit: ""),
                                 x: m.meanRate.timesMs, xUnit: "ms", rateHz: m.meanRate.rateHz)],
            criteria: v.criteria.filter { $0.phenomenon == id })
    }

    /// The high-contrast gain times the flicker SD: the typical response excursion, Hz.
    public static func responseAboveBaseline(_ v: PhenomenaValidation) -> Double? {
        guard let m = v.adaptation?.mean, let g = m.highContrastGain else { return nil }
        return g * v.suite.protocols[Self.self].highContrastSD
    }
}
