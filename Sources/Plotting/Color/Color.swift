/// An opaque sRGB colour with 8-bit channels.
///
/// Encodes to and decodes from a `"#RRGGBB"` string so layout and palette golden files stay readable.
/// Opacity is not part of the colour: elements that can be translucent (bands, spans) carry their own
/// `opacity` in 0…1.
public struct RGBColor: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a 24-bit `0xRRGGBB` value (higher bits ignored).
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// Parses `"#RRGGBB"` or `"RRGGBB"` (case-insensitive); `nil` for anything else.
    public init?(hexString: String) {
        var digits = Substring(hexString)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(hex: value)
    }

    /// `0xRRGGBB`.
    public var hexValue: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }

    /// `"#RRGGBB"` in upper case.
    public var hexString: String {
        let digits = String(hexValue, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    public var description: String { hexString }

    /// Channels as fractions in 0…1 (value / 255).
    public var fractions: (red: Double, green: Double, blue: Double) {
        (Double(red) / 255, Double(green) / 255, Double(blue) / 255)
    }

    /// Linear interpolation in sRGB: `self·(1−t) + other·t`, channel-wise, rounded to nearest; `t` is
    /// clamped to 0…1, so `t = 0` returns `self` and `t = 1` returns `other` exactly.
    public func interpolated(to other: RGBColor, fraction t: Double) -> RGBColor {
        let t = min(max(t, 0), 1)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) * (1 - t) + Double(b) * t).rounded())
        }
        return RGBColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    /// This colour mixed with white: `fraction` 0 keeps the colour, 1 gives white.
    public func tinted(_ fraction: Double) -> RGBColor { interpolated(to: .white, fraction: fraction) }

    public static let white = RGBColor(hex: 0xFFFFFF)
    public static let black = RGBColor(hex: 0x000000)
}

extension RGBColor: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let color = RGBColor(hexString: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a colour \"#RRGGBB\", found \"\(text)\"")
        }
        self = color
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hexString)
    }
}
