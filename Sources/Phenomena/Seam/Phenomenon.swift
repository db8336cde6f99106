/// The identifier of a phenomenon: a short stable name (`osr`, `latency`, …) used in file names,
/// command-line lists, configuration keys and data folders.
///
/// The phenomena themselves are types conforming to ``PhenomenonKind``; each declares its id as a
/// static constant in its own file (`extension Phenomenon { static let osr = … }`) and
/// ``PhenomenonRegistry`` lists them. An id is valid when the registry knows it.
public struct Phenomenon: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The registered phenomena's ids, in report order.
    public static var allCases: [Phenomenon] { PhenomenonRegistry.all.map { $0.id } }

    /// The registered kind with this id, nil for an unknown id.
    public var kind: (any PhenomenonKind.Type)? { PhenomenonRegistry.kind(self) }

    /// Display name ("Omitted stimulus response"); the raw value for an unknown id.
    public var title: String { kind?.title ?? rawValue }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
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

/// The spatial layout of a phenomenon's stimuli, which decides the screen it is rendered on, the
/// symmetry its attributions are pooled by and whether it needs the cells' RF centres.
public enum StimulusLayout: String, Codable, Sendable {
    /// Uniform over the screen (flashes, steps, flicker).
    case fullField
    /// Full-height vertical bars (uniform along y) placed relative to the cells' RF centres.
    case verticalBars
}
