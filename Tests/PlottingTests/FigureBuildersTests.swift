@testable import Plotting
import XCTest

final class FigureBuildersTests: XCTestCase {
    func testEveryFigureHasIdCaptionAndLaysOutInsideThePage() throws {
        let engine = LayoutEngine(measurer: ApproximateTextMeasurer())
        let figures = try SampleInputs.builtFigures()
        XCTAssertEqual(figures.map(\.id), ["traces", "channels", "positions", "filters", "curve", "circuit"])
        for figure in figures {
            XCTAssertFalse(figure.id.isEmpty)
            XCTAssertFalse(figure.caption.isEmpty)
            let layout = engine.layout(figure)
            let page = LayoutRect(x: 0, y: 0, width: layout.widthPoints, height: layout.heightPoints)
            XCTAssertFalse(LayoutEngineTests.texts(layout).isEmpty, "\(figure.id) lays out no text")
            for text in LayoutEngineTests.texts(layout) {
                XCTAssertTrue(page.encloses(text.box, tolerance: 0.5), "\(figure.id): '\(text.text)' \(text.box) leaves the page")
            }
        }
    }

    func testTracesWithStimulusStylesAndBlocks() throws {
        let content = try FigureBuilders.tracesWithStimulusPanel(
            timeSeconds: SampleInputs.times, stimulus: SampleInputs.stimulus,
            traces: [Trace(label: "truth", values: SampleInputs.response, role: .groundTruth),
                     Trace(label: "full", values: SampleInputs.response, role: .fullModel),
                     Trace(label: "reduced", values: SampleInputs.response, role: .reducedModel)])
        guard case .stack(let stack) = content else { return XCTFail("expected a stack") }
        XCTAssertEqual(stack.members.count, 2)
        guard case .blocks(let blocks) = stack.members[0].elements[0] else { return XCTFail("strip has no blocks") }
        // Flashes at samples 0-1, 6-7, 12-13, 18-19 (10 ms each) → four 20 ms blocks at −2.
        XCTAssertEqual(blocks.blocks.count, 4)
        XCTAssertEqual(blocks.blocks[1].start, 60, accuracy: 1e-9)
        XCTAssertEqual(blocks.blocks[1].end, 80, accuracy: 1e-9)
        XCTAssertEqual(blocks.blocks[1].level, -2)
        XCTAssertFalse(stack.members[0].x.isVisible)
        let styles = stack.members[1].elements.compactMap { e -> DashPattern? in
            if case .line(let l) = e { return l.style.dash } else { return nil }
        }
        XCTAssertEqual(styles, [.dotted, .solid, .dashed])
        XCTAssertEqual(stack.members[1].x.limits, stack.members[0].x.limits)
    }

    func testBuilderInputErrorsNameTheProblem() {
        XCTAssertThrowsError(try FigureBuilders.tracesWithStimulus(id: "x", caption: "", timeSeconds: [0, 0.01], stimulus: [0],
                                                                   traces: [Trace(label: "a", values: [1, 2], role: .fullModel)])) { error in
            XCTAssertTrue("\(error)".contains("stimulus has 1 values, expected 2"), "\(error)")
        }
        let map = AttributionMap(title: "bad", rows: 2, columns: 3, values: [0, 1, 2])
        XCTAssertThrowsError(try FigureBuilders.channelTimeHeatmaps(id: "x", caption: "", timeSeconds: [0, 1, 2], maps: [map]))
        XCTAssertThrowsError(try FigureBuilders.circuitDiagram(id: "x", caption: "", pathways: []))
    }

    func testChannelHeatmapsRowsAndResponses() throws {
        let figure = try SampleInputs.builtFigures()[1]
        XCTAssertEqual(figure.panels.map(\.letter), ["a", nil, "b", nil, nil])
        guard case .axes(let first) = figure.panels[0].content, case .heatmap(let h) = first.elements[0] else { return XCTFail() }
        XCTAssertTrue(h.firstRowAtTop)
        guard case .labeled(let marks) = first.y.ticks else { return XCTFail("row labels expected") }
        XCTAssertEqual(marks.map(\.label), ["OFF fast", "ON slow", "ON fast"])
        XCTAssertEqual(marks[0].value, h.rowCenter(0), accuracy: 1e-12)
        XCTAssertEqual(marks[2].value, h.rowCenter(2), accuracy: 1e-12)
        guard case .colorBar(let bar) = figure.panels.last?.content else { return XCTFail("no colour bar") }
        XCTAssertEqual(bar.unit, "Hz")
    }

