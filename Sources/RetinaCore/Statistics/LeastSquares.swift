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

    /// Normal equations `XᵀX`, `Xᵀy` of a column-major design `columns[j][t]`.
    public static func normalEquations(columns: [[Double]], y: [Double]) -> (a: [Double], b: [Double]) {
        let p = columns.count
        var a = [Double](repeating: 0, count: p * p), b = [Double](repeating: 0, count: p)
        for i in 0..<p {
            for j in i..<p {
                var s = 0.0
                for t in y.indices { s += columns[i][t] * columns[j][t] }
                a[i * p + j] = s; a[j * p + i] = s
            }
            var s = 0.0
            for t in y.indices { s += columns[i][t] * y[t] }
            b[i] = s
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
