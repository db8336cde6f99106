/// Numbers and anchors of everything referable in a document, assigned in document order.
///
/// Both renderers walk the document in the same order (sections depth-first, blocks in order), so
/// "Figure 3" means the same figure in Markdown and HTML.
public struct DocumentIndex: Hashable, Sendable {
    /// A section's number ("2.1"), title and anchor, in document order.
    public struct SectionEntry: Hashable, Sendable {
        public var id: String
        public var number: String
        public var title: RichText
        public var depth: Int
        public var anchor: String { Anchor.section(id) }
    }

    /// Every section and subsection, depth-first.
    public private(set) var sections: [SectionEntry] = []
    /// Figure id → number (1-based).
    public private(set) var figureNumbers: [String: Int] = [:]
    /// Table id → number (1-based), for captioned tables with an id.
    public private(set) var tableNumbers: [String: Int] = [:]
    /// Heading-block ids (anchors without numbers).
    public private(set) var headingIDs: Set<String> = []
    /// Number of figures and of captioned tables.
    public private(set) var figureCount = 0
    public private(set) var tableCount = 0

    init(_ document: ReportDocument) {
        for (i, section) in document.sections.enumerated() {
            add(section, number: "\(i + 1)", depth: 1)
        }
    }

    private mutating func add(_ section: ReportSection, number: String, depth: Int) {
        sections.append(SectionEntry(id: section.id, number: number, title: section.title, depth: depth))
        for block in section.blocks {
            switch block {
            case .figure(let f):
                figureCount += 1
                if figureNumbers[f.id] == nil { figureNumbers[f.id] = figureCount }
            case .table(let t):
                addTable(id: t.id, captioned: t.caption != nil)
            case .parameters(let p):
                addTable(id: p.id, captioned: p.caption != nil)
            case .heading(_, let id):
                if let id { headingIDs.insert(id) }
            default:
                break
            }
        }
        for (j, sub) in section.subsections.enumerated() {
            add(sub, number: "\(number).\(j + 1)", depth: depth + 1)
        }
    }

    private mutating func addTable(id: String?, captioned: Bool) {
        guard captioned else { return }
        tableCount += 1
        if let id, tableNumbers[id] == nil { tableNumbers[id] = tableCount }
    }

    /// The section entry with `id`, if any.
    public func section(_ id: String) -> SectionEntry? { sections.first { $0.id == id } }
}

/// Anchor names: Quarto-style prefixes keep sections, figures and tables in separate namespaces.
public enum Anchor {
    public static func section(_ id: String) -> String { "sec-\(id)" }
    public static func figure(_ id: String) -> String { "fig-\(id)" }
    public static func table(_ id: String) -> String { "tbl-\(id)" }
}

extension ReportDocument {
    /// Section numbers, figure and table numbers and anchors, in document order.
    public func index() -> DocumentIndex { DocumentIndex(self) }
}
