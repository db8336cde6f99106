import ArrayIO
import Foundation
import RetinaCore

/// Reads a recording kept as plain NPY arrays in one folder:
///
///     stimulus.npy        (T, H, W)   raw units, 10 ms frames
///     responses.npy       (T, cells)  per 10 ms bin: spike counts when every value is a whole
///                                     number, otherwise rates in Hz
///     test_stimulus.npy, test_responses.npy, test_repeats.npy (repeats, T, cells)   optional
///
/// or a stimulus file with its responses file given explicitly. Responses stored (cells, T) are
/// accepted when the orientation is unambiguous (with a warning); the one-bin trim rule is the
/// deep-retina reader's.
public enum NPYPairReader {
    public static func read(stimulus: URL, responses: URL, test: (stimulus: URL, responses: URL, repeats: URL?)? = nil) throws -> Recording {
        var provenance = RecordingProvenance(file: stimulus.path, format: "npy")
        let train = try readSplit(stimulus, responses, provenance: &provenance, role: "train")
        var testSplit: Recording.Split?
        if let test {
            var t = try readSplit(test.stimulus, test.responses, provenance: &provenance, role: "test")
            guard t.cells == train.cells else {
                throw RecordingError.badShape(path: test.responses.path, dataset: "(array)", expected: "\(train.cells) cells like '\(responses.lastPathComponent)'", found: "\(t.cells)")
            }
            guard t.split.stimulus.height == train.split.stimulus.height, t.split.stimulus.width == train.split.stimulus.width else {
                throw RecordingError.wrongFrameSize(path: test.stimulus.path, dataset: "(array)", expected: "\(train.split.stimulus.height)×\(train.split.stimulus.width)",
                                                    found: "\(t.split.stimulus.height)×\(t.split.stimulus.width)")
            }
            if let r = test.repeats {
                let a = try readArray(r)
                guard a.shape.count == 3, a.shape[1] == t.split.frames, a.shape[2] == t.cells else {
                    throw RecordingError.badShape(path: r.path, dataset: "(array)", expected: "(repeats, \(t.split.frames), \(t.cells))", found: "shape \(a.shape)")
                }
                try requireFinite(a.values, file: r.path, dataset: "(array)")
                t.split.repeats = a.values; t.split.repeatCount = a.shape[0]
                provenance.datasets["test repeats"] = r.path
            }
            testSplit = t.split
        }
        let all = train.split.responses + (testSplit?.responses ?? [])
        let counts = all.allSatisfy { $0 >= 0 && $0 == $0.rounded() }
        let recording = Recording(train: train.split, test: testSplit, cellIDs: (0..<train.cells).map(String.init),
                                  responseUnit: counts ? .spikeCountsPerBin : .ratesHz,
                                  sourceFramePeriodSeconds: Units.frameSeconds, provenance: provenance)
        try recording.checkValues()
        return recording
    }

    /// The folder form (`stimulus.npy`, `responses.npy`, optional `test_*.npy`).
    public static func read(folder: URL) throws -> Recording {
        func f(_ name: String) -> URL { folder.appendingPathComponent(name) }
        // lstat, not fileExists: a dangling or looping symbolic link is there (and unreadable, 66), not missing.
        let exists = { (name: String) -> Bool in var info = stat(); return lstat(f(name).path, &info) == 0 }
        for required in ["stimulus.npy", "responses.npy"] where !exists(required) {
            throw RecordingError.missing(path: folder.path, dataset: required, expected: "a (T, H, W) stimulus and (T, cells) responses")
        }
        // A test split is both files or none: half of one (or repeats without it) is refused, not ignored.
        let testFiles = ["test_stimulus.npy", "test_responses.npy", "test_repeats.npy"].filter(exists)
        if !testFiles.isEmpty, !(testFiles.contains("test_stimulus.npy") && testFiles.contains("test_responses.npy")) {
            let absent = ["test_stimulus.npy", "test_responses.npy"].filter { !testFiles.contains($0) }
            throw RecordingError.missing(path: folder.path, dataset: absent.joined(separator: " and "),
                                         expected: "a complete test split beside \(testFiles.joined(separator: ", ")) (test_stimulus.npy and test_responses.npy, optional test_repeats.npy), or none")
        }
        let test = exists("test_stimulus.npy") && exists("test_responses.npy")
            ? (f("test_stimulus.npy"), f("test_responses.npy"), exists("test_repeats.npy") ? f("test_repeats.npy") : nil) : nil
        var r = try read(stimulus: f("stimulus.npy"), responses: f("responses.npy"), test: test)
        r.provenance.file = folder.path
        return r
    }

    static func readArray(_ url: URL) throws -> NPYArray {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw RecordingError.cannotOpen(path: url.path, reason: "the file does not exist") }
        return try NPYArray.read(contentsOf: url)
    }

    static func readSplit(_ s: URL, _ r: URL, provenance: inout RecordingProvenance, role: String) throws -> (split: Recording.Split, cells: Int) {
        let stimulus = try readArray(s)
        guard stimulus.shape.count == 3, stimulus.shape.allSatisfy({ $0 > 0 }) else {
            throw RecordingError.badShape(path: s.path, dataset: "(array)", expected: "a 3-D (T, H, W) stimulus", found: "shape \(stimulus.shape)")
        }
        try requireFinite(stimulus.values, file: s.path, dataset: "(array)")
        try requireMovieBudget(frames: Double(stimulus.shape[0]), pixels: Double(stimulus.shape[1]) * Double(stimulus.shape[2]),
                               file: s.path, dataset: "(array)", detail: "shape \(stimulus.shape)")
        var movie = Movie(frames: stimulus.shape[0], height: stimulus.shape[1], width: stimulus.shape[2], values: stimulus.values)
        let responses = try readArray(r)
        let layout = try ResponseLayout.resolve(shape: responses.shape, frames: movie.frames, preferCellsFirst: false, file: r.path, dataset: "(array)")
        try requireCellBudget(layout.cells, file: r.path, dataset: "(array)")
        try requireFinite(responses.values, file: r.path, dataset: "(array)")
        if layout.cellsFirst {
            provenance.warnings.append("'\(r.lastPathComponent)' is stored cells × time \(responses.shape); read as cells × time")
        }
        var values = ResponseLayout.timeMajor(responses.values, layout)
        (movie, values) = try DeepRetinaReader.align(movie, values, bins: layout.bins, cells: layout.cells, file: r.path, dataset: r.lastPathComponent,
                                                     stimulusPath: s.lastPathComponent, provenance: &provenance)
        provenance.datasets["\(role) stimulus"] = s.path
        provenance.datasets["\(role) responses"] = r.path
        return (Recording.Split(stimulus: movie, responses: values), layout.cells)
    }
}
