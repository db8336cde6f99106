import Foundation

/// How cached step values are encoded: compact JSON with sorted keys, non-finite floats as the
/// strings `"NaN"`, `"Infinity"`, `"-Infinity"` (like ``ArrayIO/StableJSON``) and numbers in their
/// shortest round-trip form, so a decoded value is bitwise the value that was encoded (Float and
/// Double alike) and a report built from it is byte-identical to one built from the fresh value.
enum StepCacheCoding {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(value)
    }

    /// - Throws: ``StepCacheEntry/Invalid/undecodable(reason:)``.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw StepCacheEntry.Invalid.undecodable(reason: "\(error)")
        }
    }
}
