import Foundation
import RetinaCNN
import ModelCards
import Mechanisms
import Phenomena
import Plotting
import XCTest
@testable import Figures

/// The figure catalogue on real analysis results of a tiny random BN-CNN (``CatalogueFixtures``).
final class FigureCatalogueTests: XCTestCase {
    private func results() throws -> CatalogueFixtures.Results { try CatalogueFixtures.results.get() }

    private func allFigures() throws -> [String: [FigureSpec]] {
        let r = try results()
        return [
            "osr": try FigureCatalogue.figures(for: r.osr),
            "latency": try FigureCatalogue.figures(for: r.latency),
            "reversal": try FigureCatalogue.figures(for: r.reversal),
            "anticipation": try FigureCatalogue.figures(for: r.anticipation),
        ]
    }

    // MARK: Helpers

    private func axes(of figure: FigureSpec) -> [Axes] {
        figure.panels.flatMap { p -> [Axes] in
            switch p.content {
            case .axes(let a): return [a]
            case .stack(let s): return s.members
            default: return []
            }
        }
    }

    private func heatmaps(of figure: FigureSpec) -> [Heatmap] {
        axes(of: figure).flatMap { $0.elements.compactMap { if case .heatmap(let h) = $0 { return h } else { return nil } } }
    }

    private func colorBars(of figure: FigureSpec) -> [ColorBar] {
        figure.panels.compactMap { if case .colorBar(let b) = $0.content { return b } else { return nil } }
    }

    // MARK: Tests

    func testEveryPhenomenonYieldsItsFiguresInDisplayOrder() throws {
        let figures = try allFigures()
        XCTAssertEqual(figures.keys.sorted(), ["anticipation", "latency", "osr", "reversal"])
        for (p, list) in figures {
            XCTAssertEqual(list.map(\.id), ["traces", "attribution", "filters", "curve", "circuit"].map { "\(p)-\($0)" })
        }
    }

    func testEveryFigureValidatesAndIsSizedForPrint() throws {
        XCTAssertEqual(try allFigures().values.flatMap({ $0 }).count, 4 * 5)
        for figure in try allFigures().values.flatMap({ $0 }) {
            XCTAssertNoThrow(try FigureValidator.validate(figure), figure.id)
            XCTAssertTrue([FigureSpec.singleColumnMillimetres, FigureSpec.doubleColumnMillimetres].contains(figure.widthMillimetres),
                          "\(figure.id) is \(figure.widthMillimetres) mm wide")
            XCTAssertGreaterThanOrEqual(figure.heightMillimetres, 30, figure.id)
            XCTAssertLessThanOrEqual(figure.heightMillimetres, 247, "\(figure.id) is taller than a journal page")
            XCTAssertGreaterThan(figure.caption.count, 200, "\(figure.id) caption is too short to stand alone")
        }
    }

    /// Every heat map of an attribution figure is drawn on one zero-centred scale whose limit is the
    /// largest |attribution| over all of them, and the colour bar shows that scale.
    func testAttributionColourLimitsAreSharedAndSymmetric() throws {
        let figures = try allFigures().values.flatMap { $0 }.filter { $0.id.hasSuffix("-attribution") }
        XCTAssertEqual(figures.count, 4)
        for figure in figures {
            let maps = heatmaps(of: figure)
            XCTAssertGreaterThanOrEqual(maps.count, 2, "\(figure.id) compares at least two panels")
            let scale = try XCTUnwrap(maps.first?.scale)
            XCTAssertEqual(scale.map, .diverging, figure.id)
            XCTAssertTrue(scale.isSymmetric, figure.id)
            XCTAssertGreaterThan(scale.upper, 0, figure.id)
            for m in maps { XCTAssertEqual(m.scale, scale, "\(figure.id): every panel shares the limits") }
            XCTAssertEqual(colorBars(of: figure).map(\.scale), [scale], figure.id)
            XCTAssertEqual(colorBars(of: figure).first?.unit, "Hz", figure.id)
            let largest = maps.flatMap(\.values).map(abs).max() ?? 0
            XCTAssertEqual(scale.upper, largest, accuracy: 1e-12 * max(1, largest), "\(figure.id): limit = max |A| over all panels")
            XCTAssertTrue(figure.caption.contains("±\(CatalogueText.significant(largest)) Hz"), figure.caption)
        }
    }

