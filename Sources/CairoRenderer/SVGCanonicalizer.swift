import Foundation

/// Makes cairo's SVG independent of what was rendered before in the same process.
///
/// cairo 1.16 numbers some ids (`image12`, `surface7`, `pattern3`, …) from process-wide counters
/// (docs/toolchain.md §6.7), so the same figure could come out with different ids. Every id of the
/// form `<prefix><digits>` is renumbered in order of first appearance per prefix (the first `surface…`
/// becomes `surface1`, …), both in `id="…"` and in references (`#…`). Ids that cairo already numbers
/// per document (`glyph0-1`, `clip1`) keep their form. The result is byte-identical for equal figures.
enum SVGCanonicalizer {
    static let prefixes = ["image", "surface", "pattern", "source", "mask", "filter", "clip", "linear", "radial"]

    static func canonical(_ data: Data) -> Data {
        guard var text = String(data: data, encoding: .utf8) else { return data }
        for prefix in prefixes {
            text = renumber(text, prefix: prefix)
        }
        return Data(text.utf8)
    }

    /// Renumbers `id="prefixN"`, `"#prefixN"` and `url(#prefixN)` occurrences consistently.
    static func renumber(_ text: String, prefix: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: "(?<=id=\"|#)\(prefix)([0-9]+)(?=[\"\\)])") else { return text }
        let whole = NSRange(text.startIndex..., in: text)
        let matches = regex.matches(in: text, range: whole)
        guard !matches.isEmpty else { return text }
        var mapping: [String: String] = [:]
        var next = 1
        let source = text as NSString
        for match in matches {
            let number = source.substring(with: match.range(at: 1))
            if mapping[number] == nil {
                mapping[number] = String(next)
                next += 1
            }
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var cursor = 0
        for match in matches {
            let numberRange = match.range(at: 1)
            result += source.substring(with: NSRange(location: cursor, length: numberRange.location - cursor))
            result += mapping[source.substring(with: numberRange)]!
            cursor = numberRange.location + numberRange.length
        }
        result += source.substring(from: cursor)
        return result
    }
}
