import RetinaCNN
import RetinaCore

/// What an intervention does to the reduction's kept groups.
public enum CausalInterventionKind: String, Codable, Sendable {
    /// Nothing silenced: the full model, the reference every other intervention is compared with.
    case none
    /// One kept group silenced alone.
    case single
    /// All kept groups silenced: are they necessary?
    case allKept
    /// Everything except the kept groups silenced: are they sufficient inside the full network?
    case allButKept
    /// As many non-kept groups as there are kept groups, drawn with a seed: is the effect of (b) more
    /// than silencing any groups of the same count?
    case control
    /// Every channel of one pathway type silenced whole (e.g. all ON-slow-typed channels): the
    /// intervention that pairs one to one with the simulated retina's ablation of that pathway.
    case pathwayType
}

/// One intervention: which groups are silenced, and the exact layer-1 units that means.
public struct CausalIntervention: Codable, Sendable, Equatable {
    /// `full`, `silence c3`, `silence kept`, `keep only kept`, `control`.
    public var name: String
    public var kind: CausalInterventionKind
    /// Groups silenced (for ``CausalInterventionKind/allButKept``: none listed — everything outside
    /// ``keptGroups`` is silenced).
    public var silencedGroups: [UnitGroup]
    /// The groups left intact by an ``CausalInterventionKind/allButKept`` intervention; empty otherwise.
    public var keptGroups: [UnitGroup]
    /// The layer-1 units clamped to their gray-screen value.
    public var silencing: Layer1Silencing
    /// Silenced layer-1 units / all layer-1 units.
    public var silencedUnitFraction: Double
}

/// How the interventions are built.
public struct CausalTestSettings: Codable, Sendable, Equatable {
    /// Seed of the matched control's draw (``RetinaCore/SeededRandom``).
    public var controlSeed: UInt64
    /// Silence each kept group alone (one suite run per kept group).
    public var includeSingles: Bool
    /// Silence every channel of each pathway type in turn (one suite run per type present), when
    /// channel types are given: the interventions the retina's ablations answer one to one.
    public var includePathwayTypes: Bool
    public var verdict: CausalVerdictRule

    public init(controlSeed: UInt64 = 12, includeSingles: Bool = true, includePathwayTypes: Bool = true,
                verdict: CausalVerdictRule = .init()) {
        self.controlSeed = controlSeed; self.includeSingles = includeSingles
        self.includePathwayTypes = includePathwayTypes; self.verdict = verdict
    }

    private enum CodingKeys: String, CodingKey { case controlSeed, includeSingles, includePathwayTypes, verdict }

    /// Decodes settings; `includePathwayTypes` may be absent (files written before it existed) and reads as false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(controlSeed: try c.decode(UInt64.self, forKey: .controlSeed),
                  includeSingles: try c.decode(Bool.self, forKey: .includeSingles),
                  includePathwayTypes: try c.decodeIfPresent(Bool.self, forKey: .includePathwayTypes) ?? false,
                  verdict: try c.decode(CausalVerdictRule.self, forKey: .verdict))
    }
}

/// The layer-1 layout interventions are built for.
public struct Layer1Layout: Codable, Sendable, Equatable {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) { self.channels = channels; self.height = height; self.width = width }

    public init<M: LayerOneDifferentiable>(_ model: M) {
        self.init(channels: model.layer1Channels, height: model.layer1Height, width: model.layer1Width)
    }

    var units: Int { channels * height * width }
}

extension CausalIntervention {
    /// The pathway type a ``CausalInterventionKind/pathwayType`` intervention silences ("ON slow",
    /// from the name ``plan(kept:all:layout:settings:channelTypes:)`` gives it); nil for other kinds.
    public var pathwayTypeLabel: String? {
        guard kind == .pathwayType, name.hasPrefix(Self.pathwayTypePrefix) else { return nil }
        return String(name.dropFirst(Self.pathwayTypePrefix.count))
    }

    static let pathwayTypePrefix = "silence "

