import RetinaCore
import RetinaCNN
import Phenomena

/// One condition to analyse: its (trimmed) movie, row clock, the untrimmed movie for the ground
/// truth, whether to explain it with IG, and the rows that count for importance.
struct ConditionInput: Sendable {
    var label: String
    var parameter: ConditionParameter
    var movie: Movie
    var clock: RowClock
    var fullMovie: Movie
    var explain: Bool
    var responseWindow: Range<Int>?
    var eventFrame: Int?
    var eventName: String?
}

/// Runs the shared part of every analysis: layer-1 preactivations, IG on the explained conditions,
/// symmetry pooling (with its exactness check), the full and ground-truth responses, channel types,
/// and the reduction; fills the reduced responses back into the conditions.
struct ConditionExplainer<Model: LayerOneDifferentiable> {
    let model: Model
    let cells: [Int]
    let settings: MechanismAnalysisSettings
    let symmetry: PoolingSymmetry
    let groundTruth: (any ResponseModel)?

    struct Output {
        var conditions: [ConditionAnalysis]
        var channelTypes: ChannelTypeTable
        var reduction: ReductionResult
        /// The conditions the reduction was fitted on (for fits restricted to other groups).
        var reductionConditions: [ReductionCondition]
        /// The reduced model's rate at the gray screen, Hz.
        var reducedBaselineHz: Double
        /// The full model's mean rate at the gray screen, Hz.
        var baselineHz: Double
        /// The ground truth's mean gray rate, Hz (row 0 of its first condition: every movie starts gray).
        var groundTruthBaselineHz: Double?
        /// The subtractive circuit's (division ablation's) gray rate, Hz; nil when the circuit does not divide.
        var subtractiveBaselineHz: Double?

        /// The division ablation's response per condition, Hz; nil when the circuit does not divide.
        var subtractiveTraces: [[Double]]? {
            guard reduction.subtractiveModel != nil else { return nil }
            return reduction.conditions.map { ($0.subtractiveHz ?? []).doubles }
        }
    }

    /// The explained conditions' layer-1 attributions (pooled) and responses, the channel types and
    /// the reduction. Steps: the gray baseline; pass 1, a forward pass over every condition; pass 2,
    /// one IG call on all explained rows; pass 3, each condition's share of the attributions, pooled,
    /// with its reduction input; channel typing and the reduction; the gray rates of the reduced circuits.
    func run(_ inputs: [ConditionInput]) throws -> Output {
        let g = model.conv1Geometry
        try g.validate(weights: model.conv1Weights, bias: model.conv1Bias)
        var ig = settings.integratedGradients
        ig.target = .meanOfCells(cells)
        let weights = try ig.target.cellWeights(cellCount: model.cellCount)
        let baseline = try grayRate(weights: weights)

        var pass = try forwardPass(inputs)
        let all = try attribute(pass, settings: ig)
        let reductionInputs = try attributedConditions(inputs, pass: &pass, attributions: all, weights: weights,
                                                       baselineHz: baseline, relativeGapFloor: ig.relativeGapFloor)

        let types = try ChannelTyping.classify(model: model, settings: settings)
        let reduction = try ModelReduction.reduce(reductionInputs, channelTypes: types, settings: settings.reduction)
        for i in pass.analyses.indices { pass.analyses[i].reducedHz = reduction.conditions[i].reducedHz }
        let grayHidden = grayHiddenResponse()
        return Output(conditions: pass.analyses, channelTypes: types, reduction: reduction, reductionConditions: reductionInputs,
                      reducedBaselineHz: Double(reduction.model.predict(hidden: grayHidden)[0]), baselineHz: baseline,
                      groundTruthBaselineHz: pass.groundTruthBaselineHz,
                      subtractiveBaselineHz: reduction.subtractiveModel.map { Double($0.predict(hidden: grayHidden)[0]) })
    }

    /// What pass 1 leaves for the later passes.
    private struct ForwardPass {
        /// One per condition: rates of every row (forward pass; explained rows filled in by pass 3), ground truth.
        var analyses: [ConditionAnalysis] = []
        /// The pooled hidden response of every condition.
        var hiddens: [PooledLayer1Response] = []
        /// Layer-1 preactivations of the explained rows of all conditions, concatenated `[rows, units]`.
        var explainedZ: [Float] = []
        /// The explained rows of every condition (empty when it is not explained).
        var explainedRows: [Range<Int>] = []
        /// The ground truth's gray rate (row 0 of its first condition), Hz.
        var groundTruthBaselineHz: Double?
    }

