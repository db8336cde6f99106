/// A whole report as pure values: title, metadata lines, ordered sections and a colophon.
///
/// Build one per run, then hand it to ``MarkdownRenderer`` and ``HTMLRenderer``. Numbering of
/// sections, figures and captioned tables is assigned by the renderers in document order (see
/// ``ReportDocument/index()``); ids are yours and must be unique (``ReportDocument/validate()``).
public struct ReportDocument: Hashable, Codable, Sendable {
    public var title: String
    /// Lines under the title: label and value ("Run" → `20261129T101500Z-1a2b3c4d`).
    public var metadata: [MetadataLine]
    public var sections: [ReportSection]
    /// Shown in the footer: run id, tool name and version, git commit.
    public var colophon: Colophon?

    /// A "label: value" line under the title.
    public struct MetadataLine: Hashable, Codable, Sendable {
        public var label: String
        public var value: RichText
        public init(_ label: String, _ value: RichText) {
            self.label = label
            self.value = value
        }
    }

    /// Footer facts identifying the run that produced the report.
    public struct Colophon: Hashable, Codable, Sendable {
        public var runID: String
        public var toolName: String
        public var toolVersion: String
        /// Git commit (shortened by renderers to 12 characters), `nil` or `"unknown"` when not known.
        public var gitCommit: String?

        public init(runID: String, toolName: String, toolVersion: String, gitCommit: String? = nil) {
            self.runID = runID
            self.toolName = toolName
            self.toolVersion = toolVersion
            self.gitCommit = gitCommit
        }

        /// "Run <id> · <tool> <version> · commit <12 hex>".
        public var text: String {
            var parts = ["Run \(runID)", "\(toolName) \(toolVersion)"]
            if let commit = gitCommit, !commit.isEmpty, commit != "unknown" {
                parts.append("commit \(commit.prefix(12))")
            }
            return parts.joined(separator: " · ")
        }
    }

    public init(title: String, metadata: [MetadataLine] = [], sections: [ReportSection] = [],
                colophon: Colophon? = nil) {
        self.title = title
        self.metadata = metadata
        self.sections = sections
        self.colophon = colophon
    }
}
