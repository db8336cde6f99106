/// One validated tensor entry of a safetensors header.
struct SafeTensorsEntry {
    var name: String
    var dtype: DType
    var shape: [Int]
    /// Byte range `[begin, end)` relative to the start of the data buffer.
    var begin: Int
    var end: Int
}

/// A validated safetensors header.
struct SafeTensorsHeader {
    var entries: [SafeTensorsEntry]
    var metadata: [String: String]
}

extension SafeTensorsFile {
    /// Largest header accepted, as in the reference implementation (100 MB).
    public static let maxHeaderBytes = 100_000_000

    /// Name of the optional string-to-string map in the header.
    static let metadataKey = "__metadata__"

    static var dtypeListText: String { "one of " + DType.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses and validates the JSON header against a data buffer of `bufferSize` bytes.
    ///
    /// Checks: valid UTF-8, valid JSON without duplicate keys, a top-level object; per tensor an object
    /// with `dtype` (a known name), `shape` (array of integers ≥ 0) and `data_offsets` (two integers,
    /// begin ≤ end ≤ bufferSize) whose span equals elements × dtype size; no two non-empty tensors
    /// overlap; `__metadata__` is null or an object of strings. Unknown extra fields are ignored.
    static func parseHeader(_ bytes: [UInt8], source: String, bufferSize: Int) throws -> SafeTensorsHeader {
        guard isValidUTF8(bytes) else {
            throw ArrayIOError.malformedHeader(path: source, reason: "the JSON header is not valid UTF-8")
        }
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw ArrayIOError.malformedHeader(
                path: source, reason: "invalid JSON at byte \(error.offset) of the header: \(error.message)")
        }
        guard case let .object(members) = root else {
            throw ArrayIOError.malformedHeader(path: source, reason: "the header is a JSON \(root.typeName), expected an object")
        }
        var header = SafeTensorsHeader(entries: [], metadata: [:])
        for (key, value) in members {
            if key == metadataKey {
                header.metadata = try parseMetadata(value, source: source)
            } else {
                header.entries.append(try parseEntry(name: key, value, source: source, bufferSize: bufferSize))
            }
        }
        try checkNoOverlap(header.entries, source: source)
        return header
    }

    private static func parseMetadata(_ value: JSONValue, source: String) throws -> [String: String] {
        switch value {
        case .null:
            return [:]
        case let .object(members):
            var metadata: [String: String] = [:]
            for (key, item) in members {
                guard case let .string(text) = item else {
                    throw ArrayIOError.invalidMetadata(
                        path: source, key: key, reason: "value is a JSON \(item.typeName), expected a string")
                }
                metadata[key] = text
            }
            return metadata
        default:
            throw ArrayIOError.invalidMetadata(
                path: source, key: metadataKey, reason: "is a JSON \(value.typeName), expected an object of strings")
        }
    }

    private static func parseEntry(name: String, _ value: JSONValue, source: String, bufferSize: Int) throws -> SafeTensorsEntry {
        func invalid(_ reason: String) -> ArrayIOError { .invalidTensor(path: source, tensor: name, reason: reason) }
        guard case let .object(members) = value else {
            throw invalid("entry is a JSON \(value.typeName), expected an object with dtype, shape and data_offsets")
        }
        func field(_ key: String) throws -> JSONValue {
            guard let found = members.first(where: { $0.key == key }) else { throw invalid("missing field '\(key)'") }
            return found.value
        }

        guard case let .string(dtypeName) = try field("dtype") else {
            throw invalid("field 'dtype' is a JSON \(try field("dtype").typeName), expected a string")
        }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw ArrayIOError.unsupportedDType(path: source, tensor: name, found: dtypeName, expected: dtypeListText)
        }

        let shapeValue = try field("shape")
        guard case let .array(dims) = shapeValue else {
            throw invalid("field 'shape' is a JSON \(shapeValue.typeName), expected an array of integers")
        }
        var shape: [Int] = []
        for (axis, dim) in dims.enumerated() {
            guard let size = dim.nonNegativeInt else {
                throw invalid("shape axis \(axis) is \(describe(dim)), expected an integer ≥ 0")
            }
            shape.append(size)
        }

        let offsetsValue = try field("data_offsets")
        guard case let .array(offsets) = offsetsValue, offsets.count == 2 else {
            throw invalid("field 'data_offsets' is \(describe(offsetsValue)), expected [begin, end]")
        }
        guard let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt else {
            throw invalid("data_offsets \(describe(offsetsValue)) are not integers ≥ 0 that fit in 64 bits")
        }
        guard begin <= end else { throw invalid("data_offsets [\(begin), \(end)) have begin > end") }
        guard end <= bufferSize else {
            throw invalid("data_offsets [\(begin), \(end)) lie outside the data buffer of \(bufferSize) bytes")
        }
        guard let needed = ShapeMath.byteCount(shape, elementSize: dtype.byteSize) else {
            throw invalid("shape \(shape) has too many elements")
        }
        guard needed == end - begin else {
            throw invalid("shape \(shape) × \(dtype.rawValue) (\(dtype.byteSize) bytes) needs \(needed) bytes, but data_offsets [\(begin), \(end)) span \(end - begin)")
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    /// Non-empty byte ranges must be disjoint (empty tensors may sit anywhere).
    private static func checkNoOverlap(_ entries: [SafeTensorsEntry], source: String) throws {
        let sorted = entries.filter { $0.end > $0.begin }.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        // `reach` is the sorted-so-far entry that ends last; any later begin below its end overlaps it.
        var reach: SafeTensorsEntry?
        for entry in sorted {
            if let last = reach, entry.begin < last.end {
                throw ArrayIOError.invalidTensor(
                    path: source, tensor: entry.name,
                    reason: "data_offsets [\(entry.begin), \(entry.end)) overlap tensor '\(last.name)' at [\(last.begin), \(last.end))")
            }
            if entry.end > (reach?.end ?? 0) { reach = entry }
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case let .number(text): return text
        case let .string(text): return JSONText.quoted(text)
        case let .array(items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        default: return "a JSON \(value.typeName)"
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
