import Foundation

/// Stable JSON for the manifest: pretty-printed, sorted keys, unescaped slashes, UTC ISO-8601 dates
/// with milliseconds (`2026-11-29T10:15:00.250Z`), non-finite numbers as strings.
///
/// Same conventions as `ArrayIO.StableJSON` except dates: StableJSON writes whole seconds, while
/// step start/end times need milliseconds (papermill records them too).
public enum ManifestJSON {
    /// An encoder with the settings above; output ends without a newline.
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = dateEncodingStrategy
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// The matching decoder (accepts dates with or without fractional seconds).
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription:
                    "expected an ISO-8601 UTC date such as 2026-11-29T10:15:00.250Z, found \"\(text)\"")
            }
            return date
        }
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return d
    }

    static let dateEncodingStrategy = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var c = encoder.singleValueContainer()
        try c.encode(format(date))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, rounded to the nearest millisecond.
    public static func format(_ date: Date) -> String {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = (ms / 1000).rounded(.down)
        let millis = Int(ms - seconds * 1000)
        let stamp = RunID.timestamp(Date(timeIntervalSince1970: seconds))  // YYYYMMDDTHHMMSSZ
        let s = Array(stamp)
        let m = String(millis)
        return String(s[0..<4]) + "-" + String(s[4..<6]) + "-" + String(s[6..<8]) + "T"
            + String(s[9..<11]) + ":" + String(s[11..<13]) + ":" + String(s[13..<15]) + "."
            + String(repeating: "0", count: 3 - m.count) + m + "Z"
    }

    /// Parses the output of ``format(_:)`` (fractional seconds optional).
    public static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = withFraction.date(from: text) {
            return Date(timeIntervalSince1970: (d.timeIntervalSince1970 * 1000).rounded() / 1000)
        }
        return ISO8601DateFormatter().date(from: text)
    }
}
