import Foundation

/// The walk behind ``HTMLRenderer``: running counters, the body text and collected warnings.
struct HTMLRenderState {
    let index: DocumentIndex
    let options: RenderOptions
    let assetRoot: URL
    private(set) var out = ""
    private(set) var warnings: [String] = []
    private var figureCounter = 0
    private var tableCounter = 0

    init(index: DocumentIndex, options: RenderOptions, assetRoot: URL) {
        self.index = index
        self.options = options
        self.assetRoot = assetRoot
    }

    private func number(_ n: String) -> String {
        options.numberSections ? "<span class=\"secno\">" + n + "</span> " : ""
    }

    /// Nested `<ol>` of section links down to `options.tocDepth`.
    func toc(_ sections: [ReportSection], prefix: String, depth: Int) -> String {
        guard depth <= options.tocDepth, !sections.isEmpty else { return "" }
        var h = "<ol>\n"
        for (i, s) in sections.enumerated() {
            let n = prefix + "\(i + 1)"
            h += "<li><a href=\"#" + HTMLEscaping.escape(Anchor.section(s.id)) + "\">" + number(n)
                + HTMLEscaping.escape(s.title.plainText) + "</a>"
            let sub = toc(s.subsections, prefix: n + ".", depth: depth + 1)
            h += sub.isEmpty ? "</li>\n" : "\n" + sub + "</li>\n"
        }
        return h + "</ol>\n"
    }

    mutating func section(_ s: ReportSection, number n: String, depth: Int) {
        let level = min(depth + 1, 6)
        let anchor = HTMLEscaping.escape(Anchor.section(s.id))
        out += "<section id=\"" + anchor + "\" class=\"level\(depth)\">\n"
        out += "<h\(level)>" + number(n) + inline(s.title)
            + " <a class=\"anchor\" href=\"#" + anchor + "\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
        for block in s.blocks { render(block, depth: depth) }
        for (j, sub) in s.subsections.enumerated() {
            section(sub, number: n + ".\(j + 1)", depth: depth + 1)
        }
        out += "</section>\n"
    }

    private mutating func render(_ block: ReportBlock, depth: Int) {
        switch block {
        case .heading(let text, let id):
            let level = min(depth + 2, 6)
            let idAttr = id.map { " id=\"" + HTMLEscaping.escape(Anchor.section($0)) + "\"" } ?? ""
            out += "<h\(level)\(idAttr)>" + inline(text) + "</h\(level)>\n"
        case .paragraph(let text):
            out += "<p>" + inline(text) + "</p>\n"
        case .list(let items):
            out += "<ul>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n"
        case .table(let t):
            table(t, className: "data")
        case .parameters(let p):
            table(p.table, className: "parameters")
        case .definitions(let d):
            out += "<dl class=\"definitions\">\n"
            for item in d.items {
                out += "<dt>" + inline(item.term) + "</dt><dd>" + inline(item.definition) + "</dd>\n"
            }
            out += "</dl>\n"
        case .figure(let f):
            figure(f)
        case .preformatted(let code, _):
            out += "<pre><code>" + HTMLEscaping.escape(code) + "</code></pre>\n"
        case .callout(let c):
            callout(c)
        }
    }

    /// Tables with at least this many columns render with the `wide` class (narrower padding).
    static let wideTableColumns = 9

