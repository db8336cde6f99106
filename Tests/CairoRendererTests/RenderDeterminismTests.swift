@testable import CairoRenderer
import Foundation
import Plotting
import XCTest

final class RenderDeterminismTests: XCTestCase {
    let renderer = CairoFigureRenderer()

    /// Same figure → same bytes, even with other renders in between (which advance cairo's in-process
    /// `imageN`/`surfaceN` counters; docs/toolchain.md §6.7). SVG ids are canonicalised, PDF dates pinned.
    func testRepeatedRendersAreByteIdentical() throws {
        let figure = try SyntheticFigures.channelHeatmaps()
        let other = try SyntheticFigures.positionMaps()
        for format in FigureFormat.allCases {
            let first = try renderer.data(for: figure, format: format, options: .screen)
            _ = try renderer.data(for: other, format: format, options: .screen)
            _ = try renderer.data(for: other, format: .svg, options: .screen)
            let second = try renderer.data(for: figure, format: format, options: .screen)
            XCTAssertEqual(first, second, "\(format) output changed between renders")
        }
    }

    func testPDFDatesArePinned() throws {
        let pdf = String(decoding: try renderer.data(for: try SyntheticFigures.circuit(), format: .pdf, options: .screen), as: UTF8.self)
        let info = pdf.components(separatedBy: "\n").filter { $0.contains("Date") || $0.contains("Producer") || $0.contains("Title") }
        // cairo 1.16 writes the pinned date without the optional "D:" prefix.
        XCTAssertNotNil(pdf.range(of: #"/CreationDate \((D:)?20000101000000"#, options: .regularExpression), "creation date pinned: \(info)")
        XCTAssertNotNil(pdf.range(of: #"/ModDate \((D:)?20000101000000"#, options: .regularExpression), "modification date pinned: \(info)")
        XCTAssertTrue(pdf.contains("sample-circuit-diagram"), "title is the figure id")
    }

    func testSVGCanonicalizerRenumbersIdsConsistently() {
        let input = ##"<image id="image202"/><use xlink:href="#image202"/><g id="surface7" clip-path="url(#clip99)"><use xlink:href="#image5"/></g><clipPath id="clip99"/><symbol id="glyph0-1"/>"##
        let output = String(decoding: SVGCanonicalizer.canonical(Data(input.utf8)), as: UTF8.self)
        XCTAssertEqual(output, ##"<image id="image1"/><use xlink:href="#image1"/><g id="surface1" clip-path="url(#clip1)"><use xlink:href="#image2"/></g><clipPath id="clip1"/><symbol id="glyph0-1"/>"##)
    }
}
