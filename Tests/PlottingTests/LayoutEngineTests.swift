@testable import Plotting
import XCTest

final class LayoutEngineTests: XCTestCase {
    let engine = LayoutEngine(measurer: ApproximateTextMeasurer())

    /// A 2 × 3 figure with every content kind: axes with band + lines + legend, a stimulus stack, a
    /// heatmap with a colour bar, and a circuit.
    static func mixedFigure() throws -> FigureSpec {
        let x = (0..<50).map { Double($0) * 10 }
        let y = x.map { 20 + 15 * sin($0 / 60) }
        let axes = Axes(x: AxisSpec(label: "time", unit: "ms"), y: AxisSpec(label: "rate", unit: "Hz", limits: .niceIncludingZero),
                        title: "traces",
                        elements: [.band(.meanPlusMinus(x: x, mean: y, sd: x.map { _ in 3 }, color: .black)),
                                   .line(LineSeries(x: x, y: y, style: ConditionStyle.full, label: "full model")),
                                   .line(LineSeries(x: x, y: y.map { $0 * 0.9 }, style: ConditionStyle.reduced, label: "reduced"))])
        let stack = try FigureBuilders.tracesWithStimulusPanel(timeSeconds: x.map { $0 / 1000 },
                                                               stimulus: x.map { $0 > 100 && $0 < 140 ? -2 : 0 },
                                                               traces: [Trace(label: "full", values: y, role: .fullModel)])
        let values = (0..<(8 * 50)).map { sin(Double($0) / 7) * 4 }
        let scale = SharedColorScale.symmetric(across: [values])
        let heatmap = Axes(x: AxisSpec(label: "time", unit: "ms", limits: .tight),
                           y: AxisSpec(label: "channel", limits: .tight, ticks: .labeled((1...8).map { TickMark(8.5 - Double($0), "\($0)") })),
                           elements: [.heatmap(Heatmap(rows: 8, columns: 50, values: values, xLower: 0, xUpper: 500, yLower: 0, yUpper: 8,
                                                       firstRowAtTop: true, scale: scale))], legend: .hidden)
        let circuit = try FigureBuilders.circuitPanel(pathways: [
            CircuitPathway(label: "OFF fast", polarity: .off, speed: .fast, filter: [0, -1, 0.4, 0], weight: 0.9),
            CircuitPathway(label: "ON slow", polarity: .on, speed: .slow, filter: [0, 0.5, 1, 0], weight: -0.3)])
        return FigureSpec(
            id: "mixed", caption: "", widthMillimetres: 183, heightMillimetres: 110,
            grid: PanelGrid(rows: [.weight(1), .weight(1)], columns: [.weight(1), .weight(1), .millimetres(15)]),
            panels: [Panel(.axes(axes), at: GridCell(row: 0, column: 0)), Panel(stack, at: GridCell(row: 0, column: 1)),
                     Panel(.axes(heatmap), at: GridCell(row: 1, column: 0)),
                     Panel(.colorBar(ColorBar(scale: scale, label: "attribution", unit: "Hz")), at: GridCell(row: 1, column: 2)),
                     Panel(.circuit(circuit), at: GridCell(row: 1, column: 1))]).lettered()
    }

    func testMixedFigureLayoutMatchesGolden() throws {
        try GoldenFile.check(engine.layout(Self.mixedFigure()), named: "layout-mixed")
    }

    /// Every text box of a layout.
    static func texts(_ layout: FigureLayout) -> [PlacedText] {
        func axesTexts(_ a: AxesLayout) -> [PlacedText] {
            (a.x.ticks + a.y.ticks).compactMap(\.label) + [a.x.label, a.y.label, a.title].compactMap { $0 }
                + (a.legend?.entries.map(\.label) ?? [])
        }
        return layout.panels.flatMap { panel -> [PlacedText] in
            var result = [panel.letter].compactMap { $0 }
            switch panel.content {
            case .axes(let a): result += axesTexts(a)
            case .stack(let members): result += members.flatMap(axesTexts)
            case .colorBar(let bar): result += bar.ticks.compactMap(\.label) + [bar.label].compactMap { $0 }
            case .circuit(let c): result += c.nodes.map(\.label) + c.edges.compactMap(\.weightLabel)
            case .blank: break
            }
            return result
        }
    }

    func testNothingIsClippedOrOverlapping() throws {
        let layout = engine.layout(try Self.mixedFigure())
        let page = LayoutRect(x: 0, y: 0, width: layout.widthPoints, height: layout.heightPoints)
        XCTAssertFalse(Self.texts(layout).isEmpty)
        XCTAssertFalse(layout.panels.isEmpty)
        for text in Self.texts(layout) {
            XCTAssertTrue(page.encloses(text.box), "'\(text.text)' at \(text.box) leaves the page")
        }
        var plotCount = 0, tickPairs = 0
        for panel in layout.panels {
            XCTAssertTrue(page.encloses(panel.frame))
            var plots: [LayoutRect] = []
            if case .axes(let a) = panel.content { plots = [a.plotRect] }
            if case .stack(let members) = panel.content { plots = members.map(\.plotRect) }
            for plot in plots {
                plotCount += 1
                XCTAssertTrue(panel.frame.encloses(plot, tolerance: 0.01), "plot \(plot) outside frame \(panel.frame)")
                if let letter = panel.letter { XCTAssertFalse(letter.box.intersects(plot), "letter over the plot area") }
            }
        }
        // Tick labels of one axis never overlap each other.
        for panel in layout.panels {
            guard case .axes(let a) = panel.content else { continue }
            for ticks in [a.x.ticks, a.y.ticks] {
                let boxes = ticks.compactMap { $0.label?.box }
                for (p, q) in zip(boxes, boxes.dropFirst()) { tickPairs += 1; XCTAssertFalse(p.intersects(q), "\(p) overlaps \(q)") }
            }
        }
        XCTAssertGreaterThan(plotCount, 0, "the mixed figure has plot areas")
        XCTAssertGreaterThan(tickPairs, 0, "the mixed figure has neighbouring tick labels")
    }

