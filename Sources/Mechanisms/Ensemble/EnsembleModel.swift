import RetinaCNN
import RetinaCore

/// The mean of several models with the same input geometry and cells, as one model the analyses run
/// on unchanged (``ResponseModel`` and ``LayerOneDifferentiable``; docs/cluster.md §3).
///
/// Rate: `r(s) = (1/K) Σ_k r_k(s)` (Hz; summed in Double). Layer 1: the members' layer-1 units side
/// by side — member `k`'s channel `c` is channel `k·C + c` (``EnsembleLayout``), with the members'
/// kernels and biases concatenated along the channel axis, so `z = [z_1, …, z_K]` per window.
/// Each member reads only its own block, hence for any target `T = Σ_j w_j r_j`
///
///     ∂T/∂z_k = (1/K) ∂T_k/∂z_k,
///
/// and integrated gradients of the ensemble to its layer-1 units (from the gray screen, where every
/// member's `z_k = b_k`) are exactly the members' own attributions divided by `K`, side by side: IG
/// is linear in the function. Completeness carries over: the ensemble's gap is the mean of the
/// members' gaps. (Up to Float rounding of `∂T_k/∂z_k / K`: relative 6e-8.)
public struct EnsembleModel<Member: LayerOneDifferentiable & ResponseModel>: LayerOneDifferentiable, ResponseModel {
    public let members: [Member]
    public let layout: EnsembleLayout
    public let conv1Weights: [Float]
    public let conv1Bias: [Float]
    /// When set, members' rates on a movie are computed once per run and member silencing
    /// (``ResponseMemo``; variant names from ``memberVariant(_:_:)``).
    public let memo: ResponseMemo?

    /// Throws ``MechanismsError/shapeMismatch(parameter:expected:found:)`` naming the first member that
    /// differs from member 0 in history, screen, cells, layer-1 channels or kernel size.
    public init(members: [Member], memo: ResponseMemo? = nil) throws {
        guard let first = members.first else {
            throw MechanismsError.invalidSetting(name: "ensemble members", expected: "at least one", found: "none")
        }
        for (k, m) in members.enumerated().dropFirst() {
            let checks: [(String, String, String)] = [
                ("historyFrames", "\(first.historyFrames)", "\(m.historyFrames)"),
                ("screen", "\(first.screen.height)x\(first.screen.width)", "\(m.screen.height)x\(m.screen.width)"),
                ("cellCount", "\(first.cellCount)", "\(m.cellCount)"),
                ("layer-1 channels", "\(first.layer1Channels)", "\(m.layer1Channels)"),
                ("conv1 kernel", "\(first.conv1KernelSize)", "\(m.conv1KernelSize)"),
            ]
            if let (name, expected, found) = checks.first(where: { $0.1 != $0.2 }) {
                throw MechanismsError.shapeMismatch(parameter: "ensemble member \(k) \(name)", expected: expected, found: found)
            }
        }
        for m in members { try m.conv1Geometry.validate(weights: m.conv1Weights, bias: m.conv1Bias) }
        self.members = members
        layout = EnsembleLayout(memberCount: members.count, channelsPerMember: first.layer1Channels)
        conv1Weights = members.flatMap(\.conv1Weights)
        conv1Bias = members.flatMap(\.conv1Bias)
        self.memo = memo
    }

    /// The memo's name for member `k` (0-based) with `silencing` (member numbering) applied.
    public static func memberVariant(_ k: Int, _ silencing: Layer1Silencing) -> String {
        "member \(k): \(silencing.normalised())"
    }

    /// Member `k` alone as a response model (through the memo when there is one).
    public func memberResponseModel(_ k: Int) throws -> any ResponseModel {
        guard let memo else { return members[k] }
        return try MeanResponseModel(models: [members[k]], memo: memo, variants: [Self.memberVariant(k, Layer1Silencing())])
    }

    // MARK: ResponseModel

    public var cellCount: Int { members[0].cellCount }
    public var historyFrames: Int { members[0].historyFrames }
    public var screen: (height: Int, width: Int) { members[0].screen }
    public var cellCentres: [(y: Double, x: Double)]? { members[0].cellCentres }
    public var acceptsReducedScreens: Bool { members.allSatisfy(\.acceptsReducedScreens) }

