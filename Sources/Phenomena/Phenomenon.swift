/// The four predictive phenomena.
public enum Phenomenon: String, Codable, Sendable, CaseIterable {
    case osr, latency, reversal, anticipation

    /// Display name.
    public var title: String {
        switch self {
        case .osr: return "Omitted stimulus response"
        case .latency: return "Latency coding"
        case .reversal: return "Motion reversal"
        case .anticipation: return "Motion anticipation"
        }
    }
}

/// Which screens the suite renders stimuli for.
public enum ScreenPolicy: String, Codable, Sendable {
    /// Every stimulus on the model's own screen (required for the CNN, whose input is 50 × 50).
    case modelScreen
    /// Full-field stimuli on 1 × 1 and bars on a 1 × W strip (W = the model's screen width): only
    /// for models that accept any screen size and pool a uniform axis exactly (the simulated
    /// retina); gives the same numbers as ``modelScreen`` at a fraction of the cost.
    case reduced
}

/// Where the RF centres used by the bar phenomena came from.
public enum RFCentreSource: String, Codable, Sendable {
    /// `ResponseModel.cellCentres`.
    case model
    /// The peak of each cell's flashed-bar profile across the whole screen width.
    case estimatedFromFlashProfile
}