    func testDivisiveEdgesPrintTheirGainAfterTheWeight() throws {
        let circuit = try FigureBuilders.circuitPanel(pathways: [
            CircuitPathway(label: "OFF fast", polarity: .off, weight: 1.79),
            CircuitPathway(label: "OFF slow", polarity: .off, weight: -0.4, divisiveGain: 0.0934),
            CircuitPathway(label: "ON fast", polarity: .on, weight: 0.2, divisiveGain: 2.5)])
        XCTAssertEqual(circuit.edges.map { circuit.edgeLabel($0) }, ["+1.79", "\u{2212}0.40 ÷ 0.093", "+0.20 ÷ 2.5"])
        let layout = LayoutEngine().circuitLayout(circuit, area: LayoutRect(x: 0, y: 0, width: 250, height: 140), style: .journal)
        XCTAssertEqual(layout.edges.compactMap(\.weightLabel?.text), ["+1.79", "\u{2212}0.40 ÷ 0.093", "+0.20 ÷ 2.5"])
    }

    func testCircuitEdgesCarrySignAndWidth() throws {
        let circuit = try FigureBuilders.circuitPanel(pathways: [
            CircuitPathway(label: "OFF fast", polarity: .off, weight: 0.8),
            CircuitPathway(label: "ON fast", polarity: .on, weight: -0.4)])
        XCTAssertEqual(circuit.nodes.count, 3)
        XCTAssertEqual(circuit.nodes[0].color, PathwayPalette.off)
        XCTAssertEqual(circuit.nodes[1].color, PathwayPalette.on)
        XCTAssertEqual(circuit.strokeWidth(for: 0.8), circuit.maximumStrokePoints, accuracy: 1e-12)
        XCTAssertEqual(circuit.strokeWidth(for: -0.4), circuit.maximumStrokePoints / 2, accuracy: 1e-12)
        XCTAssertEqual(circuit.weightLabel(-0.4), "\u{2212}0.40")
        XCTAssertEqual(circuit.weightLabel(0.8), "+0.80")

        let layout = LayoutEngine().circuitLayout(circuit, area: LayoutRect(x: 0, y: 0, width: 250, height: 140), style: .journal)
        XCTAssertEqual(layout.edges.map(\.isExcitatory), [true, false])
        for edge in layout.edges {
            let target = try XCTUnwrap(layout.nodes.first { $0.id == edge.to })
            let tipDistance = hypot(edge.tip.x - target.center.x, edge.tip.y - target.center.y)
            XCTAssertGreaterThan(tipDistance, target.radius, "arrow tip stays outside the target circle")
            XCTAssertLessThan(tipDistance, target.radius + 3)
        }
        // Pathway circles do not overlap.
        let a = layout.nodes[0], b = layout.nodes[1]
        XCTAssertGreaterThan(hypot(a.center.x - b.center.x, a.center.y - b.center.y), a.radius + b.radius)
    }

    func testSmallMultiplesShareLimitsAndHideInnerLabels() {
        let axes = [1.0, 3, 10].map { scale in
            Axes(x: AxisSpec(label: "t", unit: "s"), y: AxisSpec(label: "r", unit: "Hz"),
                 elements: [.line(LineSeries(x: [0, 1, 2], y: [0, scale, scale / 2], style: LineStyle(color: .black)))])
        }
        let (grid, panels) = SmallMultiples.panels(axes, columns: 2)
        XCTAssertEqual(grid.rows.count, 2)
        XCTAssertEqual(panels.map(\.letter), ["a", "b", "c"])
        let limits = panels.map { panel -> AxisLimits? in
            if case .axes(let a) = panel.content { return a.y.limits } else { return nil }
        }
        XCTAssertEqual(Set(limits.map { "\(String(describing: $0))" }).count, 1)
        XCTAssertEqual(limits[0], .fixed(lower: 0, upper: 10))
        guard case .axes(let b) = panels[1].content, case .axes(let c) = panels[2].content, case .axes(let a) = panels[0].content else {
            return XCTFail("small multiples are axes panels")
        }
        XCTAssertFalse(b.y.showsTickLabels)   // right column
        XCTAssertNil(b.y.label)
        XCTAssertTrue(c.y.showsTickLabels)    // left column, bottom row
        XCTAssertTrue(c.x.showsTickLabels)
        XCTAssertTrue(b.x.showsTickLabels)    // bottom of its column (no panel below)
        XCTAssertFalse(a.x.showsTickLabels)   // panel c sits below a
    }
}
