/// Choices shared by the Markdown and HTML renderers.
public struct RenderOptions: Hashable, Sendable {
    /// Deepest section level listed in the table of contents (1 = top-level sections only);
    /// 0 omits the table of contents.
    public var tocDepth: Int
    /// Prefix headings with their number ("2.1 Stimulus").
    public var numberSections: Bool

    public init(tocDepth: Int = 2, numberSections: Bool = true) {
        self.tocDepth = tocDepth
        self.numberSections = numberSections
    }
}

/// What an inline cross-reference resolves to: its visible text and anchor, or `nil` if unknown.
struct ResolvedReference {
    var text: String
    var anchor: String?
}

extension DocumentIndex {
    /// Resolves a reference run; unknown ids show as "Figure ??" (LaTeX style) without a link.
    func resolve(_ run: RichText.Inline, numberSections: Bool) -> ResolvedReference? {
        switch run {
        case .figureReference(let id):
            guard let n = figureNumbers[id] else { return ResolvedReference(text: "Figure ??", anchor: nil) }
            return ResolvedReference(text: "Figure \(n)", anchor: Anchor.figure(id))
        case .tableReference(let id):
            guard let n = tableNumbers[id] else { return ResolvedReference(text: "Table ??", anchor: nil) }
            return ResolvedReference(text: "Table \(n)", anchor: Anchor.table(id))
        case .sectionReference(let id):
            if let s = section(id) {
                let title = s.title.plainText
                let text = numberSections ? "Section \(s.number) (\(title))" : title
                return ResolvedReference(text: text, anchor: s.anchor)
            }
            if headingIDs.contains(id) { return ResolvedReference(text: id, anchor: Anchor.section(id)) }
            return ResolvedReference(text: "Section ??", anchor: nil)
        default:
            return nil
        }
    }
}
