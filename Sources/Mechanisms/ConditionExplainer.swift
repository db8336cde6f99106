import RetinaCore
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
        /// The reduced model's rate at the gray screen, Hz.
        var reducedBaselineHz: Double
        /// The full model's mean rate at the gray screen, Hz.
        var baselineHz: Double
        /// The ground truth's mean gray rate, Hz (row 0 of its first condition: every movie starts gray).
        var groundTruthBaselineHz: Double?
    }

    func run(_ inputs: [ConditionInput]) throws -> Output {
        let g = model.conv1Geometry
        var ig = settings.integratedGradients
        ig.target = .meanOfCells(cells)
        let integrator = IntegratedGradients(model: model, settings: ig)
        let weights = try ig.target.cellWeights(cellCount: model.cellCount)
        let gray = try model.ratesFromLayer1(IntegratedGradients<Model>.biasMap(model.conv1Bias, geometry: g), count: 1)
        let baseline = zip(gray, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }

        var analyses: [ConditionAnalysis] = []
        var reductionInputs: [ReductionCondition] = []
        var groundTruthBaseline: Double?
        for input in inputs {
            let windows = input.movie.windowCount(history: model.historyFrames)
            let z = try model.layer1Preactivations(of: input.movie)
            let hidden = try SymmetryPooling.poolPreactivations(z, stimulus: input.movie, geometry: g, symmetry: symmetry,
                                                               relativeTolerance: settings.symmetryTolerance)
            var analysis: ConditionAnalysis
            if input.explain {
                let result = try integrator.attributeToLayer1(preactivations: z, windows: windows)
                let pooled = try SymmetryPooling.pool(result, stimulus: input.movie, symmetry: symmetry, preactivations: z,
                                                      relativeTolerance: settings.symmetryTolerance)
                analysis = ConditionAnalysis(label: input.label, parameter: input.parameter, clock: input.clock, explained: true,
                                             fullHz: result.targetRatesHz, cellRatesHz: result.cellRatesHz, reducedHz: [],
                                             attribution: pooled, gapsHz: result.gaps, relativeGaps: result.relativeGaps)
                reductionInputs.append(try ReductionCondition(label: input.label, attribution: pooled, hidden: hidden,
                                                              responseWindow: input.responseWindow))
            } else {
                let rates = try model.ratesFromLayer1(z, count: windows)
                let matrix = RateMatrix(rows: windows, cells: model.cellCount, valuesHz: rates)
                let full = (0..<windows).map { r in Float(zip(weights, 0..<model.cellCount).reduce(0.0) { $0 + Double($1.0) * Double(matrix[r, $1.1]) }) }
                analysis = ConditionAnalysis(label: input.label, parameter: input.parameter, clock: input.clock, explained: false,
                                             fullHz: full, cellRatesHz: matrix, reducedHz: [])
                reductionInputs.append(try ReductionCondition(label: input.label, hidden: hidden, fullResponseHz: full,
                                                              baselineRateHz: Float(baseline)))
            }
            if let truth = groundTruth {
                let (trace, gray) = try groundTruthTrace(truth, input: input, rows: windows)
                analysis.groundTruthHz = trace
                if groundTruthBaseline == nil { groundTruthBaseline = gray }
            }
            analyses.append(analysis)
        }
        let types = try ChannelTyping.classify(model: model, references: settings.referenceKernels, rule: settings.fastSlowRule,
                                               scope: settings.fastSlowScope)
        let reduction = try ModelReduction.reduce(reductionInputs, channelTypes: types, settings: settings.reduction)
        for i in analyses.indices { analyses[i].reducedHz = reduction.conditions[i].reducedHz }
        let columns = symmetry.columns(g)
        let grayHidden = PooledLayer1Response(symmetry: symmetry, windows: 1, channels: g.channels, columns: columns,
                                              values: (0..<(g.channels * columns)).map { model.conv1Bias[$0 / columns] })
        return Output(conditions: analyses, channelTypes: types, reduction: reduction,
                      reducedBaselineHz: Double(reduction.model.predict(hidden: grayHidden)[0]), baselineHz: baseline,
                      groundTruthBaselineHz: groundTruthBaseline)
    }

    /// The ground truth's mean rate over the explained cells on the rows of `input.clock`, from the
    /// untrimmed movie (its memory may exceed `historyFrames`), and its row-0 (gray) rate.
    private func groundTruthTrace(_ truth: any ResponseModel, input: ConditionInput, rows: Int) throws -> ([Float], Double) {
        for c in cells where c >= truth.cellCount {
            throw MechanismsError.invalidSetting(name: "ground truth cells", expected: "cell \(c) < \(truth.cellCount)",
                                                 found: "\(truth.cellCount) cells")
        }
        let rates = try truth.rates(for: input.fullMovie)
        let offset = input.clock.firstRowFrame - (truth.historyFrames - 1)
        guard offset >= 0, offset + rows <= rates.rows else {
            throw MechanismsError.modelOutput(member: "ground truth rates(for:)", expected: "rows \(offset)..<\(offset + rows)",
                                              found: "\(rates.rows) rows")
        }
        let mean = { (r: Int) in cells.reduce(0.0) { $0 + Double(rates[r, $1]) } / Double(cells.count) }
        return ((0..<rows).map { Float(mean(offset + $0)) }, mean(0))
    }
}

extension Array where Element == Float {
    /// As Doubles (metric functions take `[Double]`).
    var doubles: [Double] { map(Double.init) }
}
