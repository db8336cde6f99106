import Phenomena
import RetinaCore

/// One circuit for every phenomenon (`docs/method.md` §5.8).
///
/// **Pathway signals.** Each layer-1 channel's pooled preactivation is measured from the gray screen
/// and scaled by its RMS over every analysed condition, `z̃_c = (z_c − b_c) / rms_c` (b_c = the conv1
/// bias, so the gray screen is 0 for every channel). A pathway type's signal at map column x is the
/// mean of z̃ over its channels. Full-field conditions drive every column alike; bar conditions keep
/// their column profile. A unit of type k reads the ``UnifiedCircuitResult/columns`` of its signal,
/// `h_k(t) = Σ_x [σ_k (s_k,x(t) − θ_k)]_+`, and the output is the reduced circuit's
/// `[w_0 + Σ w_k h_k]_+ / (1 + Σ v_k h_k)` (``ReducedModel``), fitted by ``ReducedModelFit`` with
/// the per-phenomenon reduction's settings.
///
/// **Weights.** Within a phenomenon each condition weighs `1 / (rows · max(range², 1 Hz²))` (the
/// reduction's equal-per-condition rule); each phenomenon's weights are then scaled to sum to 1, so no
/// phenomenon dominates by its number of rows or conditions.
///
/// **Search.** Every non-empty set of the model's pathway types (2ᵀ − 1 fits; 15 for four types),
/// fewer types first. Chosen: the candidate matching the full model on the most phenomena
/// (``UnifiedPhenomenonFit/matchesFullModel``), then the fewest types, then the most matched criteria, then
/// the highest weighted r². Deterministic: the same inputs give the same result.
public enum UnifiedCircuit {
    /// The fixed order of pathway types.
    public static let typeOrder = ["OFF fast", "OFF slow", "ON fast", "ON slow"]

    /// Fits and searches; `bias` is the conv1 bias per channel (the gray-screen value of z).
    /// Throws without targets, when the targets disagree in channels, or when a channel has no type.
    public static func fit(_ targets: [UnifiedCircuitTarget], channelTypes: ChannelTypeTable, bias: [Float],
                           settings: ReductionSettings = .init(), columnShare: Double = 0.9) throws -> UnifiedCircuitResult {
        try settings.validate()
        guard !targets.isEmpty, targets.allSatisfy({ !$0.conditions.isEmpty }) else {
            throw MechanismsError.invalidSetting(name: "phenomena", expected: "at least one analysed phenomenon with conditions",
                                                 found: "\(targets.count)")
        }
        let channels = targets[0].conditions[0].hidden.channels
        guard targets.allSatisfy({ $0.conditions.allSatisfy { $0.hidden.channels == channels } }),
              bias.count == channels, channelTypes.types.count == channels else {
            throw MechanismsError.shapeMismatch(parameter: "unified circuit inputs", expected: "\(channels) channels everywhere",
                                                found: "bias \(bias.count), types \(channelTypes.types.count)")
        }
        guard (columnShare > 0 && columnShare <= 1) else {
            throw MechanismsError.invalidSetting(name: "columnShare", expected: "in (0, 1]", found: "\(columnShare)")
        }
        let pathways = typeOrder.compactMap { label -> UnifiedPathway? in
            let members = channelTypes.types.filter { $0.label == label }
            guard let length = members.first?.temporalFilter.count else { return nil }
            let filter = (0..<length).map { i in members.reduce(0.0) { $0 + ($1.temporalFilter.indices.contains(i) ? $1.temporalFilter[i] : 0) }
                / Double(members.count) }
            return UnifiedPathway(label: label, channels: members.map(\.channel), temporalFilter: filter)
        }
        let columns = readColumns(targets, share: columnShare)
        let signals = PathwaySignals(targets, pathways: pathways, bias: bias, columns: columns)
        let weights = rowWeights(targets)
        let y = targets.flatMap { $0.conditions.flatMap { $0.fullResponseHz.map(Double.init) } }

        var candidates: [UnifiedCircuitCandidate] = []
        var models: [(units: [Int], model: ReducedModel)] = []
        for units in subsets(pathways.count) {
            let z = units.map { signals.z[$0] }
            let model = ReducedModelFit.fit(hidden: z, target: y, groups: units.map { UnitGroup(channel: pathways[$0].channels[0]) },
                                            labels: units.map { pathways[$0].label }, settings: settings, rowWeights: weights)
            let prediction = predict(model, z: z)
            candidates.append(UnifiedCircuitCandidate(
                pathways: units.map { pathways[$0].label }, model: model,
                weightedR2: weightedR2(y, prediction, weights),
                phenomena: try judge(targets, prediction: prediction, y: y, gray: gray(model, members: signals.members))))
            models.append((units, model))
        }
        let chosen = choose(candidates)
        let (units, model) = models[chosen]
        let z = units.map { signals.z[$0] }
        let contributions = try contributions(of: model, units: units.map { pathways[$0].label }, z: z, targets: targets, y: y,
                                              weights: weights, members: signals.members)
        let summaries = targets.indices.map { p in
            UnifiedPhenomenonSummary(phenomenon: targets[p].phenomenon, title: targets[p].title, full: targets[p].full,
                                     reduced: targets[p].reduced, groundTruth: targets[p].groundTruth, reducedR2: targets[p].reducedR2,
                                     reducedTypes: targets[p].reducedTypes, unified: candidates[chosen].phenomena[p],
                                     smallestReproducing: candidates.first { $0.phenomena[p].matchesFullModel }?.pathways)
        }
        return UnifiedCircuitResult(pathways: pathways, columns: columns, columnShare: columnShare, candidates: candidates,
                                    chosen: chosen, summaries: summaries, contributions: contributions, samples: y.count)
    }

