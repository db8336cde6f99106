import RetinaCNN
import RetinaCore

/// Any model with an affine first layer, with some first-layer units clamped to their gray-screen
/// pre-activation `z_u = b_c` (``RetinaCNN/Layer1Silencing``): `z' = z` outside the silenced units,
/// `z'_u = b_c` on them, and every layer above sees `z'`.
///
/// It conforms to both seams the analyses use, so phenomenon suites (``ResponseModel``) and
/// integrated gradients (``LayerOneDifferentiable``) run on it unchanged: `conv1Weights` are the
/// base kernels with whole silenced channels zeroed; gradients are zero at silenced units (the
/// output does not depend on them). For a BN-CNN prefer `BNCNN.silenced(_:)` (same numbers, engine
/// speed); this wrapper serves any other model and positions of per-channel-BN models.
public struct SilencedModel<Base: LayerOneDifferentiable & ResponseModel>: LayerOneDifferentiable, ResponseModel {
    public let base: Base
    public let silencing: Layer1Silencing
    /// `[C1, H1, W1]`: true = clamped.
    let mask: [Bool]

    /// Throws ``RetinaCNN/RetinaCNNError/invalidSilencing(_:)`` for units outside the base's layer 1.
    public init(base: Base, silencing: Layer1Silencing) throws {
        let s = silencing.normalised()
        try s.validate(channelCount: base.layer1Channels, height: base.layer1Height, width: base.layer1Width)
        self.base = base
        self.silencing = s
        mask = s.mask(channelCount: base.layer1Channels, height: base.layer1Height, width: base.layer1Width)
    }

    public var conv1Weights: [Float] {
        var w = base.conv1Weights
        let per = w.count / max(1, base.layer1Channels)
        for c in silencing.channels { for i in (c * per)..<((c + 1) * per) { w[i] = 0 } }
        return w
    }
    public var conv1Bias: [Float] { base.conv1Bias }
    public var historyFrames: Int { base.historyFrames }
    public var screen: (height: Int, width: Int) { base.screen }
    public var cellCount: Int { base.cellCount }
    public var cellCentres: [(y: Double, x: Double)]? { base.cellCentres }

    /// `z` of `count` windows with the silenced units set to their channel's bias.
    func clamped(_ z: [Float], count: Int) -> [Float] {
        var z = z
        let units = mask.count, map = units / max(1, base.layer1Channels)
        let bias = base.conv1Bias
        for i in 0..<count {
            let o = i * units
            for u in 0..<units where mask[u] { z[o + u] = bias[u / map] }
        }
        return z
    }

    public func layer1Preactivations(of movie: Movie) throws -> [Float] {
        let z = try base.layer1Preactivations(of: movie)
        return clamped(z, count: z.count / max(1, mask.count))
    }

    public func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float] {
        try base.ratesFromLayer1(clamped(z, count: count), count: count)
    }

    public func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float]) {
        var (rates, grad) = try base.layer1Gradient(clamped(z, count: count), count: count, cellWeights: cellWeights)
        let units = mask.count
        for i in 0..<count { for u in 0..<units where mask[u] { grad[i * units + u] = 0 } }
        return (rates, grad)
    }

    public func rates(for movie: Movie) throws -> RateMatrix {
        let n = movie.windowCount(history: historyFrames)
        let z = try layer1Preactivations(of: movie)
        return RateMatrix(rows: n, cells: cellCount, valuesHz: try base.ratesFromLayer1(z, count: n))
    }
}

/// A model that can be silenced for causal tests: it returns itself with first-layer units clamped,
/// as a ``ResponseModel`` the phenomenon suites run on. The default wraps it in ``SilencedModel``;
/// the BN-CNN edits its own tensors instead (`BNCNN.silenced(_:)`).
public protocol SilenceableModel: LayerOneDifferentiable, ResponseModel {
    func silencedResponseModel(_ silencing: Layer1Silencing) throws -> any ResponseModel

    /// The rates under each of `silencings`: element k is `silencedResponseModel(silencings[k])`'s
    /// rates. The default runs them one by one; the BN-CNN shares the work (`BNCNN.rates(for:silencings:)`).
    func rates(for movie: Movie, silencings: [Layer1Silencing]) throws -> [RateMatrix]

    /// Announces the silencings about to be measured (a causal test's interventions), so that a
    /// model with a ``ResponseMemo`` can compute all of them in one sweep per movie the first time
    /// any of them sees it (``ResponseMemo/registerSweep(_:compute:)``). The default does nothing.
    func prepareSilencingSweep(_ silencings: [Layer1Silencing]) throws
}

extension SilenceableModel {
    public func silencedResponseModel(_ silencing: Layer1Silencing) throws -> any ResponseModel {
        try SilencedModel(base: self, silencing: silencing)
    }

    public func rates(for movie: Movie, silencings: [Layer1Silencing]) throws -> [RateMatrix] {
        try silencings.map { try silencedResponseModel($0).rates(for: movie) }
    }

    public func prepareSilencingSweep(_ silencings: [Layer1Silencing]) throws {}
}

extension BNCNN: SilenceableModel {
    /// `silenced(_:)` (a plain BN-CNN) when the model file can express it, else the clamping wrapper
    /// (positions of a per-channel-BN model).
    public func silencedResponseModel(_ silencing: Layer1Silencing) throws -> any ResponseModel {
        if architecture.batchNorm == .perUnit || silencing.normalised().regions.isEmpty { return try silenced(silencing) }
        return try SilencedModel(base: self, silencing: silencing)
    }
}
