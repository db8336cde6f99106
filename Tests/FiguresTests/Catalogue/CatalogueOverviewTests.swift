import Foundation
import Mechanisms
import Phenomena
import Plotting
import XCTest
@testable import Figures

/// The run overview figure (``FigureCatalogue/overview(_:)``): one row per phenomenon in the order
/// given, a failed row that says so, and a verdict that never calls a phenomenon reproduced that the
/// full model does not show.
final class CatalogueOverviewTests: XCTestCase {
    private func results() throws -> CatalogueFixtures.Results { try CatalogueFixtures.results.get() }

    /// A row of `result` as the report builds it: its headline trace, its kept types, a verdict.
    private func row<K: PhenomenonFigures>(_ r: MechanismAnalysis<K>, _ verdict: OverviewVerdict) throws -> OverviewRow {
        OverviewRow(phenomenon: K.id, title: K.title,
                    outcome: .analysed(.init(trace: try K.headlineTrace(for: r),
                                             kept: KeptPathway.merging(r.reduction.kept.map { r.channelTypes[$0.channel] }),
                                             verdict: verdict)))
    }

    private let shown = OverviewVerdict(criteriaMet: 2, criteriaTotal: 2, reducedMet: 2, members: .init(4, of: 5),
                                        necessary: false, sufficient: true)

    /// Every text drawn in row `r`'s panels (titles and annotations), joined.
    private func text(_ spec: FigureSpec, row r: Int) -> String {
        spec.panels.filter { $0.cell.row == r }.flatMap { panel -> [String] in
            guard case let .axes(a) = panel.content else { return [] }
            return [a.title ?? ""] + a.elements.compactMap { if case let .text(t) = $0 { t.text } else { nil } }
        }.joined(separator: " | ")
    }

    private func traceAxes(_ spec: FigureSpec, row r: Int) throws -> Axes {
        let panel = try XCTUnwrap(spec.panels.first { $0.cell.row == r && $0.cell.column == 0 })
        guard case let .axes(a) = panel.content else { throw XCTSkip("row \(r) has no trace axes") }
        return a
    }

    func testOneRowPerPhenomenonInTheOrderGivenWithTracesChipsAndVerdict() throws {
        let r = try results()
        let rows = [try row(r.anticipation, shown), try row(r.osr, shown), try row(r.latency, shown), try row(r.reversal, shown)]
        let spec = try FigureCatalogue.overview(rows)
        XCTAssertNoThrow(try FigureValidator.validate(spec))
        XCTAssertEqual(spec.id, "overview")
        XCTAssertEqual(spec.grid.rows.count, 4)
        XCTAssertEqual(spec.grid.columns.count, 3)
        XCTAssertEqual(spec.panels.count, 12)
        for (i, kind) in [MotionAnticipation.title, OmittedStimulusResponse.title, LatencyCoding.title, MotionReversal.title].enumerated() {
            let a = try traceAxes(spec, row: i)
            XCTAssertTrue(a.title?.contains("<b>\(kind)</b>") == true, "row \(i): \(a.title ?? "nil")")
            XCTAssertEqual(a.x.unit, "ms"); XCTAssertEqual(a.y.unit, "Hz")
            XCTAssertEqual(a.y.label, "rate")
            XCTAssertTrue(a.x.label?.hasPrefix("time from") == true, a.x.label ?? "nil")
            let lines = a.elements.compactMap { if case let .line(l) = $0 { l } else { nil } }
            XCTAssertTrue(lines.contains { $0.style == ConditionStyle.full }, "row \(i) draws the full model")
            XCTAssertTrue(lines.contains { $0.style == ConditionStyle.reduced }, "row \(i) draws the reduced circuit")
            XCTAssertTrue(text(spec, row: i).contains("Full model shows it: <b>yes (2 of 2 criteria)</b>"), text(spec, row: i))
            XCTAssertTrue(text(spec, row: i).contains("Ensemble members showing it: <b>4 of 5</b>"), text(spec, row: i))
            XCTAssertTrue(text(spec, row: i).contains("Causal test: <b>necessary no, sufficient yes</b>"), text(spec, row: i))
        }
        // The OSR row compares with a ground truth, the latency row (analysed without one) does not.
        XCTAssertTrue(try traceAxes(spec, row: 1).elements.contains { if case let .line(l) = $0 { l.style == ConditionStyle.groundTruth } else { false } })
        XCTAssertFalse(try traceAxes(spec, row: 2).elements.contains { if case let .line(l) = $0 { l.style == ConditionStyle.groundTruth } else { false } })
        // Trace panels are lettered a–d; the text columns are not.
        XCTAssertEqual(spec.panels.filter { $0.cell.column == 0 }.map(\.letter), ["a", "b", "c", "d"])
        XCTAssertTrue(spec.panels.filter { $0.cell.column > 0 }.allSatisfy { $0.letter == nil })
        // One chip per kept group, in the pathway colours.
        let chips = spec.panels.filter { $0.cell.row == 1 && $0.cell.column == 1 }.flatMap { panel -> [Band] in
            guard case let .axes(a) = panel.content else { return [] }
            return a.elements.compactMap { if case let .band(b) = $0 { b } else { nil } }
        }
        XCTAssertEqual(chips.count, r.osr.reduction.kept.count)
        let palette = Set([PathwayPalette.onFast, PathwayPalette.onSlow, PathwayPalette.offFast, PathwayPalette.offSlow])
        XCTAssertTrue(chips.allSatisfy { palette.contains($0.color) })
        XCTAssertTrue(spec.caption.contains("one row per analysed phenomenon"), spec.caption)
    }

