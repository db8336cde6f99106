import RetinaCore

/// Classifies first-layer channels into ON/OFF × fast/slow and measures their filters (docs/method.md §4.4).
public enum ChannelTyping {
    /// Milliseconds before the response bin looked at by filter index `τ`: `(T − 1 − τ) · 10`.
    public static func lagMilliseconds(index: Int, history: Int) -> Double {
        Units.milliseconds(frames: Double(history - 1 - index))
    }

    /// Channel types of `model`'s first layer.
    public static func classify<M: LayerOneDifferentiable>(
        model: M, references: [String: [Double]] = [:], rule: FastSlowRule = .twoMeans,
        scope: FastSlowScope = .allChannels, recentFrames: Int = 25
    ) throws -> ChannelTypeTable {
        try classify(weights: model.conv1Weights, geometry: model.conv1Geometry, references: references,
                     rule: rule, scope: scope, recentFrames: recentFrames)
    }

    /// Channel types from raw kernels `[C1, T, K, K]`.
    ///
    /// - Parameters:
    ///   - references: named reference kernels in *lag order* (index 0 = 0 ms before the response,
    ///     index n = n·10 ms), as linear filters on contrast (so an OFF pathway applied to `−s` is passed
    ///     negated). Each is correlated (Pearson) with the channel's filter in lag order over the first
    ///     `min(T, count)` lags.
    ///   - recentFrames: the dominant lobe is searched among the newest `min(recentFrames, T)` frames.
    public static func classify(weights: [Float], geometry g: Conv1Geometry, references: [String: [Double]] = [:],
                                rule: FastSlowRule = .twoMeans, scope: FastSlowScope = .allChannels,
                                recentFrames: Int = 25) throws -> ChannelTypeTable {
        try g.validate(weights: weights, bias: [Float](repeating: 0, count: g.channels))
        guard recentFrames >= 1 else {
            throw MechanismsError.invalidSetting(name: "recentFrames", expected: "≥ 1", found: "\(recentFrames)")
        }
        let (t, k) = (g.history, g.kernel)
        let searchStart = t - min(recentFrames, t)
        var types: [ChannelType] = []
        for c in 0..<g.channels {
            func w(_ tau: Int, _ u: Int, _ v: Int) -> Double { Double(weights[((c * t + tau) * k + u) * k + v]) }
            let filter = (0..<t).map { tau in (0..<k).reduce(0.0) { s, u in s + (0..<k).reduce(0.0) { $0 + w(tau, u, $1) } } }
            var peak = searchStart
            for tau in searchStart..<t where abs(filter[tau]) > abs(filter[peak]) { peak = tau }
            let spatial = (0..<(k * k)).map { w(peak, $0 / k, $0 % k) }
            let spaceTime = (0..<(t * k)).map { i in (0..<k).reduce(0.0) { $0 + w(i / k, $1, i % k) } }
            let lagOrder = Array(filter.reversed())
            var correlations: [String: Double] = [:]
            for (name, reference) in references {
                let n = min(t, reference.count)
                if n >= 2 { correlations[name] = Statistics.pearson(Array(lagOrder[0..<n]), Array(reference[0..<n])) ?? 0 }
            }
            let best = correlations.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key
            types.append(ChannelType(
                channel: c, temporalFilter: filter, peakIndex: peak, peakAmplitude: filter[peak],
                peakLatencyMilliseconds: lagMilliseconds(index: peak, history: t),
                polarity: filter[peak] > 0 ? .on : .off, speed: .fast, spatialProfile: spatial, spaceTime: spaceTime,
                referenceCorrelations: correlations, bestReference: best))
        }
        let global = fastSlowThreshold(latencies: types.map(\.peakLatencyMilliseconds), rule: rule)
        var thresholds: [String: Double] = ["all": global]
        if scope == .withinPolarity {
            thresholds = [:]
            for polarity in [ChannelPolarity.on, .off] {
                let latencies = types.filter { $0.polarity == polarity }.map(\.peakLatencyMilliseconds)
                thresholds[polarity.rawValue] = Set(latencies).count >= 2 ? fastSlowThreshold(latencies: latencies, rule: rule) : global
            }
        }
        for i in types.indices {
            let key = scope == .withinPolarity ? types[i].polarity.rawValue : "all"
            types[i].speed = types[i].peakLatencyMilliseconds <= thresholds[key]! ? .fast : .slow
        }
        return ChannelTypeTable(types: types, history: t, kernel: k, recentFrames: min(recentFrames, t), rule: rule,
                                scope: scope, thresholdsMilliseconds: thresholds)
    }

