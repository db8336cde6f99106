import Foundation
import RetinaCore

/// Reads an NWB 2.x file (see docs/recordings.md): spike times of every unit in `/units`
/// (`spike_times`, ragged by `spike_times_index`, ids in `id`) binned to the frames of an
/// `OpticalSeries`/`ImageSeries` under `/stimulus/presentation`, whose `data` is stored
/// [frame][x][y] and whose clock is `timestamps` or `starting_time` + its `rate` attribute.
///
/// The series is chosen by name (`series`), or is the only one; a second series whose name contains
/// `test` becomes the test split. Frame rates other than 100 Hz are resampled to 10 ms bins
/// (``SpikeBinning``). Spikes outside a split's presentation are dropped with a warning; a unit
/// with no spike at all, or with every spike outside the stimulus, is an error.
///
/// Every number from the file is converted with a check (issue #23): offsets in
/// `spike_times_index` and ids in `id` must be integers (`Int(exactly:)`, NaN and 10²⁰ refused),
/// times finite and within ±``RecordingLimits/maximumSeconds``, `rate` positive and finite, and the
/// units, bins and binned values within ``RecordingLimits`` — each before anything is allocated,
/// with the dataset, the quantity and the limit named (65).
public enum NWBReader {
    public static func read(path: String, series requested: String? = nil) throws -> Recording {
        let file = try HDF5File(readingAt: path)
        var provenance = RecordingProvenance(file: path, format: "nwb")
        for required in ["/units/spike_times", "/units/spike_times_index"] where !file.isDataset(required) {
            throw RecordingError.missing(path: path, dataset: required, expected: "the units table's spike times (NWB 2.x)")
        }
        guard file.isGroup("/stimulus/presentation") else {
            throw RecordingError.missing(path: path, dataset: "/stimulus/presentation", expected: "an OpticalSeries or ImageSeries of the stimulus")
        }
        let candidates = try file.children(of: "/stimulus/presentation").filter { name in
            (try? file.info("/stimulus/presentation/\(name)/data").shape.count) == 3
        }
        let trainName: String
        if let requested {
            guard candidates.contains(requested) else {
                throw RecordingError.invalidSelection(option: "--series", expected: "one of \(candidates.joined(separator: ", ")) in '\(path)'", found: requested)
            }
            trainName = requested
        } else {
            let nonTest = candidates.filter { !$0.lowercased().contains("test") }
            guard nonTest.count == 1 else {
                throw RecordingError.missing(path: path, dataset: "/stimulus/presentation",
                                             expected: nonTest.isEmpty ? "a series with 3-D data [frame][x][y]" : "one stimulus series (found \(nonTest.joined(separator: ", ")); choose one with --series)")
            }
            trainName = nonTest[0]
        }
        let testName = candidates.first { $0 != trainName && $0.lowercased().contains("test") }

        let (spikes, index, ids) = try readUnits(file)
        provenance.datasets["spike times"] = "/units/spike_times"
        let train = try readSplit(file, series: trainName, spikes: spikes, index: index, ids: ids, provenance: &provenance, role: "train")
        let test = try testName.map { try readSplit(file, series: $0, spikes: spikes, index: index, ids: ids, provenance: &provenance, role: "test", allowSilent: true) }
        if let test, test.split.stimulus.height != train.split.stimulus.height || test.split.stimulus.width != train.split.stimulus.width {
            throw RecordingError.wrongFrameSize(path: path, dataset: "/stimulus/presentation/\(testName!)/data",
                                                expected: "\(train.split.stimulus.height)×\(train.split.stimulus.width) like '\(trainName)'",
                                                found: "\(test.split.stimulus.height)×\(test.split.stimulus.width)")
        }
        let recording = Recording(train: train.split, test: test?.split, cellIDs: ids, responseUnit: .spikeCountsPerBin,
                                  sourceFramePeriodSeconds: train.period, provenance: provenance)
        try recording.checkValues()
        return recording
    }

