import Phenomena

extension MotionAnticipation: CausalReadable {
    public static func readout(_ v: PhenomenaValidation) throws -> PhenomenonReadout {
        let c = v.suite.criteria[Self.self]
        let criteria = v.criteria.filter { $0.phenomenon == id }
        func missing() -> MechanismsError {
            .invalidSetting(name: "validation", expected: "a suite run that measured \(id.rawValue)", found: "none")
        }
        guard let ant = v.anticipation else { throw missing() }
        var metrics: [CausalMetricValue] = []
        var leads: [Double?] = []
        for s in ant.mean {
            metrics.append(CausalMetricValue(name: "δ at \(s.speedPixelsPerFrame) px/frame", unit: "px", value: s.meanDeltaPixels))
        }
        for speed in c.speedsPixelsPerFrame {
            let s = ant.mean.first { abs($0.speedPixelsPerFrame - speed) < 1e-9 }
            leads.append(s.flatMap { s in s.expectedLagPixels.flatMap { lag in s.meanDeltaPixels.map { lag - $0 } } })
        }
        let lead = leads.isEmpty || leads.contains { $0 == nil } ? nil : leads.map { $0! }.reduce(0, +) / Double(leads.count)
        metrics.append(CausalMetricValue(name: "lead over flash-latency lag", unit: "px", value: lead))
        metrics.append(CausalMetricValue(name: "flash latency", unit: "ms", value: ant.meanFlashLatencyMs))
        return PhenomenonReadout(
            phenomenon: id, metrics: metrics,
            strength: lead, nullStrength: 0, strengthName: "lead over flash-latency lag", strengthUnit: "px",
            curveX: "speed (px/frame)", curveY: "δ (px)",
            curve: ant.mean.map { CausalCurvePoint(x: $0.speedPixelsPerFrame, y: $0.meanDeltaPixels) },
            traces: PhenomenonReadout.anticipationTraces(ant, travelPixels: v.suite.protocols[MotionAnticipation.self].travelPixels),
            criteria: criteria)
    }

    public static func responseAboveBaseline(_ v: PhenomenaValidation) -> Double? {
        let base = v.baselineRateHz.isEmpty ? 0 : v.baselineRateHz.reduce(0, +) / Double(v.baselineRateHz.count)
        let c = v.suite.criteria[Self.self]
        guard let ant = v.anticipation, !ant.perCell.isEmpty else { return nil }
        let speeds = Set(c.speedsPixelsPerFrame.map { ($0 * 1e6).rounded() })
        let peaks = ant.perCell.indices.map { j -> [Double] in
            ant.perCell[j].moving.filter { speeds.contains(($0.speedPixelsPerFrame * 1e6).rounded()) }.compactMap(\.peakRateHz)
                .map { $0 - (j < v.baselineRateHz.count ? v.baselineRateHz[j] : base) }
        }
        let all = peaks.flatMap { $0 }
        return all.isEmpty ? nil : all.reduce(0, +) / Double(all.count)
    }
}
