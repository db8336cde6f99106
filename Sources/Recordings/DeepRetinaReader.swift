import Foundation
import RetinaCore

/// Reads the Baccus-lab / deep-retina HDF5 layout (see docs/recordings.md):
///
///     /train/stimulus                 (T, H, W)  any numeric dtype, raw screen units
///     /train/response/<type>          (cells, T) — `firing_rate_10ms` (Hz) or `binned` (counts per 10 ms)
///     /test/stimulus, /test/response/<type>     the repeated test segment (optional)
///     /test/repeats/cellNN            (repeats, T), 1-based two-digit cell names, or
///     /test/repeats/<type>            (repeats, cells, T)
///
/// Responses are transposed to time-major. A response one bin longer (or shorter) than its
/// stimulus is trimmed to the common length with a warning naming the dataset and both lengths;
/// a larger difference is refused.
public enum DeepRetinaReader {
    /// Response datasets tried in this order when none is requested.
    public static let responseTypes = ["firing_rate_10ms", "binned"]

    public static func read(path: String, responseType: String? = nil) throws -> Recording {
        let file = try HDF5File(readingAt: path)
        guard file.isGroup("/train") else {
            throw RecordingError.missing(path: path, dataset: "/train", expected: "the deep-retina group 'train' with 'stimulus' and 'response/…'")
        }
        let type = try chooseResponseType(file, requested: responseType)
        var provenance = RecordingProvenance(file: path, format: "deep-retina-hdf5")
        let train = try readSplit(file, "train", type: type, provenance: &provenance)
        var test: Recording.Split?
        if file.isGroup("/test") {
            var split = try readSplit(file, "test", type: type, provenance: &provenance)
            guard split.cells == train.cells else {
                throw RecordingError.badShape(path: path, dataset: "/test/response/\(type)", expected: "\(train.cells) cells like the training split", found: "\(split.cells)")
            }
            guard split.split.stimulus.height == train.split.stimulus.height, split.split.stimulus.width == train.split.stimulus.width else {
                throw RecordingError.wrongFrameSize(path: path, dataset: "/test/stimulus",
                                                    expected: "\(train.split.stimulus.height)×\(train.split.stimulus.width) like /train/stimulus",
                                                    found: "\(split.split.stimulus.height)×\(split.split.stimulus.width)")
            }
            if file.isGroup("/test/repeats") {
                let (values, count) = try readRepeats(file, type: type, cells: split.cells, frames: split.split.frames, provenance: &provenance)
                split.split.repeats = values; split.split.repeatCount = count
            }
            test = split.split
        }
        let ids = (1...train.cells).map { String(format: "cell%02d", $0) }
        let recording = Recording(train: train.split, test: test, cellIDs: ids,
                                  responseUnit: type == "binned" ? .spikeCountsPerBin : .ratesHz,
                                  sourceFramePeriodSeconds: Units.frameSeconds, provenance: provenance)
        try recording.checkValues()
        return recording
    }

    static func chooseResponseType(_ file: HDF5File, requested: String?) throws -> String {
        guard file.isGroup("/train/response") else {
            throw RecordingError.missing(path: file.path, dataset: "/train/response", expected: "a group of response datasets (\(responseTypes.joined(separator: ", ")))")
        }
        let available = try file.children(of: "/train/response")
        if let requested {
            guard available.contains(requested) else {
                throw RecordingError.invalidSelection(option: "--response", expected: "one of \(available.joined(separator: ", ")) in '\(file.path)'", found: requested)
            }
            return requested
        }
        guard let t = responseTypes.first(where: available.contains) else {
            throw RecordingError.missing(path: file.path, dataset: "/train/response/firing_rate_10ms",
                                         expected: "'firing_rate_10ms' or 'binned' (found \(available.joined(separator: ", ")); pick one with --response)")
        }
        return t
    }

