/// Turns titles into anchor-safe ids.
public enum Slug {
    /// Lower-case ASCII letters and digits kept, every other run of characters becomes one `-`,
    /// leading and trailing `-` dropped; `"section"` when nothing is left.
    /// Example: `"Omitted-stimulus response (OSR)"` → `"omitted-stimulus-response-osr"`.
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            let isSafe = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isSafe {
                if pendingDash && !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// `true` when `id` is non-empty and uses only `[A-Za-z0-9._-]` (safe in URLs, HTML ids and
    /// file names without escaping).
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
                || s == "." || s == "_" || s == "-"
        }
    }
}