    private mutating func table(_ t: ReportTable, className: String) {
        let idAttr = t.id.map { " id=\"" + HTMLEscaping.escape(Anchor.table($0)) + "\"" } ?? ""
        // Tables of many columns get narrower cell padding (`table.wide`), so their min-content width
        // fits the 70-rem column at 1280 px instead of scrolling sideways.
        let wide = t.header.count >= Self.wideTableColumns ? " wide" : ""
        out += "<div class=\"table-wrap\">\n<table class=\"" + className + wide + "\"" + idAttr + ">\n"
        if let caption = t.caption {
            tableCounter += 1
            out += "<caption><span class=\"label\">Table \(tableCounter).</span> " + inline(caption) + "</caption>\n"
        }
        func cls(_ i: Int) -> String {
            switch t.alignment(ofColumn: i) {
            case .left: return ""
            case .center: return " class=\"c\""
            case .right: return " class=\"r\""
            }
        }
        out += "<thead><tr>"
        for (i, cell) in t.header.enumerated() { out += "<th" + cls(i) + ">" + inline(cell) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() { out += "<td" + cls(i) + ">" + inline(cell) + "</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
    }

    private mutating func figure(_ f: ReportFigure) {
        figureCounter += 1
        out += "<figure id=\"" + HTMLEscaping.escape(Anchor.figure(f.id)) + "\">\n"
        let candidates = [f.files.png, f.files.svg].compactMap { $0 }
        let root = assetRoot
        let embedded = candidates.lazy.compactMap { FigureEmbedding.dataURI(relativePath: $0, root: root) }.first
        if let uri = embedded {
            // On screen a figure is shown at 1.5× its print width (a 183 mm figure fills the page,
            // an 89 mm one half of it), never wider than the page; print CSS restores the print width.
            let style = f.widthMillimetres.map {
                " style=\"--print-width:" + String(format: "%.1f", $0) + "mm; width:calc(var(--print-width) * 1.5)\""
            } ?? ""
            out += "<img src=\"" + uri + "\" alt=\"" + HTMLEscaping.escape(f.altText) + "\"" + style + ">\n"
        } else {
            let names = candidates.isEmpty ? "no PNG or SVG file given" : candidates.joined(separator: ", ")
            warnings.append("figure \"\(f.id)\" (Figure \(figureCounter)) not embedded: cannot read \(names)")
            out += "<div class=\"figure-missing\" role=\"img\" aria-label=\"" + HTMLEscaping.escape(f.altText)
                + "\">Image not available (" + HTMLEscaping.escape(names) + ").</div>\n"
        }
        var links: [String] = []
        for (label, path) in [("SVG", f.files.svg), ("PDF", f.files.pdf)] {
            guard let path, FigureEmbedding.exists(relativePath: path, root: assetRoot) else { continue }
            links.append("<a href=\"" + HTMLEscaping.escape(RelativePath.urlEncoded(path)) + "\">" + label + "</a>")
        }
        let files = links.isEmpty ? "" : " <span class=\"files\">(" + links.joined(separator: " · ") + ")</span>"
        out += "<figcaption><span class=\"label\">Figure \(figureCounter).</span> " + inline(f.caption)
            + files + "</figcaption>\n</figure>\n"
    }

    private mutating func callout(_ c: ReportCallout) {
        let role = c.kind == .error ? "alert" : "note"
        out += "<div class=\"callout callout-" + c.kind.rawValue + "\" role=\"" + role + "\">\n"
        out += "<p class=\"callout-title\">" + inline(c.title) + "</p>\n"
        for p in c.paragraphs { out += "<p>" + inline(p) + "</p>\n" }
        if let detail = c.detail { out += "<pre><code>" + HTMLEscaping.escape(detail) + "</code></pre>\n" }
        out += "</div>\n"
    }

    /// Inline HTML for rich text (escaped; references resolved to numbered links).
    func inline(_ text: RichText) -> String {
        text.runs.map { run -> String in
            switch run {
            case .text(let s): return HTMLEscaping.escape(s)
            case .emphasis(let s): return "<em>" + HTMLEscaping.escape(s) + "</em>"
            case .strong(let s): return "<strong>" + HTMLEscaping.escape(s) + "</strong>"
            case .changed(let s):
                return "<strong class=\"changed\">" + HTMLEscaping.escape(s) + " <span class=\"changed-mark\">changed</span></strong>"
            case .code(let s): return "<code>" + HTMLEscaping.escape(s) + "</code>"
            case .link(let label, let target):
                guard let href = LinkTarget.sanitize(target) else { return HTMLEscaping.escape(label) }
                return "<a href=\"" + HTMLEscaping.escape(href) + "\">" + HTMLEscaping.escape(label) + "</a>"
            case .figureReference, .tableReference, .sectionReference:
                let ref = index.resolve(run, numberSections: options.numberSections)!
                let label = HTMLEscaping.escape(ref.text)
                return ref.anchor.map { "<a class=\"xref\" href=\"#" + HTMLEscaping.escape($0) + "\">" + label + "</a>" } ?? label
            }
        }.joined()
    }
}
