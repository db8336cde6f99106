import ArrayIO
import Foundation

/// The name of one run: UTC time `YYYYMMDDTHHMMSSZ`, a dash and 8 hex digits.
///
/// Generated ids sort chronologically and are deterministic: the same date (to the second) and seed
/// material give the same id. The hex part is the first 8 characters of
/// SHA-256(`"<timestamp>\n" + seedMaterial`), so two runs started in the same second with different
/// arguments or seeds get different ids. User-given ids (`--run-id`) are validated, not reformatted.
public struct RunID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The folder name.
    public let rawValue: String

    /// Longest accepted id, in characters (well below file-name limits, leaving room for suffixes).
    public static let maximumLength = 128

    /// Validates a user-given id.
    ///
    /// Accepts 1…128 characters from `[A-Za-z0-9._-]` that do not start with `.` (hidden names are
    /// reserved for partial folders).
    /// - Throws: ``RunFolderError/invalidRunID(given:reason:)`` (exit code 64) naming the offending
    ///   character or rule.
    public init(validating raw: String) throws {
        if raw.isEmpty { throw RunFolderError.invalidRunID(given: raw, reason: "it is empty") }
        if raw.count > Self.maximumLength {
            throw RunFolderError.invalidRunID(given: raw, reason: "it has \(raw.count) characters, at most "
                + "\(Self.maximumLength) are allowed")
        }
        if let bad = raw.unicodeScalars.first(where: { !Self.isAllowed($0) }) {
            let shown = bad.properties.isWhitespace || bad.value < 0x20
                ? "U+" + String(bad.value, radix: 16, uppercase: true) : "'\(bad)'"
            throw RunFolderError.invalidRunID(given: raw, reason: "character \(shown) is not allowed")
        }
        if raw.hasPrefix(".") {
            throw RunFolderError.invalidRunID(given: raw, reason: "it must not start with '.'")
        }
        rawValue = raw
    }

    private init(unchecked raw: String) { rawValue = raw }

    /// A fresh id for a run started at `date`.
    ///
    /// - Parameters:
    ///   - date: start of the run; only whole UTC seconds are used.
    ///   - seedMaterial: anything that distinguishes runs started in the same second, such as the
    ///     argument vector and the seed joined into one string.
    /// - Returns: for example `20261129T101500Z-1a2b3c4d`.
    public static func make<D: DataProtocol>(date: Date, seedMaterial: D) -> RunID {
        let stamp = timestamp(date)
        let hash = SHA256.hex(Data((stamp + "\n").utf8) + Data(seedMaterial))
        return RunID(unchecked: stamp + "-" + hash.prefix(8))
    }

    /// ``make(date:seedMaterial:)`` with the UTF-8 bytes of `seedMaterial`.
    public static func make(date: Date, seedMaterial: String) -> RunID {
        make(date: date, seedMaterial: Array(seedMaterial.utf8))
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC (proleptic Gregorian), seconds truncated toward the past.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let whole = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        func pad(_ v: Int?, _ width: Int) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2) + "Z"
    }

    public var description: String { rawValue }

    public static func < (lhs: RunID, rhs: RunID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(validating: raw) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    private static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "." || s == "_" || s == "-"
    }
}
