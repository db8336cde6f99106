/// Which pathway types each ensemble member contributes to a reduced circuit: `counts[k][t]` is the
/// number of kept unit groups (``UnitGroup``) whose channel belongs to member `k` (``EnsembleLayout``)
/// and has type ``typeLabels``[t] (its ``ChannelType/label``, after any kernel-match retyping).
/// A bar channel kept over two column runs counts twice (two groups).
public struct MemberTypeCounts: Codable, Sendable, Equatable {
    /// The columns, always all four in this order, so tables of several phenomena line up.
    public static let allTypeLabels = ["ON fast", "ON slow", "OFF fast", "OFF slow"]

    public var typeLabels: [String]
    /// `[member][type]`.
    public var counts: [[Int]]

    /// Kept groups per member (row sums).
    public var memberTotals: [Int] { counts.map { $0.reduce(0, +) } }
    /// Kept groups per type over all members (column sums).
    public var typeTotals: [Int] { typeLabels.indices.map { t in counts.reduce(0) { $0 + $1[t] } } }
    /// Members with at least one kept group of each type: how consistently the members use a pathway.
    public var membersWithType: [Int] { typeLabels.indices.map { t in counts.filter { $0[t] > 0 }.count } }

    /// Counts the kept groups of an ensemble's reduced circuit.
    /// - Parameters:
    ///   - keptGroups: the reduced model's groups, channels in ensemble numbering (`k·C + c`).
    ///   - channelTypes: the ensemble's channel types, one per ensemble channel.
    /// - Throws: ``MechanismsError/shapeMismatch(parameter:expected:found:)`` when the table does not
    ///   have `K·C` channels or a group's channel lies outside the ensemble.
    public static func count(keptGroups: [UnitGroup], channelTypes: ChannelTypeTable, layout: EnsembleLayout) throws -> MemberTypeCounts {
        guard channelTypes.types.count == layout.channelCount else {
            throw MechanismsError.shapeMismatch(parameter: "channel types", expected: "\(layout.channelCount) channels (\(layout.memberCount) members × \(layout.channelsPerMember))",
                                                found: "\(channelTypes.types.count)")
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: allTypeLabels.count), count: layout.memberCount)
        for g in keptGroups {
            guard let (k, _) = layout.memberChannel(g.channel) else {
                throw MechanismsError.shapeMismatch(parameter: "kept group \(g)", expected: "a channel in 0..<\(layout.channelCount)", found: "\(g.channel)")
            }
            guard let t = allTypeLabels.firstIndex(of: channelTypes[g.channel].label) else {
                throw MechanismsError.shapeMismatch(parameter: "type of channel \(g.channel)", expected: allTypeLabels.joined(separator: ", "),
                                                    found: channelTypes[g.channel].label)
            }
            counts[k][t] += 1
        }
        return MemberTypeCounts(typeLabels: allTypeLabels, counts: counts)
    }
}