    func testAFailedPhenomenonGetsARowSayingSo() throws {
        let r = try results()
        let message = "no burst after the reversal <b>at any speed</b> & the bar left the screen at 500 px, which is far past its right edge"
        let rows = [try row(r.osr, shown), OverviewRow(phenomenon: .reversal, title: MotionReversal.title, outcome: .failed(message: message))]
        let spec = try FigureCatalogue.overview(rows)
        XCTAssertNoThrow(try FigureValidator.validate(spec))
        let failed = text(spec, row: 1)
        XCTAssertTrue(failed.contains("analysis failed"), failed)
        XCTAssertTrue(failed.contains("Analysis failed:"), failed)
        XCTAssertTrue(failed.contains("&lt;b&gt;at any") && failed.contains("speed&lt;/b&gt; &amp; the bar"),
                      "the message is escaped for Pango and wrapped: \(failed)")
        XCTAssertFalse(failed.contains("<b>at any"), failed)
        XCTAssertFalse(failed.contains("Reduced circuit reproduces it"), failed)
        XCTAssertTrue(spec.caption.contains("A failed analysis says so in its row."))
    }

    /// A phenomenon the full model shows only partly (or not at all) is "—" in the reproduction line,
    /// even when the reduced circuit meets the criteria the full model meets.
    func testAPhenomenonTheFullModelDoesNotShowIsNeverCalledReproduced() throws {
        let r = try results()
        let partly = OverviewVerdict(criteriaMet: 1, criteriaTotal: 3, reducedMet: 1, members: .init(0, of: 5),
                                     necessary: true, sufficient: true)
        let none = OverviewVerdict(criteriaMet: 0, criteriaTotal: 2, reducedMet: 0)
        let spec = try FigureCatalogue.overview([try row(r.osr, partly), try row(r.latency, none), try row(r.reversal, shown)])
        for i in 0..<2 {
            let t = text(spec, row: i)
            XCTAssertTrue(t.contains("— (full model does not show it)"), t)
            XCTAssertFalse(t.contains("reproduces it: <b>yes") || t.contains("reproduces it: <b>partly"), t)
        }
        XCTAssertTrue(text(spec, row: 0).contains("Full model shows it: <b>partly (1 of 3 criteria)</b>"), text(spec, row: 0))
        // Five lines (the reproduction wraps): every one is drawn, inside the panel.
        XCTAssertTrue(text(spec, row: 0).contains("Ensemble members showing it: <b>0 of 5</b>"), text(spec, row: 0))
        XCTAssertTrue(text(spec, row: 0).contains("Causal test: <b>necessary yes, sufficient yes</b>"), text(spec, row: 0))
        let verdict = try XCTUnwrap(spec.panels.first { $0.cell.row == 0 && $0.cell.column == 2 })
        guard case let .axes(a) = verdict.content, case let .fixed(_, height) = a.y.limits else { return XCTFail("verdict axes") }
        let ys = a.elements.compactMap { if case let .text(t) = $0 { t.y } else { nil } }
        XCTAssertEqual(ys.count, 5)
        XCTAssertTrue(ys.allSatisfy { $0 <= height && $0 >= CatalogueOverview.textPoints }, "\(ys) in 0…\(height)")
        XCTAssertTrue(text(spec, row: 1).contains("Full model shows it: <b>no (0 of 2 criteria)</b>"), text(spec, row: 1))
        XCTAssertTrue(text(spec, row: 2).contains("Reduced circuit reproduces it: <b>yes</b>"), text(spec, row: 2))
    }

