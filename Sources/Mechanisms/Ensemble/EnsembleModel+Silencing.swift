import RetinaCNN
import RetinaCore

extension EnsembleLayout {
    /// The silencing of ensemble channels split into one silencing per member, in the member's own
    /// channel numbers (ensemble channel `k·C + c` → member `k`, channel `c`; regions likewise).
    public func memberSilencings(_ silencing: Layer1Silencing) -> [Layer1Silencing] {
        var parts = [Layer1Silencing](repeating: Layer1Silencing(), count: memberCount)
        let s = silencing.normalised()
        for e in s.channels {
            guard let (k, c) = memberChannel(e) else { continue }
            parts[k].channels.append(c)
        }
        for r in s.regions {
            guard let (k, c) = memberChannel(r.channel) else { continue }
            parts[k].regions.append(.init(channel: c, columns: r.columns, rows: r.rows))
        }
        return parts.map { $0.normalised() }
    }
}

/// Silencing an ensemble silences each member's own channels by the member's own route
/// (`BNCNN.silenced(_:)` for a BN-CNN: engine speed) and averages: the same rates as clamping the
/// ensemble's concatenated layer 1 (``SilencedModel``), because member `k` reads only its own block.
extension EnsembleModel: SilenceableModel where Member: SilenceableModel {
    /// Throws ``RetinaCNN/RetinaCNNError/invalidSilencing(_:)`` for units outside the ensemble's layer 1.
    public func silencedResponseModel(_ silencing: Layer1Silencing) throws -> any ResponseModel {
        try silencing.normalised().validate(channelCount: layer1Channels, height: layer1Height, width: layer1Width)
        let parts = layout.memberSilencings(silencing)
        return try MeanResponseModel(models: zip(members, parts).map { m, s in
            s.isEmpty ? m as any ResponseModel : try m.silencedResponseModel(s)
        }, memo: memo, variants: memo == nil ? [] : parts.enumerated().map { Self.memberVariant($0, $1) })
    }

    /// With a memo, registers one sweep per member: the distinct non-empty member silencings of
    /// `silencings`, computed together (`rates(for:silencings:)` of the member) the first time any
    /// of them meets a movie. Without a memo, nothing.
    public func prepareSilencingSweep(_ silencings: [Layer1Silencing]) throws {
        guard let memo else { return }
        for s in silencings { try s.normalised().validate(channelCount: layer1Channels, height: layer1Height, width: layer1Width) }
        let split = silencings.map { layout.memberSilencings($0) }
        for (k, member) in members.enumerated() {
            var list: [Layer1Silencing] = []
            for parts in split where !parts[k].isEmpty && !list.contains(parts[k]) { list.append(parts[k]) }
            let sweep = list
            memo.registerSweep(sweep.map { Self.memberVariant(k, $0) }) { movie in try member.rates(for: movie, silencings: sweep) }
        }
    }
}
