import XCTest
import Phenomena
import Plotting
@testable import Figures
@testable import Mechanisms

/// The unified-circuit figure: a circuit panel with one node per unit plus the ganglion cell, and one
/// bar per unit and phenomenon at its share, a cross only where silencing the unit loses the match.
final class CatalogueUnifiedTests: XCTestCase {
    func testOneBarPerUnitAndPhenomenonAndCrossesWhereTheMatchIsLost() throws {
        let units = [ReducedModel.Unit(group: UnitGroup(channel: 0), label: "OFF fast", sign: 1, threshold: 0, weight: 2),
                     ReducedModel.Unit(group: UnitGroup(channel: 1), label: "ON slow", sign: 1, threshold: 0, weight: -1)]
        let model = ReducedModel(units: units, offsetHz: 1, outputRectified: true, fit: FitQuality(target: [1, 2], prediction: [1, 2]))
        let c = CriterionResult(phenomenon: .osr, name: "c", measured: 1, unit: "", minimum: 0, maximum: nil)
        let fits = [Phenomenon.osr, .latency].map {
            UnifiedPhenomenonFit(phenomenon: $0, fit: FitQuality(target: [1, 2], prediction: [1, 2]), criteria: [c], fullMeets: 1,
                                 circuitMeetsOfThose: 1)
        }
        let summaries = fits.map { UnifiedPhenomenonSummary(phenomenon: $0.phenomenon, title: $0.phenomenon.title, full: [c], reduced: [c],
                                                            groundTruth: nil, reducedR2: 1, reducedTypes: [], unified: $0,
                                                            smallestReproducing: ["OFF fast", "ON slow"]) }
        let contributions = [(Phenomenon.osr, "OFF fast", 0.8, false), (.osr, "ON slow", 0.2, true),
                             (.latency, "OFF fast", 0.4, true), (.latency, "ON slow", 0.6, true)].map {
            UnifiedUnitContribution(pathway: $0.1, phenomenon: $0.0, share: $0.2, criteriaWithout: [], matchesWithout: $0.3)
        }
        let r = UnifiedCircuitResult(pathways: [UnifiedPathway(label: "OFF fast", channels: [0, 2], temporalFilter: [0, -1]),
                                                UnifiedPathway(label: "ON slow", channels: [1], temporalFilter: [1, 0])],
                                     columns: [], columnShare: 0.9,
                                     candidates: [UnifiedCircuitCandidate(pathways: ["OFF fast", "ON slow"], model: model, weightedR2: 0.9,
                                                                          phenomena: fits)],
                                     chosen: 0, summaries: summaries, contributions: contributions, samples: 4)
        let specs = try FigureCatalogue.unifiedCircuitFigures(r)
        XCTAssertEqual(specs.map(\.id), ["unified-circuit"])
        let spec = specs[0]
        XCTAssertEqual(spec.panels.compactMap(\.letter), ["a", "b"])
        guard case let .circuit(diagram) = spec.panels[0].content, case let .axes(axes) = spec.panels[1].content else {
            return XCTFail("expected a circuit and an axes panel")
        }
        XCTAssertEqual(diagram.nodes.map(\.label), ["OFF fast (2 ch)", "ON slow (1 ch)", "ganglion cell"])
        let bars = axes.elements.compactMap { e -> Double? in if case let .band(b) = e { return b.upper[0] } else { return nil } }
        XCTAssertEqual(bars, [0.8, 0.4, 0.2, 0.6], "unit by unit, phenomena in order")
        let crosses = axes.elements.filter { if case .text = $0 { return true } else { return false } }
        XCTAssertEqual(crosses.count, 1, "only OFF fast on the OSR loses the match")
        XCTAssertTrue(spec.caption.contains("2 of the 2 phenomena"), spec.caption)
    }
}
