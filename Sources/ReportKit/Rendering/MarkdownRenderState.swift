import Foundation

/// The walk behind ``MarkdownRenderer``: running figure/table counters and block rendering.
struct MarkdownRenderState {
    let index: DocumentIndex
    let options: RenderOptions
    private var figureCounter = 0
    private var tableCounter = 0

    init(index: DocumentIndex, options: RenderOptions) {
        self.index = index
        self.options = options
    }

    func numbered(_ number: String, _ title: String) -> String {
        options.numberSections ? number + " " + title : title
    }

    mutating func section(_ s: ReportSection, number: String, depth: Int, into out: inout [String]) {
        let level = min(depth + 1, 6)
        out.append(String(repeating: "#", count: level) + " <a id=\"" + HTMLEscaping.escape(Anchor.section(s.id)) + "\"></a>"
            + numbered(number, inline(s.title)))
        for block in s.blocks { render(block, depth: depth, into: &out) }
        for (j, sub) in s.subsections.enumerated() {
            section(sub, number: "\(number).\(j + 1)", depth: depth + 1, into: &out)
        }
    }

    mutating func render(_ block: ReportBlock, depth: Int, into out: inout [String]) {
        switch block {
        case .heading(let text, let id):
            let anchor = id.map { "<a id=\"" + HTMLEscaping.escape(Anchor.section($0)) + "\"></a>" } ?? ""
            out.append(String(repeating: "#", count: min(depth + 2, 6)) + " " + anchor + inline(text))
        case .paragraph(let text):
            out.append(MarkdownEscaping.protectLineStart(inline(text)))
        case .list(let items):
            out.append(items.map { "- " + inline($0) }.joined(separator: "\n"))
        case .table(let t):
            table(t, into: &out)
        case .parameters(let p):
            table(p.table, into: &out)
        case .definitions(let d):
            out.append(d.items.map { "- **" + inline($0.term) + "**: " + inline($0.definition) }
                .joined(separator: "\n"))
        case .figure(let f):
            figure(f, into: &out)
        case .preformatted(let code, let language):
            out.append(MarkdownEscaping.codeBlock(code, language: language))
        case .callout(let c):
            callout(c, into: &out)
        }
    }

    private mutating func table(_ t: ReportTable, into out: inout [String]) {
        if let caption = t.caption {
            tableCounter += 1
            let anchor = t.id.map { "<a id=\"" + HTMLEscaping.escape(Anchor.table($0)) + "\"></a>" } ?? ""
            out.append(anchor + "**Table \(tableCounter).** " + inline(caption))
        }
        func row(_ cells: [RichText]) -> String {
            "| " + cells.map { cell($0) }.joined(separator: " | ") + " |"
        }
        let rule = (0..<t.header.count).map { i -> String in
            switch t.alignment(ofColumn: i) {
            case .left: return ":---"
            case .center: return ":---:"
            case .right: return "---:"
            }
        }
        var lines = [row(t.header), "| " + rule.joined(separator: " | ") + " |"]
        lines += t.rows.map(row)
        out.append(lines.joined(separator: "\n"))
    }

    private mutating func figure(_ f: ReportFigure, into out: inout [String]) {
        figureCounter += 1
        if let image = f.files.png ?? f.files.svg {
            let alt = MarkdownEscaping.escape(f.altText)
            out.append("![" + alt + "](" + RelativePath.urlEncoded(image) + ")")
        }
        var links: [String] = []
        if let svg = f.files.svg { links.append("[SVG](" + RelativePath.urlEncoded(svg) + ")") }
        if let pdf = f.files.pdf { links.append("[PDF](" + RelativePath.urlEncoded(pdf) + ")") }
        let files = links.isEmpty ? "" : " (" + links.joined(separator: " · ") + ")"
        out.append("<a id=\"" + HTMLEscaping.escape(Anchor.figure(f.id)) + "\"></a>**Figure \(figureCounter).** "
            + inline(f.caption) + files)
    }

    private func callout(_ c: ReportCallout, into out: inout [String]) {
        let marker: String
        switch c.kind {
        case .info: marker = "[!NOTE]"
        case .warning: marker = "[!WARNING]"
        case .error: marker = "[!CAUTION]"
        }
        var parts = ["**" + inline(c.title) + "**"]
        parts += c.paragraphs.map { MarkdownEscaping.protectLineStart(inline($0)) }
        if let detail = c.detail { parts.append(MarkdownEscaping.codeBlock(detail, language: "text")) }
        let body = parts.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
        out.append((["> " + marker] + body.map { $0.isEmpty ? ">" : "> " + $0 }).joined(separator: "\n"))
    }

    /// A table cell: inline Markdown with `|` escaped even inside code spans.
    private func cell(_ text: RichText) -> String {
        let s = inline(text, inTable: true)
        return s.isEmpty ? " " : s
    }

    /// Inline Markdown for rich text (escaped; references resolved to numbered links). In a table
    /// cell `|` is escaped even inside code spans, as GFM requires.
    func inline(_ text: RichText, inTable: Bool = false) -> String {
        text.runs.map { run -> String in
            switch run {
            case .text(let s): return MarkdownEscaping.escape(s)
            case .emphasis(let s): return s.isEmpty ? "" : "*" + MarkdownEscaping.escape(s) + "*"
            case .strong(let s): return s.isEmpty ? "" : "**" + MarkdownEscaping.escape(s) + "**"
            case .changed(let s): return s.isEmpty ? "" : "**" + MarkdownEscaping.escape(s) + "** ⟨changed⟩"
            case .code(let s):
                let span = MarkdownEscaping.codeSpan(s)
                return inTable ? span.replacingOccurrences(of: "|", with: "\\|") : span
            case .link(let label, let target):
                guard let href = LinkTarget.sanitize(target) else { return MarkdownEscaping.escape(label) }
                return "[" + MarkdownEscaping.escape(label) + "](" + href + ")"
            case .figureReference, .tableReference, .sectionReference:
                let ref = index.resolve(run, numberSections: options.numberSections)!
                let label = MarkdownEscaping.escape(ref.text)
                return ref.anchor.map { "[" + label + "](#" + $0 + ")" } ?? label
            }
        }.joined()
    }
}
