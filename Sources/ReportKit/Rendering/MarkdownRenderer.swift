/// Renders a ``ReportDocument`` as GitHub-flavoured Markdown (`report.md`).
///
/// Output: `# title`, metadata as a list, a linked table of contents, numbered headings carrying
/// explicit `<a id="sec-…">` anchors (the same anchors as the HTML), GFM tables with alignment,
/// figures as images linking the files beside the report (`figures/…png`) with a
/// "**Figure N.** caption" line, and GFM alerts (`> [!CAUTION]`) for callouts. All text is escaped
/// (``MarkdownEscaping``); the output is deterministic and ends with one newline.
public struct MarkdownRenderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) { self.options = options }

    /// The Markdown text of `document`.
    public func render(_ document: ReportDocument) -> String {
        var state = MarkdownRenderState(index: document.index(), options: options)
        var out: [String] = []
        out.append("# " + MarkdownEscaping.escape(document.title))
        if !document.metadata.isEmpty {
            out.append(document.metadata.map {
                "- **" + MarkdownEscaping.escape($0.label) + ":** " + state.inline($0.value)
            }.joined(separator: "\n"))
        }
        if options.tocDepth > 0 && !state.index.sections.isEmpty {
            out.append("## Contents")
            out.append(state.index.sections.filter { $0.depth <= options.tocDepth }.map { entry in
                String(repeating: "  ", count: entry.depth - 1) + "- ["
                    + state.numbered(entry.number, MarkdownEscaping.escape(entry.title.plainText))
                    + "](#" + entry.anchor + ")"
            }.joined(separator: "\n"))
        }
        var sectionNumber = 0
        for section in document.sections {
            sectionNumber += 1
            state.section(section, number: "\(sectionNumber)", depth: 1, into: &out)
        }
        if let colophon = document.colophon {
            out.append("---")
            out.append("*" + MarkdownEscaping.escape(colophon.text) + "*")
        }
        return out.joined(separator: "\n\n") + "\n"
    }
}
