import Foundation
import Plotting

/// One figure with every element and content type: lines of each dash, band, scatter with x and y
/// error bars and every marker, steps, stimulus blocks, spans, reference lines of each geometry with
/// labels, text in data and axes coordinates, a log axis, a heatmap with a colour bar, a scale bar, a
/// stack, a circuit, legends inside and outside.
enum KitchenSinkFigure {
    static func make() throws -> FigureSpec {
        let x = (0..<40).map { Double($0) * 0.25 }
        let lines: [PlotElement] = DashPattern.allCases.enumerated().map { i, dash in
            .line(LineSeries(x: x, y: x.map { sin($0) + Double(i) * 1.5 }, style: LineStyle(color: OkabeIto.color(i), widthPoints: 1, dash: dash),
                             label: dash.rawValue))
        }
        let lineAxes = Axes(x: AxisSpec(label: "x", unit: "s<sup>−1</sup>"), y: AxisSpec(label: "<i>y</i>", unit: "µm"), title: "lines",
                            elements: [.span(Span(from: 2, to: 3, label: "window")),
                                       .band(.meanPlusMinus(x: x, mean: x.map(sin), sd: x.map { _ in 0.3 }, color: OkabeIto.blue, label: "± SD"))]
                                + lines + [.reference(ReferenceLine(.vertical(x: 5), label: "onset")),
                                           .reference(ReferenceLine(.horizontal(y: 0), label: "zero")),
                                           .reference(ReferenceLine(.affine(slope: 0.5, intercept: 0), label: "slope ½")),
                                           .text(TextAnnotation("note", x: 7.5, y: -1.5)),
                                           .text(TextAnnotation("corner", x: 0.98, y: 0.02, coordinates: .axesFraction,
                                                                horizontalAlignment: .right, verticalAlignment: .bottom))],
                            legend: LegendSpec(placement: .outsideRight, title: "dash"))
        let markers: [PlotElement] = MarkerShape.allCases.enumerated().map { i, shape in
            .scatter(ScatterSeries(x: [1, 10, 100].map { $0 * Double(i + 1) }, y: [1, 2, 3].map { $0 + Double(i) },
                                   yError: [0.2, 0.3, 0.1], xError: i == 0 ? [0.2, 2, 20] : nil,
                                   marker: MarkerStyle(shape: shape, color: OkabeIto.color(i), filled: i % 2 == 0), label: shape.rawValue))
        }
        let scatterAxes = Axes(x: AxisSpec(label: "intensity", scale: .log10), y: AxisSpec(label: "latency", unit: "ms", limits: .padded(fraction: 0.1)),
                               elements: markers + [.step(StepSeries(edges: [1, 3, 30, 300], values: [1, 4, 2],
                                                                     style: LineStyle(color: .black, widthPoints: 0.8), label: "step"))])
        let values: [Double] = (0..<(6 * 24)).map { (i: Int) -> Double in
            let phase = Double(i % 24) / 4
            let gain = Double(i / 24 - 2)
            return sin(phase) * gain
        }
        let scale = SharedColorScale.symmetric(across: [values])
        let heatmapAxes = Axes(x: AxisSpec(label: "x", unit: "µm", limits: .tight), y: AxisSpec(label: "row", limits: .tight),
                               elements: [.heatmap(Heatmap(rows: 6, columns: 24, values: values, xLower: -330, xUpper: 330, yLower: 0, yUpper: 6,
                                                           firstRowAtTop: true, scale: scale)),
                                          .scaleBar(.automatic(span: 660, unit: "µm"))], legend: .hidden)
        let t = (0..<60).map { Double($0) * 0.01 }
        let stack = try FigureBuilders.tracesWithStimulusPanel(
            timeSeconds: t, stimulus: t.map { $0 > 0.2 && $0 < 0.3 ? 1 : ($0 > 0.4 && $0 < 0.45 ? -1 : 0) },
            traces: [Trace(label: "truth", values: t.map { 5 + 20 * exp(-pow(($0 - 0.35) / 0.05, 2)) }, role: .groundTruth),
                     Trace(label: "full", values: t.map { 5 + 18 * exp(-pow(($0 - 0.36) / 0.05, 2)) }, spread: t.map { _ in 2 }, role: .fullModel)],
            markers: [TimeMarker(timeSeconds: 0.45, label: "end")], title: "stack")
        let circuit = try FigureBuilders.circuitPanel(pathways: [
            CircuitPathway(label: "OFF fast", polarity: .off, speed: .fast, filter: (0..<20).map { -sin(Double($0) / 3) }, weight: 1.2),
            CircuitPathway(label: "OFF slow", polarity: .off, speed: .slow, weight: 0.3),
            CircuitPathway(label: "ON slow", polarity: .on, speed: .slow, filter: (0..<20).map { sin(Double($0) / 5) }, weight: -0.7),
            CircuitPathway(label: "mixed", polarity: .unsigned, weight: -0.05)], title: "circuit")
        return FigureSpec(
            id: "sample-all-elements", caption: "Every element type.", widthMillimetres: 183, heightMillimetres: 120,
            grid: PanelGrid(rows: [.weight(1), .weight(1)], columns: [.weight(1.3), .weight(1), .weight(1), .millimetres(14)]),
            panels: [Panel(.axes(lineAxes), at: GridCell(row: 0, column: 0)), Panel(.axes(scatterAxes), at: GridCell(row: 0, column: 1)),
                     Panel(.circuit(circuit), at: GridCell(row: 0, column: 2, columnSpan: 2)),
                     Panel(stack, at: GridCell(row: 1, column: 0)),
                     Panel(.axes(heatmapAxes), at: GridCell(row: 1, column: 1, columnSpan: 2)),
                     Panel(.colorBar(ColorBar(scale: scale, label: "value", unit: "a.u.")), at: GridCell(row: 1, column: 3))]).lettered()
    }
}
