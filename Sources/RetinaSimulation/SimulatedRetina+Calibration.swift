import RetinaCore

extension SimulatedRetina {
    /// Frames of the reference flash movie: 30 gray, 2 frames of contrast −1, 68 gray.
    static let referenceFlashFrames = 100
    /// Bar reference: 30 gray frames, 350 frames of motion at 0.2 px/frame from 35 px before to
    /// 35 px after the cell centre, 40 gray frames.
    static let referenceBarMotionFrames = 350

    /// The full-field reference stimulus of docs/ground-truth-retina.md §2.7: 30 gray frames, a dark 20 ms flash (contrast −1
    /// at frames 30–31), then gray.
    public static func referenceFlash() -> [Float] {
        var trace = [Float](repeating: 0, count: referenceFlashFrames)
        trace[30] = -1; trace[31] = -1
        return trace
    }

    /// The moving-bar reference stimulus of docs/ground-truth-retina.md §2.7 as a 1 × `width` strip: a full-height 4 px dark
    /// bar (anti-aliased: pixel = −1 × covered fraction of the pixel, pixel centres at 0…width−1),
    /// 30 gray frames, then its centre moves from `centreXPixels − 35` at 0.2 px/frame for 350 frames,
    /// then 40 gray frames. For a cell at x = 25 on a 50 px strip this is the §11.2 port-check bar.
    public static func referenceBar(centreXPixels xc: Double, width: Int) -> Movie {
        let frames = 30 + referenceBarMotionFrames + 40
        var v = [Float](repeating: 0, count: frames * width)
        for i in 0..<referenceBarMotionFrames {
            let centre = xc - 35 + 0.2 * Double(i)
            let lo = centre - 2, hi = centre + 2
            for x in 0..<width {
                let cover = min(Double(x) + 0.5, hi) - max(Double(x) - 0.5, lo)
                v[(30 + i) * width + x] = -Float(min(max(cover, 0), 1))
            }
        }
        return Movie(frames: frames, height: 1, width: width, values: v)
    }

    /// The largest drive `v_j` of each cell over the two reference stimuli of docs/ground-truth-retina.md §2.7 (the flash as a
    /// 1 × 1 movie, the bar as a 1 × screenWidth strip, one run per distinct cell column).
    public func referencePeakDrives() throws -> [Double] {
        let flash = try drivesAllFrames(for: Movie.fullField(Self.referenceFlash(), height: 1, width: 1))
        let C = cells.count
        var peak = (0..<C).map { j in stride(from: j, to: flash.count, by: C).map { flash[$0] }.max() ?? 0 }
        for xc in Set(cells.map(\.centreXPixels)) {
            let v = try drivesAllFrames(for: Self.referenceBar(centreXPixels: xc, width: screenWidth))
            for j in 0..<C where cells[j].centreXPixels == xc {
                let m = stride(from: j, to: v.count, by: C).map { v[$0] }.max() ?? 0
                peak[j] = max(peak[j], m)
            }
        }
        return peak
    }

    /// This retina with every `g_ref` recomputed as the larger peak drive of the two reference
    /// stimuli (docs/ground-truth-retina.md §2.7; done for every ablation row, §7). A cell whose peak drive is not positive
    /// (it never responds to either stimulus) keeps its previous `g_ref`, so its rate stays finite.
    ///
    /// For the 8 cells this returns the table values of docs/ground-truth-retina.md §3.2 to < 0.1 % (the flash always wins).
    public func recalibrated() throws -> SimulatedRetina {
        let peaks = try referencePeakDrives()
        var copy = self
        for j in copy.cells.indices where peaks[j] > 1e-9 {
            copy.cells[j].referenceDrive = peaks[j]
        }
        return copy
    }

    /// This retina with `ablations` applied (docs/ground-truth-retina.md §7) and, by default, re-calibrated as §7 does.
    public func ablated(_ ablations: Set<RetinaAblation>, recalibrate: Bool = true) throws -> SimulatedRetina {
        var copy = self
        copy.parameters = parameters.applying(ablations)
        copy.cells = cells.map { $0.applying(ablations) }
        return recalibrate ? try copy.recalibrated() : copy
    }
}
