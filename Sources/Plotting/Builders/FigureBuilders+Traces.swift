extension FigureBuilders {
    /// Stimulus strip (filled grey blocks, dark = hanging below the baseline) above response traces
    /// of several conditions on a shared time axis.
    ///
    /// - Parameters:
    ///   - timeSeconds: sample times (increasing); sample i covers `[t_i, t_i + Δt)`, Δt = median spacing.
    ///   - stimulus: stimulus value (contrast) per sample; runs of equal non-zero values become blocks.
    ///   - traces: responses, one value per sample; drawn by role (full solid, reduced dashed, ground
    ///     truth grey dotted, conditions in viridis order), SD as bands.
    ///   - markers: labelled vertical lines (e.g. the omitted flash).
    public static func tracesWithStimulusPanel(
        timeSeconds: [Double], stimulus: [Double], traces: [Trace], timeUnit: TimeUnit = .milliseconds,
        timeLabel: String = "time", stimulusLabel: String = "stimulus", responseLabel: String = "rate",
        responseUnit: String = "Hz", markers: [TimeMarker] = [], title: String? = nil
    ) throws -> PanelContent {
        let name = "tracesWithStimulus"
        try require(!timeSeconds.isEmpty, name, "expected at least one time sample, found none")
        try require(stimulus.count == timeSeconds.count, name,
                    "stimulus has \(stimulus.count) values, expected \(timeSeconds.count) (one per time sample)")
        try require(!traces.isEmpty, name, "expected at least one trace, found none")
        try checkTraces(traces, count: timeSeconds.count, name)

        let x = timeSeconds.map(timeUnit.value(seconds:))
        let dt = spacing(x)
        let limits = AxisLimits.fixed(lower: x[0], upper: x[x.count - 1] + (x.count > 1 ? 0 : dt))
        let blocks = BlockTrace.from(times: x, values: stimulus, sampleDuration: dt)
        let low = min(stimulus.min() ?? 0, 0), high = max(stimulus.max() ?? 0, 0)
        let strip = Axes(
            x: .hidden(limits: limits),
            y: AxisSpec(label: stimulusLabel, limits: low < high ? .fixed(lower: low, upper: high) : .fixed(lower: -1, upper: 1),
                        ticks: .none, isVisible: false, horizontalLabel: true),
            title: title, elements: [.blocks(blocks)], legend: .hidden)
        let markerLines = markerElements(markers, unit: timeUnit)
        let response = Axes(
            x: AxisSpec(label: timeLabel, unit: timeUnit.symbol, limits: limits),
            y: AxisSpec(label: responseLabel, unit: responseUnit, limits: .niceIncludingZero),
            elements: markerLines + traceElements(traces, x: x))
        return .stack(AxesStack(members: [strip, response], heightWeights: [1, 5.5], gapPoints: 2))
    }

    /// One-panel figure of ``tracesWithStimulusPanel(timeSeconds:stimulus:traces:timeUnit:timeLabel:stimulusLabel:responseLabel:responseUnit:markers:title:)``.
    public static func tracesWithStimulus(
        id: String, caption: String, timeSeconds: [Double], stimulus: [Double], traces: [Trace],
        timeUnit: TimeUnit = .milliseconds, timeLabel: String = "time", stimulusLabel: String = "stimulus",
        responseLabel: String = "rate", responseUnit: String = "Hz", markers: [TimeMarker] = [],
        widthMillimetres: Double = FigureSpec.singleColumnMillimetres, heightMillimetres: Double = 55
    ) throws -> FigureSpec {
        let content = try tracesWithStimulusPanel(
            timeSeconds: timeSeconds, stimulus: stimulus, traces: traces, timeUnit: timeUnit, timeLabel: timeLabel,
            stimulusLabel: stimulusLabel, responseLabel: responseLabel, responseUnit: responseUnit, markers: markers)
        return FigureSpec(id: id, caption: caption, widthMillimetres: widthMillimetres, heightMillimetres: heightMillimetres,
                          grid: .uniform(rows: 1, columns: 1), panels: [Panel(content, at: GridCell(row: 0, column: 0))])
    }
}
