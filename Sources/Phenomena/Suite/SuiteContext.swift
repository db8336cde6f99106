import RetinaCore

/// What every phenomenon of a suite run shares: the model and its condition runner, the chosen
/// cells, the screens, the cells' gray-screen rates and (for bar phenomena) their RF centres.
public struct SuiteContext: Sendable {
    public var runner: ConditionRunner
    public var model: any ResponseModel { runner.model }
    public var cells: [Int] { runner.cells }
    public let fullFieldScreen: StimulusScreen
    public let barScreen: StimulusScreen
    /// Spontaneous rate of each chosen cell (all-gray window), Hz.
    public let baselineHz: [Double]
    /// SD of the Gaussian applied to full-field traces before measuring, ms.
    public let traceSmoothingSigmaMs: Double
    /// The suite's protocols (bar phenomena estimate RF centres with the anticipation flashes).
    public let protocols: PhenomenonParameterSet
    /// RF centres, once resolved (see ``centres()``).
    public private(set) var resolvedCentres: CentreResolution?

    init(model: any ResponseModel, cells: [Int], suite: PhenomenonSuite, fullFieldScreen: StimulusScreen,
         barScreen: StimulusScreen) throws {
        var runner = try ConditionRunner(model: model, cells: cells, trimsToAnalysedFrames: suite.trimsToAnalysedFrames)
        baselineHz = try runner.baselineHz(screen: barScreen)
        self.runner = runner
        self.fullFieldScreen = fullFieldScreen; self.barScreen = barScreen
        traceSmoothingSigmaMs = suite.traceSmoothingSigmaMs
        protocols = suite.protocols
    }

    /// A trace smoothed with ``traceSmoothingSigmaMs`` (identity at 0).
    public func smoothed(_ y: [Double]) -> [Double] {
        TraceSmoothing.gaussian(y, sigmaFrames: traceSmoothingSigmaMs / Units.frameMilliseconds)
    }

    /// The screen a phenomenon of `layout` is rendered on.
    public func screen(for layout: StimulusLayout) -> StimulusScreen {
        layout == .fullField ? fullFieldScreen : barScreen
    }

    /// RF centres of the chosen cells: from `cellCentres`, otherwise each cell's flashed-bar profile
    /// over every pixel column of the bar screen (``AnticipationMetrics/estimateCentre(profile:)``),
    /// resolved once per suite run.
    public mutating func centres() throws -> CentreResolution {
        if let resolvedCentres { return resolvedCentres }
        let resolved = try CentreResolution.resolve(model: model, runner: &runner, screen: barScreen,
                                                    flashes: protocols[MotionAnticipation.self])
        resolvedCentres = resolved
        return resolved
    }
}

/// RF centres of the chosen cells and, when they were estimated, the flashed-bar responses used.
public struct CentreResolution: Sendable {
    public var xPixels: [Double]
    public var source: RFCentreSource
    /// Flashes at every pixel of the bar screen, when the centres were estimated from them.
    public var flashes: [FlashRun]?

    static func resolve(model: any ResponseModel, runner: inout ConditionRunner, screen: StimulusScreen,
                        flashes settings: AnticipationProtocol) throws -> CentreResolution {
        if let all = model.cellCentres {
            guard all.count == model.cellCount else {
                throw PhenomenaError.centreCountMismatch(expected: model.cellCount, found: all.count)
            }
            return CentreResolution(xPixels: runner.cells.map { all[$0].x }, source: .model, flashes: nil)
        }
        let positions = (0..<screen.widthPixels).map(Double.init)
        let flashes = try FlashRun.run(positions, settings: settings, runner: &runner, screen: screen)
        let centres = runner.cells.indices.map { j -> Double in
            let profile = flashes.map { AnticipationMetrics.measureFlash(rateHz: $0.tracesHz[j], events: $0.events,
                                                                         clock: $0.clock, settings: settings) }
            return AnticipationMetrics.estimateCentre(profile: profile) ?? Double(screen.widthPixels - 1) / 2
        }
        return CentreResolution(xPixels: centres, source: .estimatedFromFlashProfile, flashes: flashes)
    }
}

/// One flashed-bar condition's events and per-cell traces.
public struct FlashRun: Sendable {
    public var events: FlashedBarEvents
    public var clock: RowClock
    public var tracesHz: [[Double]]

    static func run(_ positions: [Double], settings: AnticipationProtocol, runner: inout ConditionRunner,
                    screen: StimulusScreen) throws -> [FlashRun] {
        try positions.map { x in
            let condition = try settings.flashedBarCondition(positionPixels: x, screen: screen,
                                                             historyFrames: runner.model.historyFrames)
            let response = try runner.run(condition)
            return FlashRun(events: condition.events, clock: response.clock, tracesHz: response.tracesHz)
        }
    }
}
