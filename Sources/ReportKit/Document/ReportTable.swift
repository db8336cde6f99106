/// A table: a header row, body rows of rich-text cells, per-column alignment and an optional caption.
///
/// Captioned tables are numbered "Table 1", "Table 2", … in document order. Invariant (checked by
/// ``ReportDocument/validate()``): every row has exactly `header.count` cells and `alignments` is empty
/// (all left) or has `header.count` entries. Put units in the header (`"Latency (ms)"`).
public struct ReportTable: Hashable, Codable, Sendable {
    /// Horizontal alignment of a column.
    public enum Alignment: String, Hashable, Codable, Sendable {
        case left, center, right
    }

    /// Stable id; the table's anchor is `tbl-<id>`. `nil` tables cannot be referenced.
    public var id: String?
    /// Column headings (with units).
    public var header: [RichText]
    /// Body rows; each has `header.count` cells.
    public var rows: [[RichText]]
    /// One alignment per column, or empty for all left-aligned.
    public var alignments: [Alignment]
    /// Caption shown as "Table N. caption"; uncaptioned tables are not numbered.
    public var caption: RichText?

    public init(id: String? = nil, header: [RichText], rows: [[RichText]],
                alignments: [Alignment] = [], caption: RichText? = nil) {
        self.id = id
        self.header = header
        self.rows = rows
        self.alignments = alignments
        self.caption = caption
    }

    /// Alignment of column `index` (left when unspecified).
    public func alignment(ofColumn index: Int) -> Alignment {
        index < alignments.count ? alignments[index] : .left
    }
}
