import Foundation

/// Reads the CSV files ``CSVTable`` writes (RFC 4180: `,` separators, `"` quoting with doubled inner
/// quotes, `\n` or `\r\n` line ends) back into rows of text keyed by the header.
///
/// The writer's formula guard is undone: a field that starts with `'` followed by `=`, `+`, `-`, `@`,
/// tab or CR is read without the `'`. Invariant of the result: every row has one value per column.
public struct CSVRows: Sendable, Equatable {
    public let columns: [String]
    public let rows: [[String]]

    /// Parses `text`; `source` names the file in errors.
    /// - Throws: ``ArrayIOError/malformedContent(path:reason:)`` (65) for an empty file, an unclosed
    ///   quote or a row whose field count differs from the header's (line named).
    public init(parsing text: String, source: String) throws {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, atFieldStart = true
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endField() { record.append(Self.unguarded(field)); field = ""; atFieldStart = true }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where atFieldStart: quoted = true; atFieldStart = false
            case ",": endField()
            case "\r": continue
            case "\n": endField(); records.append(record); record = []
            default: field.unicodeScalars.append(c); atFieldStart = false
            }
        }
        if quoted { throw ArrayIOError.malformedContent(path: source, reason: "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        guard let header = records.first else { throw ArrayIOError.malformedContent(path: source, reason: "the file is empty; expected a header row") }
        for (i, r) in records.enumerated() where r.count != header.count {
            throw ArrayIOError.malformedContent(path: source, reason: "line \(i + 1) has \(r.count) fields, expected \(header.count) (the header's)")
        }
        columns = header
        rows = Array(records.dropFirst())
    }

    /// Reads and parses the file at `url` (66 when missing or unreadable, 65 when malformed).
    public init(contentsOf url: URL) throws {
        let data = try FileInput.read(url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ArrayIOError.malformedContent(path: url.path, reason: "not UTF-8 text")
        }
        try self.init(parsing: text, source: url.path)
    }

    /// The values of column `name` of `row`, nil when there is no such column.
    public func value(_ name: String, in row: [String]) -> String? {
        columns.firstIndex(of: name).map { row[$0] }
    }

    static func unguarded(_ s: String) -> String {
        guard s.hasPrefix("'"), let second = s.dropFirst().first, "=+-@\t\r".contains(second) else { return s }
        return String(s.dropFirst())
    }
}
