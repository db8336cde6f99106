import Foundation
@testable import Report
@testable import ReportKit

/// A small synthetic report shaped like the real one: summary table, one phenomenon with
/// parameters, figures and a mechanism statement, one failed analysis, model card and methods.
enum SampleReport {
    static let runID = "20261129T101500Z-7ccbfff7"

    static func document() -> ReportDocument {
        let summary = ReportTable(
            id: "summary",
            header: ["Phenomenon", "Metric", "Full model", "Reduced", "Ground truth", "Kept pathways",
                     "Completeness gap (%)"],
            rows: [
                ["OSR", "peak latency after omission (ms)", "52", "55", "50", "2 of 8", "0.8"],
                ["Latency coding", "latency slope (ms per log contrast)", "−31", "−29", "−33", "2 of 8", "1.2"],
                ["Motion reversal", "reversal response (Hz)", "—", "—", "41", "—", "—"],
                ["Motion anticipation", "peak lead (µm)", "83", "80", "85", "3 of 8", "2.5"],
            ],
            alignments: [.left, .left, .right, .right, .right, .center, .right],
            caption: "Phenomenon metrics of the full CNN, the reduced circuit and the simulated ground "
                + "truth. The completeness gap is |Σ attributions − Δ rate| / |Δ rate|.")
        let osrParameters = ParameterTable(
            id: "osr-parameters",
            entries: [
                .init("flash duration", "20", unit: "ms", note: "2 frames"),
                .init("flash period", "100", unit: "ms"),
                .init("omitted flash", "12th", note: "index of the first missing flash"),
                .init("contrast", "1.0", note: "full-field, Weber contrast"),
                .init("IG steps", "50", note: "Gauss–Legendre quadrature"),
            ],
            caption: "Stimulus and attribution parameters of the OSR analysis.")
        let osr = ReportSection("Omitted-stimulus response", id: "osr", subsections: [
            ReportSection("Stimulus and parameters", id: "osr-stimulus", blocks: [
                .paragraph("A periodic train of full-field flashes with one flash omitted; the response "
                    + "peaks about one period after the expected flash (" + .table("osr-parameters") + ")."),
                .parameters(osrParameters),
            ]),
            ReportSection("Responses and attributions", id: "osr-responses", blocks: [
                .figure(ReportFigure(
                    id: "osr-traces",
                    caption: "Firing rate (Hz) of the full model (blue) and the stimulus (orange) against "
                        + "time (s). The omitted flash is at 1.2 s.",
                    altText: "Line plot of firing rate over time with a peak after the omitted flash",
                    files: .init(png: "figures/fig01-osr-traces.png", svg: "figures/fig01-osr-traces.svg"),
                    widthMillimetres: 120)),
                .figure(ReportFigure(
                    id: "osr-attribution",
                    caption: "Integrated-gradients attribution (Hz) of the eight first-layer channels "
                        + "against time (s); the two kept channels carry 96 % of the response.",
                    files: .init(png: "figures/fig02-osr-attribution.png", pdf: "figures/fig02-osr-attribution.pdf"))),
                .paragraph("Channels 3 and 5 dominate " + .figure("osr-attribution")
                    + "; their sum reproduces the peak in " + .figure("osr-traces") + "."),
            ]),
            ReportSection("Mechanism", id: "osr-mechanism", blocks: [
                .heading("Generated statement", id: "osr-statement"),
                .paragraph("An " + .emphasis("ON") + " pathway (channel " + .code("c3")
                    + ") and a delayed " + .emphasis("OFF") + " pathway (" + .code("c5")
                    + ") sum; the omission releases the OFF rebound. See " + .link("Schwartz et al. 2007", to: "https://doi.org/10.1038/nn1887") + "."),
                .list(["Kept channels: c3, c5", "Removed: 6 of 8 (completeness gap 0.8 %)"]),
                .callout(ReportCallout(kind: .info, title: "Comparison with the planted circuit",
                                       paragraphs: ["Matches the planted ON + delayed OFF circuit of the ground-truth retina."])),
            ]),
        ])
        let reversal = ReportSection.failure(
            "Motion reversal", id: "reversal", step: "analysis/reversal",
            message: "reduced model reproduces no reversal response: peak 0.0 Hz, expected > 5 Hz",
            detail: "MechanismsError.noResponse(phenomenon: \"reversal\", peakHz: 0.0)\n  at step analysis/reversal")
        let modelCard = ReportSection("Model card", id: "model-card", blocks: [
            .definitions(DefinitionList([
                .init("Architecture", "3-layer BN-CNN: 8 × 15×15 conv, 8 × 11×11 conv, dense to 5 cells; softplus output"),
                .init("Training", "Poisson loss, Adam (lr 1e-3), 40 epochs, seed " + .code("7")),
                .init("Held-out accuracy", "mean correlation 0.81 across 5 cells"),
            ])),
        ])
        let methods = ReportSection("Methods", id: "methods", blocks: [
            .paragraph("Attributions are integrated gradients to first-layer channels, pooled over space. "
                + "Reduction keeps channels until the completeness gap is below 5 %."),
            .preformatted("swift run -c release retina-report --seed 7 --ig-steps 50", language: "sh"),
            .callout(ReportCallout(kind: .warning, title: "Coarse quadrature",
                                   paragraphs: ["Completeness gaps above 2 % suggest more IG steps."])),
        ])
        return ReportDocument(
            title: "Retina CNN mechanisms: OSR & motion reversal (sample)",
            metadata: [
                .init("Run", .code(runID)),
                .init("Model", "BN-CNN trained on the simulated retina, 5 cells"),
                .init("Seed", "7"),
            ],
            sections: [ReportSection("Summary", id: "summary", blocks: [
                .paragraph("Four phenomena were analysed; " + .section("reversal") + " failed and is shown "
                    + "as an error section."),
                .table(summary),
            ]), osr, reversal, modelCard, methods],
            colophon: .init(runID: runID, toolName: "retina-report", toolVersion: "0.1.0",
                            gitCommit: "0123456789abcdef0123456789abcdef01234567"))
    }

    /// Writes the sample's figure files into `folder` (PNG, SVG, PDF stand-ins).
    /// - Parameter large: screenshot-sized PNGs instead of tiny ones.
    static func writeFigures(into folder: URL, large: Bool = false) throws {
        let figures = folder.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        let (w, h) = large ? (900, 360) : (24, 12)
        try TinyPNG.plot(width: w, height: h).write(to: figures.appendingPathComponent("fig01-osr-traces.png"))
        try TinyPNG.plot(width: w, height: h, phase: 1.3).write(to: figures.appendingPathComponent("fig02-osr-attribution.png"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"12\"/>\n".utf8)
            .write(to: figures.appendingPathComponent("fig01-osr-traces.svg"))
        try Data("%PDF-1.4\n%stand-in\n".utf8).write(to: figures.appendingPathComponent("fig02-osr-attribution.pdf"))
    }
}
