/// Resolved parameters as name, value, unit and description: the "stimulus and parameters" and
/// "methods" blocks of the report. Rendered as a four-column table; a missing unit is shown as "—"
/// so a reader can tell "dimensionless" from "forgotten".
public struct ParameterTable: Hashable, Codable, Sendable {
    /// One parameter.
    public struct Entry: Hashable, Codable, Sendable {
        /// Parameter name as a reader knows it (`IG steps`, `bar width`).
        public var name: RichText
        /// The resolved value, already formatted (`50`, `0.08`).
        public var value: RichText
        /// Unit (`ms`, `µm`, `bars/frame`), or `nil` when dimensionless.
        public var unit: String?
        /// What the parameter does, or where its value came from.
        public var note: RichText?

        public init(_ name: RichText, _ value: RichText, unit: String? = nil, note: RichText? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
            self.note = note
        }
    }

    public var entries: [Entry]
    /// Optional caption; numbered like a table.
    public var caption: RichText?
    /// Optional id; the anchor is `tbl-<id>`.
    public var id: String?

    public init(id: String? = nil, entries: [Entry], caption: RichText? = nil) {
        self.id = id
        self.entries = entries
        self.caption = caption
    }

    /// The equivalent four-column table (Parameter, Value, Unit, Note).
    public var table: ReportTable {
        ReportTable(
            id: id,
            header: ["Parameter", "Value", "Unit", "Note"],
            rows: entries.map { [$0.name, $0.value, RichText($0.unit ?? "—"), $0.note ?? ""] },
            alignments: [.left, .right, .left, .left],
            caption: caption)
    }
}

/// A definition list: terms and their descriptions (model card fields, glossary).
public struct DefinitionList: Hashable, Codable, Sendable {
    public struct Item: Hashable, Codable, Sendable {
        public var term: RichText
        public var definition: RichText
        public init(_ term: RichText, _ definition: RichText) {
            self.term = term
            self.definition = definition
        }
    }

    public var items: [Item]
    public init(_ items: [Item]) { self.items = items }
}
