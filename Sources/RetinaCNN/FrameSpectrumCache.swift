import RetinaCore

/// Grid-1 spectra of the frames of a training movie.
///
/// Every frame belongs to `historyFrames` consecutive windows, so its spectrum is computed once
/// and reused by all of them (and across epochs). With the whole movie cached, conv1 of a window
/// costs only the products of its T frame spectra with the C1·T kernel spectra plus C1 inverse
/// transforms. Memory: `frames × 2·H·(W/2+1)` floats (10.4 KB per 50×50 frame, 2.1 GB for
/// 200,000 frames). When that exceeds the limit, spectra are computed per batch for the frames
/// its windows need (each needed frame once per batch).
final class FrameSpectrumCache: @unchecked Sendable {
    let frames: Int
    let floatsPerFrame: Int
    /// Whole-movie spectra, or nil when computed per batch.
    private let storage: UnsafeMutablePointer<Float>?
    private let movie: Movie
    private let engine: InferenceEngine

    init(movie: Movie, engine: InferenceEngine, limitBytes: Int, workers: Int) {
        self.movie = movie
        self.engine = engine
        frames = movie.frames
        floatsPerFrame = engine.plans.grid1.spectrumFloats
        let bytes = frames * floatsPerFrame * MemoryLayout<Float>.stride
        if bytes <= limitBytes && frames > 0 {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: frames * floatsPerFrame)
            storage = p
            let chunk = 256
            let chunks = (frames + chunk - 1) / chunk
            let box = UncheckedSendable(p)
            movie.values.withUnsafeBufferPointer { px in
                Parallel.forEachPart(count: chunks, workers: workers) { _, part in
                    engine.withWorkspace { w in
                        for c in part {
                            let lo = c * chunk, n = min(chunk, frames - lo)
                            engine.frameSpectra(px.baseAddress! + lo * movie.pixelsPerFrame, frames: n,
                                                output: box.value + lo * self.floatsPerFrame, workspace: w)
                        }
                    }
                }
            }
        } else {
            storage = nil
        }
    }

    deinit { storage?.deallocate() }

    var isWholeMovieCached: Bool { storage != nil }

    /// Spectra for windows starting at `starts`: returns the base pointer and, for every window,
    /// the index (in spectra) of its first frame; its T frames follow consecutively.
    /// `buffer` holds per-batch spectra when the movie is not cached.
    func spectra(forWindowStarts starts: [Int], history: Int, buffer: FloatBuffer,
                 workers: Int) -> (base: UnsafePointer<Float>, firstFrame: [Int]) {
        if let storage { return (UnsafePointer(storage), starts) }
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
        let out = buffer.reserve(slots * floatsPerFrame)
        let box = UncheckedSendable(out)
        let list = intervals
        movie.values.withUnsafeBufferPointer { px in
            Parallel.forEachPart(count: list.count, workers: workers) { _, part in
                engine.withWorkspace { w in
                    for k in part {
                        let iv = list[k]
                        engine.frameSpectra(px.baseAddress! + iv.lo * movie.pixelsPerFrame, frames: iv.hi - iv.lo,
                                            output: box.value + iv.slot * self.floatsPerFrame, workspace: w)
                    }
                }
            }
        }
        return (UnsafePointer(out), firstFrame)
    }
}
