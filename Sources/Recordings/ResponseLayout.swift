/// Decides how a 2-D responses array is oriented relative to a stimulus of `frames` frames, and
/// how to align its length.
///
/// Rule: an axis whose length equals `frames` exactly is the time axis; if both do, the array is
/// ambiguous. Without an exact match, an axis within one bin of `frames` is the time axis (and the
/// longer of the two is trimmed, as deep-retina's loaders do); if both are within one bin it is
/// ambiguous; if neither, the lengths do not match.
enum ResponseLayout {
    struct Resolved: Equatable {
        /// True when the array is stored cells × time.
        var cellsFirst: Bool
        var cells: Int
        var bins: Int
    }

    static func resolve(shape: [Int], frames: Int, preferCellsFirst: Bool, file: String, dataset: String) throws -> Resolved {
        guard shape.count == 2, shape[0] > 0, shape[1] > 0 else {
            throw RecordingError.badShape(file: file, dataset: dataset, expected: "a 2-D (cells, time) or (time, cells) array", found: "shape \(shape)")
        }
        let (a, b) = (shape[0], shape[1])
        func make(_ cellsFirst: Bool) -> Resolved {
            cellsFirst ? Resolved(cellsFirst: true, cells: a, bins: b) : Resolved(cellsFirst: false, cells: b, bins: a)
        }
        let exactA = a == frames, exactB = b == frames
        if exactA && exactB { throw RecordingError.ambiguousOrientation(path: file, dataset: dataset, shape: shape, stimulusFrames: frames) }
        if exactB { return make(true) }
        if exactA { return make(false) }
        let nearA = abs(a - frames) == 1, nearB = abs(b - frames) == 1
        if nearA && nearB { throw RecordingError.ambiguousOrientation(path: file, dataset: dataset, shape: shape, stimulusFrames: frames) }
        if nearB { return make(true) }
        if nearA { return make(false) }
        throw RecordingError.lengthMismatch(path: file, dataset: dataset, stimulusFrames: frames,
                                            responseBins: preferCellsFirst ? b : a)
    }

    /// Row-major frames × cells values from the stored array (transposing cells × time).
    static func timeMajor(_ values: [Float], _ r: Resolved) -> [Float] {
        guard r.cellsFirst else { return values }
        var out = [Float](repeating: 0, count: values.count)
        for c in 0..<r.cells { for t in 0..<r.bins { out[t * r.cells + c] = values[c * r.bins + t] } }
        return out
    }
}

extension RecordingError {
    static func badShape(file: String, dataset: String, expected: String, found: String) -> RecordingError {
        .badShape(path: file, dataset: dataset, expected: expected, found: found)
    }
}

/// Finite-value check shared by the readers.
func requireFinite<C: Collection>(_ values: C, file: String, dataset: String) throws where C.Element == Float, C.Index == Int {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
        throw RecordingError.nonFinite(path: file, dataset: dataset, index: i - values.startIndex)
    }
}
