import Foundation

/// Spatial descriptors of bar attributions (channel × column), for the reversal and anticipation
/// statements. Screen x of map column `x` is `x + (K − 1)/2` px.
enum BarAttributionGeometry {
    /// Columns of `channel` whose importance is ≥ `fraction` of the channel's largest column
    /// importance (from the unit ranking): their count is the channel's spatial extent in px.
    static func extentPixels(channel: Int, ranking: [RankedGroup], fraction: Double = 0.25) -> Int {
        let mine = ranking.filter { $0.group.channel == channel }
        let peak = mine.map(\.importance).max() ?? 0
        return mine.filter { peak > 0 && $0.importance >= fraction * peak }.count
    }

    /// Attribution-weighted screen-x centroids of the excitatory (A > 0) and inhibitory (A < 0)
    /// contributions over `rows`, summed over channels; nil where there is none.
    static func centroids(_ a: PooledAttribution, rows: Range<Int>, kernel: Int) -> (excitatory: Double?, inhibitory: Double?) {
        var pw = 0.0, px = 0.0, nw = 0.0, nx = 0.0
        let stride = a.channels * a.columns
        for t in rows {
            for c in 0..<a.channels {
                for x in 0..<a.columns {
                    let v = Double(a.attributions[t * stride + c * a.columns + x])
                    let sx = Double(x) + Double(kernel - 1) / 2
                    if v > 0 { pw += v; px += v * sx } else if v < 0 { nw -= v; nx -= v * sx }
                }
            }
        }
        return (pw > 0 ? px / pw : nil, nw > 0 ? nx / nw : nil)
    }

    /// Sentences locating each kept group relative to the RF centre, with its channel's extent.
    static func keptGroupNotes(_ reduction: ReductionResult, types: ChannelTypeTable, kernel: Int, rfCentreX: Double) -> [String] {
        reduction.kept.compactMap { g in
            guard let cols = g.columns, let lo = cols.first, let hi = cols.last else { return nil }
            let net = reduction.groupRanking.first { $0.group == g }?.netAttribution ?? 0
            let from = Double(lo) + Double(kernel - 1) / 2 - rfCentreX, to = Double(hi) + Double(kernel - 1) / 2 - rfCentreX
            let place = lo == hi ? MechanismStatement.f(from, 1) : "\(MechanismStatement.f(from, 1))…\(MechanismStatement.f(to, 1))"
            return "\(g) (\(types[g.channel].label), \(net >= 0 ? "excitatory" : "inhibitory")) sits at \(place) px "
                + "from the RF centre; its channel's attribution spans "
                + "\(extentPixels(channel: g.channel, ranking: reduction.unitRanking)) px."
        }
    }
}
