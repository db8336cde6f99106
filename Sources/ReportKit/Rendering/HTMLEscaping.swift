/// HTML escaping for text content and attribute values.
public enum HTMLEscaping {
    /// Replaces `&`, `<`, `>`, `"` and `'` by character references, so the result is safe both as
    /// element text and inside a double- or single-quoted attribute. Other characters (including
    /// non-ASCII such as `µ`) pass through; the page is UTF-8.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
