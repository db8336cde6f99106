import RetinaCore

/// RF centres of the chosen cells and, when they were estimated, the flashed-bar responses used.
struct CentreResolution: Sendable {
    var xPixels: [Double]
    var source: RFCentreSource
    /// Flashes at every pixel of the bar screen, when the centres were estimated from them.
    var flashes: [FlashRun]?
}

/// One flashed-bar condition's events and per-cell traces.
struct FlashRun: Sendable {
    var events: FlashedBarEvents
    var clock: RowClock
    var tracesHz: [[Double]]
}

extension PhenomenonSuite {
    /// Centres from `cellCentres`; otherwise each cell's flashed-bar profile over every pixel
    /// column of the bar screen is run and its peak taken (``AnticipationMetrics/estimateCentre(profile:)``).
    func resolveCentres(model: any ResponseModel, runner: inout ConditionRunner,
                        screen: StimulusScreen) throws -> CentreResolution {
        if let all = model.cellCentres {
            guard all.count == model.cellCount else {
                throw PhenomenaError.centreCountMismatch(expected: model.cellCount, found: all.count)
            }
            return CentreResolution(xPixels: runner.cells.map { all[$0].x }, source: .model, flashes: nil)
        }
        let positions = (0..<screen.widthPixels).map(Double.init)
        let flashes = try runFlashes(positions, runner: &runner, screen: screen)
        let centres = runner.cells.indices.map { j -> Double in
            let profile = flashes.map { AnticipationMetrics.measureFlash(rateHz: $0.tracesHz[j], events: $0.events,
                                                                         clock: $0.clock, settings: anticipation) }
            return AnticipationMetrics.estimateCentre(profile: profile) ?? Double(screen.widthPixels - 1) / 2
        }
        return CentreResolution(xPixels: centres, source: .estimatedFromFlashProfile, flashes: flashes)
    }

    func runFlashes(_ positions: [Double], runner: inout ConditionRunner, screen: StimulusScreen) throws -> [FlashRun] {
        try positions.map { x in
            let condition = try anticipation.flashedBarCondition(positionPixels: x, screen: screen,
                                                                 historyFrames: runner.model.historyFrames)
            let response = try runner.run(condition)
            return FlashRun(events: condition.events, clock: response.clock, tracesHz: response.tracesHz)
        }
    }

    /// Each cell's population = the mean over its translated reversal points of the
    /// baseline-subtracted rate aligned on the reversal; the pooled population = the mean over cells.
    func measureReversal(runner: inout ConditionRunner, screen: StimulusScreen, centresX: [Double],
                         baselineHz: [Double]) throws -> ReversalValidation {
        let points = reversal.reversalPoints(centresX: centresX)
        try reversal.validate(reversalPointsPixels: points, screenWidthPixels: screen.widthPixels)
        let h = runner.model.historyFrames
        var perCellSpeeds = [[ReversalSpeedMeasurement]](repeating: [], count: centresX.count)
        var pooledSpeeds: [ReversalSpeedMeasurement] = []
        for v in reversal.speedsPixelsPerFrame {
            var rev = [[EventAlignedTrace]](repeating: [], count: centresX.count)
            var ctl = rev
            for xr in points {
                let members = centresX.indices.filter { j in
                    reversal.reversalOffsetsPixels.contains { abs(centresX[j] + $0 - xr) <= 1e-6 }
                }
                for reverses in [true, false] {
                    let condition = try reversal.condition(speed: v, reversalPointPixels: xr, reverses: reverses,
                                                           screen: screen, historyFrames: h)
                    let response = try runner.run(condition)
                    for j in members {
                        let trace = EventAlignedTrace(rateHz: response.tracesHz[j], clock: response.clock,
                                                      eventFrame: condition.events.referenceFrame,
                                                      baselineHz: baselineHz[j])
                        if reverses { rev[j].append(trace) } else { ctl[j].append(trace) }
                    }
                }
            }
            let cellRev = rev.map(EventAlignedTrace.mean), cellCtl = ctl.map(EventAlignedTrace.mean)
            for j in centresX.indices {
                perCellSpeeds[j].append(ReversalMetrics.measureSpeed(v, reversal: cellRev[j], control: cellCtl[j],
                                                                     settings: reversal))
            }
            pooledSpeeds.append(ReversalMetrics.measureSpeed(v, reversal: EventAlignedTrace.mean(cellRev),
                                                             control: EventAlignedTrace.mean(cellCtl), settings: reversal))
        }
        return ReversalValidation(perCell: perCellSpeeds.map(ReversalMetrics.summarize),
                                  population: ReversalMetrics.summarize(pooledSpeeds), reversalPointsPixels: points)
    }

    /// Flashed-bar profiles (at `centre + flashOffsetsPixels`, or the estimation flashes) and one
    /// drifting bar per speed and direction shared by all cells.
    func measureAnticipation(runner: inout ConditionRunner, screen: StimulusScreen,
                             centres: CentreResolution) throws -> AnticipationValidation {
        let xs = centres.xPixels
        let flashes = try centres.flashes
            ?? runFlashes(anticipation.flashPositions(centresX: xs), runner: &runner, screen: screen)
        var moving = [[MovingBarMeasurement]](repeating: [], count: xs.count)
        if let span = anticipation.pathSpan(centresX: xs) {
            for v in anticipation.speedsPixelsPerFrame {
                for d in anticipation.directions {
                    let condition = try anticipation.movingBarCondition(speed: v, direction: d, span: span, screen: screen,
                                                                        historyFrames: runner.model.historyFrames)
                    let response = try runner.run(condition)
                    for j in xs.indices {
                        moving[j].append(AnticipationMetrics.measureMoving(
                            rateHz: response.tracesHz[j], events: condition.events, clock: response.clock,
                            rfCentreX: xs[j], settings: anticipation))
                    }
                }
            }
        }
        let perCell = xs.indices.map { j -> AnticipationMetrics in
            let mine = centres.flashes == nil
                ? flashes.filter { f in anticipation.flashOffsetsPixels.contains { abs(xs[j] + $0 - f.events.centrePixels) <= 1e-6 } }
                : flashes
            let profile = AnticipationMetrics.flashProfile(traces: mine.map { $0.tracesHz[j] }, events: mine.map(\.events),
                                                           clocks: mine.map(\.clock), settings: anticipation)
            return AnticipationMetrics.assemble(rfCentreX: xs[j], flashProfile: profile, moving: moving[j])
        }
        let mean = anticipation.speedsPixelsPerFrame.sorted().map { v -> AnticipationSpeedSummary in
            let rows = perCell.map { $0.bySpeed.first { $0.speedPixelsPerFrame == v } }
            let delta = Self.meanIfAll(rows.map { $0?.meanDeltaPixels })
            return AnticipationSpeedSummary(speedPixelsPerFrame: v, meanDeltaPixels: delta,
                                            meanDeltaMicrons: delta.map { Units.microns(pixels: $0) },
                                            expectedLagPixels: Self.meanIfAll(rows.map { $0?.expectedLagPixels }))
        }
        return AnticipationValidation(rfCentreSource: centres.source, perCell: perCell, mean: mean,
                                      meanFlashLatencyMs: Self.meanIfAll(perCell.map(\.flashLatencyMs)))
    }
}
