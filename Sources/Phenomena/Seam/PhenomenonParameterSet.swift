/// The stimulus protocol of every registered phenomenon, typed through its kind:
/// `set[OmittedStimulusResponse.self].periodsMs`.
///
/// Encodes as one JSON object per phenomenon under its id (`{"osr": {…}, "latency": {…}}`), so a
/// configuration key reads `osr.periodsMs`. Decoding takes the registered ids; a missing id gets the
/// kind's analysis preset. Two sets are equal when every phenomenon's protocol is.
public struct PhenomenonParameterSet: Codable, Sendable, Equatable {
    private var values: [Phenomenon: any PhenomenonParameters]

    /// Every phenomenon's analysis preset (``PhenomenonKind/analysisParameters``).
    public static var analysis: PhenomenonParameterSet {
        PhenomenonParameterSet(values: Dictionary(uniqueKeysWithValues: PhenomenonRegistry.all.map { ($0.id, $0.anyAnalysisParameters) }))
    }

    /// Every phenomenon's validation protocol (``PhenomenonKind/validationParameters``).
    public static var validation: PhenomenonParameterSet {
        PhenomenonParameterSet(values: Dictionary(uniqueKeysWithValues: PhenomenonRegistry.all.map { ($0.id, $0.anyValidationParameters) }))
    }

    private init(values: [Phenomenon: any PhenomenonParameters]) { self.values = values }

    public subscript<K: PhenomenonKind>(_ kind: K.Type) -> K.Parameters {
        get { values[K.id] as? K.Parameters ?? K.analysisParameters }
        set { values[K.id] = newValue }
    }

    /// Validates the protocols of `phenomena`: each kind's own ``PhenomenonParameters/validate()``
    /// (its specific, better-worded rules first), then every field's range by its unit
    /// (``ProtocolRanges``), the net under fields a kind does not check itself.
    public func validate(_ phenomena: [Phenomenon]) throws {
        for id in phenomena {
            guard let p = values[id] else { continue }
            try p.validate()
            try ProtocolRanges.check(p)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: PhenomenonCodingKey.self)
        var values: [Phenomenon: any PhenomenonParameters] = [:]
        for kind in PhenomenonRegistry.all {
            values[kind.id] = try kind.decodeParameters(c) ?? kind.anyAnalysisParameters
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: PhenomenonCodingKey.self)
        for kind in PhenomenonRegistry.all {
            if let v = values[kind.id] { try c.encode(v, forKey: PhenomenonCodingKey(kind.id)) }
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        PhenomenonRegistry.all.allSatisfy { $0.sameParameters(a.values[$0.id], b.values[$0.id]) }
    }
}

/// The acceptance criteria of every registered phenomenon, typed through its kind; defaults to each
/// kind's ``PhenomenonKind/projectCriteria``. Coded like ``PhenomenonParameterSet``.
public struct PhenomenonCriteriaSet: Codable, Sendable, Equatable {
    private var values: [Phenomenon: any PhenomenonCriteria] = [:]

    /// The project's criteria.
    public static var project: PhenomenonCriteriaSet { PhenomenonCriteriaSet() }

    public init() {}

    public subscript<K: PhenomenonKind>(_ kind: K.Type) -> K.Criteria {
        get { values[K.id] as? K.Criteria ?? K.projectCriteria }
        set { values[K.id] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: PhenomenonCodingKey.self)
        for kind in PhenomenonRegistry.all {
            if let v = try kind.decodeCriteria(c) { values[kind.id] = v }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: PhenomenonCodingKey.self)
        for kind in PhenomenonRegistry.all {
            let value: any PhenomenonCriteria = values[kind.id] ?? kind.anyProjectCriteria
            try c.encode(value, forKey: PhenomenonCodingKey(kind.id))
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        PhenomenonRegistry.all.allSatisfy {
            $0.sameCriteria(a.values[$0.id] ?? $0.anyProjectCriteria, b.values[$0.id] ?? $0.anyProjectCriteria)
        }
    }
}

/// A coding key that is a phenomenon id.
public struct PhenomenonCodingKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ id: Phenomenon) { stringValue = id.rawValue }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

/// Existential helpers: the typed operations of a kind reachable through `any PhenomenonKind.Type`.
extension PhenomenonKind {
    static var anyAnalysisParameters: any PhenomenonParameters { analysisParameters }
    static var anyValidationParameters: any PhenomenonParameters { validationParameters }
    static var anyProjectCriteria: any PhenomenonCriteria { projectCriteria }

    static func decodeParameters(_ c: KeyedDecodingContainer<PhenomenonCodingKey>) throws -> (any PhenomenonParameters)? {
        try c.decodeIfPresent(Parameters.self, forKey: PhenomenonCodingKey(id))
    }

    static func decodeCriteria(_ c: KeyedDecodingContainer<PhenomenonCodingKey>) throws -> (any PhenomenonCriteria)? {
        try c.decodeIfPresent(Criteria.self, forKey: PhenomenonCodingKey(id))
    }

    static func sameParameters(_ a: (any PhenomenonParameters)?, _ b: (any PhenomenonParameters)?) -> Bool {
        (a as? Parameters) == (b as? Parameters)
    }

    static func sameCriteria(_ a: any PhenomenonCriteria, _ b: any PhenomenonCriteria) -> Bool {
        (a as? Criteria) == (b as? Criteria)
    }
}
