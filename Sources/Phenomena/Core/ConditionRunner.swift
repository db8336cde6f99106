import RetinaCore

/// Rates of the chosen cells for one condition.
public struct ConditionResponse: Sendable {
    /// One trace per chosen cell (Hz per row), in the order of ``ConditionRunner/cells``.
    public var tracesHz: [[Double]]
    /// Row timing of the traces.
    public var clock: RowClock
}

/// Shows phenomenon conditions to a ``RetinaCore/ResponseModel`` and collects per-cell traces,
/// checking the row contract and counting the work done.
public struct ConditionRunner: Sendable {
    public let model: any ResponseModel
    /// Model cell indices whose traces are kept.
    public let cells: [Int]
    /// Show only the frames a condition's analysed rows need (exact when the model's memory is at
    /// most `historyFrames`, e.g. the CNN); otherwise the whole movie.
    public let trimsToAnalysedFrames: Bool
    /// Conditions shown so far.
    public private(set) var conditionsRun = 0
    /// Movie frames shown so far (pixels per frame not counted).
    public private(set) var framesShown = 0

    /// Throws ``PhenomenaError/cellOutOfRange(cell:cellCount:)`` for an unknown cell.
    public init(model: any ResponseModel, cells: [Int], trimsToAnalysedFrames: Bool) throws {
        for c in cells where c < 0 || c >= model.cellCount {
            throw PhenomenaError.cellOutOfRange(cell: c, cellCount: model.cellCount)
        }
        self.model = model; self.cells = cells; self.trimsToAnalysedFrames = trimsToAnalysedFrames
    }

    /// Runs one condition. Throws when the model returns the wrong number of rows or cells.
    public mutating func run<E>(_ condition: PhenomenonCondition<E>) throws -> ConditionResponse {
        let h = model.historyFrames
        let (movie, clock) = trimsToAnalysedFrames
            ? condition.trimmed(historyFrames: h)
            : (condition.movie, RowClock(historyFrames: h))
        return try run(movie: movie, clock: clock, label: condition.label)
    }

    /// Runs a raw movie whose row 0 has clock `clock`.
    public mutating func run(movie: Movie, clock: RowClock, label: String) throws -> ConditionResponse {
        let rates = try model.rates(for: movie)
        let expectedRows = movie.windowCount(history: model.historyFrames)
        guard rates.rows == expectedRows, rates.cells == model.cellCount else {
            throw PhenomenaError.unexpectedRateShape(
                condition: label, expected: "\(expectedRows) rows × \(model.cellCount) cells",
                found: "\(rates.rows) rows × \(rates.cells) cells")
        }
        conditionsRun += 1
        framesShown += movie.frames
        let traces = cells.map { c in (0..<rates.rows).map { Double(rates[$0, c]) } }
        return ConditionResponse(tracesHz: traces, clock: clock)
    }

    /// Spontaneous rate of each chosen cell: row 0 of an all-gray movie of `historyFrames` frames.
    public mutating func baselineHz(screen: StimulusScreen) throws -> [Double] {
        let h = model.historyFrames
        let gray = Movie(frames: h, height: screen.heightPixels, width: screen.widthPixels)
        return try run(movie: gray, clock: RowClock(historyFrames: h), label: "gray baseline").tracesHz.map { $0[0] }
    }
}
