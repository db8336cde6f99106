/// A highlighted box: a note, a warning, or the error section of a failed analysis.
public struct ReportCallout: Hashable, Codable, Sendable {
    /// How loud the box is; `error` is drawn in red.
    public enum Kind: String, Hashable, Codable, Sendable {
        case info, warning, error
    }

    public var kind: Kind
    /// Short bold title ("Analysis failed").
    public var title: RichText
    /// Explanation, one paragraph per element.
    public var paragraphs: [RichText]
    /// Optional verbatim detail (an error description, a log excerpt), shown monospace.
    public var detail: String?

    public init(kind: Kind, title: RichText, paragraphs: [RichText] = [], detail: String? = nil) {
        self.kind = kind
        self.title = title
        self.paragraphs = paragraphs
        self.detail = detail
    }
}
