import Foundation
import Phenomena
import Plotting
import XCTest
@testable import Figures
@testable import Mechanisms

final class CatalogueRobustnessTests: XCTestCase {
    /// Every cell of the figure's grid is covered by exactly one panel (no empty slot, no overlap).
    private func assertGridFilled(_ figure: FigureSpec, file: StaticString = #filePath, line: UInt = #line) {
        var covered = [[Int]](repeating: [Int](repeating: 0, count: figure.grid.columns.count), count: figure.grid.rows.count)
        for panel in figure.panels {
            let c = panel.cell
            for r in c.row..<(c.row + c.rowSpan) {
                for k in c.column..<(c.column + c.columnSpan) where r < covered.count && k < covered[r].count { covered[r][k] += 1 }
            }
        }
        XCTAssertEqual(covered.flatMap { $0 }.filter { $0 != 1 }.count, 0,
                       "grid cells covered \(covered) (rows × columns), panels at \(figure.panels.map(\.cell))", file: file, line: line)
    }

    private func axes(_ figure: FigureSpec) -> [Axes] {
        figure.panels.compactMap { if case .axes(let a) = $0.content { return a } else { return nil } }
    }

    /// Three members and the mean on an OSR-like readout with a two-sided and a one-sided criterion,
    /// neither of them the strength: panel a is the strength against S₀, then one panel per criterion
    /// with its accepted range shaded (the open side reaching the panel edge) and every member's and
    /// the mean's value at x = 1…K+1. Three panels on two columns: panel a spans both rows.
    func testStripsPutMembersAndMeanAgainstEachCriterionBand() throws {
        func readout(_ s: Double?, slope: Double?, ratio: Double?) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .osr, metrics: [], strength: s, nullStrength: 1, strengthName: "peak / train ratio",
                              strengthUnit: "×", curveX: "period", curveY: "latency", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .osr, name: "slope of (OSR peak − last flash) vs period, 30–80 ms",
                                                         measured: slope, unit: "", minimum: 0.8, maximum: 1.2),
                                         CriterionResult(phenomenon: .osr, name: "OSR peak / largest train response (smallest over periods), 30–80 ms",
                                                         measured: ratio, unit: "×", minimum: 2, maximum: nil)])
        }
        // Strength and ratio differ (here the strength is not the ratio), so both keep their panel.
        let members = [readout(3.1, slope: 1.4, ratio: 2.5), readout(nil, slope: -0.1, ratio: nil), readout(1.9, slope: 0.2, ratio: 1.4)]
        let mean = readout(2.6, slope: 0.9, ratio: 2.1)
        let figure = try CatalogueRobustness.strengthStrip(memberNames: ["m1", "m2", "m3"], members: members, mean: mean,
                                                           id: "osr-robustness", title: "OSR")
        XCTAssertNoThrow(try FigureValidator.validate(figure))
        XCTAssertEqual(figure.panels.count, 3)
        let axes: [Axes] = figure.panels.compactMap { if case .axes(let a) = $0.content { return a } else { return nil } }
        XCTAssertEqual(axes.count, 3)
        XCTAssertEqual(figure.grid.rows.count, 2); XCTAssertEqual(figure.grid.columns.count, 2)
        XCTAssertEqual(figure.panels.map(\.cell), [GridCell(row: 0, column: 0, rowSpan: 2), GridCell(row: 0, column: 1), GridCell(row: 1, column: 1)])
        XCTAssertEqual(figure.panels.map(\.letter), ["a", "b", "c"])
        assertGridFilled(figure)

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

    /// Issue 25: a criterion that is the headline metric itself (latency: the shift and the criterion
    /// "latency shift" carry the same numbers for every member and the mean) gets no panel of its own;
    /// its band is shaded in panel a, which keeps S₀, and the remaining panels fill the grid.
    func testHeadlineMetricThatIsAlsoACriterionGetsOnePanel() throws {
        func readout(_ shift: Double?, rho: Double?) -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .latency, metrics: [], strength: shift, nullStrength: 0, strengthName: "shift",
                              strengthUnit: "ms", curveX: "contrast", curveY: "peak latency (ms)", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .latency, name: "Spearman ρ of peak latency vs contrast",
                                                         measured: rho, unit: "", minimum: nil, maximum: -0.9),
                                         CriterionResult(phenomenon: .latency, name: "latency shift, lowest − highest contrast",
                                                         measured: shift, unit: "ms", minimum: 15, maximum: nil)])
        }
        let members = [readout(16.6, rho: -1), readout(29.6, rho: -1), readout(nil, rho: nil)]
        let mean = readout(23.6, rho: -1)
        XCTAssertEqual(CatalogueRobustness.duplicatedCriterion(members: members, mean: mean), 1)
        let figure = try CatalogueRobustness.strengthStrip(memberNames: ["m1", "m2", "m3"], members: members, mean: mean,
                                                           id: "latency-robustness", title: "Latency coding")
        XCTAssertNoThrow(try FigureValidator.validate(figure))
        let panels = axes(figure)
        XCTAssertEqual(panels.count, 2, "strength (with the shift criterion's band) and Spearman ρ")
        XCTAssertEqual(figure.grid.rows.count, 1); XCTAssertEqual(figure.grid.columns.count, 2)
        assertGridFilled(figure)
        XCTAssertEqual(panels.map(\.title), ["latency shift", "Spearman ρ of peak latency vs contrast"])

        // Panel a: the band ≥ 15 ms to the fixed upper limit, S₀ = 0 dashed and inside the limits, the points.
        let a = panels[0]
        guard case .span(let band)? = a.elements.first, case .fixed(let lower, let upper) = a.y.limits else {
            return XCTFail("panel a: the criterion band first and fixed limits expected")
        }
        XCTAssertEqual(band.from, 15); XCTAssertEqual(band.to, upper)
        XCTAssertLessThan(lower, 0); XCTAssertGreaterThan(upper, 29.6)
        XCTAssertTrue(a.elements.contains { if case .reference = $0 { return true } else { return false } }, "S₀ stays")
        let scatters = a.elements.compactMap { if case .scatter(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(scatters.map(\.y), [[16.6, 29.6], [23.6]])
        XCTAssertEqual(a.y.label, "shift"); XCTAssertEqual(a.y.unit, "ms")

        // No strip repeats another's numbers.
        let strips = panels.map { p in p.elements.compactMap { if case .scatter(let s) = $0 { return s.y } else { return nil } } }
        XCTAssertEqual(Set(strips.map { "\($0)" }).count, strips.count, "\(strips)")
        XCTAssertTrue(figure.caption.contains("The same number is the criterion latency shift, lowest − highest contrast, ≥ 15 ms (shaded)."),
                      figure.caption)
        XCTAssertTrue(figure.caption.contains("(b) Spearman ρ of peak latency vs contrast, criterion ≤ -0.9 (shaded)."), figure.caption)
        XCTAssertFalse(figure.caption.contains("(c)"), figure.caption)

        // With three criteria, one of them the strength: three panels, panel a over two rows.
        var three = mean
        three.criteria.append(CriterionResult(phenomenon: .latency, name: "slope", measured: 40, unit: "ms/decade", minimum: 10, maximum: nil))
        let threeMembers = members.map { m -> PhenomenonReadout in
            var m = m
            m.criteria.append(CriterionResult(phenomenon: .latency, name: "slope", measured: 30, unit: "ms/decade", minimum: 10, maximum: nil))
            return m
        }
        let odd = try CatalogueRobustness.strengthStrip(memberNames: ["m1", "m2", "m3"], members: threeMembers, mean: three,
                                                        id: "latency-robustness", title: "Latency coding")
        XCTAssertEqual(axes(odd).count, 3)
        XCTAssertEqual(odd.panels[0].cell, GridCell(row: 0, column: 0, rowSpan: 2))
        assertGridFilled(odd)
    }

    /// "Same quantity" is read from the numbers: equal names or units alone do not merge, and one
    /// model whose criterion value differs from its strength (a strength withheld on a response too
    /// small to read, say) keeps the criterion's own panel.
    func testOnlyIdenticalNumbersMergeACriterionIntoPanelA() {
        func readout(_ s: Double?, _ c: Double?, unit: String = "×") -> PhenomenonReadout {
            PhenomenonReadout(phenomenon: .adaptation, metrics: [], strength: s, nullStrength: 1, strengthName: "gain ratio",
                              strengthUnit: "×", curveX: "t", curveY: "gain", curve: [], traces: [],
                              criteria: [CriterionResult(phenomenon: .adaptation, name: "gain ratio", measured: c, unit: unit,
                                                         minimum: 1.2, maximum: nil)])
        }
        XCTAssertEqual(CatalogueRobustness.duplicatedCriterion(members: [readout(1.1, 1.1), readout(0.5, 0.5)], mean: readout(0.8, 0.8)), 0)
        XCTAssertNil(CatalogueRobustness.duplicatedCriterion(members: [readout(1.1, 1.1), readout(nil, 0.5)], mean: readout(0.8, 0.8)),
                     "member 2's strength was withheld: the strip of its criterion value is not panel a")
        XCTAssertNil(CatalogueRobustness.duplicatedCriterion(members: [readout(1.1, 1.1), readout(0.5, 0.6)], mean: readout(0.8, 0.8)))
        XCTAssertNil(CatalogueRobustness.duplicatedCriterion(members: [readout(1.1, 1.1)], mean: readout(0.8, 0.8, unit: "")),
                     "a different unit is a different quantity")
        XCTAssertNil(CatalogueRobustness.duplicatedCriterion(members: [readout(nil, nil)], mean: readout(nil, nil)),
                     "nothing measured: nothing to compare")
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
