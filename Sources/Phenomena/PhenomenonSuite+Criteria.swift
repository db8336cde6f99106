extension PhenomenonSuite {
    /// The pass/fail table for whatever phenomena `v` holds (see ``AcceptanceCriteria``).
    /// The judged value is the cell mean (OSR, latency, anticipation) or the pooled population
    /// (reversal); per-cell values are listed alongside.
    func evaluateCriteria(_ v: PhenomenaValidation) -> [CriterionResult] {
        let c = criteria
        var out: [CriterionResult] = []
        if let osr = v.osr {
            let range = c.osrPeriodRangeMs
            let label = "\(Int(range.lowerBound))–\(Int(range.upperBound)) ms"
            func inRange(_ m: OSRMetrics) -> OSRMetrics? {
                let s = OSRMetrics.summarize(m.periods, periodRangeMs: range)
                return s.periods.isEmpty || !s.periodsWithoutPeakMs.isEmpty ? nil : s
            }
            let mean = inRange(osr.mean), cells = osr.perCell.map(inRange)
            out.append(CriterionResult(phenomenon: .osr, name: "OSR slope of (peak − last flash) vs period, \(label)",
                                       measured: mean?.slopeVsPeriod, unit: "", minimum: c.osrSlopeMinimum,
                                       maximum: c.osrSlopeMaximum, perCell: cells.map { $0?.slopeVsPeriod }))
            out.append(CriterionResult(phenomenon: .osr, name: "OSR latency spread over periods, \(label)",
                                       measured: mean?.latencySpreadMs, unit: "ms", minimum: nil,
                                       maximum: c.osrSpreadMaximumMs, perCell: cells.map { $0?.latencySpreadMs }))
            out.append(CriterionResult(phenomenon: .osr, name: "OSR peak / largest response in the last train periods, \(label)",
                                       measured: mean?.minimumPeakToTrainRatio, unit: "×",
                                       minimum: c.osrPeakToTrainRatioMinimum, maximum: nil,
                                       perCell: cells.map { $0?.minimumPeakToTrainRatio }))
        }
        if let lat = v.latency {
            out.append(CriterionResult(phenomenon: .latency, name: "Latency coding: Spearman ρ of peak latency vs contrast",
                                       measured: lat.mean.spearmanRho, unit: "", minimum: nil,
                                       maximum: c.latencySpearmanMaximum, perCell: lat.perCell.map(\.spearmanRho)))
            out.append(CriterionResult(phenomenon: .latency, name: "Latency coding: shift latency(c_min) − latency(c_max)",
                                       measured: lat.mean.shiftMs, unit: "ms", minimum: c.latencyShiftMinimumMs,
                                       maximum: nil, perCell: lat.perCell.map(\.shiftMs)))
        }
        if let rev = v.reversal {
            let range = c.reversalSpeedRange
            func inRange(_ m: ReversalMetrics) -> ReversalMetrics? {
                let s = ReversalMetrics.summarize(m.speeds.filter { range.contains($0.speedPixelsPerFrame) })
                return s.speeds.isEmpty || !s.speedsWithoutBurst.isEmpty ? nil : s
            }
            let label = "\(c.reversalSpeedMinimum)–\(c.reversalSpeedMaximum) px/frame"
            let pop = inRange(rev.population), cells = rev.perCell.map(inRange)
            out.append(CriterionResult(phenomenon: .reversal, name: "Reversal: SD of population burst latency across speeds, \(label)",
                                       measured: pop?.burstLatencySDMs, unit: "ms", minimum: nil,
                                       maximum: c.reversalLatencySDMaximumMs, perCell: cells.map { $0?.burstLatencySDMs }))
            out.append(CriterionResult(phenomenon: .reversal, name: "Reversal: burst / smooth-motion peak (smallest over speeds), \(label)",
                                       measured: pop?.minimumBurstRatio, unit: "×", minimum: c.reversalBurstRatioMinimum,
                                       maximum: nil, perCell: cells.map { $0?.minimumBurstRatio }))
        }
        if let ant = v.anticipation {
            for speed in c.anticipationSpeeds {
                func delta(_ rows: [AnticipationSpeedSummary]) -> Double? {
                    rows.first { abs($0.speedPixelsPerFrame - speed) < 1e-9 }?.meanDeltaPixels
                }
                out.append(CriterionResult(phenomenon: .anticipation,
                                           name: "Anticipation: δ (bar centre − RF centre at the response peak) at \(speed) px/frame",
                                           measured: delta(ant.mean), unit: "px", minimum: nil,
                                           maximum: c.anticipationDeltaMaximumPixels,
                                           perCell: ant.perCell.map { delta($0.bySpeed) }))
            }
        }
        return out
    }
}
