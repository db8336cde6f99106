import RetinaCore
/// Deterministic least-squares fit of a ``ReducedModel`` to the full model's response.
///
/// 1. Candidates per unit: `(σ, θ, v)` with `σ = +1` and θ at each ``ReductionSettings/thresholdQuantiles``
///    quantile q of the values of z over the unit's members, and (if allowed) `σ = −1` with θ at
///    quantile `1 − q`; each crossed with the divisive gains `v = g / max_t h(t)`, g in
///    ``ReductionSettings/divisiveGains`` (only `v = 0` when division is off).
/// 2. Start: each unit's candidate that best fits y alone. Then coordinate sweeps: for each unit in
///    turn, try every candidate with the others fixed; for each, the weights `w_0, w` are the
///    closed-form least-squares solution of `y·D ≈ w_0 + Σ w_k h_k` rows divided by D (signed:
///    Cholesky on the normal equations; non-negative: Lawson–Hanson), scored by the squared error of
///    the (rectified, if enabled) output. Keep strict improvements; stop after a sweep without one or
///    after ``ReductionSettings/maxSweeps``.
/// 3. Levenberg–Marquardt on `(w_0, w, θ, v)` jointly (v only when division is on, projected onto
///    v ≥ 0), σ fixed, with the output rectifier; steps are accepted only when they lower the squared
///    error, so the result is never worse than step 2.
/// No randomness: the same inputs give the same model.
enum ReducedModelFit {
    /// Rectification sign, threshold (units of z) and divisive gain (per unit of z) of one unit.
    struct Choice: Equatable { var sign: Double; var threshold: Double; var gain: Double = 0 }

    /// - Parameters:
    ///   - z: `z[k][m][t]`, member m of group k at sample t.
    ///   - rowWeights: weight of each sample's squared error (nil = 1). Implemented by scaling rows
    ///     by √w, which commutes with the rectifiers (√w > 0), so every step minimises Σ w (y − r)².
    static func fit(hidden z: [[[Double]]], target y: [Double], groups: [UnitGroup], labels: [String],
                    settings: ReductionSettings, rowWeights: [Double]? = nil) -> ReducedModel {
        fitWithSubtractive(hidden: z, target: y, groups: groups, labels: labels, settings: settings, rowWeights: rowWeights).best
    }

