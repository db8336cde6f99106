import Foundation

/// Diffable JSON for manifests, configs and summaries: pretty printed, keys sorted, `/` not escaped,
/// dates as ISO 8601, and non-finite floats as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
/// (JSON has no such numbers; Python's `json` module writes the same words unquoted). Finite
/// doubles are written in Foundation's shortest round-trip form, so the same value always yields the
/// same text. ``decode(_:from:source:)`` reads that convention back.
public enum StableJSON {
    /// The encoded JSON (no trailing newline). Errors: `invalidValue` when the value cannot be encoded.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        do {
            return try encoder().encode(value)
        } catch {
            throw ArrayIOError.invalidValue(what: "JSON for \(T.self)", reason: "\(error)")
        }
    }

    /// Writes ``encode(_:)`` plus a final `\n` atomically to `url`.
    public static func write<T: Encodable>(_ value: T, to url: URL) throws {
        var data = try encode(value)
        data.append(UInt8(ascii: "\n"))
        try AtomicFile.write(data, to: url)
    }

    /// Decodes JSON written by ``encode(_:)`` (or any JSON matching `T`); errors name `source`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw ArrayIOError.malformedContent(path: source, reason: "cannot decode \(T.self) from the JSON: \(error)")
        }
    }

    /// Reads and decodes the JSON file at `url`. Errors: 66 for a missing/unreadable file, 65 otherwise.
    public static func read<T: Decodable>(_ type: T.Type, contentsOf url: URL) throws -> T {
        try decode(type, from: FileInput.read(url), source: url.path)
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