    /// The fast/slow threshold (ms) of `rule` over `latencies` (see ``FastSlowRule``); 0 when empty.
    public static func fastSlowThreshold(latencies: [Double], rule: FastSlowRule) -> Double {
        let a = latencies.sorted()
        guard let first = a.first else { return 0 }
        switch rule {
        case .fixed(let ms): return ms
        case .median:
            return a.count % 2 == 1 ? a[a.count / 2] : (a[a.count / 2 - 1] + a[a.count / 2]) / 2
        case .twoMeans:
            guard a.last! > first else { return first }
            var best = (cost: Double.infinity, split: 1)
            for s in 1..<a.count where a[s] > a[s - 1] {
                let cost = Statistics.sumOfSquaredDeviations(Array(a[0..<s])) + Statistics.sumOfSquaredDeviations(Array(a[s...]))
                if cost < best.cost - 1e-12 { best = (cost, s) }
            }
            return (a[best.split - 1] + a[best.split]) / 2
        }
    }
}

extension ChannelTyping {
    /// The channel type each reference kernel of ``GroundTruthReferenceKernels`` stands for: the
    /// three bipolar pathways by name, and the OFF-driven amacrine (a delayed OFF filter) as OFF slow.
    public static let groundTruthReferenceTypes: [String: ChannelTypeKey] = [
        "OFF fast": .init(.off, .fast), "ON fast": .init(.on, .fast), "ON slow": .init(.on, .slow), "amacrine": .init(.off, .slow),
    ]

    /// `table` with every channel whose best reference match has Pearson r ≥ `minimumCorrelation`
    /// (and a type in `referenceTypes`) typed as that reference; the latency rule's type is kept in
    /// ``ChannelType/rulePolarity`` / ``ChannelType/ruleSpeed`` and every channel records
    /// ``ChannelType/typedBy``. Below the threshold (or without references) the rule's type stays.
    ///
    /// Why: the latency threshold is relative to the other channels, so a channel peaking at 90 ms
    /// can be "fast" next to 200 ms channels although its kernel is the planted ON-slow one; the
    /// kernel match compares with the pathways themselves (whole filter shape, signed r).
    public static func retypedByKernelMatch(_ table: ChannelTypeTable, minimumCorrelation: Double = 0.5,
                                            referenceTypes: [String: ChannelTypeKey] = groundTruthReferenceTypes) -> ChannelTypeTable {
        var t = table
        t.kernelMatchMinimumCorrelation = minimumCorrelation
        for i in t.types.indices {
            var c = t.types[i]
            c.rulePolarity = c.rulePolarity ?? c.polarity
            c.ruleSpeed = c.ruleSpeed ?? c.speed
            c.polarity = c.rulePolarity!; c.speed = c.ruleSpeed!
            c.typedBy = .latencyRule
            if let best = c.bestReference, let r = c.referenceCorrelations[best], r >= minimumCorrelation, let key = referenceTypes[best] {
                c.polarity = key.polarity; c.speed = key.speed; c.typedBy = .kernelMatch
            }
            t.types[i] = c
        }
        return t
    }
}

/// A channel type as a value (polarity × speed).
public struct ChannelTypeKey: Codable, Sendable, Hashable {
    public var polarity: ChannelPolarity
    public var speed: ChannelSpeed
    public init(_ polarity: ChannelPolarity, _ speed: ChannelSpeed) { self.polarity = polarity; self.speed = speed }
}