    /// ``fit(hidden:target:groups:labels:settings:rowWeights:)`` and, when the best circuit divides,
    /// also the best purely subtractive one (the division ablation); nil otherwise.
    static func fitWithSubtractive(hidden z: [[[Double]]], target y: [Double], groups: [UnitGroup], labels: [String],
                                   settings: ReductionSettings, rowWeights: [Double]? = nil)
        -> (best: ReducedModel, subtractive: ReducedModel?) {
        let k = z.count
        let scale = rowWeights.map { $0.map { $0.squareRoot() } } ?? [Double](repeating: 1, count: y.count)
        let yFit = zip(y, scale).map { $0 * $1 }
        let candidates = z.map { candidateChoices(for: $0, settings: settings) }
        /// Unscaled `h_j(t)` for a candidate.
        @Sendable func activity(_ j: Int, _ c: Choice) -> [Double] { activityTrace(z[j], c) }
        /// Least-squares weights and error for the units `units` with activities `h` and choices `c`.
        @Sendable func solve(_ h: [[Double]], _ c: [Choice]) -> Solution {
            var offsetColumn = scale
            if c.contains(where: { $0.gain > 0 }) {
                for t in y.indices {
                    var d = 1.0
                    for j in h.indices { d += c[j].gain * h[j][t] }
                    offsetColumn[t] /= d
                }
            }
            let columns = h.map { column in zip(column, offsetColumn).map { $0 * $1 } }
            return Self.solve(columns, yFit, settings, scale: offsetColumn)
        }

        /// The best candidate of each unit fitted alone.
        @Sendable func start(_ candidates: [[Choice]]) -> [Choice] {
            (0..<k).map { j in
                let scores = candidates[j].map { solve([activity(j, $0)], [$0]).sse }
                return candidates[j][scores.indices.min { scores[$0] < scores[$1] }!]
            }
        }
        /// Coordinate sweeps over `candidates` from `initial`, then the joint refinement.
        @Sendable func search(from initial: [Choice], over candidates: [[Choice]], withGains: Bool) -> (parameters: Parameters, sse: Double) {
            var choices = initial
            var activities = (0..<k).map { activity($0, choices[$0]) }
            var best = solve(activities, choices)
            for _ in 0..<settings.maxSweeps {
                var improved = false
                for j in 0..<k {
                    // Every trial changes only unit j, so the trials do not depend on which earlier
                    // one was kept: they are solved on two threads, then scanned in order with the
                    // same acceptance rule (the result is that of the sequential scan).
                    let trials = candidates[j].filter { $0 != choices[j] }
                    let (fixed, fixedChoices) = (activities, choices)
                    let fits = ParallelChunks.map(ranges: ParallelChunks.split(trials.count, parts: 2)) { r in
                        r.map { i -> Solution in
                            var trial = fixed, trialChoices = fixedChoices
                            trial[j] = activity(j, trials[i]); trialChoices[j] = trials[i]
                            return solve(trial, trialChoices)
                        }
                    }.flatMap { $0 }
                    for (c, f) in zip(trials, fits) where f.sse < best.sse * (1 - 1e-12) {
                        best = f; choices[j] = c; activities[j] = activity(j, c); improved = true
                    }
                }
                if !improved { break }
            }
            var params = Parameters(offset: best.offset, weights: best.weights, thresholds: choices.map(\.threshold),
                                    gains: choices.map(\.gain), signs: choices.map(\.sign))
            var sse = best.sse
            if settings.refinementIterations > 0 {
                (params, sse) = refine(params, z: z, y: y, settings: settings, withGains: withGains, scale: scale)
            }
            return (params, sse)
        }
        // The subtractive circuit first; with division allowed, two more searches over all
        // candidates (from the subtractive start and from the best single units with gains), and
        // the lowest weighted error wins — so allowing division never gives a worse fit. The
        // searches are independent and each is serial, so they run side by side (the two with gains
        // cost most: one thread takes the subtractive search and the first of them); the result
        // does not depend on the threads.
        let subtractive = candidates.map { $0.filter { $0.gain == 0 } }
        let subtractiveStart = start(subtractive)
        let allCandidates = candidates
        var jobs: [@Sendable () -> (parameters: Parameters, sse: Double)] = [
            { search(from: subtractiveStart, over: subtractive, withGains: false) },
        ]
        if settings.allowsDivision {
            jobs.append { search(from: subtractiveStart, over: allCandidates, withGains: true) }
            jobs.append { search(from: start(allCandidates), over: allCandidates, withGains: true) }
        }
        let work = jobs
        let fits = ParallelChunks.map(ranges: work.count == 3 ? [0..<2, 2..<3] : [0..<work.count]) { r in r.map { work[$0]() } }
            .flatMap { $0 }
        func model(_ params: Parameters) -> ReducedModel {
            var m = ReducedModel(
                units: (0..<k).map { ReducedModel.Unit(group: groups[$0], label: labels[$0], sign: params.signs[$0],
                                                       threshold: params.thresholds[$0], weight: params.weights[$0],
                                                       divisiveGain: params.gains[$0],
                                                       peakActivity: activityTrace(z[$0], Choice(sign: params.signs[$0],
                                                                                                 threshold: params.thresholds[$0])).max() ?? 0) },
                offsetHz: params.offset, outputRectified: settings.outputRectified,
                fit: FitQuality(target: [], prediction: []))
            let prediction = (0..<y.count).map { t in m.rate(z.map { group in group.map { $0[t] } }) }
            m.fit = FitQuality(target: y, prediction: prediction)
            return m
        }
        let best = model(fits.min { $0.sse < $1.sse }!.parameters)
        return (best, best.isDivisive ? model(fits[0].parameters) : nil)
    }

    /// `h(t) = Σ_m [σ (z_m(t) − θ)]_+` over the members `z[m][t]`.
    static func activityTrace(_ z: [[Double]], _ c: Choice) -> [Double] {
        var out = [Double](repeating: 0, count: z.first?.count ?? 0)
        for member in z { for t in out.indices { out[t] += max(0, c.sign * (member[t] - c.threshold)) } }
        return out
    }

    // MARK: candidates

