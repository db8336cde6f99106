@testable import Plotting
import RetinaCore
import XCTest

final class FigureValidatorTests: XCTestCase {
    func spec(_ elements: [PlotElement], width: Double = 89, height: Double = 60, id: String = "valid") -> FigureSpec {
        FigureSpec(id: id, caption: "", widthMillimetres: width, heightMillimetres: height, grid: .uniform(rows: 1, columns: 1),
                   panels: [Panel(.axes(Axes(elements: elements)), at: GridCell(row: 0, column: 0), letter: "a")])
    }

    let good = PlotElement.line(LineSeries(x: [0, 1], y: [1, 2], style: LineStyle(color: .black), label: "ok"))

    func testValidFigurePasses() throws {
        XCTAssertNoThrow(try FigureValidator.validate(spec([good])))
        XCTAssertEqual(try SampleInputs.builtFigures().count, 6)
        for figure in try SampleInputs.builtFigures() {
            XCTAssertNoThrow(try FigureValidator.validate(figure), figure.id)
        }
    }

    func testZeroSizeIsRejected() {
        XCTAssertThrowsError(try FigureValidator.validate(spec([good], width: 0))) { error in
            guard case FigureError.invalidSize = error else { return XCTFail("\(error)") }
            XCTAssertEqual((error as? FigureError)?.exitCode, ExitStatus.usage)
            XCTAssertTrue("\(error)".contains("0.0 × 60.0 mm"), "\(error)")
        }
        XCTAssertThrowsError(try FigureValidator.validate(spec([good], height: .nan)))
    }

    func testNaNIsRejectedWithItsLocation() {
        let bad = PlotElement.line(LineSeries(x: [0, 1, 2], y: [1, .nan, 2], style: LineStyle(color: .black), label: "full"))
        XCTAssertThrowsError(try FigureValidator.validate(spec([good, bad]))) { error in
            XCTAssertEqual(error as? FigureError, .nonFiniteData(figure: "valid", panel: "'a'", element: "line 'full'", field: "y", index: 1, value: "nan"))
            XCTAssertEqual((error as? FigureError)?.exitCode, ExitStatus.dataError)
        }
        let heatmap = Heatmap(rows: 1, columns: 2, values: [0, .infinity], xLower: 0, xUpper: 1, yLower: 0, yUpper: 1,
                              firstRowAtTop: true, scale: .symmetric(limit: 1))
        XCTAssertThrowsError(try FigureValidator.validate(spec([.heatmap(heatmap)])))
    }

    func testEmptyDataIsRejected() {
        XCTAssertThrowsError(try FigureValidator.validate(spec([]))) { error in
            XCTAssertEqual(error as? FigureError, .emptyData(figure: "valid", panel: "'a'", element: "axes"))
        }
        let empty = PlotElement.line(LineSeries(x: [], y: [], style: LineStyle(color: .black)))
        XCTAssertThrowsError(try FigureValidator.validate(spec([empty]))) { error in
            guard case FigureError.emptyData = error else { return XCTFail("\(error)") }
        }
    }

    func testMismatchedLengthsAndDomainErrors() {
        let mismatched = PlotElement.line(LineSeries(x: [0, 1], y: [1], style: LineStyle(color: .black)))
        XCTAssertThrowsError(try FigureValidator.validate(spec([mismatched]))) { error in
            XCTAssertEqual(error as? FigureError, .mismatchedLengths(figure: "valid", panel: "'a'", element: "line", field: "y", expected: 2, found: 1))
        }
        let heatmap = Heatmap(rows: 2, columns: 2, values: [0, 1, 2], xLower: 0, xUpper: 1, yLower: 0, yUpper: 1,
                              firstRowAtTop: true, scale: .symmetric(limit: 1))
        XCTAssertThrowsError(try FigureValidator.validate(spec([.heatmap(heatmap)])))
        var logAxes = Axes(x: AxisSpec(scale: .log10), elements: [good]) // x contains 0
        XCTAssertThrowsError(try FigureValidator.validate(FigureSpec(id: "log", caption: "", widthMillimetres: 50, heightMillimetres: 50,
                                                                     grid: .uniform(rows: 1, columns: 1),
                                                                     panels: [Panel(.axes(logAxes), at: GridCell(row: 0, column: 0))])))
        logAxes.y.limits = .fixed(lower: 3, upper: 3)
        XCTAssertThrowsError(try FigureValidator.validate(FigureSpec(id: "limits", caption: "", widthMillimetres: 50, heightMillimetres: 50,
                                                                     grid: .uniform(rows: 1, columns: 1),
                                                                     panels: [Panel(.axes(logAxes), at: GridCell(row: 0, column: 0))])))
    }

    func testBadIdAndCellOutsideGrid() {
        XCTAssertThrowsError(try FigureValidator.validate(spec([good], id: "Bad Id")))
        var figure = spec([good])
        figure.panels[0].cell = GridCell(row: 0, column: 1)
        XCTAssertThrowsError(try FigureValidator.validate(figure)) { error in
            XCTAssertTrue("\(error)".contains("outside the 1×1 grid"), "\(error)")
        }
    }
}
