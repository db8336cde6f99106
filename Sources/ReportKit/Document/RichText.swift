/// A run of inline text: plain words, emphasis, code, links and cross-references.
///
/// Text is stored unescaped; every renderer escapes it for its output format, so a value such as
/// `"<script> & \"quotes\""` is always shown literally and can never inject markup.
/// `RichText` is a string literal, and pieces concatenate with `+`:
///
/// ```swift
/// let text: RichText = "Peak at " + .code("t = 120 ms") + ", see " + .figure("osr-traces") + "."
/// ```
public struct RichText: Hashable, Codable, Sendable, ExpressibleByStringLiteral,
    ExpressibleByStringInterpolation {
    /// The inline pieces in reading order.
    public var runs: [Inline]

    /// One inline piece.
    public enum Inline: Hashable, Codable, Sendable {
        /// Plain text.
        case text(String)
        /// Emphasised (italic) text.
        case emphasis(String)
        /// Strong (bold) text.
        case strong(String)
        /// Inline code or a literal value (monospace).
        case code(String)
        /// A value that changed between two compared runs: bold with a visible "changed" marker in
        /// Markdown, `<strong class="changed">` with a marker in HTML (never colour alone).
        case changed(String)
        /// A hyperlink. `target` is a URL (`http`, `https`, `mailto`), a path relative to the run
        /// folder, or a `#anchor`. Other schemes (for example `javascript:`) are rendered as plain text.
        case link(text: String, target: String)
        /// "Figure N", linked to the figure with this id (``ReportFigure/id``).
        case figureReference(id: String)
        /// "Table N", linked to the table with this id (``ReportTable/id``).
        case tableReference(id: String)
        /// The number and title of a section, linked to it (``ReportSection/id``).
        case sectionReference(id: String)
    }

    /// Creates rich text from inline pieces.
    public init(_ runs: [Inline]) { self.runs = runs }

    /// Creates plain text.
    public init(_ text: String) { self.runs = text.isEmpty ? [] : [.text(text)] }

    public init(stringLiteral value: String) { self.init(value) }

    /// `true` when there is no visible text.
    public var isEmpty: Bool { runs.allSatisfy { $0.isEmpty } }

    /// The text without markup; references are shown by their id (renderers resolve them to numbers).
    public var plainText: String {
        runs.map { run -> String in
            switch run {
            case .text(let s), .emphasis(let s), .strong(let s), .code(let s), .changed(let s): return s
            case .link(let text, _): return text
            case .figureReference(let id): return "Figure \(id)"
            case .tableReference(let id): return "Table \(id)"
            case .sectionReference(let id): return "Section \(id)"
            }
        }.joined()
    }

    public static func + (lhs: RichText, rhs: RichText) -> RichText { RichText(lhs.runs + rhs.runs) }

    public static func emphasis(_ s: String) -> RichText { RichText([.emphasis(s)]) }
    public static func strong(_ s: String) -> RichText { RichText([.strong(s)]) }
    public static func code(_ s: String) -> RichText { RichText([.code(s)]) }
    /// A value flagged as changed between two compared runs (see ``Inline/changed(_:)``).
    public static func changed(_ s: String) -> RichText { RichText([.changed(s)]) }
    public static func link(_ text: String, to target: String) -> RichText {
        RichText([.link(text: text, target: target)])
    }
    /// "Figure N", linked to the figure with id `id`.
    public static func figure(_ id: String) -> RichText { RichText([.figureReference(id: id)]) }
    /// "Table N", linked to the table with id `id`.
    public static func table(_ id: String) -> RichText { RichText([.tableReference(id: id)]) }
    /// "Section N Title", linked to the section with id `id`.
    public static func section(_ id: String) -> RichText { RichText([.sectionReference(id: id)]) }
}

extension RichText.Inline {
    var isEmpty: Bool {
        switch self {
        case .text(let s), .emphasis(let s), .strong(let s), .code(let s), .changed(let s): return s.isEmpty
        case .link(let text, _): return text.isEmpty
        case .figureReference, .tableReference, .sectionReference: return false
        }
    }
}
