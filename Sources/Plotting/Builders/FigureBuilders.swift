/// Generic figure builders: plain arrays, labels and units in, a ``FigureSpec`` out. The phenomenon
/// figures of the report are thin adapters over these. Builders check the shapes of their inputs
/// (``FigureError/invalidInput(builder:reason:)``); values (NaN, …) are checked by validation at render
/// time.
public enum FigureBuilders {
    /// Spacing of a sampled axis (median of consecutive differences; 1 for fewer than two samples).
    package static func spacing(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return 1 }
        let steps = zip(values.dropFirst(), values).map { $0 - $1 }.sorted()
        let step = steps[steps.count / 2]
        return step > 0 ? step : 1
    }

    package static func require(_ condition: Bool, _ builder: String, _ reason: @autoclosure () -> String) throws {
        if !condition { throw FigureError.invalidInput(builder: builder, reason: reason()) }
    }

    /// The response lines (and SD bands, under all lines) of `traces` over `x`.
    package static func traceElements(_ traces: [Trace], x: [Double]) -> [PlotElement] {
        let bands = traces.compactMap { trace -> PlotElement? in
            guard let spread = trace.spread else { return nil }
            return .band(.meanPlusMinus(x: x, mean: trace.values, sd: spread, color: trace.role.style.color, opacity: 0.2))
        }
        let lines = traces.map { PlotElement.line(LineSeries(x: x, y: $0.values, style: $0.role.style, label: $0.label)) }
        return bands + lines
    }

    package static func checkTraces(_ traces: [Trace], count: Int, _ builder: String) throws {
        for trace in traces {
            try require(trace.values.count == count, builder,
                        "trace '\(trace.label)' has \(trace.values.count) values, expected \(count) (one per time sample)")
            if let spread = trace.spread {
                try require(spread.count == count, builder,
                            "trace '\(trace.label)' spread has \(spread.count) values, expected \(count)")
            }
        }
    }

    /// Vertical reference lines for time markers (grey, dashed, labelled at the top).
    static func markerElements(_ markers: [TimeMarker], unit: TimeUnit) -> [PlotElement] {
        markers.map {
            .reference(ReferenceLine(.vertical(x: unit.value(seconds: $0.timeSeconds)),
                                     style: LineStyle(color: RGBColor(hex: 0x8C8C8C), widthPoints: 0.6, dash: .dashed),
                                     label: $0.label))
        }
    }
}