    func testVerdictWords() {
        XCTAssertEqual(OverviewVerdict(criteriaMet: 3, criteriaTotal: 3, reducedMet: 3).reproduction, .yes)
        XCTAssertEqual(OverviewVerdict(criteriaMet: 3, criteriaTotal: 3, reducedMet: 2).reproduction, .partly(met: 2, of: 3))
        XCTAssertEqual(OverviewVerdict(criteriaMet: 3, criteriaTotal: 3, reducedMet: 0).reproduction, .no)
        XCTAssertEqual(OverviewVerdict(criteriaMet: 2, criteriaTotal: 3, reducedMet: 2).reproduction, .notShown)
        XCTAssertEqual(OverviewVerdict(criteriaMet: 0, criteriaTotal: 0, reducedMet: 0).reproduction, .notShown, "no criterion: not shown")
        XCTAssertEqual(OverviewVerdict(criteriaMet: 1, criteriaTotal: 1, reducedMet: 1).showsText, "yes (1 of 1 criterion)")
        XCTAssertEqual(OverviewVerdict(criteriaMet: 2, criteriaTotal: 3, reducedMet: 2).reproductionText, "— (full model does not show it)")
        XCTAssertNil(OverviewVerdict(criteriaMet: 2, criteriaTotal: 3, reducedMet: 2).membersText)
        XCTAssertNil(OverviewVerdict(criteriaMet: 2, criteriaTotal: 3, reducedMet: 2).causalText)
        XCTAssertEqual(OverviewVerdict(criteriaMet: 2, criteriaTotal: 2, reducedMet: 2, necessary: true).causalText,
                       "necessary yes, sufficient n/a")
    }

    /// One to five rows (a run of one phenomenon up to all of them) give a valid figure whose height
    /// grows with the rows, every verdict line inside its column.
    func testOneToFiveRows() throws {
        let r = try results()
        let all = [try row(r.osr, shown), try row(r.latency, shown), try row(r.reversal, shown), try row(r.anticipation, shown),
                   OverviewRow(phenomenon: .adaptation, title: "Contrast adaptation", outcome: .failed(message: "interrupted"))]
        var heights: [Double] = []
        for n in 1...5 {
            let spec = try FigureCatalogue.overview(Array(all.prefix(n)))
            XCTAssertNoThrow(try FigureValidator.validate(spec), "\(n) rows")
            XCTAssertEqual(spec.grid.rows.count, n)
            heights.append(spec.heightMillimetres)
            for panel in spec.panels where panel.cell.column == 2 {
                guard case let .axes(a) = panel.content, case let .fixed(_, width) = a.x.limits else { return XCTFail("verdict axes") }
                for case let .text(t) in a.elements {
                    XCTAssertLessThanOrEqual(t.x + CatalogueOverview.width(t.text), width + 1e-9, "\(t.text) sticks out of its column")
                }
            }
        }
        XCTAssertEqual(heights, heights.sorted())
        XCTAssertThrowsError(try FigureCatalogue.overview([]))
    }

    /// Every phenomenon's headline trace is read from its result: one rate per time, the event (0 ms)
    /// inside the time range, the ground truth exactly when the analysis compared one.
    func testHeadlineTraceOfEachPhenomenon() throws {
        let r = try results()
        let traces: [(HeadlineTrace, Bool)] = [
            (try OmittedStimulusResponse.headlineTrace(for: r.osr), r.osr.groundTruthMetric != nil),
            (try LatencyCoding.headlineTrace(for: r.latency), r.latency.groundTruthMetric != nil),
            (try MotionReversal.headlineTrace(for: r.reversal), r.reversal.groundTruthMetric != nil),
            (try MotionAnticipation.headlineTrace(for: r.anticipation), r.anticipation.groundTruthMetric != nil),
        ]
        for (t, truth) in traces {
            XCTAssertGreaterThan(t.timesMs.count, 2, t.condition)
            XCTAssertEqual(t.fullHz.count, t.timesMs.count); XCTAssertEqual(t.reducedHz.count, t.timesMs.count)
            XCTAssertEqual(t.groundTruthHz != nil, truth, t.condition)
            XCTAssertEqual(t.timesMs, t.timesMs.sorted(), t.condition)
            XCTAssertTrue((t.timesMs.first ?? 1)...(t.timesMs.last ?? 0) ~= 0, "\(t.condition): the event lies in the window")
            XCTAssertTrue(t.timeLabel.hasPrefix("time from"), t.timeLabel)
        }
        XCTAssertEqual(traces[0].0.condition, "period 60 ms", "the middle of the osr-traces periods 40, 60, 80")
        XCTAssertEqual(traces[1].0.condition, "contrast \u{2212}1", "the strongest step (dark: polarity −1)")
        // A result run with another protocol than it carries is refused like its figures.
        var mismatched = r.osr
        mismatched.parameters.periodsMs = [30]
        XCTAssertThrowsError(try OmittedStimulusResponse.headlineTrace(for: mismatched))
    }

    func testKeptPathwaysMergeByTypeInRankingOrder() throws {
        let types = try results().osr.channelTypes
        var on = types[0], off = types[0]
        (on.polarity, on.speed) = (.on, .slow)
        (off.polarity, off.speed) = (.off, .fast)
        XCTAssertEqual(KeptPathway.merging([on, off, on, on]),
                       [KeptPathway(label: "ON slow", polarity: .on, speed: .slow, groups: 3),
                        KeptPathway(label: "OFF fast", polarity: .off, speed: .fast, groups: 1)])
        XCTAssertEqual(KeptPathway.merging([on])[0].color, PathwayPalette.onSlow)
    }
}