    /// The model's rate at the gray screen (layer 1 at its bias), weighted over the cells, Hz.
    private func grayRate(weights: [Float]) throws -> Double {
        let gray = try model.ratesFromLayer1(IntegratedGradients<Model>.biasMap(model.conv1Bias, geometry: model.conv1Geometry), count: 1)
        return zip(gray, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Pass 1: layer-1 input, hidden units, forward rates and ground truth of every condition; the
    /// explained rows' z are collected for one IG call, so windows of different conditions on one
    /// ray (a step at several contrasts) share their evaluations (IntegrationRays).
    private func forwardPass(_ inputs: [ConditionInput]) throws -> ForwardPass {
        let g = model.conv1Geometry
        var pass = ForwardPass()
        let h = model.historyFrames, units = g.unitsPerWindow, cellCount = model.cellCount
        for input in inputs {
            let windows = input.movie.windowCount(history: h)
            guard input.movie.height == g.screenHeight, input.movie.width == g.screenWidth else {
                throw MechanismsError.shapeMismatch(parameter: "movie of \(input.label)", expected: "\(g.screenHeight)x\(g.screenWidth)",
                                                    found: "\(input.movie.height)x\(input.movie.width)")
            }
            // For a plain conv1, z from the stimulus symmetry (checked by poolPreactivations below before z is used).
            let z = model.layer1IsConv1Correlation
                ? Self.symmetricPreactivations(input.movie, symmetry: symmetry, weights: model.conv1Weights, bias: model.conv1Bias, geometry: g)
                : try model.layer1Preactivations(of: input.movie)
            pass.hiddens.append(try SymmetryPooling.poolPreactivations(z, stimulus: input.movie, geometry: g, symmetry: symmetry,
                                                                       relativeTolerance: settings.symmetryTolerance))
            // Rates of every row: from IG on the explained rows (pass 2), a forward pass on the others.
            let rows = input.explain ? settings.explainedRows.rows(responseWindow: input.responseWindow, rowCount: windows) : 0..<0
            var rates = [Float](repeating: 0, count: windows * cellCount)
            for part in [0..<rows.lowerBound, rows.upperBound..<windows] where !part.isEmpty {
                let r = try model.ratesFromLayer1(Array(z[(part.lowerBound * units)..<(part.upperBound * units)]), count: part.count)
                rates.replaceSubrange((part.lowerBound * cellCount)..<(part.upperBound * cellCount), with: r)
            }
            pass.explainedZ += z[(rows.lowerBound * units)..<(rows.upperBound * units)]
            pass.explainedRows.append(rows)
            var analysis = ConditionAnalysis(label: input.label, parameter: input.parameter, clock: input.clock,
                                             explained: !rows.isEmpty, explainedRows: rows.isEmpty ? nil : rows,
                                             eventFrame: input.eventFrame, eventName: input.eventName,
                                             fullHz: [], cellRatesHz: RateMatrix(rows: windows, cells: cellCount, valuesHz: rates), reducedHz: [])
            if let truth = groundTruth {
                let (trace, gray) = try groundTruthTrace(truth, input: input, rows: windows)
                analysis.groundTruthHz = trace
                if pass.groundTruthBaselineHz == nil { pass.groundTruthBaselineHz = gray }
            }
            pass.analyses.append(analysis)
        }
        return pass
    }

    /// Pass 2: integrated gradients on every explained row at once; nil when no row is explained.
    private func attribute(_ pass: ForwardPass, settings ig: IntegratedGradientsSettings) throws -> AttributionResult? {
        let total = pass.explainedRows.reduce(0) { $0 + $1.count }
        return total == 0 ? nil : try IntegratedGradients(model: model, settings: ig).attributeToLayer1(preactivations: pass.explainedZ,
                                                                                                        windows: total)
    }

    /// Pass 3: per condition, its share of the attributions, pooled; the full response (cells
    /// weighted by `weights`); the reduction inputs (a condition without attributions is fit-only,
    /// against the gray baseline `baselineHz`).
    private func attributedConditions(_ inputs: [ConditionInput], pass: inout ForwardPass, attributions all: AttributionResult?,
                                      weights: [Float], baselineHz baseline: Double,
                                      relativeGapFloor: Double) throws -> [ReductionCondition] {
        let h = model.historyFrames, units = model.conv1Geometry.unitsPerWindow, cellCount = model.cellCount
        var reductionInputs: [ReductionCondition] = []
        var offset = 0
        for (i, input) in inputs.enumerated() {
            let rows = pass.explainedRows[i]
            var analysis = pass.analyses[i]
            var result: AttributionResult?
            if let all, !rows.isEmpty {
                let share = Self.slice(all, offset..<(offset + rows.count), floor: relativeGapFloor)
                analysis.cellRatesHz.valuesHz.replaceSubrange((rows.lowerBound * cellCount)..<(rows.upperBound * cellCount),
                                                              with: share.cellRatesHz.valuesHz)
                result = share
                offset += rows.count
            }
            let matrix = analysis.cellRatesHz, windows = matrix.rows
            let full = (0..<windows).map { r in Float(zip(weights, 0..<cellCount).reduce(0.0) { $0 + Double($1.0) * Double(matrix[r, $1.1]) }) }
            analysis.fullHz = full
            if let result {
                let stimulus = input.movie.slice(frames: rows.lowerBound..<(rows.upperBound + h - 1))
                let z = Array(pass.explainedZ[((offset - rows.count) * units)..<(offset * units)])
                let pooled = try SymmetryPooling.pool(result, stimulus: stimulus, symmetry: symmetry, preactivations: z,
                                                      relativeTolerance: settings.symmetryTolerance)
                analysis.attribution = pooled
                analysis.gapsHz = result.gaps
                analysis.relativeGaps = result.relativeGaps
                reductionInputs.append(try ReductionCondition(label: input.label, attribution: pooled, hidden: pass.hiddens[i],
                                                              fullResponseHz: full, attributionRows: rows,
                                                              responseWindow: input.responseWindow))
            } else {
                reductionInputs.append(try ReductionCondition(label: input.label, hidden: pass.hiddens[i], fullResponseHz: full,
                                                              baselineRateHz: Float(baseline)))
            }
            pass.analyses[i] = analysis
        }
        return reductionInputs
    }

    /// The pooled hidden response at the gray screen: every unit at its channel's conv1 bias.
    private func grayHiddenResponse() -> PooledLayer1Response {
        let g = model.conv1Geometry, columns = symmetry.columns(g)
        return PooledLayer1Response(symmetry: symmetry, windows: 1, channels: g.channels, columns: columns,
                                    values: (0..<(g.channels * columns)).map { model.conv1Bias[$0 / columns] })
    }

    /// The ground truth's mean rate over the explained cells on the rows of `input.clock`, from the
    /// untrimmed movie (its memory may exceed `historyFrames`), and its row-0 (gray) rate.
    private func groundTruthTrace(_ truth: any ResponseModel, input: ConditionInput, rows: Int) throws -> ([Float], Double) {
        for c in cells where c >= truth.cellCount {
            throw MechanismsError.invalidSetting(name: "ground truth cells", expected: "cell \(c) < \(truth.cellCount)",
                                                 found: "\(truth.cellCount) cells")
        }
        let rates = try truth.rates(for: Self.groundTruthMovie(input.fullMovie, truth: truth, symmetry: symmetry))
        let offset = input.clock.firstRowFrame - (truth.historyFrames - 1)
        guard offset >= 0, offset + rows <= rates.rows else {
            throw MechanismsError.modelOutput(member: "ground truth rates(for:)", expected: "rows \(offset)..<\(offset + rows)",
                                              found: "\(rates.rows) rows")
        }
        let mean = { (r: Int) in cells.reduce(0.0) { $0 + Double(rates[r, $1]) } / Double(cells.count) }
        return ((0..<rows).map { Float(mean(offset + $0)) }, mean(0))
    }
}

extension ConditionExplainer {
    /// Windows `range` of a layer-1 result, with the relative gaps of those windows alone (their own
    /// response range, as if integrated by themselves).
    static func slice(_ r: AttributionResult, _ range: Range<Int>, floor: Double) -> AttributionResult {
        let n = r.valuesPerWindow, cells = r.cellRatesHz.cells
        let targets = Array(r.targetRatesHz[range]), gaps = Array(r.gaps[range])
        return AttributionResult(
            site: r.site, geometry: r.geometry, windows: range.count,
            attributions: Array(r.attributions[(range.lowerBound * n)..<(range.upperBound * n)]),
            effectiveWeights: r.effectiveWeights.map { Array($0[(range.lowerBound * n)..<(range.upperBound * n)]) },
            layer1Bias: r.layer1Bias, targetRatesHz: targets, baselineRateHz: r.baselineRateHz,
            cellRatesHz: RateMatrix(rows: range.count, cells: cells,
                                    valuesHz: Array(r.cellRatesHz.valuesHz[(range.lowerBound * cells)..<(range.upperBound * cells)])),
            gaps: gaps,
            relativeGaps: AttributionResult.relativeGaps(gaps: gaps, targetRatesHz: targets, baselineRateHz: r.baselineRateHz, floor: floor),
            settings: r.settings)
    }

    /// The movie shown to the ground truth. A model that ``RetinaCore/ResponseModel/acceptsReducedScreens``
    /// (the simulated retina: its spatial stages see a uniform axis either way; checked to 1e-4 Hz in
    /// the tests) gets full-field movies cut to 1 × 1 and vertical bars cut to a 1 × W strip: 2500× and
    /// 50× fewer pixels. Any other model sees the movie as is.
    static func groundTruthMovie(_ movie: Movie, truth: any ResponseModel, symmetry: PoolingSymmetry) -> Movie {
        guard truth.acceptsReducedScreens else { return movie }
        let n = movie.pixelsPerFrame
        switch symmetry {
        case .fullField:
            return Movie(frames: movie.frames, height: 1, width: 1, values: (0..<movie.frames).map { movie.values[$0 * n] })
        case .verticalBars:
            var values = [Float](); values.reserveCapacity(movie.frames * movie.width)
            for f in 0..<movie.frames { values += movie.values[(f * n)..<(f * n + movie.width)] }
            return Movie(frames: movie.frames, height: 1, width: movie.width, values: values)
        }
    }
}

extension Array where Element == Float {
    /// As Doubles (metric functions take `[Double]`).
    var doubles: [Double] { map(Double.init) }
}
