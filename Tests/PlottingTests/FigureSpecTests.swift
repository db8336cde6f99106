@testable import Plotting
import XCTest

final class FigureSpecTests: XCTestCase {
    static func line(_ n: Int = 5) -> Axes {
        Axes(elements: [.line(LineSeries(x: (0..<n).map(Double.init), y: (0..<n).map { Double($0 * $0) },
                                         style: LineStyle(color: .black)))])
    }

    func testLettersFollowReadingOrderAndSkipColourBars() throws {
        // Panels given out of order: (1,1) (0,1) colour bar (1,0) (0,0) blank.
        let panels = [Panel(.axes(Self.line()), at: GridCell(row: 1, column: 1)),
                      Panel(.axes(Self.line()), at: GridCell(row: 0, column: 1)),
                      Panel(.colorBar(ColorBar(scale: .symmetric(limit: 1))), at: GridCell(row: 0, column: 2, rowSpan: 2)),
                      Panel(.axes(Self.line()), at: GridCell(row: 1, column: 0)),
                      Panel(.axes(Self.line()), at: GridCell(row: 0, column: 0)),
                      Panel(.blank, at: GridCell(row: 0, column: 3))]
        let spec = FigureSpec(id: "letters", caption: "", widthMillimetres: 120, heightMillimetres: 80,
                              grid: .uniform(rows: 2, columns: 4), panels: panels).lettered()
        XCTAssertEqual(spec.panels.map(\.letter), ["d", "b", nil, "c", "a", nil])
        let layout = LayoutEngine().layout(spec)
        XCTAssertEqual(layout.panels[5].content, .blank)
        XCTAssertNil(layout.panels[5].letter)
        try GoldenFile.check(spec.panels.map { [$0.letter ?? "-", "\($0.cell.row),\($0.cell.column)"] }, named: "panel-letters")
    }

    func testLetterSequenceBeyondZ() {
        XCTAssertEqual(FigureSpec.letter(0), "a")
        XCTAssertEqual(FigureSpec.letter(25), "z")
        XCTAssertEqual(FigureSpec.letter(26), "aa")
        XCTAssertEqual(FigureSpec.letter(27), "ab")
    }

    func testPhysicalSizes() {
        let spec = FigureSpec(id: "s", caption: "", widthMillimetres: 89, heightMillimetres: 60,
                              grid: .uniform(rows: 1, columns: 1), panels: [])
        XCTAssertEqual(spec.widthPoints, 89 / 25.4 * 72, accuracy: 1e-9)
        XCTAssertEqual(spec.pixelSize(dpi: 300).width, 1051)
        XCTAssertEqual(spec.pixelSize(dpi: 300).height, 709)
        XCTAssertEqual(spec.pixelSize(dpi: 150).width, 526)
    }

    func testSpecIsCodableRoundTrip() throws {
        let figure = try FigureBuilders.circuitDiagram(id: "c", caption: "cap", pathways: [
            CircuitPathway(label: "OFF fast", polarity: .off, speed: .fast, filter: [0, -1, 0.5], weight: 0.8)])
        let data = try JSONEncoder().encode(figure)
        XCTAssertEqual(try JSONDecoder().decode(FigureSpec.self, from: data), figure)
    }
}
