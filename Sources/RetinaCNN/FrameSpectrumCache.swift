import RetinaCore

/// Grid-1 spectra of the frames of a training movie, in the blocked layout (`SpectrumBlocks`).
///
/// Every frame belongs to `historyFrames` consecutive windows, so its spectrum is computed once
/// and reused by all of them (and across epochs). With the whole movie cached, conv1 of a window
/// costs only the products of its T frame spectra with the C1·T kernel spectra plus C1 inverse
/// transforms. Memory: `frames × 2·H·(W/2+1)` floats, padded to whole blocks (10.75 KB per
/// 50×50 frame, 2.15 GB for 200,000 frames). When that exceeds the limit, spectra are computed
/// per batch for the frames its windows need (each needed frame once per batch).
final class FrameSpectrumCache: @unchecked Sendable {
    let frames: Int
    /// Whole-movie spectra, or nil when computed per batch.
    private let storage: UnsafeMutablePointer<Float>?
    private let movie: Movie
    private let plans: ConvolutionPlans
    private let workspaces: [Workspace]

    init(movie: Movie, plans: ConvolutionPlans, limitBytes: Int, workspaces: [Workspace]) {
        self.movie = movie
        self.plans = plans
        self.workspaces = workspaces
        frames = movie.frames
        let layout = SpectrumBlocks(grid: plans.grid1, count: frames)
        if layout.floats * MemoryLayout<Float>.stride <= limitBytes && frames > 0 {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: layout.floats)
            storage = p
            let chunk = 256
            let chunks = (frames + chunk - 1) / chunk
            let box = UncheckedSendable(p)
            let frames = self.frames
            movie.values.withUnsafeBufferPointer { px in
                Parallel.forEachPart(count: chunks, workers: workspaces.count) { part, range in
                    for c in range {
                        let lo = c * chunk, n = min(chunk, frames - lo)
                        plans.blockedFrameSpectra(px.baseAddress! + lo * movie.pixelsPerFrame, frames: n, first: lo,
                                                  total: frames, into: box.value, workspace: workspaces[part])
                    }
                }
            }
        } else {
            storage = nil
        }
    }

    deinit { storage?.deallocate() }

    var isWholeMovieCached: Bool { storage != nil }

    /// Blocked spectra for windows starting at `starts`: the base pointer, the number M of spectra
    /// in that blocked array, and for every window the index of its first frame (its T frames
    /// follow consecutively). `buffer` holds per-batch spectra when the movie is not cached.
    func spectra(forWindowStarts starts: [Int], history: Int, buffer: FloatBuffer)
        -> (base: UnsafePointer<Float>, count: Int, firstFrame: [Int]) {
        if let storage { return (UnsafePointer(storage), frames, starts) }
        // Merge the windows' frame intervals; frames of one window stay consecutive.
        let order = starts.indices.sorted { starts[$0] < starts[$1] }
        var intervals: [(lo: Int, hi: Int, slot: Int)] = []
        var firstFrame = [Int](repeating: 0, count: starts.count)
        var slots = 0
        for i in order {
            let lo = starts[i], hi = lo + history
            if let last = intervals.last, lo <= last.hi {
                if hi > last.hi { slots += hi - last.hi; intervals[intervals.count - 1].hi = hi }
            } else {
                intervals.append((lo, hi, slots)); slots += history
            }
            let iv = intervals[intervals.count - 1]
            firstFrame[i] = iv.slot + (lo - iv.lo)
        }
        let out = buffer.reserve(SpectrumBlocks(grid: plans.grid1, count: slots).floats)
        let box = UncheckedSendable(out)
        let list = intervals, total = slots, plans = self.plans, ws = workspaces, movie = self.movie
        movie.values.withUnsafeBufferPointer { px in
            Parallel.forEachPart(count: list.count, workers: ws.count) { part, range in
                for k in range {
                    let iv = list[k]
                    plans.blockedFrameSpectra(px.baseAddress! + iv.lo * movie.pixelsPerFrame, frames: iv.hi - iv.lo,
                                              first: iv.slot, total: total, into: box.value, workspace: ws[part])
                }
            }
        }
        return (UnsafePointer(out), slots, firstFrame)
    }
}