    static func readUnits(_ file: HDF5File) throws -> (spikes: [Double], index: [Int], ids: [String]) {
        let (sShape, spikes) = try file.readDoubles("/units/spike_times")
        guard sShape.count == 1 else {
            throw RecordingError.badShape(path: file.path, dataset: "/units/spike_times", expected: "1-D spike times (s)", found: "shape \(sShape)")
        }
        if let i = spikes.firstIndex(where: { !$0.isFinite }) { throw RecordingError.nonFinite(path: file.path, dataset: "/units/spike_times", index: i) }
        try requireTimes(spikes, file: file.path, dataset: "/units/spike_times")
        let (iShape, indexValues) = try file.readDoubles("/units/spike_times_index")
        guard iShape.count == 1, !indexValues.isEmpty else {
            throw RecordingError.badShape(path: file.path, dataset: "/units/spike_times_index", expected: "1-D end offsets, one per unit", found: "shape \(iShape)")
        }
        guard indexValues.count <= RecordingLimits.maximumUnits else {
            throw RecordingError.overLimit(path: file.path, dataset: "/units/spike_times_index", quantity: "the number of units",
                                           limit: "≤ \(RecordingLimits.maximumUnits) (RecordingLimits.maximumUnits)", found: "\(indexValues.count)")
        }
        var index: [Int] = []
        index.reserveCapacity(indexValues.count)
        var previous = 0
        for (k, value) in indexValues.enumerated() {
            guard let end = Int(exactly: value), end >= previous, end <= spikes.count else {
                throw RecordingError.badShape(path: file.path, dataset: "/units/spike_times_index",
                                              expected: "non-decreasing integer end offsets ≤ \(spikes.count)", found: "\(value) at unit \(k)")
            }
            index.append(end); previous = end
        }
        var ids = (0..<index.count).map(String.init)
        if file.isDataset("/units/id") {
            let (shape, values) = try file.readDoubles("/units/id")
            guard shape == [index.count] else {
                throw RecordingError.badShape(path: file.path, dataset: "/units/id", expected: "\(index.count) unit ids (one per unit)", found: "shape \(shape)")
            }
            ids = try values.enumerated().map { k, value in
                // Integers up to 2⁵³ are exact in Double; beyond, two ids could read as one.
                guard let id = Int(exactly: value), id.magnitude <= 1 << 53 else {
                    throw RecordingError.badShape(path: file.path, dataset: "/units/id", expected: "integer ids within ±2⁵³", found: "\(value) at unit \(k)")
                }
                return String(id)
            }
        }
        return (spikes, index, ids)
    }

    /// Throws unless every time is within ±``RecordingLimits/maximumSeconds`` (the clocks' arithmetic
    /// and the bin count stay exact and finite).
    static func requireTimes(_ times: [Double], file: String, dataset: String) throws {
        if let i = times.firstIndex(where: { !(abs($0) <= RecordingLimits.maximumSeconds) }) {
            throw RecordingError.overLimit(path: file, dataset: dataset, quantity: "every time",
                                           limit: "within ±\(Int(RecordingLimits.maximumSeconds)) s (RecordingLimits.maximumSeconds)",
                                           found: "\(times[i]) s at index \(i)")
        }
    }

