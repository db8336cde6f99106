import Foundation
import Mechanisms
import RetinaCore
import Phenomena
import Training
import XCTest
import ModelCards
@testable import Report
@testable import ReportKit

/// The assembled report on real analyses of a tiny random BN-CNN (``AssemblyFixtures``).
final class ReportAssemblerTests: XCTestCase {
    private func analyses() throws -> AssemblyFixtures.Analyses { try AssemblyFixtures.analyses.get() }

    private func fullDocument() throws -> (ReportDocument, AssemblyFixtures.Analyses) {
        let a = try analyses()
        return (ReportAssembler.document(for: AssemblyFixtures.inputs(a.outcomes, card: try AssemblyFixtures.card())), a)
    }

    // MARK: - Structure

    func testEverySectionIsPresentWithStableAnchors() throws {
        let (doc, _) = try fullDocument()
        XCTAssertEqual(doc.title, "Mechanisms of retinal prediction in tiny.safetensors")
        XCTAssertEqual(doc.sections.map(\.id), ["summary", "osr", "latency", "reversal", "anticipation", "model-card", "methods"])
        for p: Phenomenon in [.osr, .latency, .reversal, .anticipation] {
            let s = try section(doc, p.rawValue)
            XCTAssertEqual(s.title.plainText, p.title)
            XCTAssertEqual(s.subsections.count, 0, "parts are headings, so the contents list each phenomenon once")
            XCTAssertEqual(headingIDs(s), ["stimulus", "figures", "metrics", "reduction", "mechanism", "comparison",
                                           "completeness", "data"].map { "\(p.rawValue)-\($0)" })
            XCTAssertEqual(headingIDs(s), ReportAssembler.partIDs(p, dataFiles: true))
        }
        XCTAssertEqual(try section(doc, "model-card").subsections.map(\.id),
                       ["model-architecture", "model-training", "model-accuracy", "model-criteria", "model-figures"])
        XCTAssertEqual(try section(doc, "methods").subsections.map(\.id),
                       ["methods-ig", "methods-pooling", "methods-channel-types", "methods-reduction", "methods-reproduction",
                        "references"])
        let index = doc.index()
        XCTAssertEqual(index.section("osr")?.number, "2")
        XCTAssertEqual(index.section("methods")?.number, "7")
        XCTAssertTrue(index.headingIDs.contains("reversal-mechanism"))
        let markdown = MarkdownRenderer().render(doc)
        for id in ["summary", "osr", "latency", "reversal", "anticipation", "model-card", "methods", "osr-comparison",
                   "anticipation-data", "methods-reproduction"] {
            XCTAssertTrue(markdown.contains("<a id=\"sec-\(id)\"></a>"), id)
        }
        XCTAssertNoThrow(try doc.validate())
        XCTAssertEqual(doc.colophon?.text, "Run 20261129T101500Z-7ccbfff7 · retina-report 0.1.0 · commit 0123456789ab")
        XCTAssertEqual(doc.metadata.map(\.label), ["Run", "Date (UTC)", "Tool", "Model", "Command", "Ground truth"])
        XCTAssertEqual(doc.metadata[1].value.plainText, "2026-11-29 10:15:00 UTC")
        XCTAssertEqual(doc.metadata[3].value.plainText, "models/tiny.safetensors, SHA-256 9f86d081884c…")
    }

