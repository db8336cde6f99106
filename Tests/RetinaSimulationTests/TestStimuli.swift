import RetinaCore
@testable import RetinaSimulation

/// Small self-contained stimuli and measurements shared by the tests (the official phenomenon
/// stimuli and metrics live in the Phenomena module).
enum TestStimuli {
    /// The reference cell 0 (g_ref 0.11015) alone.
    static let referenceRetina = SimulatedRetina(cells: [GanglionCellParameters.reference])

    /// Rate trace (Hz) of cell `cell` for a full-field contrast trace, simulated as a 1 × 1 movie.
    static func fullFieldRate(_ retina: SimulatedRetina, _ trace: [Float], cell: Int = 0) throws -> [Double] {
        let r = try retina.ratesAllFrames(for: Movie.fullField(trace, height: 1, width: 1))
        return r.trace(cell: cell).map(Double.init)
    }

    /// 30 gray frames, `count` two-frame flashes of `contrast` every `period` frames, then gray.
    static func flashTrain(period: Int, count: Int = 12, contrast: Float = -1, frames: Int = 200) -> [Float] {
        var s = [Float](repeating: 0, count: frames)
        for k in 0..<count { s[30 + k * period] = contrast; s[31 + k * period] = contrast }
        return s
    }

    /// 30 gray frames, then contrast `c` for `hold` frames, then gray.
    static func step(_ c: Float, hold: Int = 20, frames: Int = 100) -> [Float] {
        var s = [Float](repeating: 0, count: frames)
        for t in 30..<(30 + hold) { s[t] = c }
        return s
    }

    /// Index of the maximum in `range`, refined by a parabola through the neighbours (frames).
    static func peakTime(_ r: [Double], in range: Range<Int>) -> Double {
        let i = range.max { r[$0] < r[$1] }!
        guard i > 0, i + 1 < r.count else { return Double(i) }
        let a = r[i - 1], b = r[i], c = r[i + 1]
        let d = a - 2 * b + c
        return d == 0 ? Double(i) : Double(i) + 0.5 * (a - c) / d
    }
}
