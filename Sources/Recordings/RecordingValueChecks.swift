import Foundation
import RetinaCore

/// Value checks every reader applies to what it read (after the finite check), each refusal a 65
/// naming the file, the dataset, the bound (``RecordingLimits``) and the first value outside it:
/// stimulus values within ±``RecordingLimits/maximumStimulusMagnitude``; responses and repeats ≥ 0
/// and ≤ ``RecordingLimits/maximumResponseHz`` per bin; each cell's mean over a split ≤
/// ``RecordingLimits/maximumMeanResponseHz``. A response of 1e30 or 2⁶² trained a model nothing
/// could read back; a stimulus pixel of 3.4e38 made the z-score (mean 10³², std 10³⁵) meaningless.
extension Recording {
    func checkValues() throws {
        let hz = hertzPerResponseUnit, file = provenance.file
        let counts = responseUnit == .spikeCountsPerBin
        let perBin = counts
            ? "≤ \(Int(RecordingLimits.maximumResponseHz / hz)) spikes per 10 ms bin (RecordingLimits.maximumResponseHz, \(Int(RecordingLimits.maximumResponseHz)) Hz)"
            : "≤ \(Int(RecordingLimits.maximumResponseHz)) Hz in every 10 ms bin (RecordingLimits.maximumResponseHz)"
        let cells = cellCount
        func responseDataset(_ role: String) -> String {
            provenance.datasets["\(role) responses"] ?? provenance.datasets["spike times"] ?? "\(role) responses"
        }
        func checkResponses(_ values: [Float], dataset: (Int) -> String, what: String, frames: Int) throws {
            guard cells > 0 else { return }
            for (i, v) in values.enumerated() where !(v >= 0 && v * hz <= RecordingLimits.maximumResponseHz) {
                let row = i / cells, c = i % cells
                let (k, t) = (row / max(1, frames), row % max(1, frames))
                let place = what == "repeat" ? "repeat \(k), bin \(t)" : "bin \(row)"
                throw RecordingError.overLimit(path: file, dataset: dataset(c), quantity: "every \(what) (\(counts ? "a spike count" : "a rate"))",
                                               limit: v < 0 ? "≥ 0" : perBin, found: "\(v) at \(place), cell \(cellIDs[c])")
            }
        }
        func checkSplit(_ role: String, _ s: Split) throws {
            let stimulus = provenance.datasets["\(role) stimulus"] ?? "\(role) stimulus"
            let pixels = max(1, s.stimulus.height * s.stimulus.width)
            if let i = s.stimulus.values.firstIndex(where: { !(abs($0) <= RecordingLimits.maximumStimulusMagnitude) }) {
                throw RecordingError.overLimit(path: file, dataset: stimulus, quantity: "every stimulus value",
                                               limit: "within ±\(Int(RecordingLimits.maximumStimulusMagnitude)) (RecordingLimits.maximumStimulusMagnitude; rescale physical units first)",
                                               found: "\(s.stimulus.values[i]) at frame \(i / pixels), pixel (\(i % pixels / max(1, s.stimulus.width)), \(i % max(1, s.stimulus.width)))")
            }
            try checkResponses(s.responses, dataset: { _ in responseDataset(role) }, what: "response", frames: s.frames)
            var sums = [Double](repeating: 0, count: cells)
            for (i, v) in s.responses.enumerated() { sums[i % max(1, cells)] += Double(v) }
            for c in 0..<cells {
                let mean = sums[c] / Double(max(1, s.frames)) * Double(hz)
                if mean > RecordingLimits.maximumMeanResponseHz {
                    throw RecordingError.overLimit(path: file, dataset: responseDataset(role), quantity: "each cell's mean response",
                                                   limit: "≤ \(Int(RecordingLimits.maximumMeanResponseHz)) Hz (RecordingLimits.maximumMeanResponseHz)",
                                                   found: String(format: "%.4g Hz for cell %@", mean, cellIDs[c]))
                }
            }
            if let repeats = s.repeats {
                let base = provenance.datasets["\(role) repeats"] ?? "\(role) repeats"
                try checkResponses(repeats, dataset: { c in
                    base.hasSuffix("/cellNN") ? String(base.dropLast(6)) + String(format: "cell%02d", c + 1) : base
                }, what: "repeat", frames: s.frames)
            }
        }
        try checkSplit("train", train)
        if let test { try checkSplit("test", test) }
    }
}

/// Throws unless a movie of `frames` × `pixels` Float values fits ``RecordingLimits/maximumMovieBytes``
/// (computed in Double, before anything of that size is allocated).
func requireMovieBudget(frames: Double, pixels: Double, file: String, dataset: String, detail: String) throws {
    let bytes = frames * pixels * Double(MemoryLayout<Float>.size)
    guard bytes.isFinite, bytes <= Double(RecordingLimits.maximumMovieBytes) else {
        throw RecordingError.overLimit(path: file, dataset: dataset, quantity: "the stimulus movie as Float values",
                                       limit: "≤ \(RecordingLimits.bytes(Double(RecordingLimits.maximumMovieBytes))) (RecordingLimits.maximumMovieBytes)",
                                       found: "\(RecordingLimits.bytes(bytes)) (\(detail))")
    }
}

/// Throws unless a recording has at most ``RecordingLimits/maximumCells`` cells.
func requireCellBudget(_ cells: Int, file: String, dataset: String) throws {
    guard cells <= RecordingLimits.maximumCells else {
        throw RecordingError.overLimit(path: file, dataset: dataset, quantity: "the number of cells",
                                       limit: "≤ \(RecordingLimits.maximumCells) (RecordingLimits.maximumCells)", found: "\(cells)")
    }
}
