import Foundation

/// Turns an ``AxisSpec`` and the data extent into limits and tick values/labels.
public enum AxisResolver {
    /// Automatic tick budget for an axis of this length: one tick per 34 pt (x) or 26 pt (y), 3…8.
    public static func automaticTickCount(lengthPoints: Double, horizontal: Bool) -> Int {
        let spacing = horizontal ? 34.0 : 26.0
        return min(max(Int(lengthPoints / spacing) + 1, 3), 8)
    }

    /// Limits and ticks (values inside the limits only, labels parallel to values).
    ///
    /// `.nice`/`.niceIncludingZero` snap outward (1-2-5 ladder); `.tight` uses the data range;
    /// `.fixed` the given one. Without data the range is 0…1 (linear) or 1…10 (log).
    public static func resolve(_ spec: AxisSpec, extent: ClosedRange<Double>?, lengthPoints: Double,
                               horizontal: Bool) -> TickSet {
        let maxCount: Int
        if case .maxCount(let n) = spec.ticks { maxCount = n } else {
            maxCount = automaticTickCount(lengthPoints: lengthPoints, horizontal: horizontal)
        }
        var data = extent ?? (spec.scale == .log10 ? 1...10 : 0...1)
        var snap = false
        switch spec.limits {
        case .nice: snap = true
        case .niceIncludingZero:
            snap = true
            if spec.scale == .linear { data = min(data.lowerBound, 0)...max(data.upperBound, 0) }
        case .tight: break
        case .padded(let fraction):
            if spec.scale == .log10 {
                let ratio = pow(data.upperBound / data.lowerBound, max(fraction, 0))
                data = (data.lowerBound / ratio)...(data.upperBound * ratio)
            } else {
                let span = data.upperBound - data.lowerBound
                let pad = max(fraction, 0) * (span > 0 ? span : max(abs(data.lowerBound), 1))
                data = (data.lowerBound - pad)...(data.upperBound + pad)
            }
        case .fixed(let lower, let upper): data = lower...upper
        }
        var set = spec.scale == .log10
            ? NiceTicks.logarithmic(lower: data.lowerBound, upper: data.upperBound, maxCount: maxCount, snap: snap)
            : NiceTicks.linear(lower: data.lowerBound, upper: data.upperBound, maxCount: maxCount, snap: snap)
        // Explicit ticks replace the automatic ones but keep the limits.
        switch spec.ticks {
        case .automatic, .maxCount: break
        case .none: set.values = []; set.labels = []
        case .values(let values):
            set.values = values
            set.labels = labels(for: values)
        case .labeled(let marks):
            set.values = marks.map(\.value)
            set.labels = marks.map(\.label)
        }
        let slack = (set.upper - set.lower) * 1e-9
        let inside = set.values.indices.filter { set.values[$0] >= set.lower - slack && set.values[$0] <= set.upper + slack }
        set.values = inside.map { set.values[$0] }
        set.labels = inside.map { set.labels[$0] }
        return set
    }

    /// Labels for explicit values: the fewest decimals (0…6) that print every value exactly (to 1e-9).
    public static func labels(for values: [Double]) -> [String] {
        let digits = (0...6).first { d in
            values.allSatisfy { v in
                let scaled = v * pow(10, Double(d))
                return abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled))
            }
        } ?? 6
        return values.map { TickFormatter.decimal($0, digits: digits) }
    }
}