    /// The candidates of one unit whose members are `z[m][t]`.
    static func candidateChoices(for z: [[Double]], settings: ReductionSettings) -> [Choice] {
        let sorted = z.flatMap { $0 }.sorted()
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
        guard settings.allowsDivision, let gains = settings.divisiveGains else { return out }
        return out.flatMap { c -> [Choice] in
            let peak = activityTrace(z, c).max() ?? 0
            var expanded: [Choice] = []
            for g in gains {
                let v = g > 0 && peak > 0 ? g / peak : 0
                let candidate = Choice(sign: c.sign, threshold: c.threshold, gain: v)
                if !expanded.contains(candidate) { expanded.append(candidate) }
            }
            return expanded
        }
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
        case .signed: x = LeastSquares.solveSPD(a, b) ?? [Statistics.mean(y) ?? 0] + [Double](repeating: 0, count: columns.count)
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

    /// Fitted parameters; the signs σ are chosen by the search and held fixed by the refinement.
    struct Parameters: Equatable {
        var offset: Double; var weights: [Double]; var thresholds: [Double]; var gains: [Double]; var signs: [Double]
    }

    /// Squared error `Σ_t (s_t (y_t − r_t))²` of the circuit with parameters `q` and, when `jacobian`,
    /// the Gauss–Newton terms `JᵀJ` and `Jᵀres` over the parameter vector `[w_0, w, θ, v]` (v only
    /// when `withGains`), where J = ∂(s r)/∂p. With `r = [u]_+ / D`, `u = w_0 + Σ w_k h_k`,
    /// `D = 1 + Σ v_k h_k` and n_k = the number of active members of unit k:
    ///
    ///     ∂r/∂w_0 = 1/D,  ∂r/∂w_k = h_k/D,  ∂r/∂θ_k = −σ_k n_k (w_k − r v_k)/D,  ∂r/∂v_k = −r h_k/D
    ///
    /// (all zero where the output rectifier is closed). So ∇ sse = −2 Jᵀres (checked against finite
    /// differences in the tests).
    static func objective(_ q: Parameters, z: [[[Double]]], y: [Double], outputRectified: Bool,
                          withGains: Bool, scale: [Double]?, jacobian: Bool) -> (sse: Double, jtj: [Double], jtr: [Double]) {
        let signs = q.signs, k = signs.count, p = 1 + (withGains ? 3 : 2) * k
        var sse = 0.0, jtj = [Double](repeating: 0, count: jacobian ? p * p : 0), jtr = [Double](repeating: 0, count: jacobian ? p : 0)
        var row = [Double](repeating: 0, count: p), h = [Double](repeating: 0, count: k), n = [Double](repeating: 0, count: k)
        for t in y.indices {
            var u = q.offset, d = 1.0
            for j in 0..<k {
                var hj = 0.0, active = 0.0
                for member in z[j] {
                    let a = signs[j] * (member[t] - q.thresholds[j])
                    if a > 0 { hj += a; active += 1 }
                }
                h[j] = hj; n[j] = active
                u += q.weights[j] * hj
                d += q.gains[j] * hj
            }
            let open = !outputRectified || u > 0
            let r = open ? u / d : 0
            let s = scale?[t] ?? 1
            let res = s * (y[t] - r)
            sse += res * res
            guard jacobian && open else { continue }
            row[0] = 1 / d
            for j in 0..<k {
                row[1 + j] = h[j] / d
                row[1 + k + j] = -signs[j] * n[j] * (q.weights[j] - r * q.gains[j]) / d
                if withGains { row[1 + 2 * k + j] = -r * h[j] / d }
            }
            for i in 0..<p where row[i] != 0 {
                jtr[i] += s * row[i] * res
                for j in 0..<p { jtj[i * p + j] += s * s * row[i] * row[j] }
            }
        }
        return (sse, jtj, jtr)
    }

    /// Levenberg–Marquardt from `start`; returns the parameters and their weighted squared error.
    static func refine(_ start: Parameters, z: [[[Double]]], y: [Double], settings: ReductionSettings, withGains: Bool,
                       scale: [Double]? = nil) -> (parameters: Parameters, sse: Double) {
        let k = start.signs.count, p = 1 + (withGains ? 3 : 2) * k
        func pack(_ q: Parameters) -> [Double] { [q.offset] + q.weights + q.thresholds + (withGains ? q.gains : []) }
        func unpack(_ v: [Double]) -> Parameters {
            var w = Array(v[1...k])
            if settings.weights == .nonNegative { w = w.map { max(0, $0) } }
            let gains = withGains ? v[(2 * k + 1)...].map { max(0, $0) } : start.gains
            return Parameters(offset: v[0], weights: w, thresholds: Array(v[(k + 1)...(2 * k)]), gains: gains, signs: start.signs)
        }
        func evaluate(_ q: Parameters, jacobian: Bool) -> (sse: Double, jtj: [Double], jtr: [Double]) {
            objective(q, z: z, y: y, outputRectified: settings.outputRectified, withGains: withGains,
                      scale: scale, jacobian: jacobian)
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
        return (current, state.sse)
    }
}
