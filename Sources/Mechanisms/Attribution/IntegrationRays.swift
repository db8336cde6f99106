/// Windows whose IG paths lie on one ray share their gradient evaluations.
///
/// The path of window w is `z(α) = α L_w + b`. When `L_a = λ L_b` with `λ > 0` (e.g. the same step
/// at two contrasts, or two identical windows) both paths run along the ray `b + t·u`, `u = L/|L|`,
/// and the quadrature point `α_k` of window w sits at `t = α_k |L_w|`. Points of different windows at
/// the same `t` are evaluated once. A gray window (`L = 0`) puts every point at `b`, evaluated once.
///
/// Tolerances: two windows share a ray when their unit vectors differ by at most
/// ``directionTolerance`` × max|u| in every unit, and two points merge when their `t` differ by at
/// most ``positionTolerance`` × the larger `t`: Float rounding of `L` is ≈ 1e-7 relative, so true
/// coincidences merge and distinct windows do not; a merged point is evaluated at the first
/// window's own `α L + b`, which differs from the others' by at most these tolerances. A window on a
/// ray of its own is integrated exactly as without sharing (its points in α order).
struct IntegrationRays: Sendable {
    /// One gradient evaluation: the window and α index whose `z = α_k L_w + b` is evaluated, and every
    /// (window, α index) quadrature term it provides.
    struct Point: Sendable {
        var window: Int
        var alphaIndex: Int
        var uses: [Use]
    }

    struct Use: Sendable {
        var window: Int
        var alphaIndex: Int
    }

    struct Ray: Sendable {
        /// Windows on the ray, ascending.
        var members: [Int]
        /// Distinct evaluation points, by increasing position along the ray.
        var points: [Point]
    }

    static let directionTolerance = 1e-5
    static let positionTolerance = 1e-5

    var rays: [Ray]

    /// Evaluation points summed over rays.
    var pointCount: Int { rays.reduce(0) { $0 + $1.points.count } }

    /// Groups `windows` windows of bias-free drive `linear` (`[windows, units]`) into rays for the
    /// quadrature nodes `alphas` (each in (0, 1] or 0). With `share == false` every window is its own ray.
    static func plan(linear: [Float], windows: Int, units: Int, alphas: [Double], share: Bool) -> IntegrationRays {
        func own(_ w: Int) -> Ray {
            Ray(members: [w], points: alphas.indices.map { Point(window: w, alphaIndex: $0, uses: [Use(window: w, alphaIndex: $0)]) })
        }
        guard share, windows > 1 else { return IntegrationRays(rays: (0..<windows).map(own)) }
        // Per window (independent, on two threads): norm, peak and a coarse key — every value
        // rounded to 1 % of the peak, mixed into 64 bits; windows with one direction share a key,
        // and candidates are verified below, so a collision costs only a comparison.
        let stats = ParallelChunks.map(ranges: ParallelChunks.split(windows, parts: 2)) { range in
            linear.withUnsafeBufferPointer { l in
                range.map { w -> (norm: Double, peak: Double, key: UInt64) in
                    let row = l.baseAddress! + w * units
                    var s = 0.0, peak = 0.0
                    for j in 0..<units { let v = Double(row[j]); s += v * v; peak = max(peak, abs(v)) }
                    var key: UInt64 = 0x9e37_79b9_7f4a_7c15
                    if peak > 0 {
                        let scale = 100 / peak
                        for j in 0..<units {
                            key = (key ^ UInt64(bitPattern: Int64((Double(row[j]) * scale).rounded()))) &* 0xbf58_476d_1ce4_e5b9
                            key ^= key >> 29
                        }
                    }
                    return (s.squareRoot(), peak, key)
                }
            }
        }.flatMap { $0 }
        let norms = stats.map(\.norm), peaks = stats.map(\.peak)
        var buckets: [UInt64: [Int]] = [:]          // key → indices into `groups`
        var groups: [[Int]] = []
        linear.withUnsafeBufferPointer { l in
            for w in 0..<windows {
                let key = stats[w].key
                let candidates = buckets[key, default: []]
                if let g = candidates.first(where: { sameDirection(l, groups[$0][0], w, units: units, norms: norms, peaks: peaks) }) {
                    groups[g].append(w)
                } else {
                    buckets[key, default: []].append(groups.count)
                    groups.append([w])
                }
            }
        }
        groups.sort { $0[0] < $1[0] }
        return IntegrationRays(rays: groups.map { members in
            guard members.count > 1 else { return own(members[0]) }
            var terms: [(t: Double, use: Use)] = []
            for w in members { for (k, a) in alphas.enumerated() { terms.append((a * norms[w], Use(window: w, alphaIndex: k))) } }
            terms.sort { $0.t != $1.t ? $0.t < $1.t : ($0.use.window, $0.use.alphaIndex) < ($1.use.window, $1.use.alphaIndex) }
            var points: [Point] = []
            var anchor = -Double.infinity
            for term in terms {
                if !points.isEmpty, term.t - anchor <= positionTolerance * max(abs(term.t), abs(anchor)) {
                    points[points.count - 1].uses.append(term.use)
                } else {
                    points.append(Point(window: term.use.window, alphaIndex: term.use.alphaIndex, uses: [term.use]))
                    anchor = term.t
                }
            }
            return Ray(members: members, points: points)
        })
    }

    /// True when windows a and b have the same direction (both gray, or unit vectors within tolerance).
    private static func sameDirection(_ l: UnsafeBufferPointer<Float>, _ a: Int, _ b: Int, units: Int,
                                      norms: [Double], peaks: [Double]) -> Bool {
        if norms[a] == 0 || norms[b] == 0 { return norms[a] == 0 && norms[b] == 0 }
        let ra = l.baseAddress! + a * units, rb = l.baseAddress! + b * units
        let tolerance = directionTolerance * peaks[a] / norms[a]
        for j in 0..<units where abs(Double(ra[j]) / norms[a] - Double(rb[j]) / norms[b]) > tolerance { return false }
        return true
    }
}