    static func readSplit(_ file: HDF5File, _ name: String, type: String,
                          provenance: inout RecordingProvenance) throws -> (split: Recording.Split, cells: Int) {
        let stimulusPath = "/\(name)/stimulus", responsePath = "/\(name)/response/\(type)"
        guard file.isDataset(stimulusPath) else {
            throw RecordingError.missing(path: file.path, dataset: stimulusPath, expected: "the stimulus (T, H, W)")
        }
        guard file.isDataset(responsePath) else {
            throw RecordingError.missing(path: file.path, dataset: responsePath, expected: "the responses (cells, T)")
        }
        // The movie budget before the movie is allocated (after the stored-size checks of readFloats).
        let sInfo = try file.info(stimulusPath)
        _ = try file.checkedCount(stimulusPath, sInfo, valueBytes: MemoryLayout<Float>.size)
        if sInfo.shape.count == 3 {
            try requireMovieBudget(frames: Double(sInfo.shape[0]), pixels: Double(sInfo.shape[1]) * Double(sInfo.shape[2]),
                                   file: file.path, dataset: stimulusPath, detail: "shape \(sInfo.shape)")
        }
        let (sShape, sValues) = try file.readFloats(stimulusPath)
        guard sShape.count == 3, sShape.allSatisfy({ $0 > 0 }) else {
            throw RecordingError.badShape(path: file.path, dataset: stimulusPath, expected: "a 3-D (T, H, W) array", found: "shape \(sShape)")
        }
        try requireFinite(sValues, file: file.path, dataset: stimulusPath)
        var movie = Movie(frames: sShape[0], height: sShape[1], width: sShape[2], values: sValues)
        // Orientation and the cell budget from the declared shape, before the responses are read.
        let rInfo = try file.info(responsePath)
        let declared = try ResponseLayout.resolve(shape: rInfo.shape, frames: movie.frames, preferCellsFirst: true, file: file.path, dataset: responsePath)
        try requireCellBudget(declared.cells, file: file.path, dataset: responsePath)
        let (rShape, rValues) = try file.readFloats(responsePath)
        let layout = try ResponseLayout.resolve(shape: rShape, frames: movie.frames, preferCellsFirst: true, file: file.path, dataset: responsePath)
        try requireFinite(rValues, file: file.path, dataset: responsePath)
        if !layout.cellsFirst {
            provenance.warnings.append("'\(responsePath)' is stored time × cells \(rShape) (the layout says cells × time); read as time × cells")
        }
        var responses = ResponseLayout.timeMajor(rValues, layout)
        (movie, responses) = try align(movie, responses, bins: layout.bins, cells: layout.cells, file: file.path,
                                       dataset: responsePath, stimulusPath: stimulusPath, provenance: &provenance)
        provenance.datasets["\(name) stimulus"] = stimulusPath
        provenance.datasets["\(name) responses"] = responsePath
        return (Recording.Split(stimulus: movie, responses: responses), layout.cells)
    }

    /// Trims a response one bin longer than the stimulus (or a stimulus one frame longer than the
    /// response) to the common length, with a warning.
    static func align(_ movie: Movie, _ responses: [Float], bins: Int, cells: Int, file: String, dataset: String,
                      stimulusPath: String, provenance: inout RecordingProvenance) throws -> (Movie, [Float]) {
        let frames = movie.frames
        guard bins != frames else { return (movie, responses) }
        guard abs(bins - frames) == 1 else {
            throw RecordingError.lengthMismatch(path: file, dataset: dataset, stimulusFrames: frames, responseBins: bins)
        }
        let n = min(bins, frames)
        provenance.warnings.append("'\(dataset)' has \(bins) bins and '\(stimulusPath)' \(frames) frames: both trimmed to \(n)")
        return (movie.slice(frames: 0..<n), Array(responses[0..<(n * cells)]))
    }

