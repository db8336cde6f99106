@testable import Plotting
import XCTest

final class LegendPlacementTests: XCTestCase {
    let engine = LayoutEngine(measurer: ApproximateTextMeasurer())

    func figure(_ elements: [PlotElement], placement: LegendPlacement = .automatic) -> FigureSpec {
        FigureSpec(id: "legend", caption: "", widthMillimetres: 89, heightMillimetres: 60, grid: .uniform(rows: 1, columns: 1),
                   panels: [Panel(.axes(Axes(elements: elements, legend: LegendSpec(placement: placement))), at: GridCell(row: 0, column: 0))])
    }

    func axesLayout(_ spec: FigureSpec) throws -> AxesLayout {
        guard case .axes(let a) = engine.layout(spec).panels[0].content else { throw XCTSkip("not axes") }
        return a
    }

    func testAutomaticLegendAvoidsDataInTheTopRight() throws {
        // Rising line: the top-right and bottom-left corners are crossed by data; top-left is free.
        let x = (0...20).map(Double.init)
        let spec = figure([.line(LineSeries(x: x, y: x, style: LineStyle(color: .black), label: "rising line"))])
        let layout = try axesLayout(spec)
        let legend = try XCTUnwrap(layout.legend)
        XCTAssertEqual(legend.placement, .inside(.topLeft))
        guard case .axes(let axes) = spec.panels[0].content else { return XCTFail("panel 0 is not an axes panel") }
        XCTAssertFalse(LegendCollision.collides(legend.box, axes: axes, layout: layout))
        XCTAssertTrue(layout.plotRect.encloses(legend.box))
    }

    func testLegendGoesOutsideWhenEveryCornerHoldsData() throws {
        // A heatmap covers the whole plot area.
        let heatmap = Heatmap(rows: 2, columns: 2, values: [1, -1, 0.5, 0], xLower: 0, xUpper: 1, yLower: 0, yUpper: 1,
                              firstRowAtTop: true, scale: .symmetric(limit: 1))
        let spec = figure([.heatmap(heatmap), .line(LineSeries(x: [0, 1], y: [0.5, 0.5], style: LineStyle(color: .black), label: "mean"))])
        let layout = try axesLayout(spec)
        let legend = try XCTUnwrap(layout.legend)
        XCTAssertEqual(legend.placement, .outsideRight)
        XCTAssertGreaterThan(legend.box.minX, layout.plotRect.maxX)
        XCTAssertLessThanOrEqual(legend.box.maxX, spec.widthPoints)
    }

    func testExplicitCornerAndHiddenAndDeduplication() throws {
        let line = LineSeries(x: [0, 1], y: [0, 1], style: LineStyle(color: .black), label: "same")
        let layout = try axesLayout(figure([.line(line), .line(line)], placement: .inside(.bottomRight)))
        XCTAssertEqual(layout.legend?.placement, .inside(.bottomRight))
        XCTAssertEqual(layout.legend?.entries.count, 1)
        XCTAssertNil(try axesLayout(figure([.line(line)], placement: .hidden)).legend)
    }
}