    /// Non-empty subsets of `0..<n`, fewer members first, then lexicographic.
    static func subsets(_ n: Int) -> [[Int]] {
        (1..<(1 << n)).map { mask in (0..<n).filter { mask & (1 << $0) != 0 } }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
    }

    /// The chosen candidate's index (see the type's rule).
    static func choose(_ c: [UnifiedCircuitCandidate]) -> Int {
        c.indices.min { a, b in
            if c[a].matchedPhenomena != c[b].matchedPhenomena { return c[a].matchedPhenomena > c[b].matchedPhenomena }
            if c[a].pathways.count != c[b].pathways.count { return c[a].pathways.count < c[b].pathways.count }
            if c[a].matchedCriteria != c[b].matchedCriteria { return c[a].matchedCriteria > c[b].matchedCriteria }
            if c[a].weightedR2 != c[b].weightedR2 { return c[a].weightedR2 > c[b].weightedR2 }
            return a < b
        }!
    }

    /// The smallest top set of map columns covering `share` of the bar phenomena's attribution (each
    /// phenomenon's shares normalised to sum 1, then summed), as one contiguous span; empty without
    /// bar phenomena.
    static func readColumns(_ targets: [UnifiedCircuitTarget], share: Double) -> [Int] {
        let bars = targets.compactMap(\.columnShares)
        guard let width = bars.map(\.count).max(), width > 0 else { return [] }
        var total = [Double](repeating: 0, count: width)
        for s in bars {
            let sum = s.reduce(0, +)
            guard sum > 0 else { continue }
            for (x, v) in s.enumerated() { total[x] += v / sum }
        }
        let all = total.reduce(0, +)
        guard all > 0 else { return Array(0..<width) }
        var picked: [Int] = [], covered = 0.0
        for x in total.indices.sorted(by: { total[$0] != total[$1] ? total[$0] > total[$1] : $0 < $1 }) {
            picked.append(x); covered += total[x]
            if covered >= share * all - 1e-12 { break }
        }
        return Array(picked.min()!...picked.max()!)
    }

    /// Every row's weight (see the type's rule).
    static func rowWeights(_ targets: [UnifiedCircuitTarget]) -> [Double] {
        targets.flatMap { t -> [Double] in
            let w = t.conditions.flatMap { c -> [Double] in
                let r = c.fullResponseHz.map(Double.init)
                let range = (r.max() ?? 0) - (r.min() ?? 0)
                return [Double](repeating: 1 / (Double(max(1, r.count)) * max(range * range, 1)), count: r.count)
            }
            let sum = w.reduce(0, +)
            return sum > 0 ? w.map { $0 / sum } : w
        }
    }

    /// The pathway-type signals of every row: `z[k][x][t]` for type k, read column x, row t.
    struct PathwaySignals {
        var z: [[[Double]]]
        /// Columns read per unit (1 when every phenomenon is full-field).
        var members: Int