    static func readRepeats(_ file: HDF5File, type: String, cells: Int, frames: Int,
                            provenance: inout RecordingProvenance) throws -> ([Float], Int) {
        let names = try file.children(of: "/test/repeats")
        let cellNames = names.filter { $0.hasPrefix("cell") && Int($0.dropFirst(4)) != nil }
        func trimmed(_ values: [Float], repeats: Int, cellsIn: Int, bins: Int, dataset: String) throws -> [Float] {
            // values are repeats × cellsIn × bins
            guard abs(bins - frames) <= 1 else {
                throw RecordingError.lengthMismatch(path: file.path, dataset: dataset, stimulusFrames: frames, responseBins: bins)
            }
            if bins != frames {
                provenance.warnings.append("'\(dataset)' has \(bins) bins and '/test/stimulus' \(frames) frames: the repeats are trimmed or padded to \(frames)")
            }
            var out = [Float](repeating: 0, count: repeats * frames * cellsIn)
            for r in 0..<repeats { for c in 0..<cellsIn { for t in 0..<min(frames, bins) {
                out[(r * frames + t) * cellsIn + c] = values[(r * cellsIn + c) * bins + t]
            } } }
            return out
        }
        if names.contains(type) || cellNames.isEmpty {
            let dataset = "/test/repeats/" + (names.contains(type) ? type : (names.first ?? type))
            let (shape, values) = try file.readFloats(dataset)
            guard shape.count == 3, shape[1] == cells else {
                throw RecordingError.badShape(path: file.path, dataset: dataset, expected: "(repeats, \(cells) cells, \(frames) bins)", found: "shape \(shape)")
            }
            try requireFinite(values, file: file.path, dataset: dataset)
            provenance.datasets["test repeats"] = dataset
            return (try trimmed(values, repeats: shape[0], cellsIn: cells, bins: shape[2], dataset: dataset), shape[0])
        }
        // One dataset per cell: cellNN (1-based) of shape (repeats, T). Every shape is read first, so
        // the cell that differs from the others is the one named: comparing each with the first
        // blamed cell02 when cell01 was the odd one.
        let datasets = (0..<cells).map { String(format: "/test/repeats/cell%02d", $0 + 1) }
        var shapes: [[Int]] = []
        for (c, dataset) in datasets.enumerated() {
            guard file.isDataset(dataset) else {
                throw RecordingError.missing(path: file.path, dataset: dataset, expected: "repeats of cell \(c + 1) (one 'cellNN' dataset per response row)")
            }
            shapes.append(try file.info(dataset).shape)
        }
        if let c = shapes.firstIndex(where: { $0.count != 2 }) {
            throw RecordingError.badShape(path: file.path, dataset: datasets[c], expected: "(repeats, T)", found: "shape \(shapes[c])")
        }
        // The majority shape (the first of the most common on a tie); the first cell that differs is named.
        let tally = Dictionary(shapes.map { ($0, 1) }, uniquingKeysWith: +)
        guard let majority = shapes.first(where: { tally[$0] == tally.values.max() }) else { return ([], 0) }
        if let c = shapes.firstIndex(where: { $0 != majority }) {
            throw RecordingError.badShape(path: file.path, dataset: datasets[c],
                                          expected: "(repeats, T) like the other cells: \(majority) (\(tally[majority]!) of \(cells) cells)", found: "shape \(shapes[c])")
        }
        let repeatCount: Int? = majority[0], bins = majority[1]
        var perCell = [[Float]](repeating: [], count: cells)
        for (c, dataset) in datasets.enumerated() {
            let (_, values) = try file.readFloats(dataset)
            try requireFinite(values, file: file.path, dataset: dataset)
            perCell[c] = values
        }
        let r = repeatCount ?? 0
        var stacked = [Float](repeating: 0, count: r * cells * bins)
        for k in 0..<r { for c in 0..<cells { for t in 0..<bins { stacked[(k * cells + c) * bins + t] = perCell[c][k * bins + t] } } }
        provenance.datasets["test repeats"] = "/test/repeats/cellNN"
        return (try trimmed(stacked, repeats: r, cellsIn: cells, bins: bins, dataset: "/test/repeats/cell01"), r)
    }
}
