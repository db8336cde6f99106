import Foundation
import Phenomena
import Plotting
import XCTest
@testable import Figures
@testable import Mechanisms

final class CatalogueRobustnessTests: XCTestCase {
    /// Three members and the mean on an OSR-like readout with a two-sided and a one-sided criterion:
    /// panel a is the strength against S₀, then one panel per criterion with its accepted range shaded
    /// (the open side reaching the panel edge) and every member's and the mean's value at x = 1…K+1.
    func testStripsPutMembersAndMeanAgainstEachCriterionBand() throws {
        func readout(_ s: Double?, slope: Double?, ratio: Double?) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .osr, metrics: [], strength: s, nullStrength: 1, strengthName: "peak / train ratio",
                              strengthUnit: "×", curveX: "period", curveY: "latency", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .osr, name: "slope of (OSR peak − last flash) vs period, 30–80 ms",
                                                         measured: slope, unit: "", minimum: 0.8, maximum: 1.2),
                                         CriterionResult(phenomenon: .osr, name: "OSR peak / largest train response (smallest over periods), 30–80 ms",
                                                         measured: ratio, unit: "×", minimum: 2, maximum: nil)])
        }
        let members = [readout(2.5, slope: 1.4, ratio: 2.5), readout(nil, slope: -0.1, ratio: nil), readout(1.4, slope: 0.2, ratio: 1.4)]
        let mean = readout(2.1, slope: 0.9, ratio: 2.1)
        let figure = try CatalogueRobustness.strengthStrip(memberNames: ["m1", "m2", "m3"], members: members, mean: mean,
                                                           id: "osr-robustness", title: "OSR")
        XCTAssertNoThrow(try FigureValidator.validate(figure))
        XCTAssertEqual(figure.panels.count, 3)
        let axes: [Axes] = figure.panels.compactMap { if case .axes(let a) = $0.content { return a } else { return nil } }
        XCTAssertEqual(axes.count, 3)

        // (b) slope: band 0.8 … 1.2; members at x 1, 2, 3 and the mean at 4.
        let slope = axes[1]
        XCTAssertEqual(slope.title, "slope of (OSR peak − last flash) vs period")
        guard case .span(let band)? = slope.elements.first else { return XCTFail("the band comes first") }
        XCTAssertEqual(band.orientation, .horizontal)
        XCTAssertEqual(band.from, 0.8); XCTAssertEqual(band.to, 1.2)
        let scatters = slope.elements.compactMap { if case .scatter(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(scatters.map(\.x), [[1, 2, 3], [4]])
        XCTAssertEqual(scatters.map(\.y), [[1.4, -0.1, 0.2], [0.9]])

        // (c) ratio ≥ 2: the band reaches the fixed upper limit; member 2's missing value is left out.
        let ratio = axes[2]
        XCTAssertEqual(ratio.title, "OSR peak / largest train response")
        guard case .span(let open)? = ratio.elements.first, case .fixed(let lower, let upper) = ratio.y.limits else {
            return XCTFail("band and fixed limits expected")
        }
        XCTAssertEqual(open.from, 2)
        XCTAssertEqual(open.to, upper)
        XCTAssertLessThan(lower, 1.4); XCTAssertGreaterThan(upper, 2.5)
        let ratioPoints = ratio.elements.compactMap { if case .scatter(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(ratioPoints.first?.x, [1, 3])
        XCTAssertEqual(ratio.y.unit, "×")

        XCTAssertTrue(figure.caption.contains("(b) Slope of (OSR peak − last flash) vs period, 30–80 ms, criterion 0.8 … 1.2 (shaded)."),
                      figure.caption)
        XCTAssertTrue(figure.caption.contains("Strength not measurable: m2."), figure.caption)
    }

    func testPanelTitlesStayShort() {
        XCTAssertEqual(CatalogueRobustness.shortName("gain at low / gain at high contrast (steady state, filter per contrast)"),
                       "gain at low / gain at high contrast")
        XCTAssertEqual(CatalogueRobustness.shortName("time constant of the gain decrease after the switch to high contrast"),
                       "time constant of the gain decrease after the …")
        XCTAssertEqual(CatalogueRobustness.shortName("burst / smooth-motion peak (smallest over speeds), 0.14–0.6 px/frame"),
                       "burst / smooth-motion peak")
        XCTAssertEqual(CatalogueRobustness.shortName("latency shift, lowest − highest contrast"), "latency shift")
        XCTAssertEqual(CatalogueRobustness.shortName("δ (bar centre − RF centre at the response peak) at 0.08 px/frame"),
                       "δ at 0.08 px/frame")
    }
}