    static func readSplit(_ file: HDF5File, series: String, spikes: [Double], index: [Int], ids: [String],
                          provenance: inout RecordingProvenance, role: String,
                          allowSilent: Bool = false) throws -> (split: Recording.Split, period: Double) {
        let base = "/stimulus/presentation/\(series)"
        let dataPath = base + "/data"
        // The stored movie's budget before it is read (the binned one is checked by the clock).
        let dataInfo = try file.info(dataPath)
        _ = try file.checkedCount(dataPath, dataInfo, valueBytes: MemoryLayout<Float>.size)
        if dataInfo.shape.count == 3 {
            try requireMovieBudget(frames: Double(dataInfo.shape[0]), pixels: Double(dataInfo.shape[1]) * Double(dataInfo.shape[2]),
                                   file: file.path, dataset: dataPath, detail: "shape \(dataInfo.shape)")
        }
        let (shape, data) = try file.readFloats(dataPath)
        guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw RecordingError.badShape(path: file.path, dataset: dataPath, expected: "3-D [frame][x][y]", found: "shape \(shape)")
        }
        try requireFinite(data, file: file.path, dataset: dataPath)
        let (frames, nx, ny) = (shape[0], shape[1], shape[2])
        let timestamps: [Double]
        if file.isDataset(base + "/timestamps") {
            let (tShape, t) = try file.readDoubles(base + "/timestamps")
            guard tShape == [frames] else {
                throw RecordingError.badShape(path: file.path, dataset: base + "/timestamps", expected: "\(frames) timestamps (one per frame)", found: "shape \(tShape)")
            }
            if let i = t.firstIndex(where: { !$0.isFinite }) { throw RecordingError.nonFinite(path: file.path, dataset: base + "/timestamps", index: i) }
            try requireTimes(t, file: file.path, dataset: base + "/timestamps")
            if let k = (0..<max(0, t.count - 1)).first(where: { t[$0 + 1] <= t[$0] }) {
                throw RecordingError.badShape(path: file.path, dataset: base + "/timestamps", expected: "increasing times", found: "t[\(k + 1)] ≤ t[\(k)]")
            }
            timestamps = t
            provenance.datasets["\(role) clock"] = base + "/timestamps"
        } else if file.isDataset(base + "/starting_time") {
            let start = try file.readDoubles(base + "/starting_time").values.first ?? 0
            guard start.isFinite else { throw RecordingError.nonFinite(path: file.path, dataset: base + "/starting_time", index: 0) }
            try requireTimes([start], file: file.path, dataset: base + "/starting_time")
            guard let rate = file.doubleAttribute(base + "/starting_time", "rate"), rate > 0, rate.isFinite else {
                throw RecordingError.missing(path: file.path, dataset: base + "/starting_time", expected: "a positive 'rate' attribute (Hz)")
            }
            // The last frame's time, checked before the clock is built (rate 1e-300 makes it infinite).
            let last = start + Double(frames) / rate
            guard last.isFinite, abs(last) <= RecordingLimits.maximumSeconds else {
                throw RecordingError.overLimit(path: file.path, dataset: base + "/starting_time", quantity: "the presentation's end (starting_time + frames / rate)",
                                               limit: "within ±\(Int(RecordingLimits.maximumSeconds)) s (RecordingLimits.maximumSeconds)",
                                               found: "\(last) s (rate \(rate) Hz, \(frames) frames)")
            }
            timestamps = (0..<frames).map { start + Double($0) / rate }
            provenance.datasets["\(role) clock"] = base + "/starting_time (rate \(rate) Hz)"
        } else {
            throw RecordingError.missing(path: file.path, dataset: base + "/timestamps", expected: "'timestamps' or 'starting_time' with a 'rate' attribute")
        }
        let clock = try SpikeBinning.clock(timestamps: timestamps, valuesPerBin: ny * nx + index.count, pixelsPerBin: ny * nx, file: file.path, dataset: dataPath)
        let period = SpikeBinning.medianPeriod(timestamps)
        if clock.resampled {
            provenance.warnings.append(String(format: "'%@' frames last %.4g ms: resampled to %d bins of 10 ms (each bin shows the frame on screen at its centre)", RecordingSummary.printable(series), period * 1000, clock.bins))
        }
        // [frame][x][y] → (t, y, x), sampled at the bins' frames.
        var movie = [Float](repeating: 0, count: clock.bins * ny * nx)
        for (j, f) in clock.frameOfBin.enumerated() {
            for x in 0..<nx { for y in 0..<ny { movie[(j * ny + y) * nx + x] = data[(f * nx + x) * ny + y] } }
        }
        let cells = index.count
        var responses = [Float](repeating: 0, count: clock.bins * cells)
        var dropped = 0
        for c in 0..<cells {
            let lo = c == 0 ? 0 : index[c - 1], hi = index[c]
            if hi == lo {
                throw RecordingError.emptyUnit(path: file.path, dataset: "/units/spike_times", unit: ids[c])
            }
            let (counts, outside) = SpikeBinning.counts(spikes[lo..<hi], edges: clock.edges)
            if outside == hi - lo && !allowSilent {
                let first = spikes[lo..<hi].min()!, last = spikes[lo..<hi].max()!
                throw RecordingError.spikesOutsideStimulus(path: file.path, dataset: "/units/spike_times", unit: ids[c],
                                                           found: String(format: "%.3f…%.3f s", first, last),
                                                           stimulusSeconds: String(format: "%.3f…%.3f s", clock.edges.first!, clock.edges.last!))
            }
            dropped += outside
            for t in 0..<clock.bins { responses[t * cells + c] = counts[t] }
        }
        if dropped > 0 && !allowSilent {
            provenance.warnings.append("\(dropped) spikes outside the '\(RecordingSummary.printable(series))' presentation were not counted")
        }
        provenance.datasets["\(role) stimulus"] = dataPath
        return (Recording.Split(stimulus: Movie(frames: clock.bins, height: ny, width: nx, values: movie), responses: responses), period)
    }
}
