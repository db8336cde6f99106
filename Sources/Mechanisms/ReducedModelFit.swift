/// Deterministic least-squares fit of a ``ReducedModel`` to the full model's response.
///
/// 1. Candidates per unit: `(σ, θ)` with `σ = +1` and θ at each ``ReductionSettings/thresholdQuantiles``
///    quantile q of the values of z over the unit's members, and (if allowed) `σ = −1` with θ at
///    quantile `1 − q`.
/// 2. Start: each unit's candidate that best fits y alone. Then coordinate sweeps: for each unit in
///    turn, try every candidate with the others fixed; for each, the weights `w_0, w` are the
///    closed-form least-squares solution (signed: Cholesky on the normal equations; non-negative:
///    Lawson–Hanson), scored by the squared error of the (rectified, if enabled) output. Keep strict
///    improvements; stop after a sweep without one or after ``ReductionSettings/maxSweeps``.
/// 3. Levenberg–Marquardt on `(w_0, w, θ)` jointly, σ fixed, with the output rectifier; steps are
///    accepted only when they lower the squared error, so the result is never worse than step 2.
/// No randomness: the same inputs give the same model.
enum ReducedModelFit {
    struct Choice: Equatable { var sign: Double; var threshold: Double }

    /// - Parameters:
    ///   - z: `z[k][m][t]`, member m of group k at sample t.
    ///   - rowWeights: weight of each sample's squared error (nil = 1). Implemented by scaling rows
    ///     by √w, which commutes with the rectifiers (√w > 0), so every step minimises Σ w (y − r)².
    static func fit(hidden z: [[[Double]]], target y: [Double], groups: [UnitGroup], labels: [String],
                    settings: ReductionSettings, rowWeights: [Double]? = nil) -> ReducedModel {
        let k = z.count
        let scale = rowWeights.map { $0.map { $0.squareRoot() } } ?? [Double](repeating: 1, count: y.count)
        let yFit = zip(y, scale).map { $0 * $1 }
        let candidates = z.map { candidateChoices(for: $0.flatMap { $0 }, settings: settings) }
        func column(_ j: Int, _ c: Choice) -> [Double] {
            var out = [Double](repeating: 0, count: y.count)
            for member in z[j] { for t in y.indices { out[t] += max(0, c.sign * (member[t] - c.threshold)) } }
            for t in y.indices { out[t] *= scale[t] }
            return out
        }
        func solve(_ columns: [[Double]], _ y: [Double], _ settings: ReductionSettings) -> Solution {
            Self.solve(columns, yFit, settings, scale: scale)
        }

        var choices: [Choice] = (0..<k).map { j in
            let scores = candidates[j].map { solve([column(j, $0)], y, settings).sse }
            return candidates[j][scores.indices.min { scores[$0] < scores[$1] }!]
        }
        var columns = (0..<k).map { column($0, choices[$0]) }
        var best = solve(columns, y, settings)
        for _ in 0..<settings.maxSweeps {
            var improved = false
            for j in 0..<k {
                for c in candidates[j] where c != choices[j] {
                    var trial = columns
                    trial[j] = column(j, c)
                    let f = solve(trial, y, settings)
                    if f.sse < best.sse * (1 - 1e-12) { best = f; choices[j] = c; columns = trial; improved = true }
                }
            }
            if !improved { break }
        }
        var params = Parameters(offset: best.offset, weights: best.weights, thresholds: choices.map(\.threshold))
        let signs = choices.map(\.sign)
        if settings.refinementIterations > 0 {
            params = refine(params, signs: signs, z: z, y: y, settings: settings, scale: scale)
        }
        let model = ReducedModel(
            units: (0..<k).map { ReducedModel.Unit(group: groups[$0], label: labels[$0], sign: signs[$0],
                                                   threshold: params.thresholds[$0], weight: params.weights[$0]) },
            offsetHz: params.offset, outputRectified: settings.outputRectified,
            fit: FitQuality(target: [], prediction: []))
        let prediction = (0..<y.count).map { t -> Double in
            let u = model.drive(z.map { group in group.map { $0[t] } })
            return settings.outputRectified ? max(0, u) : u
        }
        var out = model
        out.fit = FitQuality(target: y, prediction: prediction)
        return out
    }

    // MARK: candidates

    static func candidateChoices(for z: [Double], settings: ReductionSettings) -> [Choice] {
        let sorted = z.sorted()
        var out: [Choice] = []
        for q in settings.thresholdQuantiles {
            let c = Choice(sign: 1, threshold: quantile(sorted, q))
            if !out.contains(c) { out.append(c) }
        }
        if settings.allowNegativeRectification {
            for q in settings.thresholdQuantiles {
                let c = Choice(sign: -1, threshold: quantile(sorted, 1 - q))
                if !out.contains(c) { out.append(c) }
            }
        }
        return out
    }

