import RetinaCore

/// What a movie given to a model is measured in.
public enum InputUnits: String, Codable, Sendable {
    /// The network's own input (z-scored for a recording-trained model; contrast for the tool's
    /// simulated-retina models, whose input is contrast already).
    case network
    /// The recording's raw units (e.g. 0…255 screen luminance).
    case raw
    /// Weber contrast c, shown on the recording's screen as raw = mean · (1 + c).
    case weberContrast
}

extension BNCNN {
    /// The same model with the stimulus normalisation folded exactly into conv1, so it takes
    /// `input` units directly (conv1 is linear in its input, so the fold is exact up to Float
    /// rounding):
    ///
    /// - `.raw`: z = (raw − m)/s, so W' = W / s and b' = b − (m/s)·ΣW (ΣW over each channel's whole
    ///   kernel, every frame and pixel);
    /// - `.weberContrast`: raw = m(1 + c) gives z = c · m/s, so W' = W · m/s and b' = b;
    /// - `.network`: unchanged.
    public func foldingNormalisation(_ n: StimulusNormalisation, input: InputUnits) throws -> BNCNN {
        guard input != .network else { return self }
        let a = architecture
        var p = parameters
        let perChannel = a.historyFrames * a.conv1Kernel * a.conv1Kernel
        switch input {
        case .raw:
            let scale = 1 / n.std, shift = n.mean / n.std
            for c in 0..<a.conv1Channels {
                var sum = 0.0
                for i in (c * perChannel)..<((c + 1) * perChannel) {
                    sum += Double(p.conv1Weight[i]); p.conv1Weight[i] = Float(Double(p.conv1Weight[i]) * scale)
                }
                p.conv1Bias[c] = Float(Double(p.conv1Bias[c]) - shift * sum)
            }
        case .weberContrast:
            let scale = n.mean / n.std
            p.conv1Weight = p.conv1Weight.map { Float(Double($0) * scale) }
        case .network:
            break
        }
        return try BNCNN(architecture: a, parameters: p, cellCentres: cellCentres)
    }

    /// The model as the tool's analyses need it: taking `input` units (default Weber contrast, the
    /// unit every phenomenon protocol is defined in). When `metadata` carries no normalisation
    /// (`norm_stats`), the model already takes contrast and is returned unchanged.
    ///
    /// The run pipeline calls this once after loading a model, so a recording-trained or imported
    /// model sees the protocols as mean · (1 + c) on its recording's screen.
    public func adaptedForInput(_ input: InputUnits = .weberContrast, metadata: [String: String]) throws -> BNCNN {
        guard let n = try StimulusNormalisation.from(metadata: metadata) else { return self }
        return try foldingNormalisation(n, input: input)
    }
}
