import Phenomena

/// Whether a pathway drives the response up or down.
public enum PathwayEffect: String, Codable, Sendable {
    case excitatory, inhibitory
}

/// One pathway of the planted circuit, in terms a CNN reduction can show: the channel type of the
/// first-layer units and the sign of their net attribution. Nil fields are not constrained.
public struct PlantedPathway: Codable, Sendable, Equatable {
    public var role: String
    public var polarity: ChannelPolarity?
    public var speed: ChannelSpeed?
    public var effect: PathwayEffect

    public init(role: String, polarity: ChannelPolarity?, speed: ChannelSpeed?, effect: PathwayEffect) {
        self.role = role; self.polarity = polarity; self.speed = speed; self.effect = effect
    }

    /// True when a unit of `type` with net `effect` plays this role.
    public func matches(_ type: ChannelType, effect e: PathwayEffect) -> Bool {
        (polarity.map { $0 == type.polarity } ?? true) && (speed.map { $0 == type.speed } ?? true) && e == effect
    }
}

/// The answer key for a reduction: which first-layer pathways the simulated retina uses for a
/// phenomenon (docs/answer-key.md §1–2). The retina's divisive gain control has no CNN
/// counterpart; the key expects it as delayed inhibition, and judges pathways, not literal circuits.
public struct PlantedCircuitKey: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    public var pathways: [PlantedPathway]
    /// The key in words.
    public var summary: String

    public init(phenomenon: Phenomenon, pathways: [PlantedPathway], summary: String) {
        self.phenomenon = phenomenon; self.pathways = pathways; self.summary = summary
    }
}

/// Which planted pathways the kept groups of a reduction play, judged by channel type and the sign of
/// the net attribution only. The spatial parts of the key (either side of the reversal, wide, from
/// positions already crossed) are not judged here; the bar analyses report them as statement notes.
public struct CircuitComparison: Codable, Sendable, Equatable {
    public struct Match: Codable, Sendable, Equatable {
        public var pathway: PlantedPathway
        /// Kept groups playing the role.
        public var groups: [UnitGroup]
        public var found: Bool { !groups.isEmpty }
    }

    public var key: PlantedCircuitKey
    public var matches: [Match]
    /// Kept groups that play no planted role.
    public var unexpected: [UnitGroup]

    /// Planted pathways recovered.
    public var recovered: Int { matches.filter(\.found).count }

    /// Compares the kept groups (channel type + sign of net attribution) with the key.
    public static func compare(key: PlantedCircuitKey, reduction: ReductionResult, channelTypes: ChannelTypeTable) -> CircuitComparison {
        let effects = reduction.kept.map { g -> PathwayEffect in
            let net = reduction.groupRanking.first { $0.group == g }?.netAttribution ?? 0
            return net >= 0 ? .excitatory : .inhibitory
        }
        let matches = key.pathways.map { p in
            Match(pathway: p, groups: reduction.kept.indices.filter { p.matches(channelTypes[reduction.kept[$0].channel], effect: effects[$0]) }
                .map { reduction.kept[$0] })
        }
        let used = Set(matches.flatMap(\.groups))
        return CircuitComparison(key: key, matches: matches, unexpected: reduction.kept.filter { !used.contains($0) })
    }

    /// One or two sentences.
    public var text: String {
        var s = "Planted circuit (answer key): \(key.summary). Recovered \(recovered) of \(matches.count) planted pathways"
        let parts = matches.map { m in
            m.found ? "\(m.pathway.role) ← \(m.groups.map(\.description).joined(separator: ", "))" : "\(m.pathway.role): not found"
        }
        s += ": " + parts.joined(separator: "; ") + "."
        if !unexpected.isEmpty {
            s += " Kept units outside the key: \(unexpected.map(\.description).joined(separator: ", "))."
        }
        return s
    }
}
