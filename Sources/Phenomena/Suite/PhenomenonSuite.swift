import RetinaCore

/// Runs the registered phenomena on any ``RetinaCore/ResponseModel`` (simulated retina or CNN) and
/// judges them against their acceptance criteria (each kind's ``PhenomenonKind/judge(_:perCell:criteria:)``).
///
/// Efficiency: every movie gives the rates of all cells at once; translated reversal movies and
/// the drifting bars are shared by all cells that need the same bar (all cells of a column for
/// vertical bars); with ``ScreenPolicy/reduced`` full-field stimuli are shown on 1 × 1 and bars on
/// a 1 × W strip; with ``trimsToAnalysedFrames`` only the frames the analysed rows need are shown.
public struct PhenomenonSuite: Codable, Sendable, Equatable {
    /// The stimulus protocol of each phenomenon.
    public var protocols: PhenomenonParameterSet
    public var criteria: PhenomenonCriteriaSet
    /// Phenomena to run, in order.
    public var phenomena: [Phenomenon]
    public var screenPolicy: ScreenPolicy
    /// SD of a Gaussian applied to full-field traces before measuring, ms (0 = raw traces, the
    /// ground-truth definition).
    public var traceSmoothingSigmaMs: Double
    /// Show each model only the frames its analysed rows need (see
    /// ``PhenomenonCondition/trimmed(historyFrames:)``). Exact only when the model's memory is at
    /// most `historyFrames`: true for the CNN (cuts its reversal windows by about 40 %); leave it
    /// off for the simulated retina, whose FIR cascade remembers 177 frames although it reports 40.
    public var trimsToAnalysedFrames: Bool

    public init(protocols: PhenomenonParameterSet = .validation, criteria: PhenomenonCriteriaSet = .project,
                phenomena: [Phenomenon] = Phenomenon.allCases, screenPolicy: ScreenPolicy = .modelScreen,
                traceSmoothingSigmaMs: Double = 0, trimsToAnalysedFrames: Bool = false) {
        self.protocols = protocols; self.criteria = criteria; self.phenomena = phenomena
        self.screenPolicy = screenPolicy; self.traceSmoothingSigmaMs = traceSmoothingSigmaMs
        self.trimsToAnalysedFrames = trimsToAnalysedFrames
    }

    /// The validation suite: validation protocols, project criteria, the model's own screen.
    public static var validation: PhenomenonSuite { PhenomenonSuite() }

    /// The analysis protocols of `retina-report run` (Tanaka's presets for the paper's four
    /// phenomena) judged by the same criteria.
    public static var analysis: PhenomenonSuite { PhenomenonSuite(protocols: .analysis) }

    /// Screens for full-field and bar stimuli under ``screenPolicy``.
    public func screens(for model: any ResponseModel) -> (fullField: StimulusScreen, bars: StimulusScreen) {
        let s = model.screen
        switch screenPolicy {
        case .modelScreen:
            let screen = StimulusScreen(heightPixels: s.height, widthPixels: s.width)
            return (screen, screen)
        case .reduced:
            return (.point, .strip(widthPixels: s.width))
        }
    }

    /// Runs the chosen phenomena on `model` for `cells` (all cells when nil) and evaluates the
    /// criteria. Throws ``PhenomenaError`` for bad protocols, unknown cells or phenomena, or a model
    /// that breaks the row contract, and rethrows the model's errors.
    public func measure(_ model: any ResponseModel, cells: [Int]? = nil) throws -> PhenomenaValidation {
        let kinds = try phenomena.map { try PhenomenonRegistry.kind(named: $0.rawValue) }
        let chosen = cells ?? Array(0..<model.cellCount)
        let (fullField, bars) = screens(for: model)
        var context = try SuiteContext(model: model, cells: chosen, suite: self, fullFieldScreen: fullField, barScreen: bars)
        if kinds.contains(where: { $0.layout == .verticalBars }) { _ = try context.centres() }

        var result = PhenomenaValidation(suite: self, cells: chosen, fullFieldScreen: fullField, barScreen: bars,
                                         rfCentresXPixels: context.resolvedCentres?.xPixels ?? [],
                                         rfCentreSource: context.resolvedCentres?.source ?? .model,
                                         baselineRateHz: context.baselineHz)
        let clock = ContinuousClock()
        for kind in kinds {
            let before = (context.runner.conditionsRun, context.runner.framesShown)
            let start = clock.now
            try kind.measure(into: &result, suite: self, context: &context)
            result.runtimes.append(PhenomenonRuntime(
                phenomenon: kind.id, seconds: Self.seconds(clock.now - start),
                conditions: context.runner.conditionsRun - before.0, framesShown: context.runner.framesShown - before.1))
        }
        return result
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

extension PhenomenonKind {
    /// Measures this phenomenon with the suite's protocol and criteria and stores the measurement
    /// and its criteria in `result`.
    static func measure(into result: inout PhenomenaValidation, suite: PhenomenonSuite, context: inout SuiteContext) throws {
        let criteria = suite.criteria[self]
        let m = try measure(suite.protocols[self], criteria: criteria, in: &context)
        result[self] = m
        result.criteria += judge(m, criteria: criteria)
    }
}
