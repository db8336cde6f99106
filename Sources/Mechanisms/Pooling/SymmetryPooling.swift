import RetinaCore

/// Pooling of layer-1 attributions over a stimulus symmetry, with the exactness check
/// (`docs/method.md` §4.3, Eq. 3–4). Pooling never happens silently: the stimulus is checked first.
public enum SymmetryPooling {
    /// Pools a layer-1 ``AttributionResult`` after checking that `stimulus` (the movie the result was
    /// computed on) has `symmetry` within `relativeTolerance · max|s|`.
    ///
    /// - Parameters:
    ///   - preactivations: the layer-1 `z` of the same windows (`[windows, C1, H1, W1]`), to fill
    ///     ``PooledAttribution/drive``; optional.
    /// - Throws: ``MechanismsError/symmetryViolated(symmetry:frame:y:x:value:reference:tolerance:)``,
    ///   or a shape mismatch when the result is not a layer-1 result of this stimulus.
    public static func pool(_ result: AttributionResult, stimulus: Movie, symmetry: PoolingSymmetry,
                            preactivations: [Float]? = nil, relativeTolerance: Float = 1e-6) throws -> PooledAttribution {
        let g = result.geometry
        guard result.site == .layer1 else {
            throw MechanismsError.shapeMismatch(parameter: "attribution site", expected: "layer1", found: result.site.rawValue)
        }
        guard stimulus.windowCount(history: g.history) == result.windows,
              stimulus.height == g.screenHeight, stimulus.width == g.screenWidth else {
            throw MechanismsError.shapeMismatch(parameter: "stimulus",
                                                expected: "\(result.windows) windows of \(g.screenHeight)x\(g.screenWidth)",
                                                found: "\(stimulus.windowCount(history: g.history)) windows of \(stimulus.height)x\(stimulus.width)")
        }
        try symmetry.check(stimulus, relativeTolerance: relativeTolerance)
        var drive: [Float]?
        if let z = preactivations {
            guard z.count == result.windows * g.unitsPerWindow else {
                throw MechanismsError.shapeMismatch(parameter: "preactivations", expected: "\(result.windows * g.unitsPerWindow) values",
                                                    found: "\(z.count)")
            }
            let pooled = symmetry.mean(z, windows: result.windows, geometry: g)
            let cols = symmetry.columns(g)
            drive = pooled.enumerated().map { i, v in v - result.layer1Bias[(i / cols) % g.channels] }
        }
        return PooledAttribution(
            symmetry: symmetry, windows: result.windows, channels: g.channels, columns: symmetry.columns(g),
            attributions: symmetry.sum(result.attributions, windows: result.windows, geometry: g),
            effectiveWeights: result.effectiveWeights.map { symmetry.sum($0, windows: result.windows, geometry: g) },
            drive: drive, targetRatesHz: result.targetRatesHz, baselineRateHz: result.baselineRateHz)
    }

    /// Pooled (mean) layer-1 preactivations of `stimulus` after the same symmetry check: the
    /// hidden-unit inputs `z_k(t)` of a reduced model.
    public static func poolPreactivations(_ z: [Float], stimulus: Movie, geometry g: Conv1Geometry, symmetry: PoolingSymmetry,
                                          relativeTolerance: Float = 1e-6) throws -> PooledLayer1Response {
        let windows = stimulus.windowCount(history: g.history)
        guard z.count == windows * g.unitsPerWindow else {
            throw MechanismsError.shapeMismatch(parameter: "preactivations", expected: "\(windows * g.unitsPerWindow) values",
                                                found: "\(z.count)")
        }
        try symmetry.check(stimulus, relativeTolerance: relativeTolerance)
        return PooledLayer1Response(symmetry: symmetry, windows: windows, channels: g.channels, columns: symmetry.columns(g),
                                    values: symmetry.mean(z, windows: windows, geometry: g))
    }
}
