import RetinaCNN
import RetinaCore

/// Receptive-field centres of a trained model's cells from its input gradient.
///
/// For each cell, the gradient of its rate with respect to the input is averaged over `windows`
/// windows of `movie` (in the network's input units); its energy summed over the history,
/// E(y, x) = Σ_τ ḡ(τ, y, x)², is the cell's spatial sensitivity. The centre is the E-weighted
/// centroid of the 5 × 5 pixels around the peak of E (pixels, (y, x), pixel centres at integers).
public enum CellCentreEstimation {
    public static func fromModelGradient(_ model: BNCNN, movie: Movie, windows: Int = 16) -> [(y: Double, x: Double)] {
        let a = model.architecture
        let available = movie.windowCount(history: a.historyFrames)
        let count = max(1, min(windows, available))
        let stride = max(1, available / count)
        var input = [Float](); input.reserveCapacity(count * a.windowSize)
        for k in 0..<count {
            let start = min(k * stride, max(0, available - 1)) * movie.pixelsPerFrame
            input += movie.values[start..<(start + a.windowSize)]
        }
        return (0..<a.cells).map { cell in
            var weights = [Float](repeating: 0, count: a.cells); weights[cell] = 1
            let g = model.inputGradient(windows: input, count: count, cellWeights: weights).dTargetdInput
            let hw = a.height * a.width
            var mean = [Double](repeating: 0, count: a.historyFrames * hw)
            for k in 0..<count { for i in 0..<(a.historyFrames * hw) { mean[i] += Double(g[k * a.windowSize + i]) } }
            var energy = [Double](repeating: 0, count: hw)
            for t in 0..<a.historyFrames { for p in 0..<hw { energy[p] += mean[t * hw + p] * mean[t * hw + p] } }
            let peak = energy.indices.max { energy[$0] < energy[$1] } ?? 0
            let (py, px) = (peak / a.width, peak % a.width)
            var sw = 0.0, sy = 0.0, sx = 0.0
            for y in max(0, py - 2)...min(a.height - 1, py + 2) {
                for x in max(0, px - 2)...min(a.width - 1, px + 2) {
                    let e = energy[y * a.width + x]; sw += e; sy += e * Double(y); sx += e * Double(x)
                }
            }
            return sw > 0 ? (y: sy / sw, x: sx / sw) : (y: Double(a.height - 1) / 2, x: Double(a.width - 1) / 2)
        }
    }
}
