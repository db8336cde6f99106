/// The colour maps the report uses, by name (what a spec stores; the table is looked up).
public enum ColorMapName: String, Codable, Sendable, CaseIterable {
    /// Signed data centred on zero: blue (negative) – near-white (0) – red (positive). See ``ColorMap/diverging``.
    case diverging
    /// Unsigned sequential data (perceptually uniform).
    case viridis
    /// Unsigned sequential data, optimised for colour-vision deficiency.
    case cividis

    /// The table for this name.
    public var colorMap: ColorMap {
        switch self {
        case .diverging: return .diverging
        case .viridis: return .viridis
        case .cividis: return .cividis
        }
    }
}

/// A colour map: a table of colours sampled evenly along a normalised coordinate `t` in 0…1.
///
/// Lookup is nearest-entry: `entries[round(t·(n−1))]`, with `t` clamped to 0…1 (NaN maps to entry 0;
/// validation rejects NaN data before it gets here). A table with an odd number of entries has an exact
/// centre entry at `t = 0.5`; the diverging map uses 257 entries for that reason.
public struct ColorMap: Sendable, Equatable {
    public let name: ColorMapName
    public let entries: [RGBColor]

    public init(name: ColorMapName, entries: [RGBColor]) {
        precondition(entries.count >= 2, "a colour map needs at least two entries")
        self.name = name
        self.entries = entries
    }

    init(name: ColorMapName, hexEntries: [UInt32]) {
        self.init(name: name, entries: hexEntries.map(RGBColor.init(hex:)))
    }

    /// Index of the entry used for normalised coordinate `t`: `round(t·(n−1))`, clamped.
    public func index(at t: Double) -> Int {
        guard t.isFinite else { return t == .infinity ? entries.count - 1 : 0 }
        let clamped = min(max(t, 0), 1)
        return Int((clamped * Double(entries.count - 1)).rounded())
    }

    /// The colour at normalised coordinate `t` (nearest entry).
    public func color(at t: Double) -> RGBColor { entries[index(at: t)] }
}
