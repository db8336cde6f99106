@testable import CairoRenderer
import Figures
import Foundation
import Mechanisms
import Phenomena
import Plotting
import TestSupport
import XCTest

/// The run overview figure drawn by Cairo: PNG, SVG and PDF of a row per phenomenon (one failed),
/// not blank, byte-identical when drawn twice, and every verdict line inside its column with Pango's
/// metrics. Set `OVERVIEW_OUTPUT=/some/dir` to keep `overview.png` there for a look.
final class OverviewRenderTests: XCTestCase {
    static let figure: Result<FigureSpec, Error> = Result {
        let net = try TinyBNCNN.responsive(seed: 11), truth = try TinyBNCNN.responsive(seed: 12)
        let settings = MechanismAnalysisSettings(integratedGradients: .init(steps: 24, quadrature: .trapezoid))
        let osr = try OmittedStimulusResponse.analyse(model: net, parameters: OSRProtocol(periodsMs: [40, 60, 80]), settings: settings,
                                                      groundTruth: truth)
        let reversal = try MotionReversal.analyse(model: net, parameters: TinyBarProtocols.reversal(speeds: [0.3]), settings: settings,
                                                  groundTruth: truth)
        func row<K: PhenomenonFigures>(_ r: MechanismAnalysis<K>, _ v: OverviewVerdict) throws -> OverviewRow {
            OverviewRow(phenomenon: K.id, title: K.title,
                        outcome: .analysed(.init(trace: try K.headlineTrace(for: r),
                                                 kept: KeptPathway.merging(r.reduction.kept.map { r.channelTypes[$0.channel] }),
                                                 verdict: v)))
        }
        return try FigureCatalogue.overview([
            try row(osr, OverviewVerdict(criteriaMet: 2, criteriaTotal: 3, reducedMet: 2, members: .init(2, of: 5),
                                         necessary: true, sufficient: true)),
            try row(reversal, OverviewVerdict(criteriaMet: 2, criteriaTotal: 2, reducedMet: 1, members: .init(4, of: 5))),
            OverviewRow(phenomenon: .latency, title: LatencyCoding.title,
                        outcome: .failed(message: "LatencyProtocol.contrasts: expected one or more finite values > 0, found [] (a long message "
                                         + "that has to be wrapped over several lines of the verdict column)")),
        ])
    }

    func testRendersToEveryFormatDeterministically() throws {
        let figure = try Self.figure.get()
        let renderer = CairoFigureRenderer()
        let options = FigureRenderOptions(dpi: 130)
        let png = try renderer.data(for: figure, format: .png, options: options)
        XCTAssertEqual(try renderer.data(for: figure, format: .png, options: options), png, "deterministic")
        let header = try XCTUnwrap(PNGImage.header(png))
        XCTAssertEqual(header.width, figure.pixelSize(dpi: 130).width)
        XCTAssertGreaterThan(try XCTUnwrap(PNGImage(png)).inkFraction, 0.02, "PNG is nearly blank")
        XCTAssertTrue(String(decoding: try renderer.data(for: figure, format: .svg, options: options), as: UTF8.self).contains("<svg"))
        XCTAssertEqual(String(decoding: try renderer.data(for: figure, format: .pdf, options: options).prefix(5), as: UTF8.self), "%PDF-")
        if let keep = ProcessInfo.processInfo.environment["OVERVIEW_OUTPUT"] {
            try png.write(to: URL(fileURLWithPath: keep).appendingPathComponent("overview.png"))
        }
    }

    /// With Pango's own metrics every text of the pathway and verdict columns ends inside its panel.
    func testTextStaysInsideItsColumn() throws {
        let figure = try Self.figure.get()
        let layout = CairoFigureRenderer().layout(for: figure)
        let measurer = PangoText(fontFamily: figure.style.fontFamily)
        for (i, panel) in figure.panels.enumerated() where panel.cell.column > 0 {
            guard case let .axes(a) = panel.content, let pl = layout.panels.first(where: { $0.index == i }),
                  case let .axes(al) = pl.content, case let .fixed(lo, hi) = a.x.limits else { return XCTFail("text axes \(i)") }
            for case let .text(t) in a.elements {
                let width = measurer.measure(t.text, sizePoints: t.sizePoints ?? figure.style.annotationPoints, bold: false).width
                let right = al.plotRect.minX + (t.x - lo) / (hi - lo) * al.plotRect.width + width
                XCTAssertLessThanOrEqual(right, pl.frame.maxX + 0.5, "'\(t.text)' sticks out of panel \(i)")
            }
        }
    }
}
