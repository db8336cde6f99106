import RetinaCNN

extension UnitGroup {
    /// The layer-1 units the group reads, as a silencing: the whole channel (full field), or its
    /// columns over every map row (bars pool a column over rows), one region per contiguous run.
    public var silencing: Layer1Silencing {
        guard let columns, !columns.isEmpty else { return Layer1Silencing(channels: [channel]) }
        return Layer1Silencing(regions: Self.runs(columns).map { Layer1Silencing.Region(channel: channel, columns: $0) })
    }

    /// Contiguous runs of a set of columns, ascending.
    static func runs(_ columns: [Int]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for x in Set(columns).sorted() {
            if let last = out.last, last.upperBound + 1 == x { out[out.count - 1] = last.lowerBound...x } else { out.append(x...x) }
        }
        return out
    }

    /// True when the two groups read a common pooled unit (same channel, and a shared column or a
    /// full-field side).
    func overlaps(_ other: UnitGroup) -> Bool {
        guard channel == other.channel else { return false }
        guard let a = columns, let b = other.columns else { return true }
        return !Set(a).isDisjoint(with: b)
    }
}

extension Array where Element == UnitGroup {
    /// The union of the groups' silencings.
    public var silencing: Layer1Silencing {
        reduce(Layer1Silencing()) { $0.union($1.silencing) }
    }

    /// Everything in a layer 1 of `channelCount` channels and `mapWidth` columns except these groups:
    /// channels with no group are silenced whole; a channel with column groups keeps exactly those
    /// columns (over all rows) and loses every other column.
    public func complementSilencing(channelCount: Int, mapWidth: Int) -> Layer1Silencing {
        var regions: [Layer1Silencing.Region] = [], channels: [Int] = []
        for c in 0..<channelCount {
            let mine = filter { $0.channel == c }
            if mine.isEmpty { channels.append(c); continue }
            if mine.contains(where: { $0.columns == nil }) { continue }
            let kept = Set(mine.flatMap { $0.columns ?? [] })
            let others = (0..<mapWidth).filter { !kept.contains($0) }
            regions += UnitGroup.runs(others).map { Layer1Silencing.Region(channel: c, columns: $0) }
        }
        return Layer1Silencing(channels: channels, regions: regions).normalised()
    }
}