        init(_ targets: [UnifiedCircuitTarget], pathways: [UnifiedPathway], bias: [Float], columns: [Int]) {
            let conditions = targets.flatMap(\.conditions)
            let channels = bias.count
            // RMS of z − b per channel over every value of every condition.
            var sumSquares = [Double](repeating: 0, count: channels), counts = [Double](repeating: 0, count: channels)
            for c in conditions {
                let h = c.hidden, stride = h.channels * h.columns
                for t in 0..<h.windows {
                    for ch in 0..<channels {
                        for x in 0..<h.columns {
                            let v = Double(h.values[t * stride + ch * h.columns + x] - bias[ch])
                            sumSquares[ch] += v * v; counts[ch] += 1
                        }
                    }
                }
            }
            let rms = (0..<channels).map { counts[$0] > 0 && sumSquares[$0] > 0 ? (sumSquares[$0] / counts[$0]).squareRoot() : 1 }
            members = max(1, columns.count)
            let read = columns.isEmpty ? [0] : columns
            z = pathways.map { p in
                read.map { x in
                    conditions.flatMap { c -> [Double] in
                        let h = c.hidden, stride = h.channels * h.columns
                        let column = h.symmetry == .fullField ? 0 : min(x, h.columns - 1)
                        return (0..<h.windows).map { t in
                            p.channels.reduce(0.0) { s, ch in
                                s + Double(h.values[t * stride + ch * h.columns + column] - bias[ch]) / rms[ch]
                            } / Double(p.channels.count)
                        }
                    }
                }
            }
        }
    }

    /// The circuit's rate on every row.
    static func predict(_ model: ReducedModel, z: [[[Double]]]) -> [Double] {
        let n = z.first?.first?.count ?? 0
        return (0..<n).map { t in model.rate(z.map { $0.map { $0[t] } }) }
    }

    /// The circuit's rate at the gray screen (every pathway signal 0).
    static func gray(_ model: ReducedModel, members: Int) -> Double {
        model.rate(model.units.map { _ in [Double](repeating: 0, count: members) })
    }

    /// `1 − Σ w (y − p)² / Σ w (y − ȳ_w)²` (0 when y is constant under the weights).
    static func weightedR2(_ y: [Double], _ p: [Double], _ w: [Double]) -> Double {
        let sw = w.reduce(0, +)
        guard sw > 0 else { return 0 }
        let mean = zip(y, w).reduce(0.0) { $0 + $1.0 * $1.1 } / sw
        var sse = 0.0, sst = 0.0
        for i in y.indices { sse += w[i] * (y[i] - p[i]) * (y[i] - p[i]); sst += w[i] * (y[i] - mean) * (y[i] - mean) }
        return sst > 0 ? 1 - sse / sst : 0
    }

    /// Each phenomenon's fit and criteria for a prediction over every row.
    static func judge(_ targets: [UnifiedCircuitTarget], prediction: [Double], y: [Double], gray: Double) throws -> [UnifiedPhenomenonFit] {
        var start = 0
        return try targets.map { t in
            var traces: [[Double]] = []
            for c in t.conditions {
                traces.append(Array(prediction[start..<(start + c.hidden.windows)]))
                start += c.hidden.windows
            }
            let rows = (start - traces.reduce(0) { $0 + $1.count })..<start
            let criteria = try t.judge(traces, gray)
            let meets = t.full.indices.filter { t.full[$0].passed }
            return UnifiedPhenomenonFit(phenomenon: t.phenomenon,
                                        fit: FitQuality(target: Array(y[rows]), prediction: Array(prediction[rows])),
                                        criteria: criteria, fullMeets: meets.count,
                                        circuitMeetsOfThose: meets.filter { criteria.indices.contains($0) && criteria[$0].passed }.count)
        }
    }

    /// Silences each unit of `model` in turn (its h set to 0: no drive, no division).
    static func contributions(of model: ReducedModel, units labels: [String], z: [[[Double]]], targets: [UnifiedCircuitTarget],
                              y: [Double], weights: [Double], members: Int) throws -> [UnifiedUnitContribution] {
        let full = predict(model, z: z)
        var ablated: [(label: String, fits: [UnifiedPhenomenonFit], change: [Double])] = []
        for k in model.units.indices {
            var without = model
            without.units.remove(at: k)
            var zk = z
            zk.remove(at: k)
            let p = predict(without, z: zk)
            ablated.append((labels[k], try judge(targets, prediction: p, y: y, gray: gray(without, members: members)),
                            zip(full, p).enumerated().map { i, v in weights[i] * (v.0 - v.1) * (v.0 - v.1) }))
        }
        var result: [UnifiedUnitContribution] = []
        var start = 0
        for (p, t) in targets.enumerated() {
            let n = t.conditions.reduce(0) { $0 + $1.hidden.windows }
            let rows = start..<(start + n)
            start += n
            let changes = ablated.map { $0.change[rows].reduce(0, +) }
            let total = changes.reduce(0, +)
            for (k, a) in ablated.enumerated() {
                result.append(UnifiedUnitContribution(pathway: a.label, phenomenon: t.phenomenon,
                                                      share: total > 0 ? changes[k] / total : 0,
                                                      criteriaWithout: a.fits[p].criteria, matchesWithout: a.fits[p].matchesFullModel))
            }
        }
        return result
    }
}
