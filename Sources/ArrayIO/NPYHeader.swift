/// The header dict of an NPY file (NEP 1): `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// The dict text exactly as `numpy.save` (numpy ≥ 1.24) writes it before padding: keys sorted,
    /// `repr` values, a trailing `, }`, then spare spaces after it so the first axis can grow in place
    /// (`21 − len(repr(shape[0]))` spaces; none for 0-d arrays).
    var text: String {
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        let dict = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        let growth = shape.isEmpty ? 0 : max(0, 21 - String(shape[0]).count)
        return dict + String(repeating: " ", count: growth)
    }

    /// Parses the header dict. `isUTF8` selects the text encoding of strings (v3.0: UTF-8; v1.0/v2.0:
    /// latin-1). Errors are `malformedHeader` naming `source`.
    static func parse(_ bytes: [UInt8], isUTF8: Bool, source: String) throws -> NPYHeader {
        var parser = PythonLiteralParser(bytes: bytes, isUTF8: isUTF8)
        let entries: [(key: String, value: PythonLiteral)]
        do {
            entries = try parser.parseHeaderDict()
        } catch {
            throw ArrayIOError.malformedHeader(path: source, reason: "header dict: \(error.message) at byte \(error.offset)")
        }
        func fail(_ reason: String) -> ArrayIOError { .malformedHeader(path: source, reason: reason) }
        let required = ["descr", "fortran_order", "shape"]
        for (key, _) in entries where !required.contains(key) {
            throw fail("unexpected key '\(key)' in the header dict (expected exactly descr, fortran_order, shape)")
        }
        func value(_ key: String) throws -> PythonLiteral {
            guard let found = entries.first(where: { $0.key == key }) else { throw fail("the header dict lacks the key '\(key)'") }
            return found.value
        }
        guard case let .string(descr) = try value("descr") else {
            throw fail("descr is \(try value("descr").typeName) (a structured dtype?), expected '<f4' or '<f8'")
        }
        guard case let .bool(fortranOrder) = try value("fortran_order") else {
            throw fail("fortran_order is \(try value("fortran_order").typeName), expected True or False")
        }
        guard case let .tuple(dims) = try value("shape") else {
            throw fail("shape is \(try value("shape").typeName), expected a tuple of integers")
        }
        var shape: [Int] = []
        for (axis, dim) in dims.enumerated() {
            guard case let .integer(size) = dim, let size, size >= 0 else {
                throw fail("shape axis \(axis) is \(dim.typeName == "an integer" ? "negative or too large" : dim.typeName), expected an integer ≥ 0")
            }
            shape.append(size)
        }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }
}

/// A Python literal as found in NPY headers.
indirect enum PythonLiteral {
    case string(String)
    /// nil when the digits do not fit `Int`; negative values keep their sign.
    case integer(Int?)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .bool: return "a boolean"
        case .none: return "None"
        case .tuple: return "a tuple"
        case .list: return "a list"
        case .dict: return "a dict"
        }
    }
}

struct PythonLiteralError: Error {
    var message: String
    var offset: Int
}

/// A tiny parser for the subset of Python literal syntax used in NPY headers: dicts, tuples, lists,
/// quoted strings, integers (an old `L` suffix allowed), True/False/None. Nesting is bounded.
struct PythonLiteralParser {
    static let maxDepth = 16

    let bytes: [UInt8]
    let isUTF8: Bool
    private var index = 0
    private var depth = 0

    init(bytes: [UInt8], isUTF8: Bool) {
        self.bytes = bytes
        self.isUTF8 = isUTF8
    }

    /// Parses a dict with string keys followed only by whitespace (spaces, tabs, newlines).
    mutating func parseHeaderDict() throws(PythonLiteralError) -> [(key: String, value: PythonLiteral)] {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else { throw error("expected '{'") }
        guard case let .dict(pairs) = try parseValue() else { throw error("expected a dict") }
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected content after the dict") }
        var result: [(key: String, value: PythonLiteral)] = []
        for (key, value) in pairs {
            guard case let .string(name) = key else { throw error("a dict key is \(key.typeName), expected a string") }
            guard !result.contains(where: { $0.key == name }) else { throw error("duplicate key '\(name)'") }
            result.append((name, value))
        }
        return result
    }

    private func error(_ message: String) -> PythonLiteralError { PythonLiteralError(message: message, offset: index) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func parseValue() throws(PythonLiteralError) -> PythonLiteral {
        skipWhitespace()
        guard let byte = current else { throw error("unexpected end of header") }
        switch byte {
        case UInt8(ascii: "{"):
            let items = try parseSequence(close: UInt8(ascii: "}"), pairs: true)
            return .dict(items.map { ($0.0, $0.1 ?? .none) })
        case UInt8(ascii: "("):
            return .tuple(try parseSequence(close: UInt8(ascii: ")"), pairs: false).map(\.0))
        case UInt8(ascii: "["):
            return .list(try parseSequence(close: UInt8(ascii: "]"), pairs: false).map(\.0))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString(quote: byte))
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            return .integer(try parseInteger())
        default:
            let start = index
            while let letter = current, (UInt8(ascii: "A") ... UInt8(ascii: "Z")).contains(letter) || (UInt8(ascii: "a") ... UInt8(ascii: "z")).contains(letter) {
                index += 1
            }
            switch String(decoding: bytes[start ..< index], as: UTF8.self) {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default:
                index = start
                throw error("unexpected character '\(Character(Unicode.Scalar(byte)))'")
            }
        }
    }

    /// Comma-separated items (a trailing comma allowed) up to `close`; dict items are `key: value`.
    private mutating func parseSequence(close: UInt8, pairs: Bool) throws(PythonLiteralError) -> [(PythonLiteral, PythonLiteral?)] {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
        index += 1
        var items: [(PythonLiteral, PythonLiteral?)] = []
        while true {
            skipWhitespace()
            if current == close { index += 1; return items }
            let first = try parseValue()
            var second: PythonLiteral?
            if pairs {
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' in dict") }
                index += 1
                second = try parseValue()
            }
            items.append((first, second))
            skipWhitespace()
            if current == UInt8(ascii: ",") { index += 1; continue }
            guard current == close else { throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
        }
    }

    private mutating func parseString(quote: UInt8) throws(PythonLiteralError) -> String {
        index += 1
        var content: [UInt8] = []
        while true {
            guard let byte = current else { throw error("unterminated string") }
            index += 1
            if byte == quote { break }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = current else { throw error("unterminated escape") }
                index += 1
                content.append(escaped)
            } else {
                content.append(byte)
            }
        }
        if isUTF8 { return String(decoding: content, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: content.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    private mutating func parseInteger() throws(PythonLiteralError) -> Int? {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while let byte = current, (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) { index += 1 }
        guard index > digitsStart else { throw error("invalid integer") }
        let text = String(decoding: bytes[start ..< index], as: UTF8.self)
        if current == UInt8(ascii: "L") { index += 1 }
        return Int(text)
    }
}
