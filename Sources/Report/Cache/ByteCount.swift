import Foundation

/// A size in bytes as a user writes it (`--cache-limit 4G`): a positive number with an optional
/// binary unit K, M, G or T (KiB = 1024 bytes …; `B`, `iB` and lower case are accepted, `4GiB`,
/// `500m`, `1.5G`), or plain bytes. Printed back with ``text(_:)``.
public enum ByteCount {
    /// What ``parse(_:parameter:)`` accepts, for error messages.
    public static let expected = "a size above 0 such as 500M, 4G or 1.5T (binary units: 1K = 1024 bytes)"

    /// The bytes `text` stands for.
    /// - Throws: `RunPipelineError.invalidParameter` naming `parameter` for an empty, zero, negative,
    ///   non-numeric or too large size.
    public static func parse(_ text: String, parameter: String = "--cache-limit") throws -> Int64 {
        func fail() -> RunPipelineError { .invalidParameter(name: parameter, expected: expected, found: "'\(text)'") }
        var body = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where body.hasSuffix(suffix) && body.count > suffix.count {
            body.removeLast(suffix.count)
            break
        }
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        var scale = 1.0
        if let last = body.last, let unit = units[last] {
            scale = unit
            body.removeLast()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(body) else { throw fail() }
        let bytes = (number * scale).rounded(.down)
        guard bytes >= 1, bytes < Double(Int64.max) / 2 else { throw fail() }
        return Int64(bytes)
    }

    /// "96.9 MiB", "4.0 GiB", "512 bytes" (binary multiples, like ``parse(_:parameter:)``).
    public static func text(_ bytes: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        guard value >= 1024 else { return "\(bytes) bytes" }
        var unit = -1
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
