import RetinaCore

/// Integrated gradients (Sundararajan et al. 2017) from the gray screen, to first-layer units (Eq. 2)
/// and to stimulus pixels (Eq. 1), for a network with an affine first layer (`paper-method.md` §4).
///
/// Per window with layer-1 preactivation `z = L + b` (`L = W1 ⋆ s`, the bias `b` is not scaled):
///
///     z(α) = α L + b,   Ĝ = Σ_k ω_k ∂target/∂z |_{z(α_k)},   A_layer1 = Ĝ ∘ L               (Eq. 2)
///     A_pixels = s ∘ conv1ᵀ(Ĝ)                                                            (Eq. 1)
///
/// `(α_k, ω_k)` come from ``IntegrationQuadrature``. Conv1 is evaluated once per window; only the
/// layers above it run per α-step, all steps of a window in one `layer1Gradient` call (or in chunks
/// of ``IntegratedGradientsSettings/maxBatch``). Because conv1ᵀ is linear, the pixel attributions
/// of a window sum to exactly the same value as its layer-1 attributions (up to Float rounding);
/// both have the same completeness gap. Windows are independent and split over
/// ``IntegratedGradientsSettings/threads`` threads.
public struct IntegratedGradients<Model: LayerOneDifferentiable>: Sendable {
    public var model: Model
    public var settings: IntegratedGradientsSettings

    public init(model: Model, settings: IntegratedGradientsSettings = .init()) {
        self.model = model; self.settings = settings
    }

    /// Layer-1 attributions for every complete window of `movie`.
    public func attributeToLayer1(_ movie: Movie) throws -> AttributionResult {
        let z = try model.layer1Preactivations(of: movie)
        return try run(z: z, windows: movie.windowCount(history: model.historyFrames), movie: nil).layer1
    }

    /// Layer-1 attributions from precomputed preactivations `z` (`[windows, C1, H1, W1]`, bias included),
    /// e.g. when the same `z` also feeds the reduced model.
    public func attributeToLayer1(preactivations z: [Float], windows: Int) throws -> AttributionResult {
        try run(z: z, windows: windows, movie: nil).layer1
    }

    /// Pixel attributions `[windows, T, H, W]` for every complete window of `movie`.
    public func attributeToPixels(_ movie: Movie) throws -> AttributionResult {
        try attribute(movie).pixels
    }

    /// Both sites from one integration (the pixel attributions reuse Ĝ).
    public func attribute(_ movie: Movie) throws -> (layer1: AttributionResult, pixels: AttributionResult) {
        let z = try model.layer1Preactivations(of: movie)
        let out = try run(z: z, windows: movie.windowCount(history: model.historyFrames), movie: movie)
        return (out.layer1, out.pixels!)
    }

    // MARK: - Core

    private struct Chunk: Sendable {
        var effective: [Float]
        var layer1: [Float]
        var pixels: [Float]?
        var rates: [Float]
    }

    private func run(z: [Float], windows: Int, movie: Movie?) throws -> (layer1: AttributionResult, pixels: AttributionResult?) {
        try settings.validate()
        let g = model.conv1Geometry
        try g.validate(weights: model.conv1Weights, bias: model.conv1Bias)
        let units = g.unitsPerWindow, cells = model.cellCount
        guard windows >= 0, z.count == windows * units else {
            throw MechanismsError.shapeMismatch(parameter: "layer-1 preactivations",
                                                expected: "\(windows) x \(units) values", found: "\(z.count)")
        }
        if let m = movie, m.height != g.screenHeight || m.width != g.screenWidth {
            throw MechanismsError.shapeMismatch(parameter: "movie", expected: "\(g.screenHeight)x\(g.screenWidth)",
                                                found: "\(m.height)x\(m.width)")
        }
        let weights = try settings.target.cellWeights(cellCount: cells)
        let rule = try settings.quadrature.rule(steps: settings.steps)
        let biasMap = Self.biasMap(model.conv1Bias, geometry: g)

        let baselineRates = try model.ratesFromLayer1(biasMap, count: 1)
        try Self.check(baselineRates.count, cells, member: "ratesFromLayer1 (baseline)")
        let baseline = Self.target(baselineRates, row: 0, weights: weights)

        let chunks = try ParallelChunks.run(count: windows, threads: settings.threads) { range in
            try self.integrate(range, z: z, movie: movie, biasMap: biasMap, weights: weights, rule: rule, geometry: g)
        }
        let effective = chunks.flatMap(\.effective), layer1 = chunks.flatMap(\.layer1)
        let rates = RateMatrix(rows: windows, cells: cells, valuesHz: chunks.flatMap(\.rates))
        let targets = (0..<windows).map { Float(Self.target(rates.valuesHz, row: $0, weights: weights)) }

        func result(_ site: AttributionSite, _ values: [Float], _ effective: [Float]?) -> AttributionResult {
            let n = values.count / max(1, windows)
            let gaps = (0..<windows).map { w -> Double in
                var s = 0.0
                for i in (w * n)..<((w + 1) * n) { s += Double(values[i]) }
                return s - (Double(targets[w]) - baseline)
            }
            return AttributionResult(
                site: site, geometry: g, windows: windows, attributions: values, effectiveWeights: effective,
                layer1Bias: model.conv1Bias,
                targetRatesHz: targets, baselineRateHz: Float(baseline), cellRatesHz: rates, gaps: gaps,
                relativeGaps: AttributionResult.relativeGaps(gaps: gaps, targetRatesHz: targets, baselineRateHz: Float(baseline),
                                                             floor: settings.relativeGapFloor),
                settings: settings)
        }
        let pixels = movie == nil ? nil : result(.pixels, chunks.flatMap { $0.pixels ?? [] }, nil)
        return (result(.layer1, layer1, effective), pixels)
    }

