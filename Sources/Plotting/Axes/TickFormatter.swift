import Foundation

/// Tick-label text: plain decimals with just enough digits for the step, a true minus sign (U+2212),
/// and `m×10ⁿ` (Unicode superscripts) when the largest magnitude is ≥ 10⁵ or < 10⁻³.
public enum TickFormatter {
    /// The typographic minus sign used in every label.
    public static let minus = "\u{2212}"

    /// Labels for `values` on a linear axis whose step is `step`.
    public static func labels(for values: [Double], step: TickStep) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
            let exponent = Int(floor(log10(largest)))
            let digits = max(0, exponent - step.exponent)
            return values.map { scientific($0, exponent: exponent, digits: digits) }
        }
        let digits = max(0, -step.exponent)
        return values.map { decimal($0, digits: digits) }
    }

    /// `value` with `digits` decimals; a rounded zero prints as "0" (never "−0").
    public static func decimal(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        if isZero { return text }
        return value < 0 ? minus + text : text
    }

    static func scientific(_ value: Double, exponent: Int, digits: Int) -> String {
        if value == 0 { return "0" }
        let mantissa = value / pow(10, Double(exponent))
        return decimal(mantissa, digits: digits) + "×10" + superscript(exponent)
    }

    /// Labels of log-axis ticks: all decimal when every tick lies in 10⁻³ … 10⁴, otherwise all in
    /// power form (`10ⁿ`, `m×10ⁿ`), so one axis never mixes the two.
    public static func logLabels(for values: [Double]) -> [String] {
        let exponents = values.map { Int(floor(log10($0) + 1e-9)) }
        let decimalForm = exponents.allSatisfy { (-3...4).contains($0) }
        return values.map { logLabel($0, decimalForm: decimalForm) }
    }

    /// Label of a 1-2-5 ladder tick on a log axis: decimal, or `10ⁿ` / `m×10ⁿ`.
    public static func logLabel(_ value: Double, decimalForm: Bool = true) -> String {
        let exponent = Int(floor(log10(value) + 1e-9))
        if decimalForm { return decimal(value, digits: max(0, -exponent)) }
        let mantissa = (value / pow(10, Double(exponent))).rounded()
        return mantissa == 1 ? "10" + superscript(exponent) : decimal(mantissa, digits: 0) + "×10" + superscript(exponent)
    }

    /// `n` in Unicode superscript digits (`−3` → `⁻³`).
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(abs(n)).map { digits[Int(String($0))!] })
        return n < 0 ? "⁻" + body : body
    }
}
