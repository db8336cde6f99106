/// A hidden unit of a reduced model reads a group of pooled units of one channel: the whole channel
/// (full field), one column, or a contiguous run of columns (bars) — a spatial subunit group.
public struct UnitGroup: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Layer-1 channel.
    public var channel: Int
    /// Map columns (ascending, contiguous), nil for a full-field channel.
    public var columns: [Int]?

    public init(channel: Int, columns: [Int]? = nil) { self.channel = channel; self.columns = columns }

    /// A group of one pooled unit.
    public init(_ unit: PooledUnit) { self.init(channel: unit.channel, columns: unit.column.map { [$0] }) }

    /// The pooled units read by the group.
    public var members: [PooledUnit] {
        guard let columns else { return [PooledUnit(channel: channel)] }
        return columns.map { PooledUnit(channel: channel, column: $0) }
    }

    /// `c3`, `c3@x12` or `c3@x10-14`.
    public var description: String {
        guard let c = columns, let first = c.first, let last = c.last else { return "c\(channel)" }
        return first == last ? "c\(channel)@x\(first)" : "c\(channel)@x\(first)-\(last)"
    }

    /// Mean screen x (pixels, 0 = left pixel centre) of the group's columns: map column x covers
    /// screen pixels x … x + K − 1, centre x + (K − 1)/2. Nil for full field.
    public func screenCentre(kernel: Int) -> Double? {
        guard let c = columns, !c.isEmpty else { return nil }
        return Double(c.reduce(0, +)) / Double(c.count) + Double(kernel - 1) / 2
    }
}

/// How ranked pooled units are grouped before selection.
public enum UnitGrouping: Codable, Sendable, Equatable {
    /// Every pooled unit is its own group.
    case none
    /// Per channel, the columns whose importance is ≥ `relativeThreshold` × that channel's largest
    /// column importance, split into contiguous runs; each run is one group (bars only; full-field
    /// channels are single units anyway). Columns below the threshold are not grouped and not kept.
    case contiguousColumns(relativeThreshold: Double)

    /// Groups from a ranking of single pooled units (any order).
    func groups(_ ranking: [RankedGroup]) -> [UnitGroup] {
        switch self {
        case .none:
            return ranking.map(\.group)
        case .contiguousColumns(let threshold):
            var out: [UnitGroup] = []
            let byChannel = Dictionary(grouping: ranking) { (r: RankedGroup) in r.group.channel }
            for channel in byChannel.keys.sorted() {
                let units = byChannel[channel]!
                if units.contains(where: { $0.group.columns == nil }) { out.append(UnitGroup(channel: channel)); continue }
                let peak = units.map { $0.importance }.max() ?? 0
                let strong = units.filter { peak > 0 && $0.importance >= threshold * peak }
                    .flatMap { $0.group.columns ?? [] }.sorted()
                var run: [Int] = []
                for x in strong {
                    if let last = run.last, x != last + 1 { out.append(UnitGroup(channel: channel, columns: run)); run = [] }
                    run.append(x)
                }
                if !run.isEmpty { out.append(UnitGroup(channel: channel, columns: run)) }
            }
            return out
        }
    }
}