    /// Integrates the windows in `range` (one thread's share).
    private func integrate(_ range: Range<Int>, z: [Float], movie: Movie?, biasMap: [Float], weights: [Float],
                           rule: (alphas: [Double], weights: [Double]), geometry g: Conv1Geometry) throws -> Chunk {
        let units = g.unitsPerWindow, n = range.count, pixelCount = g.pixelsPerWindow
        let zChunk = Array(z[(range.lowerBound * units)..<(range.upperBound * units)])
        let rates = try model.ratesFromLayer1(zChunk, count: n)
        try Self.check(rates.count, n * model.cellCount, member: "ratesFromLayer1")

        var effective = [Float](repeating: 0, count: n * units)
        var layer1 = [Float](repeating: 0, count: n * units)
        var pixels: [Float]? = movie == nil ? nil : [Float](repeating: 0, count: n * pixelCount)
        let batchLimit = min(settings.maxBatch ?? rule.alphas.count, rule.alphas.count)
        var linear = [Float](repeating: 0, count: units)
        var accumulated = [Double](repeating: 0, count: units)
        var batch = [Float](repeating: 0, count: batchLimit * units)
        var windowGradient = [Float](repeating: 0, count: units)
        var backprojected = [Float](repeating: 0, count: pixelCount)

        for i in 0..<n {
            for j in 0..<units { linear[j] = zChunk[i * units + j] - biasMap[j]; accumulated[j] = 0 }
            var start = 0
            while start < rule.alphas.count {
                let m = min(batchLimit, rule.alphas.count - start)
                for k in 0..<m {
                    let alpha = Float(rule.alphas[start + k])
                    for j in 0..<units { batch[k * units + j] = alpha * linear[j] + biasMap[j] }
                }
                let input = m == batchLimit ? batch : Array(batch[0..<(m * units)])
                let (_, gradient) = try model.layer1Gradient(input, count: m, cellWeights: weights)
                try Self.check(gradient.count, m * units, member: "layer1Gradient")
                for k in 0..<m {
                    let omega = rule.weights[start + k]
                    for j in 0..<units { accumulated[j] += omega * Double(gradient[k * units + j]) }
                }
                start += m
            }
            var total = 0.0
            for j in 0..<units {
                windowGradient[j] = Float(accumulated[j])
                effective[i * units + j] = windowGradient[j]
                let a = accumulated[j] * Double(linear[j])
                layer1[i * units + j] = Float(a)
                total += a
            }
            guard total.isFinite else {
                throw MechanismsError.modelOutput(member: "layer1Gradient", expected: "finite gradients",
                                                  found: "non-finite attribution sum at window \(range.lowerBound + i)")
            }
            if let movie {
                let frameOffset = (range.lowerBound + i) * movie.pixelsPerFrame
                windowGradient.withUnsafeBufferPointer { gp in
                    backprojected.withUnsafeMutableBufferPointer {
                        Conv1Correlation.transposed(gp, weights: model.conv1Weights, geometry: g, into: $0)
                    }
                }
                for p in 0..<pixelCount { pixels![i * pixelCount + p] = movie.values[frameOffset + p] * backprojected[p] }
            }
        }
        return Chunk(effective: effective, layer1: layer1, pixels: pixels, rates: rates)
    }

    /// The bias broadcast over one window's layer-1 map, `[C1, H1, W1]` (the gray-screen preactivation).
    static func biasMap(_ bias: [Float], geometry g: Conv1Geometry) -> [Float] {
        var out = [Float](repeating: 0, count: g.unitsPerWindow)
        for c in 0..<g.channels { for p in 0..<g.mapSize { out[c * g.mapSize + p] = bias[c] } }
        return out
    }

    private static func target(_ rates: [Float], row: Int, weights: [Float]) -> Double {
        var s = 0.0
        for j in 0..<weights.count where weights[j] != 0 { s += Double(weights[j]) * Double(rates[row * weights.count + j]) }
        return s
    }

    private static func check(_ found: Int, _ expected: Int, member: String) throws {
        guard found == expected else {
            throw MechanismsError.modelOutput(member: member, expected: "\(expected) values", found: "\(found) values")
        }
    }
}