    /// The channel maps are the pooled attributions (Eq. 3) of the shown condition, row by row.
    func testChannelMapValuesAreThePooledAttributions() throws {
        let r = try results().osr
        let figure = try XCTUnwrap(FigureCatalogue.figures(for: r).first { $0.id == "osr-attribution" })
        let map = try XCTUnwrap(heatmaps(of: figure).first)
        let condition = r.conditions[0]
        let a = try XCTUnwrap(condition.attribution)
        XCTAssertEqual(map.rows, a.channels)
        // The window starts where the latest-starting shown period starts, relative to the omitted flash; the
        // first period's last column is its last row (all periods record 400 ms after the omission).
        let lastRow = condition.fullHz.count - 1
        for c in 0..<a.channels {
            XCTAssertEqual(map.value(row: c, column: map.columns - 1), Double(a.trace(PooledUnit(channel: c))[lastRow]), accuracy: 1e-9)
        }
    }

    func testCaptionsStateUnitsAndTheCellsAveraged() throws {
        let r = try results()
        let cells = ["osr": r.osr.cells, "latency": r.latency.cells, "reversal": r.reversal.cells, "anticipation": r.anticipation.cells]
        XCTAssertEqual(try allFigures().values.map(\.count), [5, 5, 5, 5])
        for (p, list) in try allFigures() {
            let named = CatalogueText.cells(cells[p]!)
            for f in list {
                XCTAssertTrue(f.caption.contains(named), "\(f.id) caption does not name \(named): \(f.caption)")
                let units: [String]
                switch f.id.split(separator: "-").last! {
                case "traces": units = ["Hz", "ms"]
                case "attribution": units = ["Hz"]
                case "filters": units = ["ms", "µm"]
                case "curve": units = p == "anticipation" ? ["µm"] : ["ms"]
                default: units = ["Hz"]
                }
                for u in units { XCTAssertTrue(f.caption.contains(u), "\(f.id) caption lacks the unit \(u)") }
            }
        }
    }

    /// Trace panels: one shared response range (containing every value), markers at the event, the
    /// stimulus strip above on the same x limits.
    func testTracePanelsShareLimitsAndMarkTheEvent() throws {
        let figures = try allFigures().values.flatMap({ $0 }).filter({ $0.id.hasSuffix("-traces") })
        XCTAssertEqual(figures.count, 4)
        for figure in figures {
            XCTAssertFalse(figure.panels.isEmpty, figure.id)
            var yLimits: [AxisLimits] = []
            for panel in figure.panels {
                guard case .stack(let s) = panel.content else { return XCTFail("\(figure.id): expected stacks") }
                XCTAssertEqual(s.members.count, 2)
                XCTAssertEqual(s.members[0].x.limits, s.members[1].x.limits, "\(figure.id): strip and response share x")
                let response = s.members[1]
                yLimits.append(response.y.limits)
                guard case .fixed(let lo, let hi) = response.y.limits, case .fixed(let x0, let x1) = response.x.limits else {
                    return XCTFail("\(figure.id): limits must be fixed")
                }
                let values = response.elements.flatMap { e -> [Double] in if case .line(let l) = e { return l.y } else { return [] } }
                XCTAssertLessThanOrEqual(lo, values.min()!); XCTAssertGreaterThanOrEqual(hi, values.max()!)
                XCTAssertLessThanOrEqual(lo, 0)
                let markers = response.elements.compactMap { e -> Double? in
                    if case .reference(let r) = e, case .vertical(let x) = r.geometry { return x } else { return nil }
                }
                XCTAssertEqual(markers, [0], "\(figure.id): the event is marked at time 0")
                XCTAssertTrue(x0 <= 0 && 0 <= x1, "\(figure.id): time 0 lies in \(x0)…\(x1)")
                let labels = response.elements.compactMap { e -> String? in if case .line(let l) = e { return l.label } else { return nil } }
                XCTAssertTrue(labels.contains("full CNN") && labels.contains("reduced circuit"), "\(figure.id): \(labels)")
            }
            XCTAssertEqual(Set(yLimits.map { "\($0)" }).count, 1, "\(figure.id): y limits shared")
        }
    }

    func testGroundTruthAppearsWhenItWasCompared() throws {
        let figures = try allFigures()
        func hasGroundTruth(_ f: FigureSpec) -> Bool {
            axes(of: f).contains { $0.elements.contains { if case .line(let l) = $0 { return l.label == "ground truth" } else { return false } } }
        }
        XCTAssertTrue(hasGroundTruth(figures["osr"]![0]))
        XCTAssertFalse(hasGroundTruth(figures["latency"]![0]), "latency ran without a ground truth")
    }

    func testChannelMapsLabelChannelsWithTheirTypeAndBoldenKeptOnes() throws {
        let r = try results().osr
        let figure = try FigureCatalogue.figures(for: r)[1]
        guard case .axes(let first) = figure.panels[0].content, case .labeled(let marks) = first.y.ticks else {
            return XCTFail("expected labelled channel rows")
        }
        XCTAssertEqual(marks.count, r.channelTypes.types.count)
        let kept = Set(r.reduction.kept.map(\.channel))
        for (c, mark) in marks.enumerated() {
            let plain = MarkupText.plain(mark.label)
            XCTAssertEqual(plain, "c\(c) \(r.channelTypes[c].label)")
            XCTAssertEqual(mark.label.hasPrefix("<b>"), kept.contains(c), mark.label)
        }
    }

