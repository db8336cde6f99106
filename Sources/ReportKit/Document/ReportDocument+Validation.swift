import RetinaCore

/// A structural mistake in a ``ReportDocument`` (a bug in the code that built it).
public struct ReportDocumentError: ToolError, Equatable {
    /// Every problem found, one sentence each.
    public var problems: [String]
    public var exitCode: Int32 { ExitStatus.software }
    public var description: String {
        "report document is inconsistent (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension ReportDocument {
    /// Checks the invariants renderers rely on.
    ///
    /// - ids of sections, heading blocks, figures and tables use only `[A-Za-z0-9._-]` and are unique
    ///   within their kind;
    /// - every cross-reference names an existing id (table references need a captioned table);
    /// - table rows have as many cells as the header; `alignments` is empty or matches the header;
    /// - every figure has at least one file, and file paths are relative, without `..` components.
    /// - Throws: ``ReportDocumentError`` listing every problem.
    public func validate() throws {
        var problems: [String] = []
        let index = self.index()
        var seen: [String: Set<String>] = ["section": [], "figure": [], "table": []]
        var references: [(kind: String, id: String)] = []

        func checkID(_ id: String, kind: String) {
            if !Slug.isValidID(id) {
                problems.append("\(kind) id \"\(id)\" must use only A-Z a-z 0-9 . _ -")
            }
            if seen[kind, default: []].contains(id) {
                problems.append("duplicate \(kind) id \"\(id)\"")
            }
            seen[kind, default: []].insert(id)
        }
        func collect(_ text: RichText) {
            for run in text.runs {
                switch run {
                case .figureReference(let id): references.append(("figure", id))
                case .tableReference(let id): references.append(("table", id))
                case .sectionReference(let id): references.append(("section", id))
                default: break
                }
            }
        }
        func checkTable(_ t: ReportTable) {
            if let id = t.id { checkID(id, kind: "table") }
            let name = t.id.map { "table \"\($0)\"" } ?? "a table"
            if !t.alignments.isEmpty && t.alignments.count != t.header.count {
                problems.append("\(name): \(t.alignments.count) alignments for \(t.header.count) columns")
            }
            for (r, row) in t.rows.enumerated() where row.count != t.header.count {
                problems.append("\(name): row \(r + 1) has \(row.count) cells, expected \(t.header.count)")
            }
            t.header.forEach(collect)
            t.rows.joined().forEach(collect)
            t.caption.map(collect)
        }
        func walk(_ section: ReportSection) {
            checkID(section.id, kind: "section")
            collect(section.title)
            for block in section.blocks {
                switch block {
                case .heading(let text, let id):
                    if let id { checkID(id, kind: "section") }
                    collect(text)
                case .paragraph(let text): collect(text)
                case .list(let items): items.forEach(collect)
                case .table(let t): checkTable(t)
                case .parameters(let p): checkTable(p.table)
                case .definitions(let d): d.items.forEach { collect($0.term); collect($0.definition) }
                case .figure(let f):
                    checkID(f.id, kind: "figure")
                    collect(f.caption)
                    if f.files.all.isEmpty { problems.append("figure \"\(f.id)\" has no files") }
                    for path in f.files.all where !RelativePath.isSafe(path) {
                        problems.append("figure \"\(f.id)\": path \"\(path)\" must be relative to the run "
                            + "folder, without \"..\"")
                    }
                case .callout(let c):
                    collect(c.title)
                    c.paragraphs.forEach(collect)
                case .preformatted: break
                }
            }
            section.subsections.forEach(walk)
        }
        sections.forEach(walk)
        metadata.forEach { collect($0.value) }

        for ref in references {
            let ok: Bool
            switch ref.kind {
            case "figure": ok = index.figureNumbers[ref.id] != nil
            case "table": ok = index.tableNumbers[ref.id] != nil
            default: ok = index.section(ref.id) != nil || index.headingIDs.contains(ref.id)
            }
            if !ok { problems.append("reference to unknown \(ref.kind) \"\(ref.id)\"") }
        }
        if !problems.isEmpty { throw ReportDocumentError(problems: problems) }
    }
}