    /// Linear-interpolation quantile of sorted data (numpy's default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = q * Double(sorted.count - 1)
        let i = Int(h.rounded(.down)), f = h - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }

    // MARK: closed-form weights

    struct Solution { var offset: Double; var weights: [Double]; var sse: Double }

    /// Least-squares `w_0, w` for fixed hidden columns; `sse` of the (rectified) output. Rows (and
    /// `y`) come pre-multiplied by `scale` (√ of the row weights); the offset column is `scale`.
    static func solve(_ columns: [[Double]], _ y: [Double], _ settings: ReductionSettings, scale: [Double]? = nil) -> Solution {
        let design = [scale ?? [Double](repeating: 1, count: y.count)] + columns
        let (a, b) = LeastSquares.normalEquations(columns: design, y: y)
        let x: [Double]
        switch settings.weights {
        case .signed: x = LeastSquares.solveSPD(a, b) ?? [MechanismStatistics.mean(y)] + [Double](repeating: 0, count: columns.count)
        case .nonNegative: x = LeastSquares.nonNegative(a, b, free: [0])
        }
        var sse = 0.0
        for t in y.indices {
            var u = x[0] * (scale?[t] ?? 1)
            for j in columns.indices { u += x[j + 1] * columns[j][t] }
            if settings.outputRectified { u = max(0, u) }
            sse += (y[t] - u) * (y[t] - u)
        }
        return Solution(offset: x[0], weights: Array(x.dropFirst()), sse: sse)
    }

    // MARK: Levenberg–Marquardt refinement

    struct Parameters { var offset: Double; var weights: [Double]; var thresholds: [Double] }

    static func refine(_ start: Parameters, signs: [Double], z: [[[Double]]], y: [Double], settings: ReductionSettings,
                       scale: [Double]? = nil) -> Parameters {
        let k = signs.count, p = 1 + 2 * k
        func pack(_ q: Parameters) -> [Double] { [q.offset] + q.weights + q.thresholds }
        func unpack(_ v: [Double]) -> Parameters {
            var w = Array(v[1...k])
            if settings.weights == .nonNegative { w = w.map { max(0, $0) } }
            return Parameters(offset: v[0], weights: w, thresholds: Array(v[(k + 1)...]))
        }
        func evaluate(_ q: Parameters, jacobian: Bool) -> (sse: Double, jtj: [Double], jtr: [Double]) {
            var sse = 0.0, jtj = [Double](repeating: 0, count: jacobian ? p * p : 0), jtr = [Double](repeating: 0, count: jacobian ? p : 0)
            var row = [Double](repeating: 0, count: p)
            for t in y.indices {
                var u = q.offset
                row[0] = 1
                for j in 0..<k {
                    var h = 0.0, active = 0.0
                    for member in z[j] {
                        let a = signs[j] * (member[t] - q.thresholds[j])
                        if a > 0 { h += a; active += 1 }
                    }
                    u += q.weights[j] * h
                    row[1 + j] = h
                    row[1 + k + j] = -q.weights[j] * signs[j] * active
                }
                let active = !settings.outputRectified || u > 0
                let s = scale?[t] ?? 1
                let r = s * (y[t] - (active ? u : 0))
                sse += r * r
                if jacobian && active {
                    for i in 0..<p where row[i] != 0 {
                        jtr[i] += s * row[i] * r
                        for j in 0..<p { jtj[i * p + j] += s * s * row[i] * row[j] }
                    }
                }
            }
            return (sse, jtj, jtr)
        }
        var current = unpack(pack(start))
        var state = evaluate(current, jacobian: true)
        var lambda = 1e-3
        for _ in 0..<settings.refinementIterations {
            var a = state.jtj
            for i in 0..<p { a[i * p + i] += lambda * max(a[i * p + i], 1e-12) }
            guard let step = LeastSquares.solveSPD(a, state.jtr) else { lambda *= 10; continue }
            let candidate = unpack(zip(pack(current), step).map { $0 + $1 })
            let trial = evaluate(candidate, jacobian: false)
            if trial.sse < state.sse {
                let gain = (state.sse - trial.sse) / max(state.sse, 1e-300)
                current = candidate
                state = evaluate(current, jacobian: true)
                lambda = max(lambda / 3, 1e-12)
                if gain < 1e-12 { break }
            } else {
                lambda *= 5
                if lambda > 1e12 { break }
            }
        }
        return current
    }
}
