import Foundation

/// Number formatting for the assembled report: every number a reader sees goes through here, so
/// missing and non-finite values always read "n/a" (never "nan" or "inf") and precision is uniform.
///
/// Two styles:
/// - *measured* values (``significant(_:_:)``): a fixed number of significant digits (default 3),
///   trailing zeros kept (`0.980`, `25.7`, `238`); integers with more digits than that are shown whole
///   (`1234`), never as `1230`;
/// - *parameters* (``parameter(_:)``): the value as the user set it, shortest form up to 6 significant
///   digits with trailing zeros dropped (`0.19`, `0.0001`, `1e-5`), so binary noise such as
///   `0.15000000000000002` reads `0.15`.
///
/// Negative numbers use the typographic minus sign (U+2212) and a value that rounds to zero is `0`,
/// never `-0`. Output does not depend on the locale.
public enum NumberText {
    /// Shown for a missing, NaN or infinite value.
    public static let notAvailable = "n/a"
    /// The typographic minus sign.
    public static let minus = "\u{2212}"

    /// `x` with `digits` significant digits (see the type's documentation); "n/a" when nil or not finite.
    public static func significant(_ x: Double?, _ digits: Int = 3) -> String {
        guard let x, x.isFinite else { return notAvailable }
        if x == 0 { return "0" }
        let digits = max(1, digits)
        let magnitude = abs(x)
        if magnitude < 1e-3 || magnitude >= 1e9 { return scientific(x, digits) }
        if magnitude >= pow(10, Double(digits)) {
            return signed(String(format: "%.0f", locale: nil, magnitude), negative: x < 0)
        }
        // Round to `digits` significant digits first, then choose the decimals from the rounded value
        // (9.996 → 10.0, not 10.00).
        let exponent = Int(floor(log10(magnitude)))
        let scale = pow(10, Double(exponent - digits + 1))
        let rounded = (x / scale).rounded() * scale
        let roundedExponent = rounded == 0 ? exponent : Int(floor(log10(abs(rounded))))
        let decimals = max(0, digits - 1 - roundedExponent)
        return signed(String(format: "%.\(decimals)f", locale: nil, abs(rounded)), negative: rounded < 0)
    }

    /// `x` with a fixed number of decimals (for percentages and Pearson r); "n/a" when nil or not finite.
    public static func fixed(_ x: Double?, decimals: Int) -> String {
        guard let x, x.isFinite else { return notAvailable }
        let text = String(format: "%.\(max(0, decimals))f", locale: nil, abs(x))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return signed(text, negative: x < 0 && !isZero)
    }

    /// `100 · fraction` with `decimals` decimals, without the % sign (put "%" in the header or unit).
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction, fraction.isFinite else { return notAvailable }
        return fixed(100 * fraction, decimals: decimals)
    }

    /// A parameter value as set (see the type's documentation); "n/a" when not finite.
    public static func parameter(_ x: Double) -> String {
        guard x.isFinite else { return notAvailable }
        if x == 0 { return "0" }
        var text = String(format: "%.6g", locale: nil, abs(x))
        if let e = text.firstIndex(of: "e") {
            // "1e-05" → "1e-5", "2.5e+10" → "2.5e10"
            let mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
            text = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        return signed(text, negative: x < 0)
    }

    /// An integer with thin grouping for readability above 9999 (`600 000`, `1250`).
    public static func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        guard digits.count > 4 else { return n < 0 ? minus + digits : digits }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append("\u{202F}") }  // narrow no-break space
            out.append(ch)
        }
        return n < 0 ? minus + out : out
    }

    /// Parameter values joined by ", "; an evenly spaced list of more than 5 values is shown as
    /// `first … last in steps of d (n values)`.
    public static func parameterList(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "none" }
        if values.count > 5, let step = evenStep(values) {
            return "\(parameter(values[0])) … \(parameter(values[values.count - 1])) in steps of "
                + "\(parameter(step)) (\(values.count) values)"
        }
        return values.map(parameter).joined(separator: ", ")
    }

    /// Measured values joined by ", " with `digits` significant digits.
    public static func list(_ values: [Double?], _ digits: Int = 3) -> String {
        values.map { significant($0, digits) }.joined(separator: ", ")
    }

    /// `lo – hi` for a parameter range.
    public static func range(_ lo: Double, _ hi: Double) -> String { "\(parameter(lo)) – \(parameter(hi))" }

    /// The common step of an evenly spaced list (relative tolerance 1e-6), or nil.
    public static func evenStep(_ values: [Double]) -> Double? {
        guard values.count >= 3 else { return nil }
        let step = values[1] - values[0]
        guard step != 0, step.isFinite else { return nil }
        for i in 1..<values.count where abs((values[i] - values[i - 1]) - step) > 1e-6 * max(1, abs(step)) {
            return nil
        }
        return step
    }

    private static func scientific(_ x: Double, _ digits: Int) -> String {
        var text = String(format: "%.\(max(0, digits - 1))e", locale: nil, abs(x))
        if let e = text.firstIndex(of: "e") {
            let mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
            text = mantissa + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        return signed(text, negative: x < 0)
    }

    private static func signed(_ magnitude: String, negative: Bool) -> String {
        negative ? minus + magnitude : magnitude
    }
}

/// Unit strings and conversions used in tables: one spelling everywhere.
public enum UnitText {
    public static let milliseconds = "ms"
    public static let pixels = "px"
    public static let microns = "µm"
    public static let pixelsPerFrame = "px/frame"
    public static let millimetresPerSecond = "mm/s"
    public static let hertz = "Hz"
    public static let percent = "%"
    public static let frames = "frames"

    /// "12.3 ms"; "n/a" alone when the value is missing (no dangling unit).
    public static func measured(_ x: Double?, _ unit: String, digits: Int = 3) -> String {
        let value = NumberText.significant(x, digits)
        guard value != NumberText.notAvailable, !unit.isEmpty else { return value }
        return "\(value) \(unit)"
    }

    /// A duration in frames as milliseconds (``Units/frameMilliseconds`` per frame).
    public static func milliseconds(frames: Int) -> Double { Units.milliseconds(frames: Double(frames)) }

    /// A length in pixels as µm (``Units/pixelMicrons`` per pixel), formatted as a parameter.
    public static func micronsText(pixels: Double) -> String { NumberText.parameter(Units.microns(pixels: pixels)) }

    /// A speed in px/frame as mm/s, formatted as a parameter.
    public static func millimetresPerSecondText(pixelsPerFrame v: Double) -> String {
        NumberText.parameter(Units.millimetresPerSecond(pixelsPerFrame: v))
    }
}
