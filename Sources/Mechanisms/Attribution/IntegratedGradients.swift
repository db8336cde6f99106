import RetinaCore

/// Integrated gradients (Sundararajan et al. 2017) from the gray screen, to first-layer units (Eq. 2)
/// and to stimulus pixels (Eq. 1), for a network with an affine first layer (`docs/method.md` §4).
///
/// Per window with layer-1 preactivation `z = L + b` (`L = W1 ⋆ s`, the bias `b` is not scaled):
///
///     z(α) = α L + b,   Ĝ = Σ_k ω_k ∂target/∂z |_{z(α_k)},   A_layer1 = Ĝ ∘ L               (Eq. 2)
///     A_pixels = s ∘ conv1ᵀ(Ĝ)                                                            (Eq. 1)
///
/// `(α_k, ω_k)` come from ``IntegrationQuadrature``. Conv1 is evaluated once per window; only the
/// layers above it run per α-step, all steps of a window in one `layer1Gradient` call (or in chunks
/// of ``IntegratedGradientsSettings/maxBatch``). Windows whose paths lie on one ray (`L` a positive
/// multiple of another window's `L`: a step at several contrasts, repeated windows, gray windows)
/// share their evaluations (``IntegrationRays``). Because conv1ᵀ is linear, the pixel attributions
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
        let rateValues = try model.ratesFromLayer1(z, count: windows)
        try Self.check(rateValues.count, windows * cells, member: "ratesFromLayer1")

        var biasFree = z
        for w in 0..<windows { for j in 0..<units { biasFree[w * units + j] -= biasMap[j] } }
        let linear = biasFree
        let plan = IntegrationRays.plan(linear: linear, windows: windows, units: units, alphas: rule.alphas, share: true)
        let output = Output(windows: windows, units: units, pixels: movie == nil ? nil : g.pixelsPerWindow)
        defer { output.deallocate() }
        _ = try ParallelChunks.run(ranges: Self.balancedSplit(plan, parts: settings.threads)) { range in
            try self.integrate(plan.rays[range], linear: linear, movie: movie, biasMap: biasMap, weights: weights, rule: rule,
                               geometry: g, output: output)
        }
        let effective = output.effectiveArray(), layer1 = output.layer1Array()
        let rates = RateMatrix(rows: windows, cells: cells, valuesHz: rateValues)
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
        let pixels = movie == nil ? nil : result(.pixels, output.pixelsArray()!, nil)
        return (result(.layer1, layer1, effective), pixels)
    }

    /// Contiguous ranges of rays, at most `parts`, with nearly equal numbers of evaluation points.
    static func balancedSplit(_ plan: IntegrationRays, parts: Int) -> [Range<Int>] {
        let n = plan.rays.count, total = plan.pointCount
        guard n > 0 else { return [] }
        let p = max(1, min(parts, n))
        var ranges: [Range<Int>] = [], start = 0, done = 0
        for (i, ray) in plan.rays.enumerated() {
            done += ray.points.count
            if ranges.count < p - 1, done * p >= total * (ranges.count + 1), i + 1 < n {
                ranges.append(start..<(i + 1)); start = i + 1
            }
        }
        ranges.append(start..<n)
        return ranges
    }

    /// Integrates the rays of one thread's share: evaluates their points in batches of at most
    /// ``IntegratedGradientsSettings/maxBatch`` (default: ``IntegratedGradientsSettings/defaultBatchLimit``), accumulates
    /// `Ĝ_w = Σ_k ω_k ∂target/∂z(α_k)` per member window, and writes `Ĝ`, `Ĝ ∘ L` (and the pixel
    /// attributions) of those windows.
    private func integrate(_ rays: ArraySlice<IntegrationRays.Ray>, linear: [Float], movie: Movie?, biasMap: [Float],
                           weights: [Float], rule: (alphas: [Double], weights: [Double]), geometry g: Conv1Geometry,
                           output: Output) throws {
        let units = g.unitsPerWindow, pixelCount = g.pixelsPerWindow
        let batchLimit = max(1, min(settings.maxBatch ?? IntegratedGradientsSettings.defaultBatchLimit, rule.alphas.count))
        var batch = [Float](repeating: 0, count: batchLimit * units)
        var windowGradient = [Float](repeating: 0, count: units)
        var backprojected = [Float](repeating: 0, count: pixelCount)
        for ray in rays {
            var accumulated: [Int: [Double]] = [:]
            for w in ray.members { accumulated[w] = [Double](repeating: 0, count: units) }
            var start = 0
            while start < ray.points.count {
                let m = min(batchLimit, ray.points.count - start)
                for k in 0..<m {
                    let p = ray.points[start + k]
                    let alpha = Float(rule.alphas[p.alphaIndex]), base = p.window * units
                    for j in 0..<units { batch[k * units + j] = alpha * linear[base + j] + biasMap[j] }
                }
                let input = m == batchLimit ? batch : Array(batch[0..<(m * units)])
                let (_, gradient) = try model.layer1Gradient(input, count: m, cellWeights: weights)
                try Self.check(gradient.count, m * units, member: "layer1Gradient")
                for k in 0..<m {
                    for use in ray.points[start + k].uses {
                        let omega = rule.weights[use.alphaIndex]
                        accumulated[use.window]!.withUnsafeMutableBufferPointer { acc in
                            for j in 0..<units { acc[j] += omega * Double(gradient[k * units + j]) }
                        }
                    }
                }
                start += m
            }
            for w in ray.members {
                let acc = accumulated[w]!
                var total = 0.0
                for j in 0..<units {
                    windowGradient[j] = Float(acc[j])
                    output.effective[w * units + j] = windowGradient[j]
                    let a = acc[j] * Double(linear[w * units + j])
                    output.layer1[w * units + j] = Float(a)
                    total += a
                }
                guard total.isFinite else {
                    throw MechanismsError.modelOutput(member: "layer1Gradient", expected: "finite gradients",
                                                      found: "non-finite attribution sum at window \(w)")
                }
                if let movie, let pixels = output.pixels {
                    let frameOffset = w * movie.pixelsPerFrame
                    windowGradient.withUnsafeBufferPointer { gp in
                        backprojected.withUnsafeMutableBufferPointer {
                            Conv1Correlation.transposed(gp, weights: model.conv1Weights, geometry: g, into: $0)
                        }
                    }
                    for p in 0..<pixelCount { pixels[w * pixelCount + p] = movie.values[frameOffset + p] * backprojected[p] }
                }
            }
        }
    }

    /// Result buffers written by the worker threads; each window is written by exactly one thread.
    private final class Output: @unchecked Sendable {
        let effective: UnsafeMutableBufferPointer<Float>
        let layer1: UnsafeMutableBufferPointer<Float>
        let pixels: UnsafeMutableBufferPointer<Float>?

        init(windows: Int, units: Int, pixels pixelCount: Int?) {
            effective = .allocate(capacity: windows * units); effective.initialize(repeating: 0)
            layer1 = .allocate(capacity: windows * units); layer1.initialize(repeating: 0)
            pixels = pixelCount.map { .allocate(capacity: windows * $0) }
            pixels?.initialize(repeating: 0)
        }

        func effectiveArray() -> [Float] { Array(effective) }
        func layer1Array() -> [Float] { Array(layer1) }
        func pixelsArray() -> [Float]? { pixels.map { Array($0) } }

        func deallocate() {
            effective.deallocate(); layer1.deallocate(); pixels?.deallocate()
        }
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
