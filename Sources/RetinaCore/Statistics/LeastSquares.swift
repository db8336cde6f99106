/// Small dense least-squares solvers on normal equations, in Double (p ≤ a few dozen unknowns).
public enum LeastSquares {
    /// Solves the symmetric positive-definite system `A x = b` (`A` row-major p × p) by Cholesky, after
    /// adding `ridge · (mean diagonal + 1e-300)` to the diagonal. Returns nil if A is not positive definite.
    public static func solveSPD(_ a: [Double], _ b: [Double], ridge: Double = 1e-10) -> [Double]? {
        let p = b.count
        var l = a
        let meanDiagonal = (0..<p).reduce(0.0) { $0 + a[$1 * p + $1] } / Double(max(1, p))
        for i in 0..<p { l[i * p + i] += ridge * meanDiagonal + 1e-300 }
        for j in 0..<p {
            var d = l[j * p + j]
            for k in 0..<j { d -= l[j * p + k] * l[j * p + k] }
            guard d > 0 else { return nil }
            let djj = d.squareRoot()
            l[j * p + j] = djj
            for i in (j + 1)..<max(j + 1, p) {
                var s = l[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                l[i * p + j] = s / djj
            }
        }
        var y = b
        for i in 0..<p { for k in 0..<i { y[i] -= l[i * p + k] * y[k] }; y[i] /= l[i * p + i] }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(i + 1, p) { y[i] -= l[k * p + i] * y[k] }
            y[i] /= l[i * p + i]
        }
        return y
    }

    /// Normal equations `XᵀX`, `Xᵀy` of a column-major design `columns[j][t]` (every column as long
    /// as `y`). Each entry is the plain sequential sum over t, so the result is the same as the
    /// textbook triple loop bit for bit; four entries are accumulated side by side (independent
    /// chains, one SIMD4 lane each) so the additions do not wait on one another.
    public static func normalEquations(columns: [[Double]], y: [Double]) -> (a: [Double], b: [Double]) {
        let p = columns.count, n = y.count
        precondition(columns.allSatisfy { $0.count == n }, "normal equations: columns of unequal length")
        var a = [Double](repeating: 0, count: p * p), b = [Double](repeating: 0, count: p)
        let flat = columns.flatMap { $0 } + y          // column p is y
        flat.withUnsafeBufferPointer { f in
            let base = f.baseAddress!
            for i in 0..<p {
                let ci = base + i * n
                let targets = Array(i...p)                // a[i, j] for j ≥ i, then b[i]
                var sums = [Double](repeating: 0, count: targets.count)
                var k = 0
                while k + 4 <= targets.count {
                    let c0 = base + targets[k] * n, c1 = base + targets[k + 1] * n
                    let c2 = base + targets[k + 2] * n, c3 = base + targets[k + 3] * n
                    var s = SIMD4<Double>()
                    for t in 0..<n { s += SIMD4(repeating: ci[t]) * SIMD4(c0[t], c1[t], c2[t], c3[t]) }
                    for l in 0..<4 { sums[k + l] = s[l] }
                    k += 4
                }
                while k < targets.count {
                    let cj = base + targets[k] * n
                    var s = 0.0
                    for t in 0..<n { s += ci[t] * cj[t] }
                    sums[k] = s
                    k += 1
                }
                for (k, j) in targets.enumerated() {
                    if j == p { b[i] = sums[k] } else { a[i * p + j] = sums[k]; a[j * p + i] = sums[k] }
                }
            }
        }
        return (a, b)
    }

    /// Minimises `½ xᵀAx − bᵀx` subject to `x_j ≥ 0` for every j not in `free` (Lawson–Hanson
    /// active set on the normal equations). Deterministic; at most 3p outer iterations.
    public static func nonNegative(_ a: [Double], _ b: [Double], free: Set<Int>) -> [Double] {
        let p = b.count
        var passive = free
        var x = [Double](repeating: 0, count: p)
        func solvePassive() -> [Double] {
            let idx = passive.sorted()
            let sub = idx.flatMap { i in idx.map { a[i * p + $0] } }
            let s = solveSPD(sub, idx.map { b[$0] }) ?? [Double](repeating: 0, count: idx.count)
            var full = [Double](repeating: 0, count: p)
            for (k, i) in idx.enumerated() { full[i] = s[k] }
            return full
        }
        if !passive.isEmpty { x = solvePassive() }
        for _ in 0..<(3 * p + 1) {
            var bestJ = -1, bestGradient = 1e-12 * (b.map(abs).max() ?? 0)
            for j in 0..<p where !passive.contains(j) {
                var gradient = b[j]
                for k in 0..<p { gradient -= a[j * p + k] * x[k] }
                if gradient > bestGradient { bestGradient = gradient; bestJ = j }
            }
            if bestJ < 0 { break }
            passive.insert(bestJ)
            for _ in 0..<(3 * p + 1) {
                let s = solvePassive()
                let blocked = passive.filter { !free.contains($0) && s[$0] <= 0 }
                if blocked.isEmpty { x = s; break }
                let step = blocked.map { x[$0] / (x[$0] - s[$0]) }.min() ?? 0
                for k in 0..<p { x[k] += step * (s[k] - x[k]) }
                for j in passive where !free.contains(j) && x[j] <= 1e-15 { passive.remove(j); x[j] = 0 }
            }
        }
        return x
    }
}
