/// How an ensemble's layer 1 is laid out: member `k`'s channel `c` is ensemble channel `k·C + c`
/// (`C` = channels per member), so every member channel is its own pathway, typed and reduced
/// individually.
public struct EnsembleLayout: Codable, Sendable, Equatable {
    /// Number of members `K`.
    public var memberCount: Int
    /// Layer-1 channels of one member, `C`.
    public var channelsPerMember: Int

    public init(memberCount: Int, channelsPerMember: Int) {
        self.memberCount = memberCount; self.channelsPerMember = channelsPerMember
    }

    /// Ensemble layer-1 channels `K·C`.
    public var channelCount: Int { memberCount * channelsPerMember }

    /// `k·C + c`.
    public func ensembleChannel(member k: Int, channel c: Int) -> Int { k * channelsPerMember + c }

    /// `(k, c)` of ensemble channel `e` (`k = e / C`, `c = e mod C`); nil outside `0..<K·C`.
    public func memberChannel(_ e: Int) -> (member: Int, channel: Int)? {
        guard e >= 0, e < channelCount, channelsPerMember > 0 else { return nil }
        return (e / channelsPerMember, e % channelsPerMember)
    }

    /// `m<k>c<c>` (e.g. `m2c5`), or `c<e>` for a single model (`K = 1`).
    public func label(_ e: Int) -> String {
        guard memberCount > 1, let (k, c) = memberChannel(e) else { return "c\(e)" }
        return "m\(k)c\(c)"
    }
}
