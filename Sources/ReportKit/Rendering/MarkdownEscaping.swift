import Foundation

/// GitHub-flavoured Markdown escaping that keeps ordinary prose readable in the `.md` file.
enum MarkdownEscaping {
    /// Escapes `text` so GFM shows it literally.
    ///
    /// - Backslash-escapes `\ ` * _ [ ] | ~` (emphasis, code, links, table cells, strikethrough).
    /// - `<` becomes `&lt;` so no raw HTML can be injected (`>` alone cannot open a tag and is kept;
    ///   at the start of a line ``protectLineStart(_:)`` escapes it).
    /// - `&` becomes `&amp;` only where it would start a character reference (`&amp;`, `&#38;`),
    ///   so "R&D" stays readable.
    /// - Line breaks become spaces (a paragraph is one logical line); a leading `#`, `+`, `-`, `=`
    ///   `>` or ordered-list marker is escaped (by ``protectLineStart(_:)``) so the text cannot turn into a heading or list.
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (i, s) in scalars.enumerated() {
            switch s {
            case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(s)
            case "<": out += "&lt;"
            case "&": out += startsEntity(scalars, at: i) ? "&amp;" : "&"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Escapes block-level markers at the start of a line (`#`, `-`, `+`, `=`, `>`, `1.`, `1)`).
    static func protectLineStart(_ line: String) -> String {
        guard let first = line.unicodeScalars.first else { return line }
        if "#+-=>".unicodeScalars.contains(first) { return "\\" + line }
        var digits = 0
        for s in line.unicodeScalars {
            if s >= "0" && s <= "9" { digits += 1; continue }
            if digits > 0 && (s == "." || s == ")") {
                let idx = line.index(line.startIndex, offsetBy: digits)
                return String(line[..<idx]) + "\\" + String(line[idx...])
            }
            break
        }
        return line
    }

    /// An inline code span whose fence is longer than any backtick run inside `code`.
    static func codeSpan(_ code: String) -> String {
        let flat = code.replacingOccurrences(of: "\n", with: " ")
        let fence = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A fenced code block (at least three backticks, more than any run inside).
    static func codeBlock(_ code: String, language: String?) -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: code) + 1))
        let body = code.hasSuffix("\n") ? String(code.dropLast()) : code
        return fence + (language ?? "") + "\n" + body + "\n" + fence
    }

    static func longestRun(of c: Character, in s: String) -> Int {
        var best = 0, run = 0
        for ch in s {
            run = ch == c ? run + 1 : 0
            best = max(best, run)
        }
        return best
    }

    private static func startsEntity(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        var count = 0
        while j < s.count, count < 32 {
            let c = s[j]
            if c == ";" { return count > 0 }
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "#"
            if !ok { return false }
            count += 1
            j += 1
        }
        return false
    }
}
