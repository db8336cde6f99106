import RetinaCore

extension PhenomenonSuite {
    func measureOSR(runner: inout ConditionRunner, screen: StimulusScreen) throws -> OSRValidation {
        let conditions = try osr.conditions(screen: screen, historyFrames: runner.model.historyFrames)
        var perCell = [[OSRPeriodMeasurement]](repeating: [], count: runner.cells.count)
        var traces: [ConditionTraces] = []
        for condition in conditions {
            let response = try runner.run(condition)
            let ys = response.tracesHz.map(smoothed)
            for (j, y) in ys.enumerated() {
                perCell[j].append(OSRMetrics.measurePeriod(rateHz: y, events: condition.events, clock: response.clock,
                                                           settings: osr))
            }
            traces.append(Self.conditionTraces(condition, ys, response.clock, eventFrame: condition.events.omittedFlashFrame))
        }
        let means = conditions.indices.map { k in Self.meanOSR(perCell.map { $0[k] }) }
        return OSRValidation(perCell: perCell.map { OSRMetrics.summarize($0) }, mean: OSRMetrics.summarize(means),
                             traces: traces)
    }

    func measureLatency(runner: inout ConditionRunner, screen: StimulusScreen) throws -> LatencyValidation {
        let conditions = try latency.conditions(screen: screen, historyFrames: runner.model.historyFrames)
        var perCell = [[LatencyMeasurement]](repeating: [], count: runner.cells.count)
        var traces: [ConditionTraces] = []
        for condition in conditions {
            let response = try runner.run(condition)
            let ys = response.tracesHz.map(smoothed)
            for (j, y) in ys.enumerated() {
                perCell[j].append(LatencyMetrics.measureStep(rateHz: y, events: condition.events, clock: response.clock,
                                                             settings: latency))
            }
            traces.append(Self.conditionTraces(condition, ys, response.clock, eventFrame: condition.events.onsetFrame))
        }
        let means = conditions.indices.map { k -> LatencyMeasurement in
            let cells = perCell.map { $0[k] }
            return LatencyMeasurement(contrast: cells[0].contrast,
                                      peakLatencyMs: Self.meanIfAll(cells.map(\.peakLatencyMs)),
                                      peakRateHz: Self.meanIfAll(cells.map(\.peakRateHz)))
        }
        return LatencyValidation(perCell: perCell.map { LatencyMetrics.summarize($0) },
                                 mean: LatencyMetrics.summarize(means), traces: traces)
    }

    /// Per-period mean over cells; a field is nil when any cell lacks it.
    static func meanOSR(_ cells: [OSRPeriodMeasurement]) -> OSRPeriodMeasurement {
        OSRPeriodMeasurement(
            periodMs: cells[0].periodMs,
            peakLatencyAfterOmissionMs: meanIfAll(cells.map(\.peakLatencyAfterOmissionMs)),
            peakLatencyAfterLastFlashMs: meanIfAll(cells.map(\.peakLatencyAfterLastFlashMs)),
            peakRateHz: meanIfAll(cells.map(\.peakRateHz)),
            tanakaOnsetAfterOmissionMs: meanIfAll(cells.map(\.tanakaOnsetAfterOmissionMs)),
            trainMaxRateHz: Statistics.mean(cells.map(\.trainMaxRateHz)) ?? 0,
            peakToTrainRatio: meanIfAll(cells.map(\.peakToTrainRatio)))
    }

    static func meanIfAll(_ values: [Double?]) -> Double? {
        let present = values.compactMap { $0 }
        return present.count == values.count ? Statistics.mean(present) : nil
    }

    /// Mean and per-cell traces aligned on `eventFrame`, with the full-field stimulus contrast.
    static func conditionTraces<E>(_ condition: PhenomenonCondition<E>, _ ys: [[Double]], _ clock: RowClock,
                                   eventFrame: Int) -> ConditionTraces {
        let cells = ys.map { EventAlignedTrace(rateHz: $0, clock: clock, eventFrame: eventFrame) }
        let movie = condition.movie
        let rows = ys.first?.count ?? 0
        let stimulus = (0..<rows).map { i -> Double in
            let f = Int(clock.frame(ofRow: Double(i)))
            return f >= 0 && f < movie.frames ? Double(movie.values[f * movie.pixelsPerFrame]) : 0
        }
        return ConditionTraces(label: condition.label, parameter: condition.parameter,
                               meanRate: EventAlignedTrace.mean(cells), cellRates: cells, stimulusContrast: stimulus)
    }
}
