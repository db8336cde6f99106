import ModelCards
import RetinaCNN
import RetinaCore

/// Spatial and temporal filters and receptive-field centres of a trained model's cells, from its
/// input gradient.
///
/// For each cell, the gradient g(τ, y, x) of its rate with respect to the input is averaged over
/// `windows` evenly spaced windows of `movie` (network input units). Its energy summed over the
/// history, E(y, x) = Σ_τ ḡ(τ, y, x)², is the spatial sensitivity; the centre is the E-weighted
/// centroid of the 5 × 5 pixels around the peak of E. The temporal filter is ḡ at the peak pixel,
/// the spatial filter ḡ at the lag where that temporal filter's |value| is largest.
public enum CellFilterEstimation {
    public static func filters(_ model: BNCNN, movie: Movie, cellIDs: [String]? = nil, windows: Int = 16) -> [CellFilter] {
        let a = model.architecture
        let available = movie.windowCount(history: a.historyFrames)
        let count = max(1, min(windows, available))
        let stride = max(1, available / count)
        var input = [Float](); input.reserveCapacity(count * a.windowSize)
        for k in 0..<count {
            let start = min(k * stride, max(0, available - 1)) * movie.pixelsPerFrame
            input += movie.values[start..<(start + a.windowSize)]
        }
        let hw = a.height * a.width
        return (0..<a.cells).map { cell in
            var weights = [Float](repeating: 0, count: a.cells); weights[cell] = 1
            let g = model.inputGradient(windows: input, count: count, cellWeights: weights).dTargetdInput
            var mean = [Double](repeating: 0, count: a.historyFrames * hw)
            for k in 0..<count { for i in 0..<(a.historyFrames * hw) { mean[i] += Double(g[k * a.windowSize + i]) / Double(count) } }
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
            let temporal = (0..<a.historyFrames).map { mean[$0 * hw + peak] }
            let lag = temporal.indices.max { abs(temporal[$0]) < abs(temporal[$1]) } ?? 0
            return CellFilter(cellID: cellIDs?[cell] ?? String(cell), temporal: temporal, spatial: Array(mean[(lag * hw)..<((lag + 1) * hw)]),
                              rows: a.height, columns: a.width,
                              centreY: sw > 0 ? sy / sw : Double(a.height - 1) / 2, centreX: sw > 0 ? sx / sw : Double(a.width - 1) / 2)
        }
    }

    /// Receptive-field centres (y, x) in pixels, as ``filters(_:movie:cellIDs:windows:)`` finds them.
    public static func centres(_ model: BNCNN, movie: Movie, windows: Int = 16) -> [(y: Double, x: Double)] {
        filters(model, movie: movie, windows: windows).map { (y: $0.centreY, x: $0.centreX) }
    }
}
