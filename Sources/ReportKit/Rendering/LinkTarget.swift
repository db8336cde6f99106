import Foundation

/// Decides which link targets a report may contain and how to write them.
enum LinkTarget {
    /// Schemes allowed in report links; anything else (`javascript:`, `data:`, `file:`) is dropped.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The target ready for an `href` (before HTML attribute escaping), or `nil` when the target is
    /// not allowed. `#anchor` passes through; a relative path is percent-encoded per component
    /// (its `#fragment` kept); an absolute URL with an allowed scheme has spaces and parentheses
    /// percent-encoded.
    static func sanitize(_ target: String) -> String? {
        let t = target.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        if t.hasPrefix("#") { return "#" + RelativePath.urlEncoded(String(t.dropFirst())) }
        if let scheme = scheme(of: t) {
            guard allowedSchemes.contains(scheme.lowercased()) else { return nil }
            return t.replacingOccurrences(of: " ", with: "%20")
                .replacingOccurrences(of: "(", with: "%28")
                .replacingOccurrences(of: ")", with: "%29")
        }
        let (path, fragment) = split(t)
        if path.hasPrefix("/") || path.hasPrefix("//") { return nil }
        let encoded = RelativePath.urlEncoded(path)
        return fragment.map { encoded + "#" + RelativePath.urlEncoded($0) } ?? encoded
    }

    /// The scheme when `t` has one (letters, digits, `+ - .` before the first `:`, which comes
    /// before any `/`, `?` or `#`).
    static func scheme(of t: String) -> String? {
        guard let colon = t.firstIndex(of: ":") else { return nil }
        let head = t[..<colon]
        if head.isEmpty || head.contains(where: { "/?#".contains($0) }) { return nil }
        let ok = head.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || "+-.".unicodeScalars.contains(s)
        }
        return ok ? String(head) : nil
    }

    private static func split(_ t: String) -> (String, String?) {
        guard let hash = t.firstIndex(of: "#") else { return (t, nil) }
        return (String(t[..<hash]), String(t[t.index(after: hash)...]))
    }
}