    /// The mean of the members' rates, row by row.
    public func rates(for movie: Movie) throws -> RateMatrix {
        if let memo {
            return try MeanResponseModel(models: members, memo: memo,
                                         variants: members.indices.map { Self.memberVariant($0, Layer1Silencing()) }).rates(for: movie)
        }
        let each = try members.map { try $0.rates(for: movie) }
        return RateMatrix(rows: each[0].rows, cells: each[0].cells, valuesHz: Self.mean(each.map(\.valuesHz)))
    }

    // MARK: LayerOneDifferentiable

    /// Exactly the concatenated correlation when every member's layer 1 is.
    public var layer1IsConv1Correlation: Bool { members.allSatisfy(\.layer1IsConv1Correlation) }

    /// Units of one member's layer 1 per window, `C·H1·W1`.
    var memberUnits: Int { members[0].layer1UnitsPerWindow }

    /// Each member's own (engine-speed) preactivations, interleaved per window into `[windows, K·C, H1, W1]`.
    public func layer1Preactivations(of movie: Movie) throws -> [Float] {
        try join(members.map { try $0.layer1Preactivations(of: movie) }, count: movie.windowCount(history: historyFrames))
    }

    public func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float] {
        let blocks = try split(z, count: count)
        return Self.mean(try zip(members, blocks).map { try $0.ratesFromLayer1($1, count: count) })
    }

    /// Rates are the members' mean; the gradient block of member `k` is its own gradient divided by `K`.
    /// (One member block is gathered at a time into a reused buffer and its gradient scattered
    /// straight into the result: the same numbers as splitting, mapping and joining, with K fewer
    /// full-size arrays per call.)
    public func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float]) {
        let u = memberUnits, total = members.count * u
        guard z.count == count * total else {
            throw MechanismsError.shapeMismatch(parameter: "ensemble layer-1 preactivations", expected: "\(count) x \(total) values", found: "\(z.count)")
        }
        let k = Float(members.count)
        var block = [Float](repeating: 0, count: count * u)
        var gradient = [Float](repeating: 0, count: count * total)
        var rateSums: [Double] = []
        for (m, member) in members.enumerated() {
            z.withUnsafeBufferPointer { zp in
                block.withUnsafeMutableBufferPointer { bp in
                    for w in 0..<count { (bp.baseAddress! + w * u).update(from: zp.baseAddress! + w * total + m * u, count: u) }
                }
            }
            let (rates, g) = try member.layer1Gradient(block, count: count, cellWeights: cellWeights)
            g.withUnsafeBufferPointer { gp in
                gradient.withUnsafeMutableBufferPointer { out in
                    for w in 0..<count {
                        let src = gp.baseAddress! + w * u, dst = out.baseAddress! + w * total + m * u
                        for i in 0..<u { dst[i] = src[i] / k }
                    }
                }
            }
            if rateSums.isEmpty { rateSums = [Double](repeating: 0, count: rates.count) }
            for i in rates.indices { rateSums[i] += Double(rates[i]) }
        }
        let kd = Double(members.count)
        return (rateSums.map { Float($0 / kd) }, gradient)
    }

    // MARK: Blocks

    /// `[count, K·U]` → K arrays `[count, U]`.
    func split(_ z: [Float], count: Int) throws -> [[Float]] {
        let u = memberUnits, total = members.count * u
        guard z.count == count * total else {
            throw MechanismsError.shapeMismatch(parameter: "ensemble layer-1 preactivations", expected: "\(count) x \(total) values", found: "\(z.count)")
        }
        return (0..<members.count).map { k in
            var block = [Float](repeating: 0, count: count * u)
            for w in 0..<count { block.replaceSubrange((w * u)..<((w + 1) * u), with: z[(w * total + k * u)..<(w * total + (k + 1) * u)]) }
            return block
        }
    }

    /// K arrays `[count, U]` → `[count, K·U]`.
    func join(_ blocks: [[Float]], count: Int) -> [Float] {
        let u = memberUnits, total = members.count * u
        var out = [Float](repeating: 0, count: count * total)
        for (k, block) in blocks.enumerated() {
            for w in 0..<count { out.replaceSubrange((w * total + k * u)..<(w * total + (k + 1) * u), with: block[(w * u)..<((w + 1) * u)]) }
        }
        return out
    }

    /// Element-wise mean, accumulated in Double.
    static func mean(_ arrays: [[Float]]) -> [Float] {
        let n = arrays[0].count, k = Double(arrays.count)
        return (0..<n).map { i in Float(arrays.reduce(0.0) { $0 + Double($1[i]) } / k) }
    }
}
