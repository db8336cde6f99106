@testable import CairoRenderer
import Foundation
import Plotting
import RetinaCore
import XCTest

final class RenderErrorTests: XCTestCase {
    let renderer = CairoFigureRenderer()

    func figure(_ elements: [PlotElement], width: Double = 89) -> FigureSpec {
        FigureSpec(id: "bad", caption: "", widthMillimetres: width, heightMillimetres: 50, grid: .uniform(rows: 1, columns: 1),
                   panels: [Panel(.axes(Axes(elements: elements)), at: GridCell(row: 0, column: 0))])
    }

    let line = PlotElement.line(LineSeries(x: [0, 1], y: [0, 1], style: LineStyle(color: .black)))

    /// Each failure throws the expected typed error and leaves the folder empty (no target, no temp file).
    func testFailuresLeaveNoFileBehind() throws {
        let cases: [(String, FigureSpec, (Error) -> Bool)] = [
            ("empty data", figure([.line(LineSeries(x: [], y: [], style: LineStyle(color: .black)))]),
             { if case FigureError.emptyData = $0 { return true } else { return false } }),
            ("NaN", figure([.line(LineSeries(x: [0, 1], y: [0, .nan], style: LineStyle(color: .black)))]),
             { if case FigureError.nonFiniteData = $0 { return true } else { return false } }),
            ("zero size", figure([line], width: 0),
             { if case FigureError.invalidSize = $0 { return true } else { return false } }),
        ]
        for (name, spec, matches) in cases {
            for format in FigureFormat.allCases {
                let folder = try TemporaryFolder()
                XCTAssertThrowsError(try renderer.render(spec, format: format, to: folder.url.appendingPathComponent("f.\(format)"))) { error in
                    XCTAssertTrue(matches(error), "\(name): unexpected \(error)")
                    XCTAssertTrue(error is ToolError)
                }
                XCTAssertEqual(try folder.contents(), [], "\(name) \(format) left files")
            }
        }
    }

    func testMissingFolderIsCannotCreate() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("missing/sub/f.png")
        XCTAssertThrowsError(try renderer.render(figure([line]), format: .png, to: target, options: .screen)) { error in
            guard case RenderError.cannotCreate(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, target.path)
            XCTAssertEqual((error as? RenderError)?.exitCode, ExitStatus.cannotCreate)
            XCTAssertTrue("\(error)".contains("does not exist"), "\(error)")
        }
        XCTAssertEqual(try folder.contents(), [])
    }

    func testExistingFolderTargetIsRefusedAndNothingIsLeft() throws {
        // The target is a non-empty directory: refused (never replaced), no temporary file left.
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("taken.svg")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: target.appendingPathComponent("keep"))
        XCTAssertThrowsError(try renderer.render(figure([line]), format: .svg, to: target, options: .screen)) { error in
            guard case RenderError.cannotCreate(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("not a regular file"), reason)
        }
        XCTAssertEqual(try folder.contents(), ["taken.svg"])
    }

    func testBadResolutionIsRejected() {
        XCTAssertThrowsError(try renderer.data(for: figure([line]), format: .png, options: FigureRenderOptions(dpi: 0))) { error in
            XCTAssertEqual(error as? RenderError, .invalidResolution(dpi: 0))
        }
    }

    func testAbsurdRasterIsRejected() {
        let spec = figure([line], width: 1000)
        XCTAssertThrowsError(try renderer.data(for: spec, format: .png, options: FigureRenderOptions(dpi: 1200))) { error in
            guard case RenderError.rasterTooLarge = error else { return XCTFail("\(error)") }
        }
    }
}