    func testOSRCurveHasTheSlopeOneReference() throws {
        let figure = try FigureCatalogue.figures(for: try results().osr)[3]
        let references = axes(of: figure).flatMap { $0.elements }.compactMap { e -> (Double, String?)? in
            if case .reference(let r) = e, case .affine(let slope, _) = r.geometry { return (slope, r.label) } else { return nil }
        }
        XCTAssertEqual(references.map(\.0), [1])
        XCTAssertTrue(references[0].1?.contains("expected flash") ?? false)
    }

    /// The division ablation is drawn in the latency and OSR curves only when the circuit divides.
    func testCurvesDrawTheDivisionAblationWhenThereIsOne() throws {
        func labels(_ figure: FigureSpec) -> [String] {
            axes(of: figure).flatMap { $0.elements }.compactMap { e -> String? in
                if case .line(let l) = e { return l.label } else { return nil }
            }
        }
        var latency = try results().latency
        let plain = try FigureCatalogue.figures(for: latency)[3]
        XCTAssertFalse(labels(plain).contains(CatalogueText.ablationLabel))
        var ablation = latency.reducedMetric
        ablation.measurements = ablation.measurements.map { var m = $0; m.peakLatencyMs = 100; return m }
        latency.subtractiveMetric = ablation
        let figure = try FigureCatalogue.figures(for: latency)[3]
        XCTAssertTrue(labels(figure).contains(CatalogueText.ablationLabel))
        XCTAssertTrue(figure.caption.contains("division ablation"), figure.caption)

        var osr = try results().osr
        osr.subtractiveMetric = osr.reducedMetric
        let osrFigure = try FigureCatalogue.figures(for: osr)[3]
        XCTAssertEqual(labels(osrFigure).contains(CatalogueText.ablationLabel),
                       osr.reducedMetric.periods.contains { $0.peakLatencyAfterLastFlashMs != nil }, "drawn when it has points")
    }

    /// Bar maps: positions are the map-column centres relative to the RF centre in µm; the bar
    /// trajectory stays inside the map.
    func testPositionMapsUseMicronsRelativeToTheRFCentre() throws {
        let r = try results().reversal
        let figure = try FigureCatalogue.figures(for: r)[1]
        let map = try XCTUnwrap(heatmaps(of: figure).first)
        let k = Double(r.channelTypes.kernel), centre = try XCTUnwrap(r.rfCentreXPixels)
        let columns = try XCTUnwrap(r.conditions[0].attribution?.columns)
        XCTAssertEqual(map.rows, columns)
        XCTAssertEqual(map.yLower, 55 * ((k - 1) / 2 - 0.5 - centre), accuracy: 1e-9)
        XCTAssertEqual(map.yUpper, 55 * (Double(columns - 1) + (k - 1) / 2 + 0.5 - centre), accuracy: 1e-9)
        var trajectories = 0
        for a in axes(of: figure) {
            for case .line(let l) in a.elements where l.style.dash == .dashed {
                trajectories += 1
                XCTAssertFalse(l.y.isEmpty)
                XCTAssertTrue(l.y.allSatisfy { $0 >= map.yLower && $0 <= map.yUpper })
            }
        }
        XCTAssertGreaterThan(trajectories, 0, "the bar trajectory is drawn")
        let speeds = Set(r.conditions.map(\.parameter.value)).count
        XCTAssertEqual(heatmaps(of: figure).count, speeds * CatalogueMechanism.keptChannels(r.reduction).count)
    }

