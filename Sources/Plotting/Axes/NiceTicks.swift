import Foundation

/// A tick step `mantissa · 10^exponent` with `mantissa` ∈ {1, 2, 5}.
public struct TickStep: Codable, Sendable, Equatable {
    public var mantissa: Int
    public var exponent: Int

    /// The step as a number.
    public var value: Double { Self.scale(Double(mantissa), exponent) }

    /// `i · step`, computed as the integer `i·mantissa` scaled by a power of ten, so 0.1-type steps
    /// give the shortest decimal (3 · 0.1 → 0.3, not 0.30000000000000004).
    public func multiple(_ i: Int) -> Double { Self.scale(Double(i * mantissa), exponent) }

    /// The next step of the 1-2-5 ladder.
    public var next: TickStep {
        switch mantissa {
        case 1: return TickStep(mantissa: 2, exponent: exponent)
        case 2: return TickStep(mantissa: 5, exponent: exponent)
        default: return TickStep(mantissa: 1, exponent: exponent + 1)
        }
    }

    static func scale(_ x: Double, _ exponent: Int) -> Double {
        exponent >= 0 ? x * pow(10, Double(exponent)) : x / pow(10, Double(-exponent))
    }
}

/// Ticks of one axis: the values, their labels, and the axis limits they were computed for.
public struct TickSet: Codable, Sendable, Equatable {
    /// Axis limits (data units). With snapping these are the outermost ticks.
    public var lower: Double
    public var upper: Double
    /// Tick positions (data units), increasing.
    public var values: [Double]
    /// One label per value (Unicode minus sign, `×10ⁿ` for very large or small magnitudes).
    public var labels: [String]
}

/// "Nice" tick selection on the 1-2-5 ladder.
///
/// Linear axes: the step is the smallest `{1,2,5}·10^k` that gives at most `maxCount` ticks. With
/// `snap = true` the limits grow outward to the neighbouring multiples of the step (the axis line then
/// runs from first to last tick, the despined journal look); with `snap = false` the limits are kept
/// and only the multiples inside them are ticks. Comparisons use a relative tolerance of 1e-9 of the
/// step, so 0.3/0.1 counts as 3.
public enum NiceTicks {
    static let tolerance = 1e-9

    /// Widens a degenerate or empty range: `v…v` becomes `v ± max(|v|·0.1, 1e-300)` (or −1…1 for 0).
    static func widened(_ lower: Double, _ upper: Double) -> (Double, Double) {
        if lower < upper { return (lower, upper) }
        if lower == upper {
            if lower == 0 { return (-1, 1) }
            let d = max(abs(lower) * 0.1, 1e-300)
            return (lower - d, upper + d)
        }
        return (upper, lower)
    }

    /// Linear ticks for `lower…upper` with at most `maxCount` (≥ 2) ticks.
    public static func linear(lower: Double, upper: Double, maxCount: Int, snap: Bool) -> TickSet {
        let maxCount = min(max(maxCount, 2), 1_000)
        let (lo, hi) = widened(lower, upper)
        let span = hi - lo
        // Limits that are not finite, or so far from 0 relative to their span that tick indices would
        // not fit an Int, get no ticks instead of a trapping Double → Int conversion.
        guard lo.isFinite, hi.isFinite, span.isFinite, span > 0,
              max(abs(lo), abs(hi)) / span * Double(maxCount) < 1e15 else {
            return TickSet(lower: lo, upper: hi, values: [], labels: [])
        }
        var step = TickStep(mantissa: 1, exponent: Int(floor(log10(span / Double(maxCount)))) - 1)
        var range = indices(lo, hi, step, snap)
        while range.upperBound - range.lowerBound + 1 > maxCount {
            step = step.next
            range = indices(lo, hi, step, snap)
        }
        let values = (range.lowerBound...range.upperBound).map(step.multiple)
        let labels = TickFormatter.labels(for: values, step: step)
        if snap {
            return TickSet(lower: values.first ?? lo, upper: values.last ?? hi, values: values, labels: labels)
        }
        return TickSet(lower: lo, upper: hi, values: values, labels: labels)
    }

    static func indices(_ lo: Double, _ hi: Double, _ step: TickStep, _ snap: Bool) -> ClosedRange<Int> {
        let s = step.value
        let a = lo / s, b = hi / s
        let first = snap ? Int(floor(a + tolerance)) : Int(ceil(a - tolerance))
        let last = snap ? Int(ceil(b - tolerance)) : Int(floor(b + tolerance))
        return first...max(first, last)
    }

    /// Ticks for a log10 axis on `lower…upper` (both > 0).
    ///
    /// With `snap`, the limits grow outward to the nearest values of the ladder {1, 2, 5}·10^k. Ticks are
    /// the 1-2-5 values inside the limits when fewer than three decades fall inside and they fit in
    /// `maxCount` (or fewer than two decades fall inside); otherwise the decades, every n-th one if more
    /// than `maxCount`.
    public static func logarithmic(lower: Double, upper: Double, maxCount: Int, snap: Bool) -> TickSet {
        var lo = lower > 0 && lower.isFinite ? lower : 1e-300
        var hi = upper > lo && upper.isFinite ? upper : min(lo * 10, Double.greatestFiniteMagnitude)
        guard lo < hi, (lo * 10).isFinite else { return TickSet(lower: lo, upper: hi, values: [], labels: []) }
        if snap {
            lo = ladderValue(atOrBelow: lo)
            hi = ladderValue(atOrAbove: hi)
        }
        guard lo > 0, hi.isFinite, lo < hi, hi < 1e300 else { return TickSet(lower: lo, upper: hi, values: [], labels: []) }
        let firstDecade = Int(ceil(log10(lo) - tolerance))
        let lastDecade = Int(floor(log10(hi) + tolerance))
        let decadeCount = lastDecade - firstDecade + 1
        let k0 = Int(floor(log10(lo))) - 1
        let ladderValues = ladder(from: k0, to: Int(ceil(log10(hi))) + 1)
            .filter { $0 >= lo * (1 - tolerance) && $0 <= hi * (1 + tolerance) }
        var values: [Double]
        if decadeCount < 3, ladderValues.count <= max(maxCount, 2) || decadeCount < 2 {
            values = ladderValues
        } else {
            let stride = Int(ceil(Double(decadeCount) / Double(max(maxCount, 2))))
            values = Swift.stride(from: firstDecade, through: lastDecade, by: stride).map { TickStep.scale(1, $0) }
        }
        return TickSet(lower: lo, upper: hi, values: values, labels: TickFormatter.logLabels(for: values))
    }

    /// The values {1, 2, 5}·10^k for k in `first…last`, increasing.
    static func ladder(from first: Int, to last: Int) -> [Double] {
        var values: [Double] = []
        for k in first...last {
            for m in [1.0, 2.0, 5.0] { values.append(TickStep.scale(m, k)) }
        }
        return values
    }

    static func ladderValue(atOrBelow x: Double) -> Double {
        let k = Int(floor(log10(x)))
        let candidates = ladder(from: k - 1, to: k + 1)
        return candidates.filter { $0 <= x * (1 + tolerance) }.max() ?? x
    }

    static func ladderValue(atOrAbove x: Double) -> Double {
        let k = Int(floor(log10(x)))
        let candidates = ladder(from: k - 1, to: k + 1)
        return candidates.filter { $0 >= x * (1 - tolerance) }.min() ?? x
    }
}