    /// The interventions of a causal test, in order: full (none), each kept group alone (if
    /// `settings.includeSingles`), all kept, all but kept, the matched control, and — with
    /// `channelTypes` and `settings.includePathwayTypes` — every channel of each pathway type
    /// silenced whole, types in label order (`silence ON slow`).
    ///
    /// Matched control: the candidates are the groups of `all` that share no pooled unit with a kept
    /// group, in canonical order (channel, then first column); a Fisher–Yates shuffle driven by
    /// `SeededRandom(seed: settings.controlSeed)` picks the first `kept.count`. The control exists only
    /// when there are more candidates than kept groups: with as many or fewer (e.g. 4 kept of 8
    /// channels, or a hypothesis naming 31 of 40) the draw would be every other group — the same
    /// units as ``CausalInterventionKind/allButKept`` for full-field phenomena, or fewer groups than
    /// kept — which compares nothing, so no control is run and the verdict has no control comparison.
    ///
    /// Throws ``MechanismsError/invalidSetting(name:expected:found:)`` for an empty `kept` and
    /// ``RetinaCNN/RetinaCNNError/invalidSilencing(_:)`` for groups outside the layout.
    public static func plan(kept: [UnitGroup], all: [UnitGroup], layout: Layer1Layout,
                            settings: CausalTestSettings = .init(),
                            channelTypes: ChannelTypeTable? = nil) throws -> [CausalIntervention] {
        guard !kept.isEmpty else {
            throw MechanismsError.invalidSetting(name: "kept groups", expected: "at least one", found: "none")
        }
        func make(_ name: String, _ kind: CausalInterventionKind, _ groups: [UnitGroup], kept k: [UnitGroup] = [],
                  _ s: Layer1Silencing) throws -> CausalIntervention {
            let s = s.normalised()
            try s.validate(channelCount: layout.channels, height: layout.height, width: layout.width)
            let n = s.mask(channelCount: layout.channels, height: layout.height, width: layout.width).filter { $0 }.count
            return CausalIntervention(name: name, kind: kind, silencedGroups: groups, keptGroups: k, silencing: s,
                                      silencedUnitFraction: Double(n) / Double(max(1, layout.units)))
        }
        var out = [try make("full", .none, [], Layer1Silencing())]
        if settings.includeSingles {
            for g in kept { out.append(try make("silence \(g)", .single, [g], g.silencing)) }
        }
        out.append(try make("silence kept", .allKept, kept, kept.silencing))
        out.append(try make("keep only kept", .allButKept, [], kept: kept,
                            kept.complementSilencing(channelCount: layout.channels, mapWidth: layout.width)))
        let candidates = controlCandidates(kept: kept, all: all)
        if candidates.count > kept.count {
            let drawn = draw(kept.count, from: candidates, seed: settings.controlSeed)
            out.append(try make("control", .control, drawn, drawn.silencing))
        }
        if settings.includePathwayTypes, let types = channelTypes {
            for label in Set(types.types.map(\.label)).sorted() {
                let groups = types.types.filter { $0.label == label && $0.channel < layout.channels }.map { UnitGroup(channel: $0.channel) }
                guard !groups.isEmpty else { continue }
                out.append(try make(Self.pathwayTypePrefix + label, .pathwayType, groups, groups.silencing))
            }
        }
        return out
    }

    /// Groups of `all` disjoint from every kept group, unique, in canonical order.
    static func controlCandidates(kept: [UnitGroup], all: [UnitGroup]) -> [UnitGroup] {
        var seen = Set<UnitGroup>()
        return all.filter { g in !kept.contains { $0.overlaps(g) } && seen.insert(g).inserted }
            .sorted { ($0.channel, $0.columns?.first ?? -1) < ($1.channel, $1.columns?.first ?? -1) }
    }

    /// The first `count` of a seeded Fisher–Yates shuffle of `candidates`, in canonical order.
    static func draw(_ count: Int, from candidates: [UnitGroup], seed: UInt64) -> [UnitGroup] {
        var rng = SeededRandom(seed: seed)
        var a = candidates
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            a.swapAt(i, j)
        }
        let chosen = Set(a.prefix(count))
        return candidates.filter(chosen.contains)
    }
}
