import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV cell.
public enum CSVValue: Sendable, Equatable {
    case int(Int)
    /// Fixed-point with `precision` digits after the `.` (clamped to 0…20), rounded half-to-even on the
    /// binary value as C `printf("%.*f")`. `-0` prints without sign; NaN, +∞, −∞ print as `NaN`, `Inf`,
    /// `-Inf` (read as floats by pandas, R and NumPy).
    case double(Double, precision: Int = 6)
    /// Quoted only when it contains `,`, `"`, CR or LF (RFC 4180); inner quotes are doubled. Text
    /// starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it as
    /// text instead of running it as a formula (CSV injection); numbers are `.int`/`.double`, never
    /// strings, so no value is changed by this.
    case string(String)
    /// An empty field (read as NA by pandas and R).
    case missing

    /// The cell's text, already quoted if needed.
    public var text: String {
        switch self {
        case let .int(value): return String(value)
        case let .double(value, precision): return CSVFormat.fixed(value, precision: precision)
        case let .string(value): return CSVFormat.textField(value)
        case .missing: return ""
        }
    }
}

/// A tidy table written as UTF-8 CSV: a header row, then one line per row; fields separated by `,`,
/// lines ended by `\n` (including the last), `.` as decimal separator, no index column. Output depends
/// only on the values, so it is byte-for-byte reproducible.
public struct CSVTable: Sendable {
    public let columns: [String]
    public private(set) var rows: [[CSVValue]] = []

    public init(columns: [String]) {
        self.columns = columns
    }

    /// Appends a row. Precondition: `row.count == columns.count` (a programming error otherwise).
    public mutating func append(_ row: [CSVValue]) {
        precondition(row.count == columns.count,
                     "CSV row has \(row.count) values, expected \(columns.count) (columns: \(columns.joined(separator: ", ")))")
        rows.append(row)
    }

    /// The CSV text.
    public func encoded() -> String {
        var out = columns.map(CSVFormat.field).joined(separator: ",")
        out += "\n"
        for row in rows {
            var first = true
            for value in row {
                if !first { out += "," }
                out += value.text
                first = false
            }
            out += "\n"
        }
        return out
    }

    /// Writes ``encoded()`` as UTF-8, atomically (temp file in the same folder, then rename).
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(encoded().utf8), to: url)
    }
}

enum CSVFormat {
    /// First characters a spreadsheet reads as the start of a formula (OWASP "CSV injection").
    static let formulaPrefixes: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A string cell: `'` before a formula-leading text, then RFC 4180 quoting.
    static func textField(_ text: String) -> String {
        field(text.first.map(formulaPrefixes.contains) == true ? "'" + text : text)
    }

    /// RFC 4180 quoting: wrap in `"` and double inner quotes iff the text has `,`, `"`, CR or LF.
    static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `%.{precision}f` formatting via the C library, with `-0.000` normalised to `0.000` and non-finite
    /// values as `NaN`/`Inf`/`-Inf`. `%f` never groups thousands, so a `,` can only be a decimal point
    /// from a non-C `LC_NUMERIC` locale (set by some library); it is turned back into `.`.
    static func fixed(_ value: Double, precision: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
        let digits = Int32(min(max(precision, 0), 20))
        var text = printf(value, digits: digits)
        if text.utf8.contains(UInt8(ascii: ",")) { text = text.replacingOccurrences(of: ",", with: ".") }
        if text.hasPrefix("-"), text.utf8.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
            text.removeFirst()
        }
        return text
    }

    private static func printf(_ value: Double, digits: Int32) -> String {
        var capacity = 64
        while true {
            let result: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                guard let base = buffer.baseAddress else { return "" }
                let needed = withVaList([digits, value]) { vsnprintf(base, capacity, "%.*f", $0) }
                guard needed >= 0, Int(needed) < capacity else {
                    capacity = max(Int(needed) + 1, capacity * 2)
                    return nil
                }
                return String(cString: base)
            }
            if let result { return result }
        }
    }
}
