/// Which scalar integrated gradients explains.
public enum AttributionTarget: Codable, Sendable, Equatable {
    /// The rate of one cell.
    case cell(Int)
    /// `Σ_{j∈set} r_j`.
    case sumOfCells([Int])
    /// `(1/|set|) Σ_{j∈set} r_j`; attributions are then the mean of the per-cell attributions
    /// (IG is linear in the target), which is how the paper averages over cells.
    case meanOfCells([Int])

    private enum CodingKeys: String, CodingKey, CaseIterable { case cell, sumOfCells, meanOfCells }

    /// Coded as a one-key object: `{"cell": 0}`, `{"sumOfCells": [0, 3]}`, `{"meanOfCells": [0, 3]}`.
    public init(from decoder: any Decoder) throws {
        self = try OneKeyCoding.decode(decoder, CodingKeys.self) { c, key in
            switch key {
            case .cell: return .cell(try OneKeyCoding.value(Int.self, c, key))
            case .sumOfCells: return .sumOfCells(try OneKeyCoding.value([Int].self, c, key))
            case .meanOfCells: return .meanOfCells(try OneKeyCoding.value([Int].self, c, key))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .cell(j): try c.encode(j, forKey: .cell)
        case let .sumOfCells(js): try c.encode(js, forKey: .sumOfCells)
        case let .meanOfCells(js): try c.encode(js, forKey: .meanOfCells)
        }
    }

    /// Cell weights `w_j` with `target = Σ_j w_j r_j`; throws if a cell index is out of range or the set is empty.
    public func cellWeights(cellCount: Int) throws -> [Float] {
        let (cells, weight): ([Int], Float)
        switch self {
        case .cell(let j): (cells, weight) = ([j], 1)
        case .sumOfCells(let set): (cells, weight) = (set, 1)
        case .meanOfCells(let set): (cells, weight) = (set, 1 / Float(max(1, set.count)))
        }
        guard !cells.isEmpty else {
            throw MechanismsError.invalidSetting(name: "target", expected: "at least one cell", found: "an empty set")
        }
        var w = [Float](repeating: 0, count: cellCount)
        for j in cells {
            guard (0..<cellCount).contains(j) else {
                throw MechanismsError.invalidSetting(name: "target cell", expected: "0..<\(cellCount)", found: "\(j)")
            }
            w[j] += weight
        }
        return w
    }
}

/// Settings of integrated gradients with the zero (gray-screen) baseline and the straight path.
public struct IntegratedGradientsSettings: Codable, Sendable, Equatable {
    /// N of the quadrature (see ``IntegrationQuadrature`` for its meaning per rule). Default 100,
    /// the reference code's `alpha_steps`.
    public var steps: Int
    /// Discretisation of the path integral. Default ``IntegrationQuadrature/rightRiemann`` (the reference code).
    public var quadrature: IntegrationQuadrature
    /// What is explained.
    public var target: AttributionTarget
    /// Threads the windows are split over (windows are independent). Default 2. The BN-CNN engine
    /// already splits each `layer1Gradient` call over the cores, so there 1 and 2 measure the same.
    public var threads: Int
    /// Largest number of α-points sent to `layer1Gradient` in one call (captum's
    /// `internal_batch_size`); nil sends all points of a window in one call, but at most
    /// ``defaultBatchLimit``, so memory stays bounded for any `steps`. Points are accumulated in the
    /// same order either way; the BN-CNN's GEMM rounds differently for other batch sizes (relative
    /// differences ~1e-7), so results are bit-identical to one call per window for `steps` below
    /// the limit (every default and paper setting) and equal within Float rounding above it.
    public var maxBatch: Int?

    /// Largest `steps` accepted (``validate()``): beyond it the quadrature error is far below Float
    /// resolution and the nodes alone would take gigabytes.
    public static let maximumSteps = 10_000
    /// Largest `threads` accepted (``validate()``): each thread is a real thread with its own
    /// workspace, so more than the cores only costs memory.
    public static let maximumThreads = 64
    /// The batch limit when ``maxBatch`` is nil, α-points (about 42 MB of layer-1 inputs per call
    /// for the paper's 10,368 units).
    public static let defaultBatchLimit = 1024
    /// Floor of the relative-gap denominator, as a fraction of the response range (see
    /// ``AttributionResult/relativeGaps``). Default 0.01.
    public var relativeGapFloor: Double

    public init(steps: Int = 100, quadrature: IntegrationQuadrature = .rightRiemann, target: AttributionTarget = .cell(0),
                threads: Int = 2, maxBatch: Int? = nil, relativeGapFloor: Double = 0.01) {
        self.steps = steps; self.quadrature = quadrature; self.target = target
        self.threads = threads; self.maxBatch = maxBatch; self.relativeGapFloor = relativeGapFloor
    }

    /// Throws if a value is outside its range.
    public func validate() throws {
        guard steps <= Self.maximumSteps else {
            throw MechanismsError.invalidSetting(name: "steps", expected: "≤ \(Self.maximumSteps)", found: "\(steps)")
        }
        _ = try quadrature.rule(steps: steps)
        guard (1...Self.maximumThreads).contains(threads) else {
            throw MechanismsError.invalidSetting(name: "threads", expected: "1 … \(Self.maximumThreads)", found: "\(threads)")
        }
        if let b = maxBatch, b < 1 { throw MechanismsError.invalidSetting(name: "maxBatch", expected: "≥ 1 or nil", found: "\(b)") }
        guard relativeGapFloor >= 0, relativeGapFloor <= 1 else {
            throw MechanismsError.invalidSetting(name: "relativeGapFloor", expected: "a fraction of the response range in 0 … 1", found: "\(relativeGapFloor)")
        }
    }
}
