import CairoRenderer
import Figures
import Foundation
import Mechanisms
import Phenomena
import Plotting
import RetinaCNN
import RetinaSimulation
import TestSupport
import XCTest

/// Every catalogue figure of real (tiny) analysis results renders to PNG, SVG and PDF, and its
/// compared panels get equal plot areas with Pango's metrics.
final class CatalogueRenderTests: XCTestCase {
    /// Analyses of the tiny responsive BN-CNN of TestSupport (`TinyBNCNN`, seed 11) with short
    /// protocols, a second network (seed 12) as ground truth.
    static let figures: Result<[FigureSpec], Error> = Result {
        let net = try TinyBNCNN.responsive(seed: 11), truth = try TinyBNCNN.responsive(seed: 12)
        let settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 24, quadrature: .trapezoid),
                                                 referenceKernels: ["early": (0..<20).map { -exp(-Double($0) / 3) }])
        let osr = OSRProtocol(periodsMs: [40, 60, 80])
        let latency = LatencyProtocol(contrasts: [0.2, 0.5, 1.0])
        let reversal = TinyBarProtocols.reversal(speeds: [0.3, 0.5])
        let anticipation = TinyBarProtocols.anticipation
        let o = try OmittedStimulusResponse.analyse(model: net, parameters: osr, settings: settings, groundTruth: truth)
        return try FigureCatalogue.modelFigures(channelTypes: o.channelTypes, card: nil)
            + FigureCatalogue.figures(for: o)
            + FigureCatalogue.figures(for: LatencyCoding.analyse(model: net, parameters: latency, settings: settings))
            + FigureCatalogue.figures(for: MotionReversal.analyse(model: net, parameters: reversal, settings: settings, groundTruth: truth))
            + FigureCatalogue.figures(for: MotionAnticipation.analyse(model: net, parameters: anticipation, settings: settings,
                                                                          groundTruth: truth))
    }

    func testEveryCatalogueFigureRendersToPNGSVGAndPDF() throws {
        let renderer = CairoFigureRenderer()
        let options = FigureRenderOptions(dpi: 100)
        let figures = try Self.figures.get()
        XCTAssertEqual(figures.count, 21)
        for figure in figures {
            let png = try renderer.data(for: figure, format: .png, options: options)
            let header = try XCTUnwrap(PNGImage.header(png), figure.id)
            XCTAssertEqual(header.width, figure.pixelSize(dpi: 100).width, figure.id)
            XCTAssertEqual(header.height, figure.pixelSize(dpi: 100).height, figure.id)
            XCTAssertGreaterThan(try XCTUnwrap(PNGImage(png)).inkFraction, 0.02, "\(figure.id): PNG is nearly blank")
            let svg = String(decoding: try renderer.data(for: figure, format: .svg, options: options), as: UTF8.self)
            XCTAssertTrue(svg.contains("<svg"), figure.id)
            let pdf = try renderer.data(for: figure, format: .pdf, options: options)
            XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-", figure.id)
        }
    }

    /// Panels that are compared side by side (same grid row, single-column cells, axes content) get
    /// plot areas of equal width: no legend or label makes one map or trace narrower than its neighbours.
    func testComparedPanelsGetEqualPlotWidths() throws {
        let renderer = CairoFigureRenderer()
        var comparedRows = 0
        for figure in try Self.figures.get() where !figure.id.hasSuffix("-filters") && !figure.id.hasPrefix("model-") {
            let layout = renderer.layout(for: figure)
            var widths: [Int: [Double]] = [:]
            for p in layout.panels {
                let cell = figure.panels[p.index].cell
                guard cell.columnSpan == 1 else { continue }
                switch p.content {
                case .axes(let a): widths[cell.row, default: []].append(a.plotRect.width)
                case .stack(let s): widths[cell.row, default: []].append(s[s.count - 1].plotRect.width)
                default: continue
                }
            }
            for (row, w) in widths where w.count > 1 {
                comparedRows += 1
                XCTAssertLessThan(w.max()! - w.min()!, 0.5, "\(figure.id) row \(row): plot widths \(w)")
            }
        }
        XCTAssertEqual(comparedRows, 14, "grid rows with side-by-side plots compared")
    }
}
