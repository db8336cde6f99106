/// Silencing first-layer units of a BN-CNN as an ordinary model (same architecture, edited tensors),
/// so a silenced model runs at full engine speed and saves as a normal weights file.
extension BNCNN {
    /// Metadata key recording what was silenced (JSON of ``Layer1Silencing``).
    public static let silencingMetadataKey = "silencing"

    /// This model with the units of `silencing` clamped to their gray-screen pre-activation `z = b_c`:
    ///
    /// - whole channels: conv1 kernel `W1[c]` set to 0, bias `b_c` kept — exactly the gray-screen
    ///   value for every stimulus;
    /// - regions (per-unit BN1 only): for every silenced unit `u` of channel `c`,
    ///   `γ'_u = 0`, `β'_u = s_u · b_c + (β_u − s_u · μ_u)` with `s_u = γ_u / √(σ²_u + ε)`, i.e. BN1
    ///   outputs its value at `z = b_c` whatever the stimulus (identical to clamping `z` up to one
    ///   Float32 rounding of the folded shift, ≈ 1e-7 relative).
    ///
    /// Throws ``RetinaCNNError/invalidSilencing(_:)`` for indices outside layer 1, or for regions of a
    /// per-channel-BN model (one BN1 parameter per channel cannot silence part of a map).
    public func silenced(_ silencing: Layer1Silencing) throws -> BNCNN {
        let a = architecture, s = silencing.normalised()
        try s.validate(channelCount: a.conv1Channels, height: a.layer1Height, width: a.layer1Width)
        var p = parameters
        let perChannel = a.historyFrames * a.conv1Kernel * a.conv1Kernel
        for c in s.channels {
            for i in (c * perChannel)..<((c + 1) * perChannel) { p.conv1Weight[i] = 0 }
        }
        if !s.regions.isEmpty {
            guard a.batchNorm == .perUnit else {
                throw RetinaCNNError.invalidSilencing(
                    "units \(s.regions.map(\.description).joined(separator: ", ")): a per-channel batch-norm model can only silence whole channels")
            }
            let mask = Layer1Silencing(regions: s.regions).mask(channelCount: a.conv1Channels, height: a.layer1Height,
                                                                  width: a.layer1Width)
            let map = a.layer1MapSize
            for u in mask.indices where mask[u] {
                let c = u / map
                let scale = p.bn1.gamma[u] / (p.bn1.runningVariance[u] + a.bnEpsilon).squareRoot()
                p.bn1.beta[u] = scale * p.conv1Bias[c] + (p.bn1.beta[u] - scale * p.bn1.runningMean[u])
                p.bn1.gamma[u] = 0
            }
        }
        return try BNCNN(architecture: a, parameters: p, cellCentres: cellCentres)
    }
}
