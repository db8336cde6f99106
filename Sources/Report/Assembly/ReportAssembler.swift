import Foundation
import Phenomena
import ReportKit

/// Turns everything a run produced (``ReportInputs``) into the per-run report document.
///
/// Pure: the same inputs give the same document; nothing is recomputed — every number comes from the
/// inputs (the analyses' metric rows, reductions, statements and completeness, the model card), and
/// only counted, compared with the project's thresholds or reformatted here. Missing or non-finite
/// numbers read "n/a". All user-controlled text (paths, command line, warnings, error messages) is
/// placed in the document model as plain text, which the renderers escape.
///
/// Sections and their stable ids (anchors are `sec-<id>`):
///
/// | Section | id |
/// |---|---|
/// | Summary | `summary` |
/// | one per phenomenon, in input order | `osr`, `latency`, `reversal`, `anticipation`, `adaptation` |
/// | Hypotheses (when tested) | `hypotheses` |
/// | Testable predictions (with causal tests) | `predictions` |
/// | Model card | `model-card` |
/// | Methods | `methods` |
///
/// Parts of a phenomenon `p` are anchored headings (not numbered, so the table of contents stays
/// short): `p-stimulus`, `p-figures`, `p-metrics`, `p-reduction`, `p-mechanism`, `p-comparison`,
/// `p-completeness`, `p-data` (when data files were written); its tables `p-parameters`, `p-metrics`,
/// `p-checks`, `p-kept`, `p-fit`, `p-channels`, `p-planted`, `p-completeness`. A failed analysis
/// keeps the id `p` and becomes a ``ReportSection/failure(_:id:step:message:detail:)`` section
/// followed by its `p-stimulus` part. Model card subsections: `model-architecture`,
/// `model-training`, `model-accuracy`, `model-criteria` (the last three only with a card),
/// `model-figures`; Methods subsections: `methods-ig`, `methods-pooling`, `methods-channel-types`,
/// `methods-reduction`, `methods-reproduction`, `references`. The summary table is `summary-phenomena`.
public enum ReportAssembler {
    /// Tool name in the colophon.
    static let toolName = "retina-report"

    /// The report document for one run.
    public static func document(for inputs: ReportInputs) -> ReportDocument {
        var sections = [summarySection(inputs)]
        sections += inputs.phenomena.map { phenomenonSection($0, inputs: inputs) }
        if let unified = unifiedSection(inputs) { sections.append(unified) }
        if let hypotheses = hypothesesSection(inputs) { sections.append(hypotheses) }
        if let predictions = predictionsSection(inputs) { sections.append(predictions) }
        sections.append(modelCardSection(inputs))
        sections.append(methodsSection(inputs))
        return ReportDocument(
            title: "Mechanisms of retinal prediction in " + (inputs.model.ensemble.map {
                "the \($0.memberNames.count)-member CNN ensemble \(inputs.model.path)"
            } ?? modelFileName(inputs.model.path)),
            metadata: metadata(inputs),
            sections: sections,
            colophon: .init(runID: inputs.runID, toolName: toolName, toolVersion: inputs.toolVersion,
                            gitCommit: inputs.gitCommit))
    }

    // MARK: - Ids

    /// Section id of a phenomenon (`osr`, `latency`, `reversal`, `anticipation`).
    static func sectionID(_ p: Phenomenon) -> String { p.rawValue }
    static let summaryID = "summary"
    static let modelCardID = "model-card"
    static let methodsID = "methods"

    // MARK: - Title block

    /// The last path component of the model path as given ("models/run 1/cnn.safetensors" → "cnn.safetensors").
    static func modelFileName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    static func metadata(_ inputs: ReportInputs) -> [ReportDocument.MetadataLine] {
        let commit = inputs.gitCommit.flatMap { $0.isEmpty || $0 == "unknown" ? nil : String($0.prefix(12)) }
        let tool: RichText = RichText("\(toolName) \(inputs.toolVersion), commit ")
            + (commit.map { .code($0) } ?? "unknown")
        return [
            .init("Run", .code(inputs.runID)),
            .init("Date (UTC)", RichText(utcText(inputs.createdUTC))),
            .init("Tool", tool),
            .init("Model", .code(inputs.model.path) + ", SHA-256 " + .code(String(inputs.model.sha256.prefix(12)))
                + (inputs.model.sha256.count > 12 ? "…" : "")),
            .init("Command", .code(inputs.commandLine)),
        ] + (inputs.model.ensemble.map { e in
            [ReportDocument.MetadataLine("Ensemble", RichText("\(e.memberNames.count) members (\(e.memberNames.joined(separator: ", "))), "
                + "analysed as the mean of their rates; member k's channel c is channel k·\(e.layout.channelsPerMember) + c; the model "
                + "card below is the first member's"))]
        } ?? []) + [
            .init("Ground truth", inputs.groundTruthCompared
                ? "compared with the simulated retina the model was trained on"
                : "not compared (the model was not trained on this tool's simulated retina)"),
        ]
    }

    /// "2026-11-29 10:15:00 UTC", independent of the locale and time zone of the machine.
    static func utcText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
