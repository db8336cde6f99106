import RetinaCore

extension Recording {
    /// The recording restricted to `cells` (indices into ``cellIDs``, in the given order).
    /// Throws `invalidSelection` naming `--cells` for an index out of range or a repeat.
    public func selecting(cells: [Int]) throws -> Recording {
        guard !cells.isEmpty, Set(cells).count == cells.count, cells.allSatisfy({ (0..<cellCount).contains($0) }) else {
            throw RecordingError.invalidSelection(option: "--cells", expected: "distinct indices in 0…\(cellCount - 1)", found: "\(cells)")
        }
        func pick(_ values: [Float], rows: Int) -> [Float] {
            var out = [Float](); out.reserveCapacity(rows * cells.count)
            for r in 0..<rows { for c in cells { out.append(values[r * cellCount + c]) } }
            return out
        }
        func split(_ s: Split) -> Split {
            Split(stimulus: s.stimulus, responses: pick(s.responses, rows: s.frames),
                  repeats: s.repeats.map { pick($0, rows: s.repeatCount * s.frames) }, repeatCount: s.repeatCount)
        }
        var r = self
        r.train = split(train); r.test = test.map(split); r.cellIDs = cells.map { cellIDs[$0] }
        return r
    }

    /// The recording with every frame cropped to the square `size × size` at top-left (`y`, `x`).
    /// Any values are refused without arithmetic that could overflow (`y ≤ h − size`, not `y + size ≤ h`).
    public func cropped(y: Int, x: Int, size: Int) throws -> Recording {
        let (h, w) = frameSize
        guard size >= 1, size <= h, size <= w, y >= 0, x >= 0, y <= h - size, x <= w - size else {
            throw RecordingError.invalidSelection(option: "--crop", expected: "y,x,size inside the \(h)×\(w) frame", found: "\(y),\(x),\(size)")
        }
        func crop(_ m: Movie) -> Movie {
            var v = [Float](); v.reserveCapacity(m.frames * size * size)
            for t in 0..<m.frames { for yy in y..<(y + size) { let row = (t * m.height + yy) * m.width; v += m.values[(row + x)..<(row + x + size)] } }
            return Movie(frames: m.frames, height: size, width: size, values: v)
        }
        var r = self
        r.train.stimulus = crop(train.stimulus)
        if let t = test { r.test?.stimulus = crop(t.stimulus) }
        return r
    }
}