    func testPhenomenaFollowTheInputOrder() throws {
        let a = try analyses()
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(a.anticipation), PhenomenonReportInput(a.osr)], card: nil))
        XCTAssertEqual(doc.sections.map(\.id), ["summary", "anticipation", "osr", "model-card", "methods"])
        XCTAssertEqual(try table(doc, "summary-phenomena").rows.map { $0[0].plainText }, ["Motion anticipation", "Omitted stimulus response"])
        XCTAssertNoThrow(try doc.validate())
    }

    func testFiguresAreNumberedInInputOrderAndReferencedFromTheText() throws {
        let (doc, _) = try fullDocument()
        let expected = ["osr-responses", "osr-attributions", "latency-responses", "latency-attributions", "reversal-responses",
                        "reversal-attributions", "anticipation-responses", "anticipation-attributions", "model-filters"]
        let numbers = doc.index().figureNumbers
        XCTAssertEqual(expected.map { numbers[$0] }, Array(1...9))
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertTrue(markdown.contains("[Figure 3](#fig-latency-responses) and [Figure 4](#fig-latency-attributions) show"))
        XCTAssertTrue(markdown.contains("[Figure 9](#fig-model-filters) shows the model itself"))
        // Captions appear in number order, each after the paragraph that cites it.
        var last = markdown.startIndex
        for n in 1...9 {
            let caption = try XCTUnwrap(markdown.range(of: "**Figure \(n).**", range: last..<markdown.endIndex), "Figure \(n)")
            let citation = try XCTUnwrap(markdown.range(of: "[Figure \(n)](#fig-\(expected[n - 1]))"))
            XCTAssertLessThan(citation.lowerBound, caption.lowerBound, "Figure \(n) is cited before it appears")
            last = caption.upperBound
        }
    }

    func testAFailedAnalysisBecomesAnErrorSectionAndTheOthersRemain() throws {
        let a = try analyses()
        let failure = AssemblyFixtures.failed(.reversal, step: "analysis/reversal",
                                             message: "no burst after the reversal <b>at any speed</b>")
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs(
            [PhenomenonReportInput(a.osr), PhenomenonReportInput(a.latency), failure, PhenomenonReportInput(a.anticipation)], card: try AssemblyFixtures.card()))
        XCTAssertNoThrow(try doc.validate())
        let reversal = try section(doc, "reversal")
        guard case let .callout(callout)? = reversal.blocks.first else { return XCTFail("no error callout") }
        XCTAssertEqual(callout.kind, .error)
        XCTAssertTrue(callout.paragraphs.contains { $0.plainText == "no burst after the reversal <b>at any speed</b>" })
        XCTAssertTrue(callout.paragraphs[0].plainText.contains("analysis/reversal"))
        XCTAssertEqual(headingIDs(reversal), ["reversal-stimulus"], "the stimulus it was run on is still shown")
        XCTAssertTrue(reversal.blocks.contains { if case let .parameters(p) = $0 { p.id == "reversal-parameters" } else { false } })
        for p in [Phenomenon.osr, .latency, .anticipation] {
            XCTAssertEqual(headingIDs(try section(doc, p.rawValue)), ReportAssembler.partIDs(p, dataFiles: true))
        }
        let summary = try table(doc, "summary-phenomena"), row = summary.rows[2]
        XCTAssertEqual(row[1].runs, [.text("failed — see "), .sectionReference(id: "reversal")])
        XCTAssertEqual(row.count, summary.header.count)
        XCTAssertGreaterThan(row.count, 2)
        XCTAssertTrue(row[2...].allSatisfy { $0.plainText == "—" })
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertTrue(markdown.contains("failed — see [Section 4 (Motion reversal)](#sec-reversal)"))
        XCTAssertTrue(markdown.contains("&lt;b>at any speed&lt;/b>"), "the message is escaped")
        XCTAssertFalse(markdown.contains("<b>at any speed"))
        XCTAssertEqual(doc.index().figureNumbers["anticipation-responses"], 5, "numbering skips the failed analysis")
    }

    // MARK: - Numbers

    /// A phenomenon whose full model meets 1 of 3 criteria is "partly (1 of 3 criteria)" in the table
    /// and the sentence, never counted as shown (issue #10: the OSR timing that *is* the OSR failed).
    func testAPhenomenonMetOnOneCriterionIsPartlyNeverShown() throws {
        let a = try analyses()
        var osr = AssemblyFixtures.fixedOSR(a.osr)
        osr.fullMetric.slopeVsPeriod = 1.43
        osr.fullMetric.latencySpreadMs = 42
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(osr)], card: try AssemblyFixtures.card()))
        XCTAssertEqual(try table(doc, "summary-phenomena").rows[0][5].plainText, "partly (1 of 3 criteria)")
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertTrue(markdown.contains("the full model shows the phenomenon only partly (1 of 3 criteria)"), markdown)
        XCTAssertFalse(markdown.contains("The full model shows the phenomenon and"))
    }

    func testSummaryTableHasOneRowPerPhenomenonWithTheMetricRowNumbers() throws {
        let (doc, a) = try fullDocument()
        let summary = try table(doc, "summary-phenomena")
        XCTAssertEqual(summary.rows.count, 4)
        let results: [(rows: [MetricRow], headline: Int, keptLabels: [String], gap: Double, comparison: CircuitComparison)] = [
            (a.osr.metricRows, 0, a.osr.reduction.kept.map { a.osr.channelTypes[$0.channel].label },
             a.osr.completeness.maxGapOverResponseRange, a.osr.statement.comparison),
            (a.latency.metricRows, 0, a.latency.reduction.kept.map { a.latency.channelTypes[$0.channel].label },
             a.latency.completeness.maxGapOverResponseRange, a.latency.statement.comparison),
            (a.reversal.metricRows, 0, a.reversal.reduction.kept.map { a.reversal.channelTypes[$0.channel].label },
             a.reversal.completeness.maxGapOverResponseRange, a.reversal.statement.comparison),
            (a.anticipation.metricRows, 1, a.anticipation.reduction.kept.map { a.anticipation.channelTypes[$0.channel].label },
             a.anticipation.completeness.maxGapOverResponseRange, a.anticipation.statement.comparison),
        ]
        for (row, r) in zip(summary.rows, results) {
            XCTAssertEqual(row.count, summary.header.count)
            let h = r.rows[r.headline]
            XCTAssertEqual(row[1].plainText, h.unit.isEmpty ? h.name : "\(h.name) (\(h.unit))")
            XCTAssertEqual(row[2].plainText, NumberText.significant(h.full))
            XCTAssertEqual(row[3].plainText, NumberText.significant(h.reduced))
            XCTAssertEqual(row[4].plainText, NumberText.significant(h.groundTruth))
            XCTAssertNotEqual(row[4].plainText, "n/a", "the network is its own ground truth here")
            XCTAssertTrue(["yes", "partly", "no"].contains { row[5].plainText.hasPrefix($0) }, row[5].plainText)
            XCTAssertEqual(row[7].plainText, "—", "library-default circuits do not divide")
            // Every kept label appears, in ranking order.
            var rest = Substring(row[8].plainText)
            XCTAssertFalse(r.keptLabels.isEmpty, "the reduction keeps at least one channel")
            for label in r.keptLabels {
                let found = try XCTUnwrap(rest.range(of: label), "\(label) in \(row[8].plainText)")
                if !r.keptLabels.dropFirst().contains(label) { rest = rest[found.upperBound...] }
            }
            XCTAssertEqual(row[9].plainText, "\(r.comparison.recovered) of \(r.comparison.matches.count) found")
        }
        // The largest completeness gap is stated once, in the outcome sentence above the table.
        let worst = try XCTUnwrap(results.map(\.gap).max())
        let summaryText = try XCTUnwrap(doc.sections.first { $0.id == "summary" }).blocks.compactMap { block -> String? in
            if case let .paragraph(t) = block { return t.plainText }
            return nil
        }.joined(separator: " ")
        XCTAssertTrue(summaryText.contains("largest IG completeness gap of any analysis is \(NumberText.significant(100 * worst, 2)) %"), summaryText)
        // The metric table of a phenomenon lists every metric row.
        let osrMetrics = try table(doc, "osr-metrics")
        XCTAssertEqual(osrMetrics.rows.map { $0[0].plainText }, a.osr.metricRows.map(\.name))
        XCTAssertEqual(osrMetrics.rows.map { $0[2].plainText }, a.osr.metricRows.map { NumberText.significant($0.full) })
    }

    func testReductionTablesShowTheFittedCircuit() throws {
        let (doc, a) = try fullDocument()
        let kept = try table(doc, "osr-kept")
        XCTAssertEqual(kept.rows.count, a.osr.reduction.model.units.count)
        XCTAssertFalse(kept.rows.isEmpty)
        for (row, unit) in zip(kept.rows, a.osr.reduction.model.units) {
            XCTAssertEqual(row[1].plainText, unit.group.description)
            XCTAssertEqual(row[6].plainText, NumberText.significant(unit.weight))
            XCTAssertEqual(row[7].plainText, NumberText.significant(unit.threshold))
        }
        let bars = try table(doc, "reversal-kept")
        XCTAssertEqual(bars.header[2].plainText, "Δx (px)", "bar groups show their position")
        let fit = try table(doc, "osr-fit")
        XCTAssertEqual(fit.rows.count, 1 + a.osr.reduction.conditions.count, "overall plus one row per period")
        XCTAssertEqual(fit.rows[0][1].plainText, NumberText.fixed(a.osr.reduction.model.fit.pearson, decimals: 3))
        XCTAssertEqual(try table(doc, "osr-channels").rows.count, AssemblyFixtures.architecture.conv1Channels)
        XCTAssertEqual(try table(doc, "osr-planted").rows.count, a.osr.statement.comparison.matches.count)
    }

    func testADivisiveCircuitShowsItsGainsAndFormula() throws {
        let a = try analyses()
        var osr = AssemblyFixtures.fixedOSR(a.osr)
        osr.reduction.model.units[1].divisiveGain = 0.0425
        osr.reduction.model.units[1].peakActivity = 20
        var inputs = AssemblyFixtures.inputs([PhenomenonReportInput(osr)], card: try AssemblyFixtures.card())
        inputs.settings.reduction.divisiveGains = [0, 0.5, 1, 2, 4]
        let doc = ReportAssembler.document(for: inputs)
        let kept = try table(doc, "osr-kept")
        XCTAssertEqual(kept.header.suffix(2).map(\.plainText), ["vₖ (1/z)", "÷ at peak"])
        XCTAssertEqual(kept.rows.map { $0[$0.count - 2].plainText }, ["0", NumberText.significant(0.0425), "0"])
        XCTAssertEqual(kept.rows.map { $0.last?.plainText }, ["—", "1.9×", "—"], "1 + 0.0425 · 20 = 1.85")
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertTrue(markdown.contains("r(t) = [w0 + Σ_k w_k h_k(t)]+ / (1 + Σ_k v_k h_k(t))"), "divisive formula in the methods")
        XCTAssertTrue(markdown.contains("r(t) = \\[w₀ + Σₖ wₖ hₖ(t)\\]₊ / (1 + Σₖ vₖ hₖ(t))"), "and in the analysis section")
        // The subtractive fixture shows neither.
        let plain = try table(try fullDocument().0, "osr-kept")
        XCTAssertFalse(plain.header.contains { $0.plainText.hasPrefix("vₖ") })
    }

    /// A dividing circuit gets its division ablation: a column in the metric and criteria tables and
    /// a sentence that says whether the phenomenon needs the divisive units.
    func testTheDivisionAblationIsShownBesideTheReducedCircuit() throws {
        var latency = try analyses().latency
        func document(_ l: LatencyAnalysisResult) -> ReportDocument {
            ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(l)], card: nil))
        }
        XCTAssertFalse(try table(document(latency), "latency-metrics").header.contains { $0.plainText == "Reduced, no ÷" })

        // Full and reduced meet both criteria; the ablation misses the shift.
        latency.fullMetric.spearmanRho = -1; latency.fullMetric.shiftMs = 25
        latency.reducedMetric.spearmanRho = -1; latency.reducedMetric.shiftMs = 22
        var ablation = latency.reducedMetric
        ablation.shiftMs = 11.5
        latency.subtractiveMetric = ablation
        latency.reduction.subtractiveModel = latency.reduction.model
        latency.metricRows[0].subtractive = 11.5
        let doc = document(latency)
        let metrics = try table(doc, "latency-metrics")
        XCTAssertEqual(metrics.header.map(\.plainText), ["Metric", "Unit", "Full", "Reduced", "Reduced, no ÷", "Ground truth"])
        XCTAssertEqual(metrics.rows[0][4].plainText, "11.5")
        let checks = try table(doc, "latency-checks")
        XCTAssertEqual(checks.header[4].plainText, "Reduced, no ÷")
        XCTAssertEqual(checks.rows.map { $0[4].plainText }, ["−1.00 ✓", "11.5 ✗"])
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertTrue(markdown.contains("meets only 1 of the 2 criteria: the phenomenon needs the divisive (gain-control) units"),
                      "the verdict on the ablation")
        XCTAssertEqual(try table(doc, "summary-phenomena").rows[0][7].plainText, "yes", "needs ÷")

        // An ablation that reproduces everything says division is not needed.
        latency.subtractiveMetric?.shiftMs = 20
        XCTAssertTrue(MarkdownRenderer().render(document(latency)).contains("also reproduces the phenomenon: division is not needed for it"))
        XCTAssertEqual(try table(document(latency), "summary-phenomena").rows[0][7].plainText, "no")
    }

    func testManyConditionsAreSummarised() throws {
        var anticipation = try analyses().anticipation
        let c = anticipation.reduction.conditions
        anticipation.reduction.conditions = (0..<5).flatMap { _ in c }
        XCTAssertGreaterThan(anticipation.reduction.conditions.count, ReportAssembler.maxConditionRows)
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(anticipation)], card: nil))
        let fit = try table(doc, "anticipation-fit")
        XCTAssertEqual(fit.rows.map { String($0[0].plainText.prefix(7)) }, ["all con", "lowest ", "median ", "highest"])
        let pearsons = anticipation.reduction.conditions.map(\.reduced.pearson).filter(\.isFinite)
        XCTAssertEqual(fit.rows[1][1].plainText, NumberText.fixed(pearsons.min(), decimals: 3))
        XCTAssertEqual(fit.rows[3][1].plainText, NumberText.fixed(pearsons.max(), decimals: 3))
    }

    func testFlatConditionsAreLeftOutOfThePerConditionSummary() throws {
        var anticipation = try analyses().anticipation
        let c = anticipation.reduction.conditions
        anticipation.reduction.conditions = (0..<5).flatMap { _ in c }
        for i in anticipation.reduction.conditions.indices {
            let flat = i % 2 == 0
            anticipation.reduction.conditions[i].reduced.targetRangeHz = flat ? 0.2 : 5
            anticipation.reduction.conditions[i].reduced.pearson = flat ? -0.9 : 0.5 + 0.01 * Double(i)
        }
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(anticipation)], card: nil))
        let fit = try table(doc, "anticipation-fit")
        let responsive = anticipation.reduction.conditions.filter { $0.reduced.targetRangeHz == 5 }.map(\.reduced.pearson)
        XCTAssertEqual(fit.rows[1][1].plainText, NumberText.fixed(responsive.min(), decimals: 3), "a flat −0.9 is not the lowest")
        XCTAssertEqual(fit.rows[3][1].plainText, NumberText.fixed(responsive.max(), decimals: 3))
        let caption = fit.caption?.plainText ?? ""
        XCTAssertTrue(caption.contains("\(responsive.count) conditions whose response spans at least 1 Hz "
            + "(\(anticipation.reduction.conditions.count - responsive.count) flat ones left out)"), caption)
    }

    func testMissingAndNonFiniteNumbersReadNotAvailable() throws {
        var osr = try analyses().osr
        osr.metricRows[0].full = .nan
        osr.metricRows[0].reduced = .infinity
        osr.metricRows[1].groundTruth = nil
        osr.completeness.maxGapOverResponseRange = .nan
        osr.reduction.model.fit.pearson = .nan
        osr.reduction.model.units[0].weight = -.infinity
        osr.fullMetric.slopeVsPeriod = .nan
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(osr)], card: nil))
        XCTAssertNoThrow(try doc.validate())
        let markdown = MarkdownRenderer().render(doc)
        let html = HTMLRenderer(assetRoot: URL(fileURLWithPath: "/nonexistent")).render(doc).html
        for (name, text) in [("markdown", markdown), ("html", html)] {
            let bad = try NSRegularExpression(pattern: "\\b(nan|inf|infinity)\\b", options: [.caseInsensitive])
            let match = bad.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
            XCTAssertNil(match, "\(name) prints \(match.map { (text as NSString).substring(with: $0.range) } ?? "")")
        }
        let summary = try table(doc, "summary-phenomena").rows[0]
        XCTAssertEqual(summary[2].plainText, "n/a")
        XCTAssertEqual(summary[3].plainText, "n/a")
        XCTAssertEqual(summary.count, 9, "no answer key, no gap column")
        XCTAssertFalse(ReportAssembler.outcomeSentence(AssemblyFixtures.inputs([PhenomenonReportInput(osr)], card: nil)).plainText.lowercased().contains("nan"), "a NaN gap is not stated")
        XCTAssertEqual(try table(doc, "osr-fit").rows[0][1].plainText, "n/a")
        XCTAssertEqual(try table(doc, "osr-kept").rows[0][6].plainText, "n/a")
    }

    // MARK: - Model card, warnings, escaping

    func testWithoutAModelCardTheSectionSaysSo() throws {
        let a = try analyses()
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(a.osr)], card: nil, groundTruthCompared: false))
        XCTAssertNoThrow(try doc.validate())
        let card = try section(doc, "model-card")
        XCTAssertEqual(card.subsections.map(\.id), ["model-architecture", "model-memory-coverage", "model-figures"])
        guard case let .callout(note)? = card.blocks.first else { return XCTFail("no note") }
        XCTAssertEqual(note.title.plainText, "No model card")
        // An imported model: its coverage is unknown here, and the section names the command that measures it
        // with the model's own window.
        let memory = try XCTUnwrap(card.subsections.first { $0.id == "model-memory-coverage" })
        guard case let .callout(unmeasured)? = memory.blocks.first else { return XCTFail("no coverage note") }
        XCTAssertEqual(unmeasured.title.plainText, "Memory coverage not measured")
        let window = AssemblyFixtures.inputs([PhenomenonReportInput(a.osr)], card: nil).model.architecture.historyFrames
        XCTAssertTrue(unmeasured.paragraphs[0].plainText.contains("inspect-data RECORDING --history \(window)"))
        XCTAssertEqual(try table(doc, "model-layers").rows.map { $0[2].plainText },
                       ["20 × 8 × 16", "4 × 4 × 12", "3 × 2 × 10", "3"])
        // No answer key and no ground-truth columns for a model not trained on the simulated retina.
        let osr = try section(doc, "osr")
        XCTAssertEqual(headingIDs(osr), ReportAssembler.partIDs(.osr, dataFiles: true, answerKey: false))
        let summary = try table(doc, "summary-phenomena")
        XCTAssertFalse(summary.header.contains { $0.plainText == "Answer key" || $0.plainText == "Ground truth" })
    }

    /// A recording-trained model: its card section names the data source and gives the test accuracy
    /// against the noise ceiling; no answer key and no ground-truth column anywhere.
    func testARecordingModelShowsItsDataSourceAndNoAnswerKey() throws {
        var card = try AssemblyFixtures.card()
        card.dataSource = try JSONDecoder().decode(RecordingDataSource.self, from: Data("""
            {"kind": "recording", "fileName": "15-10-07_naturalscene.h5", "sha256": "0123456789abcdef0123", "format": "deep-retina-hdf5",
             "datasets": {}, "cellIDs": ["cell01", "cell02", "cell03"], "responseUnit": "Hz", "sourceFramePeriodSeconds": 0.01,
             "trainFrames": 54000, "validationFrames": 6000, "testFrames": 3000, "testSplit": "test group",
             "normalisation": {"mean": 127.5, "std": 40}, "pairing": "next-bin", "warnings": [],
             "test": {"reference": "repeat mean", "repeats": 5, "correlation": [0.7, 0.6, 0.5],
                      "noiseCeiling": [0.8, 0.75, 0.7], "fractionOfExplainableVarianceExplained": [0.7, 0.6, 0.5]}}
            """.utf8))
        let a = try analyses()
        let doc = ReportAssembler.document(for: AssemblyFixtures.inputs([PhenomenonReportInput(a.osr)], card: card,
                                                                        groundTruthCompared: false))
        XCTAssertNoThrow(try doc.validate())
        let accuracy = try table(doc, "model-test-accuracy")
        XCTAssertEqual(accuracy.rows.map { $0[0].plainText }, ["cell01", "cell02", "cell03", "mean"])
        XCTAssertEqual(accuracy.rows.last?[1].plainText, "0.600")
        XCTAssertEqual(accuracy.rows.last?[2].plainText, "0.750")
        let markdown = MarkdownRenderer().render(doc)
        XCTAssertTrue(markdown.contains("15-10-07_naturalscene.h5"))
        XCTAssertTrue(markdown.contains("there is no planted circuit to compare with"))
        XCTAssertFalse(try table(doc, "summary-phenomena").header.contains { $0.plainText == "Answer key" || $0.plainText == "Ground truth" })
        XCTAssertEqual(headingIDs(try section(doc, "osr")), ReportAssembler.partIDs(.osr, dataFiles: true, answerKey: false))
    }

    func testModelCardTablesComeFromTheCard() throws {
        let (doc, _) = try fullDocument()
        let heldOut = try table(doc, "model-heldout")
        XCTAssertEqual(heldOut.rows.map { $0[1].plainText }, ["0.810", "0.774", "0.851", "0.812"])
        XCTAssertEqual(heldOut.rows.map { $0[2].plainText }, ["64.0", "58.0", "71.3", "64.4"])
        let criteria = try table(doc, "model-criteria")
        XCTAssertEqual(criteria.rows.map { $0[3].plainText }, ["pass", "fail"])
        XCTAssertEqual(criteria.rows.map { $0[1].plainText }, ["0.930", "9.50 ms"])
        XCTAssertEqual(criteria.rows.map { $0[2].plainText }, ["0.8 … 1.2", "≥ 15 ms"])
        XCTAssertEqual(criteria.rows.map { $0[4].plainText }, ["2 of 3", "0 of 3"])
        let recipe = try table(doc, "model-recipe")
        XCTAssertEqual(recipe.rows.first { $0[0].plainText == "seed" }?[1].plainText, "7")
        XCTAssertEqual(recipe.rows.first { $0[0].plainText == "stimulus ensemble" }?[1].plainText,
                       "60 % natural scenes, 20 % white noise, 20 % full-field flicker")
    }

    func testWarningsAreACalloutAndUserTextIsEscaped() throws {
        let a = try analyses()
        var inputs = AssemblyFixtures.inputs([PhenomenonReportInput(a.osr)], card: nil,
                                             warnings: ["<script>alert(1)</script> & a second clause", "plain warning"])
        inputs.commandLine = "retina-report analyze \"<img src=x>\""
        let doc = ReportAssembler.document(for: inputs)
        guard case let .callout(warning)? = try section(doc, "summary").blocks.first else { return XCTFail("no warning callout") }
        XCTAssertEqual(warning.kind, .warning)
        XCTAssertEqual(warning.title.plainText, "2 warnings")
        XCTAssertEqual(warning.paragraphs.map(\.plainText), inputs.warnings)
        let html = HTMLRenderer(assetRoot: URL(fileURLWithPath: "/nonexistent")).render(doc).html
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<img src=x>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; a second clause"))
    }
}