    func testAProtocolThatDoesNotMatchTheResultIsReported() throws {
        let r = try results()
        var osr = r.osr
        osr.parameters = .tanaka
        XCTAssertThrowsError(try FigureCatalogue.figures(for: osr)) { error in
            guard case FigureError.invalidInput(let builder, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(builder, "FigureCatalogue(osr)")
            XCTAssertTrue(reason.contains("protocol"), reason)
        }
        var reversal = r.reversal
        reversal.parameters = .tanaka
        XCTAssertThrowsError(try FigureCatalogue.figures(for: reversal))
    }

    /// Issue #23 item 4: an ensemble's channels are split into pages of at most 40 (a 32-member
    /// ensemble: 256 channels, 7 pages), each a valid figure, instead of one figure too tall to draw.
    func testModelFiltersOfALargeEnsembleArePaged() throws {
        let g = Conv1Geometry(channels: 256, history: 10, kernel: 1, screenHeight: 2, screenWidth: 2)
        var w = [Float](repeating: 0, count: 256 * 10)
        for c in 0..<256 { w[c * 10 + 9 - (1 + c % 7)] = c % 2 == 0 ? 1 : -1 }
        let types = try ChannelTyping.classify(weights: w, geometry: g)
        let figures = try FigureCatalogue.modelFigures(channelTypes: types, card: nil)
        XCTAssertEqual(figures.map(\.id), ["model-filters"] + (2...7).map { "model-filters-\($0)" })
        for f in figures { XCTAssertNoThrow(try FigureValidator.validate(f), f.id) }
        XCTAssertEqual(figures.map { axes(of: $0).compactMap(\.title).count }, [40, 40, 40, 40, 40, 40, 16], "every channel once")
        XCTAssertTrue(figures[6].caption.contains("c240…c255 of the CNN's 256 (page 7 of 7)"), figures[6].caption)
    }

    func testModelFigures() throws {
        let types = try results().osr.channelTypes
        XCTAssertEqual(try FigureCatalogue.modelFigures(channelTypes: types, card: nil).map(\.id), ["model-filters"])
        let figures = try FigureCatalogue.modelFigures(channelTypes: types, card: CatalogueFixtures.card())
        XCTAssertEqual(figures.map(\.id), ["model-filters", "model-training"])
        for f in figures { XCTAssertNoThrow(try FigureValidator.validate(f), f.id) }
        // One row per channel: its temporal filter titled with type and best reference match.
        let titles = axes(of: figures[0]).compactMap(\.title)
        XCTAssertEqual(titles.count, types.types.count)
        for (c, title) in titles.enumerated() {
            XCTAssertTrue(MarkupText.plain(title).hasPrefix("c\(c) \(types[c].label)"), title)
            XCTAssertTrue(title.contains("≈ \(types[c].bestReference!), r = "), title)
        }
        // Held-out r per cell as points.
        let points = axes(of: figures[1]).flatMap(\.elements).compactMap { e -> [Double]? in
            if case .scatter(let s) = e, s.label == "Pearson r" { return s.y } else { return nil }
        }
        XCTAssertEqual(points, [try CatalogueFixtures.card().heldOutCorrelation])
    }

    /// A recording-trained card: FEVE undefined (noise ceiling 0) or absurd (−18,673) for some cells
    /// is left out of panel c and named in the caption, the axis stays within [−1, 1], and the caption
    /// names the recording and the repeat mean instead of the simulated ground truth.
    func testTrainingFigureOfARecordingModelSkipsUndefinedFEV() throws {
        var card = try CatalogueFixtures.card(cells: 4)
        card.heldOutFEV = [0.5, .nan, -18_673, 0.2]
        card.dataSource = RecordingDataSource(
            kind: "recording", fileName: "cells.h5", sha256: nil, format: "deep-retina-hdf5", datasets: [:],
            cellIDs: ["a", "b", "c", "d"], selectedCells: nil, crop: nil, responseUnit: "ratesHz", sourceFramePeriodSeconds: 0.01,
            trainFrames: 100, validationFrames: 20, testFrames: 20, testSplit: "test group",
            normalisation: StimulusNormalisation(mean: 0, std: 1), pairing: .windowEnd, warnings: [],
            test: .init(reference: "repeat mean", repeats: 4, correlation: card.heldOutCorrelation, noiseCeiling: nil,
                        fractionOfExplainableVarianceExplained: card.heldOutFEV))
        let figure = try XCTUnwrap(FigureCatalogue.modelFigures(channelTypes: try results().osr.channelTypes, card: card).last)
        XCTAssertEqual(figure.id, "model-training")
        XCTAssertNoThrow(try FigureValidator.validate(figure))
        let panel = try XCTUnwrap(axes(of: figure).last)
        let fev = panel.elements.compactMap { e -> ScatterSeries? in if case .scatter(let s) = e, s.label == "FEV" { return s } else { return nil } }
        XCTAssertEqual(fev.first?.x, [0, 3]); XCTAssertEqual(fev.first?.y, [0.5, 0.2])
        guard case .fixed(let lower, _) = panel.y.limits else { return XCTFail("fixed limits expected") }
        XCTAssertGreaterThanOrEqual(lower, -1)
        XCTAssertTrue(figure.caption.contains("the recording 'cells.h5'"), figure.caption)
        XCTAssertTrue(figure.caption.contains("FEVE (open squares) against repeat mean"), figure.caption)
        XCTAssertTrue(figure.caption.contains("for cells 1, 2."), figure.caption)
        XCTAssertFalse(figure.caption.contains("ground truth"), figure.caption)
    }
}
