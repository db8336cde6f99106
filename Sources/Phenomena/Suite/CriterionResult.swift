/// One row of the pass/fail table: a measured value against its threshold.
public struct CriterionResult: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    /// What is measured, e.g. "OSR slope of (peak − last flash) vs period, 30–80 ms".
    public var name: String
    /// The value judged (cell mean, or the pooled population); nil when it could not be measured.
    public var measured: Double?
    public var unit: String
    /// Inclusive bounds; nil = unbounded on that side.
    public var minimum: Double?
    public var maximum: Double?
    /// The measurement covered every condition the criterion needs (e.g. an OSR peak at every
    /// period); when false the criterion fails whatever ``measured`` says.
    public var complete: Bool
    /// `measured` is present, finite, within the bounds, and ``complete``.
    public var passed: Bool
    /// The same value per chosen cell (nil where not measurable).
    public var perCell: [Double?]
    /// Cells whose own value passes.
    public var cellsPassing: Int

    public init(phenomenon: Phenomenon, name: String, measured: Double?, unit: String, minimum: Double?,
                maximum: Double?, perCell: [Double?] = [], complete: Bool = true) {
        self.phenomenon = phenomenon; self.name = name; self.measured = measured; self.unit = unit
        self.minimum = minimum; self.maximum = maximum; self.perCell = perCell; self.complete = complete
        self.passed = complete && Self.within(measured, minimum, maximum)
        self.cellsPassing = perCell.filter { Self.within($0, minimum, maximum) }.count
    }

    private enum CodingKeys: String, CodingKey {
        case phenomenon, name, measured, unit, minimum, maximum, complete, passed, perCell, cellsPassing
    }

    /// Decodes a result; `complete` may be absent (cards written before it existed) and is then true.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phenomenon = try c.decode(Phenomenon.self, forKey: .phenomenon)
        name = try c.decode(String.self, forKey: .name)
        measured = try c.decodeIfPresent(Double.self, forKey: .measured)
        unit = try c.decode(String.self, forKey: .unit)
        minimum = try c.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try c.decodeIfPresent(Double.self, forKey: .maximum)
        complete = try c.decodeIfPresent(Bool.self, forKey: .complete) ?? true
        passed = try c.decode(Bool.self, forKey: .passed)
        perCell = try c.decode([Double?].self, forKey: .perCell)
        cellsPassing = try c.decode(Int.self, forKey: .cellsPassing)
    }

    /// The threshold as text: "≥ 2", "≤ 30 ms", "0.8 … 1.2".
    public var thresholdDescription: String {
        let u = unit.isEmpty ? "" : " \(unit)"
        switch (minimum, maximum) {
        case let (lo?, hi?): return "\(format(lo)) … \(format(hi))\(u)"
        case let (lo?, nil): return "≥ \(format(lo))\(u)"
        case let (nil, hi?): return "≤ \(format(hi))\(u)"
        case (nil, nil): return "any"
        }
    }

    public static func within(_ v: Double?, _ lo: Double?, _ hi: Double?) -> Bool {
        guard let v, v.isFinite else { return false }
        return (lo.map { v >= $0 } ?? true) && (hi.map { v <= $0 } ?? true)
    }

    private func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x)
    }
}