    /// Long titles centred over narrow panels used to run into the panel letter; they now start
    /// after it (and stay inside the panel).
    func testLongTitlesClearThePanelLetter() throws {
        let x = (0..<10).map(Double.init)
        let panels = (0..<4).map { c in
            // As in the position heat maps: y ticks only in the first column, so later plot areas start
            // at the panel's left edge, right under the letter.
            Panel(.axes(Axes(x: AxisSpec(label: "time", unit: "ms"),
                             y: AxisSpec(label: c == 0 ? "position" : nil, unit: c == 0 ? "µm" : nil, showsTickLabels: c == 0),
                             title: "c\(c) OFF slow · 1.04 mm/s",
                             elements: [.line(LineSeries(x: x, y: x, style: ConditionStyle.full, label: "a"))], legend: .hidden)),
                  at: GridCell(row: 0, column: c))
        }
        let spec = FigureSpec(id: "titles", caption: "", widthMillimetres: 183, heightMillimetres: 50,
                              grid: PanelGrid(rows: [.weight(1)], columns: Array(repeating: .weight(1), count: 4)),
                              panels: panels).lettered()
        let layout = engine.layout(spec)
        XCTAssertEqual(layout.panels.count, 4)
        for panel in layout.panels {
            guard case .axes(let a) = panel.content, let title = a.title, let letter = panel.letter else {
                return XCTFail("panel \(panel.index) lacks a title or letter")
            }
            // A visible gap (a quarter of the letter size, ≈ 2 pt), not just no overlap: Pango's glyphs are
            // wider than the approximate measurer's, and 0.8 pt here was a touch in the rendered figure.
            XCTAssertGreaterThanOrEqual(title.box.minX - letter.box.maxX, 1.5, "panel \(panel.index): title \(title.box), letter \(letter.box)")
            XCTAssertLessThanOrEqual(title.box.maxX, panel.frame.maxX + 8, "title stays over its panel (at most into the gap)")
        }
    }

    func testStackMembersShareEdgesAndColourBarAlignsWithHeatmap() throws {
        let layout = engine.layout(try Self.mixedFigure())
        guard case .stack(let members) = layout.panels[1].content else { return XCTFail("panel 1 is not a stack") }
        XCTAssertEqual(members.count, 2)
        XCTAssertEqual(members[0].plotRect.minX, members[1].plotRect.minX, accuracy: 1e-9)
        XCTAssertEqual(members[0].plotRect.maxX, members[1].plotRect.maxX, accuracy: 1e-9)
        XCTAssertLessThan(members[0].plotRect.maxY, members[1].plotRect.minY)
        guard case .axes(let heatmap) = layout.panels[2].content, case .colorBar(let bar) = layout.panels[3].content else {
            return XCTFail("unexpected content")
        }
        XCTAssertEqual(bar.bar.minY, heatmap.plotRect.minY, accuracy: 1e-9)
        XCTAssertEqual(bar.bar.maxY, heatmap.plotRect.maxY, accuracy: 1e-9)
        XCTAssertTrue(bar.ticks.contains { $0.value == 0 }, "symmetric colour bar has a 0 tick")
    }

    func testEqualWeightsGiveEqualPlotWidths() throws {
        // The first map has row labels and an axis label, the second none: plot widths still match.
        let t = (0..<20).map { Double($0) * 0.01 }
        let maps = (0..<3).map { k in AttributionMap(title: "m\(k)", rows: 4, columns: 20, values: (0..<80).map { Double($0 % 7) - 3 },
                                                     rowLabels: ["OFF fast", "ON slow", "ON fast", "OFF slow"]) }
        let figure = try FigureBuilders.channelTimeHeatmaps(id: "w", caption: "", timeSeconds: t, maps: maps)
        let widths = engine.layout(figure).panels.compactMap { panel -> Double? in
            if case .axes(let a) = panel.content { return a.plotRect.width }
            return nil
        }
        XCTAssertEqual(widths.count, 3)
        for w in widths { XCTAssertEqual(w, widths[0], accuracy: 1e-6) }
    }

    func testDataTransformMapsLimitsToPlotEdges() {
        let layout = AxesLayout(plotRect: LayoutRect(x: 10, y: 20, width: 100, height: 50),
                                x: AxisLayout(lower: 0, upper: 10, scale: .linear, isVisible: true, ticks: [], label: nil),
                                y: AxisLayout(lower: 1, upper: 100, scale: .log10, isVisible: true, ticks: [], label: nil),
                                title: nil, legend: nil)
        XCTAssertEqual(layout.point(0, 1), LayoutPoint(x: 10, y: 70))
        XCTAssertEqual(layout.point(10, 100), LayoutPoint(x: 110, y: 20))
        XCTAssertEqual(layout.yPosition(10), 45, accuracy: 1e-9)
    }

    func testEqualAspectKeepsDataUnitsSquare() {
        let axes = Axes(x: .hidden(limits: .fixed(lower: -100, upper: 100)), y: .hidden(limits: .fixed(lower: -50, upper: 50)),
                        elements: [.line(LineSeries(x: [0], y: [0], style: LineStyle(color: .black)))], equalAspect: true)
        let layout = engine.finalAxes(axes, plotRect: LayoutRect(x: 0, y: 0, width: 100, height: 100), legendOutside: false,
                                      style: .journal)
        XCTAssertEqual(layout.plotRect, LayoutRect(x: 0, y: 25, width: 100, height: 50))
    }
}
