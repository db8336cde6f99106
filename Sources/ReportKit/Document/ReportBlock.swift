/// One block of a report section, in reading order.
public enum ReportBlock: Hashable, Codable, Sendable {
    /// A minor heading inside a section (rendered one level below the section's own heading, not
    /// listed in the table of contents). `id` gives it an anchor `sec-<id>` when set.
    case heading(RichText, id: String? = nil)
    /// A paragraph of rich text.
    case paragraph(RichText)
    /// A bulleted list, one item per element.
    case list([RichText])
    /// A table, numbered when it has a caption.
    case table(ReportTable)
    /// A figure, always numbered.
    case figure(ReportFigure)
    /// Preformatted text (code, a command line, a log excerpt), shown verbatim in monospace.
    /// `language` is a hint for the Markdown fence only.
    case preformatted(String, language: String? = nil)
    /// A note, warning or error box.
    case callout(ReportCallout)
    /// Name, value, unit, note rows.
    case parameters(ParameterTable)
    /// Terms and definitions.
    case definitions(DefinitionList)
}
