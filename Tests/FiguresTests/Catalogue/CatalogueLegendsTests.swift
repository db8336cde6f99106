import Foundation
import Plotting
import XCTest
@testable import Figures

final class CatalogueLegendsTests: XCTestCase {
    /// Channel maps with the responses beneath (legend on the last one): the OSR attribution figure of the
    /// paper-size sample. A legend that is outside in the first layout pass but would fit inside in the
    /// second used to leave the last column wider than the others; the engine now keeps the first
    /// decision, and the catalogue additionally fixes a corner.
    private func figure() throws -> FigureSpec {
        let times = (0..<49).map { Double($0 - 9) * 0.01 }
        let hump = times.map { 4 + 150 * exp(-pow(($0 - 0.1) / 0.08, 2)) }
        let maps = (0..<3).map { k in
            AttributionMap(title: "period \(30 + 30 * k) ms", rows: 8, columns: times.count,
                           values: (0..<(8 * times.count)).map { sin(Double($0 + k)) },
                           rowLabels: (0..<8).map { "c\($0) OFF fast" },
                           response: [Trace(label: "ground truth", values: hump, role: .groundTruth),
                                      Trace(label: "full CNN", values: times.map { _ in 3 }, role: .fullModel),
                                      Trace(label: "reduced circuit", values: times.map { _ in 3 }, role: .reducedModel)])
        }
        return try FigureBuilders.channelTimeHeatmaps(id: "maps", caption: "", timeSeconds: times, maps: maps, heightMillimetres: 74)
    }

    private func plotWidths(_ spec: FigureSpec) -> [Double] {
        LayoutEngine().layout(spec).panels.compactMap { p -> Double? in
            if case .axes(let a) = p.content { return a.plotRect.width } else { return nil }
        }
    }

    func testResolvedLegendsKeepComparedPlotsEqual() throws {
        let spec = try figure()
        let before = plotWidths(spec)
        let after = plotWidths(CatalogueLegends.resolved(spec))
        XCTAssertLessThan(before.max()! - before.min()!, 0.5, "the engine alone keeps compared plots equal: \(before)")
        XCTAssertLessThan(after.max()! - after.min()!, 0.5, "\(after)")
        // No automatic placement is left, and the chosen one is a concrete corner or outside.
        var checked = 0
        for panel in CatalogueLegends.resolved(spec).panels {
            if case .axes(let a) = panel.content { checked += 1; XCTAssertNotEqual(a.legend.placement, .automatic) }
        }
        XCTAssertEqual(checked, after.count)
        XCTAssertGreaterThan(checked, 1)
    }
}
