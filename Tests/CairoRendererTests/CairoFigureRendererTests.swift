@testable import CairoRenderer
import Foundation
import Plotting
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class CairoFigureRendererTests: XCTestCase {
    let renderer = CairoFigureRenderer()

    static func figures() throws -> [FigureSpec] {
        try SyntheticFigures.all() + [KitchenSinkFigure.make()]
    }

    func assertPNG(_ data: Data, _ figure: FigureSpec, dpi: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let header = try XCTUnwrap(PNGImage.header(data), "\(figure.id): not a PNG", file: file, line: line)
        let expected = figure.pixelSize(dpi: dpi)
        XCTAssertEqual(header.width, expected.width, "\(figure.id) width", file: file, line: line)
        XCTAssertEqual(header.height, expected.height, "\(figure.id) height", file: file, line: line)
        let image = try XCTUnwrap(PNGImage(data), "\(figure.id): PNG does not decode", file: file, line: line)
        XCTAssertGreaterThan(image.inkFraction, 0.01, "\(figure.id): PNG is blank", file: file, line: line)
    }

    func assertSVG(_ data: Data, _ figure: FigureSpec, file: StaticString = #filePath, line: UInt = #line) {
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            var attributes: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String]) {
                if name == nil { name = elementName; self.attributes = attributes }
            }
        }
        let parser = XMLParser(data: data)
        let root = Root()
        parser.delegate = root
        XCTAssertTrue(parser.parse(), "\(figure.id): SVG is not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
        XCTAssertEqual(root.name, "svg", file: file, line: line)
        let width = root.attributes["width"].flatMap { Double($0.replacingOccurrences(of: "pt", with: "")) }
        XCTAssertEqual(width ?? 0, figure.widthPoints, accuracy: 0.01, "\(figure.id): SVG width in pt", file: file, line: line)
    }

    func assertPDF(_ data: Data, _ figure: FigureSpec, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(String(decoding: data.prefix(5), as: UTF8.self), "%PDF-", "\(figure.id)", file: file, line: line)
        let tail = String(decoding: data.suffix(8), as: UTF8.self)
        XCTAssertTrue(tail.contains("%%EOF"), "\(figure.id): PDF not finished", file: file, line: line)
    }

    func testEveryBuilderAndElementRendersToPNGSVGAndPDF() throws {
        XCTAssertEqual(try Self.figures().count, try SyntheticFigures.all().count + 1)
        XCTAssertGreaterThan(try SyntheticFigures.all().count, 0)
        for figure in try Self.figures() {
            try assertPNG(try renderer.data(for: figure, format: .png, options: .screen), figure, dpi: 150)
            assertSVG(try renderer.data(for: figure, format: .svg, options: .screen), figure)
            assertPDF(try renderer.data(for: figure, format: .pdf, options: .screen), figure)
        }
    }

    func testDefaultPNGIsPrintResolution() throws {
        let figure = try SyntheticFigures.curve()
        try assertPNG(try renderer.data(for: figure, format: .png), figure, dpi: 300)
        XCTAssertEqual(PNGImage.header(try renderer.data(for: figure, format: .png))?.width, 1051) // 89 mm at 300 dpi
    }

    func testRenderWritesNamedFilesAtomically() throws {
        let folder = try TemporaryFolder()
        let figure = try SyntheticFigures.circuit()
        let urls = try renderer.render(figure, formats: FigureFormat.allCases, in: folder.url, options: .screen)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["sample-circuit-diagram.png", "sample-circuit-diagram.svg", "sample-circuit-diagram.pdf"])
        XCTAssertEqual(try folder.contents(), urls.map(\.lastPathComponent).sorted())
    }

    func testHeatmapColoursAreExactAndCrispInPNG() throws {
        // 1 × 3 heatmap (−1, 0, +1) filling a hidden-axes plot: sample each cell's centre.
        let heatmap = Heatmap(rows: 1, columns: 3, values: [-1, 0, 1], xLower: 0, xUpper: 3, yLower: 0, yUpper: 1,
                              firstRowAtTop: true, scale: .symmetric(limit: 1))
        let axes = Axes(x: .hidden(limits: .tight), y: .hidden(limits: .tight), elements: [.heatmap(heatmap)], legend: .hidden)
        let figure = FigureSpec(id: "cells", caption: "", widthMillimetres: 30, heightMillimetres: 10, grid: .uniform(rows: 1, columns: 1),
                                panels: [Panel(.axes(axes), at: GridCell(row: 0, column: 0))])
        let layout = renderer.layout(for: figure)
        guard case .axes(let a) = layout.panels[0].content else { return XCTFail() }
        let image = try XCTUnwrap(PNGImage(try renderer.data(for: figure, format: .png, options: FigureRenderOptions(dpi: 300))))
        let scale = 300.0 / 72
        let y = Int(a.plotRect.midY * scale)
        for (column, expected) in [(0, 0x053061), (1, 0xF7F7F7), (2, 0x67001F)] {
            let x = Int((a.plotRect.minX + (Double(column) + 0.5) * a.plotRect.width / 3) * scale)
            XCTAssertEqual(image.pixel(x: x, y: y), UInt32(expected), "cell \(column)")
        }
    }

    func testSVGHeatmapImagesArePreUpscaled() throws {
        let figure = try SyntheticFigures.channelHeatmaps()
        let svg = String(decoding: try renderer.data(for: figure, format: .svg), as: UTF8.self)
        let widths = svg.components(separatedBy: "<image ").dropFirst().compactMap { tag -> Int? in
            guard let range = tag.range(of: "width=\"") else { return nil }
            return Int(tag[range.upperBound...].prefix { $0.isNumber })
        }
        // Two 8 × 100 maps: each image is 100·s pixels wide with s ≥ 2 (plus the 1-pixel colour bar).
        let heatmapWidths = widths.filter { $0 > 1 }
        XCTAssertEqual(heatmapWidths.count, 2)
        XCTAssertTrue(heatmapWidths.allSatisfy { $0 % 100 == 0 && $0 >= 200 }, "\(heatmapWidths)")
    }

    func testTextUsesDejaVuSansAndMarkup() throws {
        let figure = try KitchenSinkFigure.make()
        let pdf = String(decoding: try renderer.data(for: figure, format: .pdf, options: .screen), as: UTF8.self)
        XCTAssertTrue(pdf.contains("DejaVuSans"), "PDF embeds DejaVu Sans")
        XCTAssertTrue(pdf.contains("DejaVuSans-Bold"), "panel letters are bold")
        let measurer = PangoText(fontFamily: "DejaVu Sans")
        let plain = measurer.measure("10-3", sizePoints: 10, bold: false)
        let markup = measurer.measure("10<sup>-3</sup>", sizePoints: 10, bold: false)
        XCTAssertGreaterThan(plain.width, 10)
        XCTAssertLessThan(markup.width, plain.width, "superscript is smaller, so markup was parsed")
        let invalid = measurer.measure("a < b", sizePoints: 10, bold: false)
        XCTAssertGreaterThan(invalid.width, 10, "invalid markup falls back to plain text")
        // The approximate measurer used by layout tests agrees with Pango to within 15 %.
        for label in ["time (ms)", "rate (Hz)", "−400", "OFF fast", "attribution (Hz)"] {
            let pango = measurer.measure(label, sizePoints: 7, bold: false).width
            let estimate = ApproximateTextMeasurer().measure(label, sizePoints: 7, bold: false).width
            XCTAssertEqual(estimate, pango, accuracy: 0.15 * pango, label)
        }
    }
}

/// A fresh temporary folder removed at deinit.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}
