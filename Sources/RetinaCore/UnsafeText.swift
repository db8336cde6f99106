/// Characters that must not reach a terminal, a report or a one-line record from a user-supplied
/// name: control characters (Unicode class Cc: NUL, tab, newline, CR, ESC, DEL, C1) move the
/// cursor, colour the text or break lines; bidirectional formatting characters (embeddings,
/// overrides, isolates, marks) reorder what a reader sees without being visible.
///
/// The one definition used by hypothesis names, recipe names and the printing of names read from
/// recordings.
public enum UnsafeText {
    /// The bidirectional formatting characters (U+061C, U+200E–200F, U+202A–202E, U+2066–2069).
    public static let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// Whether `scalar` is a control (Cc) or bidirectional formatting character.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || bidiControls.contains(scalar.value)
    }

    /// The first control or bidirectional formatting character of `text`, or nil.
    public static func firstUnsafeScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isUnsafe)
    }

    /// `scalar` as `U+XXXX` (at least four hex digits).
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every control and bidirectional formatting character written as `\u{…}`.
    public static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { isUnsafe($0) ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }.joined()
    }
}
