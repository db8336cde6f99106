@testable import Plotting
import XCTest

final class SharedColorScaleTests: XCTestCase {
    let full: [Double] = [-3, 0.5, 9, -1, 2]
    let reduced: [Double] = [-7.5, 0, 4, 1]

    func testLimitIsTheLargestMagnitudeAcrossAllPanels() {
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: [full, reduced]), 9)
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: [reduced]), 7.5)
        let scale = SharedColorScale.symmetric(across: [full, reduced])
        XCTAssertEqual(scale.lower, -9)
        XCTAssertEqual(scale.upper, 9)
        XCTAssertTrue(scale.isSymmetric)
    }

    func testPercentileLimitUsesNearestRankOfPooledMagnitudes() {
        // Pooled |v| sorted: 0 0.5 1 1 2 3 4 7.5 9 (n = 9); 80th percentile: rank ceil(7.2) = 8 → 7.5.
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: [full, reduced], percentile: 80), 7.5)
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: [full, reduced], percentile: 100), 9)
    }

    func testAllZeroOrEmptyGivesUnitLimitAndNaNIsIgnored() {
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: [[0, 0], []]), 1)
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: []), 1)
        XCTAssertEqual(SharedColorScale.symmetricLimit(across: [[.nan, 2, -.infinity]]), 2)
    }

    func testBuilderPanelsShareOneScaleAndGolden() throws {
        let maps = [AttributionMap(title: "full", rows: 1, columns: 5, values: full),
                    AttributionMap(title: "reduced", rows: 1, columns: 5, values: reduced + [0])]
        let figure = try FigureBuilders.channelTimeHeatmaps(id: "t", caption: "", timeSeconds: [0, 0.01, 0.02, 0.03, 0.04], maps: maps)
        var scales: [ColorScale] = []
        for panel in figure.panels {
            switch panel.content {
            case .axes(let axes):
                for case .heatmap(let h) in axes.elements { scales.append(h.scale) }
            case .colorBar(let bar):
                scales.append(bar.scale)
            default:
                break
            }
        }
        XCTAssertEqual(scales.count, 3)
        XCTAssertEqual(Set(scales.map(\.upper)), [9])
        XCTAssertTrue(scales.allSatisfy { $0 == scales[0] && $0.isSymmetric })
        try GoldenFile.check(["max": SharedColorScale.symmetric(across: [full, reduced]),
                              "p80": SharedColorScale.symmetric(across: [full, reduced], percentile: 80),
                              "sequential": SharedColorScale.sequential(across: [full, reduced])],
                             named: "shared-color-scale")
    }
}
