import Foundation
import RetinaCore

/// A small linear-nonlinear OFF model for tests: each cell pools the movie with a separable
/// Gaussian (SD 3 px) normalised over whatever screen it is shown — a 1-pixel axis has weight 1,
/// as in the simulated retina — filters the pooled signal with a 40-tap biphasic kernel over its
/// history window and rectifies: `r = 5 Hz + 400 · [−Σ_τ k[τ] · s̄(t − τ)]₊`.
/// Its memory equals `historyFrames`, so trimmed and full movies give the same rows.
struct LinearTestModel: ResponseModel {
    let centres: [(y: Double, x: Double)]
    let providesCentres: Bool
    var cellCount: Int { centres.count }
    let historyFrames = 40
    let screen: (height: Int, width: Int) = (50, 50)
    var cellCentres: [(y: Double, x: Double)]? { providesCentres ? centres : nil }
    /// Kernel by lag τ = 0 (newest frame) … 39.
    let kernel: [Double] = {
        let t = (0..<40).map(Double.init)
        let fast = t.map { pow($0 / 2, 3) * exp(-$0 / 2) }, slow = t.map { pow($0 / 4, 3) * exp(-$0 / 4) }
        let sf = fast.reduce(0, +), ss = slow.reduce(0, +)
        return zip(fast, slow).map { $0 / sf - 0.8 * $1 / ss }
    }()

    init(centres: [(y: Double, x: Double)], providesCentres: Bool = true) {
        self.centres = centres; self.providesCentres = providesCentres
    }

    static func weights(count: Int, centre: Double) -> [Double] {
        if count == 1 { return [1] }
        let g = (0..<count).map { exp(-0.5 * pow((Double($0) - centre) / 3, 2)) }
        let s = g.reduce(0, +)
        return g.map { $0 / s }
    }

    func rates(for movie: Movie) throws -> RateMatrix {
        let rows = movie.windowCount(history: historyFrames)
        var out = RateMatrix(rows: rows, cells: cellCount)
        for (j, c) in centres.enumerated() {
            let wy = Self.weights(count: movie.height, centre: c.y), wx = Self.weights(count: movie.width, centre: c.x)
            let pooled = (0..<movie.frames).map { t -> Double in
                var s = 0.0
                for y in 0..<movie.height {
                    var row = 0.0
                    for x in 0..<movie.width { row += wx[x] * Double(movie[t, y, x]) }
                    s += wy[y] * row
                }
                return s
            }
            for i in 0..<rows {
                var drive = 0.0
                for tau in 0..<historyFrames { drive += kernel[tau] * pooled[i + historyFrames - 1 - tau] }
                out[i, j] = Float(5 + 400 * max(0, -drive))
            }
        }
        return out
    }
}
