import Foundation

/// Writes a ``Recording`` in the deep-retina HDF5 layout that ``DeepRetinaReader`` reads:
/// `train/stimulus` and `test/stimulus` (T, H, W) as uint8 when every value is a whole number in
/// 0…255 (an 8-bit screen), float32 otherwise; `*/time` (T,) seconds; `*/response/binned` (cells, T)
/// for spike counts or `*/response/firing_rate_10ms` for rates; `test/repeats/cellNN` (repeats, T).
///
/// Atomic: the file is written under a temporary name in the destination folder and renamed into
/// place; on failure nothing is left behind.
public enum DeepRetinaWriter {
    public static func write(_ r: Recording, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        do {
            try writeFile(r, path: temp.path)
            guard rename(temp.path, url.path) == 0 else {
                throw RecordingError.cannotWrite(path: url.path, reason: "cannot rename the temporary file into place")
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            if case RecordingError.cannotWrite(_, let reason) = error { throw RecordingError.cannotWrite(path: url.path, reason: reason) }
            throw error
        }
    }

    static func writeFile(_ r: Recording, path: String) throws {
        let file = try HDF5File(creatingAt: path)
        let responseName = r.responseUnit == .spikeCountsPerBin ? "binned" : "firing_rate_10ms"
        let cells = r.cellCount
        func split(_ name: String, _ s: Recording.Split) throws {
            try file.createGroup("/\(name)")
            try file.createGroup("/\(name)/response")
            let shape = [s.frames, s.stimulus.height, s.stimulus.width]
            if s.stimulus.values.allSatisfy({ $0 >= 0 && $0 <= 255 && $0 == $0.rounded() }) {
                try file.write("/\(name)/stimulus", shape: shape, uint8: s.stimulus.values.map { UInt8($0) })
            } else {
                try file.write("/\(name)/stimulus", shape: shape, float32: s.stimulus.values)
            }
            try file.write("/\(name)/time", shape: [s.frames], float64: (0..<s.frames).map { Double($0) * 0.01 })
            var cellsFirst = [Float](repeating: 0, count: s.responses.count)
            for t in 0..<s.frames { for c in 0..<cells { cellsFirst[c * s.frames + t] = s.responses[t * cells + c] } }
            try file.write("/\(name)/response/\(responseName)", shape: [cells, s.frames], float32: cellsFirst)
            if let rep = s.repeats, s.repeatCount > 0 {
                try file.createGroup("/\(name)/repeats")
                for c in 0..<cells {
                    var v = [Float](repeating: 0, count: s.repeatCount * s.frames)
                    for k in 0..<s.repeatCount { for t in 0..<s.frames { v[k * s.frames + t] = rep[(k * s.frames + t) * cells + c] } }
                    try file.write(String(format: "/\(name)/repeats/cell%02d", c + 1), shape: [s.repeatCount, s.frames], float32: v)
                }
            }
        }
        try split("train", r.train)
        if let t = r.test { try split("test", t) }
        try file.writeAttribute("/", "source", string: r.provenance.file)
        try file.flush()
    }
}
