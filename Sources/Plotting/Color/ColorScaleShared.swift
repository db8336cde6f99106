/// Symmetric colour limits shared by every panel of a comparison.
///
/// Full- and reduced-model attribution maps must be read on one scale: the limit is computed once over
/// the values of all panels together, and each panel gets the same ``ColorScale``.
public enum SharedColorScale {
    /// The limit `L` for a zero-centred scale over all `panels`.
    ///
    /// - With `percentile == nil`: `L = max |v|` over all finite values of all panels.
    /// - With `percentile = p` (0 < p ≤ 100): `L` = the p-th percentile of the pooled |v| (nearest-rank on
    ///   the sorted magnitudes: index `ceil(p/100·n) − 1`), so a few extreme values do not wash out
    ///   the rest; values beyond `L` saturate.
    /// - If every value is zero (or there are none) `L = 1`, so the colour bar still has a range.
    /// Non-finite values are ignored here (validation reports them).
    public static func symmetricLimit(across panels: [[Double]], percentile: Double? = nil) -> Double {
        var magnitudes: [Double] = []
        magnitudes.reserveCapacity(panels.reduce(0) { $0 + $1.count })
        for panel in panels {
            for value in panel where value.isFinite { magnitudes.append(abs(value)) }
        }
        guard !magnitudes.isEmpty else { return 1 }
        let limit: Double
        if let percentile, percentile < 100 {
            magnitudes.sort()
            let p = max(percentile, 0) / 100
            let rank = max(Int((p * Double(magnitudes.count)).rounded(.up)) - 1, 0)
            limit = magnitudes[min(rank, magnitudes.count - 1)]
        } else {
            limit = magnitudes.max() ?? 0
        }
        return limit > 0 ? limit : 1
    }

    /// A symmetric diverging ``ColorScale`` with the limit of ``symmetricLimit(across:percentile:)``.
    public static func symmetric(
        across panels: [[Double]], percentile: Double? = nil, map: ColorMapName = .diverging
    ) -> ColorScale {
        .symmetric(limit: symmetricLimit(across: panels, percentile: percentile), map: map)
    }

    /// A sequential scale from the minimum to the maximum finite value over all panels (0…1 if none,
    /// `v…v+1` if all values equal `v`).
    public static func sequential(across panels: [[Double]], map: ColorMapName = .viridis) -> ColorScale {
        let finite = panels.joined().filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            return ColorScale(map: map, lower: 0, upper: 1)
        }
        return ColorScale(map: map, lower: low, upper: high > low ? high : low + 1)
    }
}
