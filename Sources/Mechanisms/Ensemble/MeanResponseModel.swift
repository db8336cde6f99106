import RetinaCore

/// The mean rate of several response models with the same cells and input (Hz, summed in Double):
/// what a silenced ensemble is when each member is silenced by its own fast route.
///
/// With a ``ResponseMemo`` and one variant name per model, each model's rates on a movie are looked
/// up before they are computed (the movie is fingerprinted once per call).
public struct MeanResponseModel: ResponseModel {
    public let models: [any ResponseModel]
    public let memo: ResponseMemo?
    /// The models' names in `memo` (see ``ResponseMemo``); empty without a memo.
    public let variants: [String]

    /// Throws ``MechanismsError/shapeMismatch(parameter:expected:found:)`` when the models differ in
    /// cells, history or screen, or when `variants` does not name every model.
    public init(models: [any ResponseModel], memo: ResponseMemo? = nil, variants: [String] = []) throws {
        if memo != nil, variants.count != models.count {
            throw MechanismsError.shapeMismatch(parameter: "memo variants", expected: "\(models.count) names", found: "\(variants.count)")
        }
        guard let first = models.first else {
            throw MechanismsError.invalidSetting(name: "models", expected: "at least one", found: "none")
        }
        for (k, m) in models.enumerated().dropFirst()
            where m.cellCount != first.cellCount || m.historyFrames != first.historyFrames || m.screen != first.screen {
            throw MechanismsError.shapeMismatch(parameter: "model \(k)",
                                                expected: "\(first.cellCount) cells, \(first.historyFrames) frames, \(first.screen.height)x\(first.screen.width)",
                                                found: "\(m.cellCount) cells, \(m.historyFrames) frames, \(m.screen.height)x\(m.screen.width)")
        }
        self.models = models
        self.memo = memo
        self.variants = memo == nil ? [] : variants
    }

    public var cellCount: Int { models[0].cellCount }
    public var historyFrames: Int { models[0].historyFrames }
    public var screen: (height: Int, width: Int) { models[0].screen }
    public var cellCentres: [(y: Double, x: Double)]? { models[0].cellCentres }
    public var acceptsReducedScreens: Bool { models.allSatisfy(\.acceptsReducedScreens) }

    public func rates(for movie: Movie) throws -> RateMatrix {
        let each: [RateMatrix]
        if let memo {
            let print = MovieFingerprint(movie)
            each = try zip(models, variants).map { m, v in
                try memo.rates(variant: v, movie: movie, fingerprint: print) { try m.rates(for: movie) }
            }
        } else {
            each = try models.map { try $0.rates(for: movie) }
        }
        if each.count == 1 { return each[0] }
        let n = each[0].valuesHz.count, k = Double(each.count)
        let mean = (0..<n).map { i in Float(each.reduce(0.0) { $0 + Double($1.valuesHz[i]) } / k) }
        return RateMatrix(rows: each[0].rows, cells: each[0].cells, valuesHz: mean)
    }
}
