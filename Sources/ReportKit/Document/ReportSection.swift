/// A section of the report with a stable anchor, blocks and nested subsections.
///
/// Top-level sections are numbered 1, 2, …; subsections 1.1, 1.2, … in document order. The anchor is
/// `sec-<id>`: it depends only on `id`, never on the position, so links into a report stay valid when
/// sections are added.
public struct ReportSection: Hashable, Codable, Sendable {
    /// Stable id (a slug); ``ReportSection/init(_:id:blocks:subsections:)`` derives it from the title
    /// when not given.
    public var id: String
    public var title: RichText
    public var blocks: [ReportBlock]
    public var subsections: [ReportSection]

    /// - Parameters:
    ///   - title: heading text.
    ///   - id: stable id; `nil` uses ``Slug/make(_:)`` of the title's plain text.
    public init(_ title: RichText, id: String? = nil, blocks: [ReportBlock] = [],
                subsections: [ReportSection] = []) {
        self.title = title
        self.id = id ?? Slug.make(title.plainText)
        self.blocks = blocks
        self.subsections = subsections
    }

    /// The papermill-style error section for an analysis that failed: the other analyses still ran
    /// and this one shows what went wrong instead of its results.
    ///
    /// - Parameters:
    ///   - title: the section title the analysis would have had ("Motion reversal").
    ///   - id: the section id it would have had, so links to it still resolve.
    ///   - step: the failing step's name as recorded in the manifest.
    ///   - message: the error's user-facing description.
    ///   - detail: optional verbatim detail (underlying error, parameters), shown monospace.
    public static func failure(_ title: RichText, id: String? = nil, step: String, message: String,
                               detail: String? = nil) -> ReportSection {
        let callout = ReportCallout(
            kind: .error,
            title: "Analysis failed",
            paragraphs: [
                "Step " + .code(step) + " failed; the other analyses ran and are reported normally. "
                    + "The manifest (" + .code("manifest.json") + ") records the step as failed.",
                RichText(message),
            ],
            detail: detail)
        return ReportSection(title, id: id, blocks: [.callout(callout)])
    }
}
