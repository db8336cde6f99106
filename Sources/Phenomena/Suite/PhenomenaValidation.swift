/// Traces of one condition for plots: the cell mean and each chosen cell, aligned on the
/// condition's event (omitted flash, step onset).
public struct ConditionTraces: Codable, Sendable, Equatable {
    public var label: String
    public var parameter: ConditionParameter
    /// Mean over the chosen cells, Hz.
    public var meanRate: EventAlignedTrace
    /// One per chosen cell, Hz.
    public var cellRates: [EventAlignedTrace]
    /// Full-field stimulus contrast at the newest frame of each sample (for block plots).
    public var stimulusContrast: [Double]

    /// Mean and per-cell traces of `condition` aligned on `eventFrame`, with the full-field stimulus
    /// contrast at each row's newest frame.
    public init<E>(_ condition: PhenomenonCondition<E>, _ ys: [[Double]], _ clock: RowClock, eventFrame: Int) {
        let cells = ys.map { EventAlignedTrace(rateHz: $0, clock: clock, eventFrame: eventFrame) }
        let movie = condition.movie
        let rows = ys.first?.count ?? 0
        stimulusContrast = (0..<rows).map { i -> Double in
            let f = Int(clock.frame(ofRow: Double(i)))
            return f >= 0 && f < movie.frames ? Double(movie.values[f * movie.pixelsPerFrame]) : 0
        }
        label = condition.label
        parameter = condition.parameter
        meanRate = EventAlignedTrace.mean(cells)
        cellRates = cells
    }
}

/// Work and wall time for one phenomenon.
public struct PhenomenonRuntime: Codable, Sendable, Equatable {
    public var phenomenon: Phenomenon
    public var seconds: Double
    public var conditions: Int
    public var framesShown: Int
}

/// Everything a suite run measured.
public struct PhenomenaValidation: Codable, Sendable, Equatable {
    /// The settings used.
    public var suite: PhenomenonSuite
    /// Model cell indices measured.
    public var cells: [Int]
    /// Screens the full-field and bar stimuli were rendered for.
    public var fullFieldScreen: StimulusScreen
    public var barScreen: StimulusScreen
    /// RF centres (x, px) of the chosen cells used by the bar phenomena, and their source.
    public var rfCentresXPixels: [Double]
    public var rfCentreSource: RFCentreSource
    /// Spontaneous rate of each chosen cell (all-gray window), Hz.
    public var baselineRateHz: [Double]
    /// Each measured phenomenon's ``PhenomenonKind/Measurement``, read through its kind: `validation[MotionReversal.self]`.
    private var measurements: [Phenomenon: any Codable & Sendable] = [:]
    /// The pass/fail table, in the order the phenomena ran.
    public var criteria: [CriterionResult] = []
    public var runtimes: [PhenomenonRuntime] = []

    public init(suite: PhenomenonSuite, cells: [Int], fullFieldScreen: StimulusScreen, barScreen: StimulusScreen,
                rfCentresXPixels: [Double], rfCentreSource: RFCentreSource, baselineRateHz: [Double]) {
        self.suite = suite; self.cells = cells; self.fullFieldScreen = fullFieldScreen; self.barScreen = barScreen
        self.rfCentresXPixels = rfCentresXPixels; self.rfCentreSource = rfCentreSource; self.baselineRateHz = baselineRateHz
    }

    /// The measurement of one phenomenon, nil when it did not run.
    public subscript<K: PhenomenonKind>(_ kind: K.Type) -> K.Measurement? {
        get { measurements[K.id] as? K.Measurement }
        set { measurements[K.id] = newValue }
    }

    /// Phenomena measured, in registry order.
    public var measured: [Phenomenon] { PhenomenonRegistry.all.map { $0.id }.filter { measurements[$0] != nil } }

    /// True when every criterion passed.
    public var allCriteriaPassed: Bool { !criteria.isEmpty && criteria.allSatisfy(\.passed) }
    /// Total wall time, seconds.
    public var totalSeconds: Double { runtimes.reduce(0) { $0 + $1.seconds } }

    private enum CodingKeys: String, CodingKey {
        case suite, cells, fullFieldScreen, barScreen, rfCentresXPixels, rfCentreSource, baselineRateHz, measurements,
             criteria, runtimes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        suite = try c.decode(PhenomenonSuite.self, forKey: .suite)
        cells = try c.decode([Int].self, forKey: .cells)
        fullFieldScreen = try c.decode(StimulusScreen.self, forKey: .fullFieldScreen)
        barScreen = try c.decode(StimulusScreen.self, forKey: .barScreen)
        rfCentresXPixels = try c.decode([Double].self, forKey: .rfCentresXPixels)
        rfCentreSource = try c.decode(RFCentreSource.self, forKey: .rfCentreSource)
        baselineRateHz = try c.decode([Double].self, forKey: .baselineRateHz)
        criteria = try c.decode([CriterionResult].self, forKey: .criteria)
        runtimes = try c.decode([PhenomenonRuntime].self, forKey: .runtimes)
        let m = try c.nestedContainer(keyedBy: PhenomenonCodingKey.self, forKey: .measurements)
        for kind in PhenomenonRegistry.all {
            if let v = try kind.decodeMeasurement(m) { measurements[kind.id] = v }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(suite, forKey: .suite)
        try c.encode(cells, forKey: .cells)
        try c.encode(fullFieldScreen, forKey: .fullFieldScreen)
        try c.encode(barScreen, forKey: .barScreen)
        try c.encode(rfCentresXPixels, forKey: .rfCentresXPixels)
        try c.encode(rfCentreSource, forKey: .rfCentreSource)
        try c.encode(baselineRateHz, forKey: .baselineRateHz)
        try c.encode(criteria, forKey: .criteria)
        try c.encode(runtimes, forKey: .runtimes)
        var m = c.nestedContainer(keyedBy: PhenomenonCodingKey.self, forKey: .measurements)
        for kind in PhenomenonRegistry.all {
            if let v = measurements[kind.id] { try m.encode(v, forKey: PhenomenonCodingKey(kind.id)) }
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.suite == b.suite && a.cells == b.cells && a.fullFieldScreen == b.fullFieldScreen && a.barScreen == b.barScreen
            && a.rfCentresXPixels == b.rfCentresXPixels && a.rfCentreSource == b.rfCentreSource
            && a.baselineRateHz == b.baselineRateHz && a.criteria == b.criteria && a.runtimes == b.runtimes
            && PhenomenonRegistry.all.allSatisfy { $0.sameMeasurement(a.measurements[$0.id], b.measurements[$0.id]) }
    }
}

extension PhenomenonKind {
    static func decodeMeasurement(_ c: KeyedDecodingContainer<PhenomenonCodingKey>) throws -> (any Codable & Sendable)? {
        try c.decodeIfPresent(Measurement.self, forKey: PhenomenonCodingKey(id))
    }

    static func sameMeasurement(_ a: (any Codable & Sendable)?, _ b: (any Codable & Sendable)?) -> Bool {
        (a as? Measurement) == (b as? Measurement)
    }
}
