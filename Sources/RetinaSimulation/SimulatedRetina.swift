import Dispatch
import RetinaCore
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The simulated ground-truth retina of `docs/ground-truth-retina.md` (§2 equations, §3 parameters):
/// shared OFF / ON-fast / ON-slow bipolars, a thresholded wide-field OFF-driven amacrine that gates
/// the ON terminal and inhibits the ganglion cells, per-cell Gaussian pooling, a fast divisive gain
/// control and a softplus output.
///
/// Screens: `screen` is the nominal size (50 × 50 for training). A movie may also collapse either
/// axis to 1 pixel, meaning "uniform along that axis": a 1 × 1 movie is a full-field stimulus and a
/// 1 × W strip a vertically uniform one (full-height bars). Both give the same rates as the
/// corresponding full-screen movie (to float rounding, ~1e-4 Hz), at a fraction of the cost.
///
/// Time: frame t's rate uses frames ≤ t (zero contrast before frame 0). `rates(for:)` follows the
/// ``ResponseModel`` row convention with `historyFrames = 40` (row i = frame i + 39, as the CNN);
/// ``ratesAllFrames(for:threads:)`` has one row per frame.
public struct SimulatedRetina: ResponseModel, Codable, Equatable {
    public var parameters: RetinaParameters
    public var cells: [GanglionCellParameters]
    public var screenHeight: Int
    public var screenWidth: Int

    public init(parameters: RetinaParameters = .salamander,
                cells: [GanglionCellParameters] = GanglionCellParameters.salamanderPopulation,
                screenHeight: Int = 50, screenWidth: Int = 50) {
        self.parameters = parameters; self.cells = cells
        self.screenHeight = screenHeight; self.screenWidth = screenWidth
    }

    /// The 8-cell population of docs/ground-truth-retina.md §3.2 on the 50 × 50 screen.
    public static let salamander = SimulatedRetina()

    // MARK: ResponseModel

    /// Every spatial stage is shift-invariant with edge replication, so a uniform axis cut to one
    /// pixel gives the same rates (full field on 1 × 1, vertical bars on 1 × W).
    public var acceptsReducedScreens: Bool { true }

    public var cellCount: Int { cells.count }
    /// The row convention of `rates(for:)`, ``rowConventionFrames`` (40): row i = frame i + 39, so rows
    /// line up with a 40-frame CNN's. Not a memory limit — the retina integrates its whole past (the
    /// memory-coverage check restricts it to a model's window with `WindowTruncatedModel`), and the
    /// protocols' gray lead-in is raised to whichever model is analysed; wherever a model is at hand,
    /// its own window is used, not this.
    public var historyFrames: Int { Self.rowConventionFrames }
    /// 40 frames (400 ms): the first row of the retina's rate matrices is frame 39 (docs/ground-truth-retina.md).
    public static let rowConventionFrames = 40
    public var screen: (height: Int, width: Int) { (screenHeight, screenWidth) }
    public var cellCentres: [(y: Double, x: Double)]? { cells.map { ($0.centreYPixels, $0.centreXPixels) } }

    /// Noise-free rates (Hz); row i = frame i + 39 (`movie.windowCount(history: 40)` rows).
    public func rates(for movie: Movie) throws -> RateMatrix {
        try rates(for: movie, windowFrames: historyFrames)
    }

    /// Noise-free rates (Hz) on the rows of a model with a `windowFrames` history: row i = frame
    /// i + windowFrames − 1 (`movie.windowCount(history: windowFrames)` rows). The retina itself still
    /// remembers every frame from 0 on (this only chooses the rows; see ``WindowTruncatedModel`` for a
    /// retina restricted to its last frames).
    public func rates(for movie: Movie, windowFrames: Int) throws -> RateMatrix {
        precondition(windowFrames >= 1, "windowFrames must be ≥ 1")
        let all = try ratesAllFrames(for: movie)
        let skip = windowFrames - 1
        let rows = movie.windowCount(history: windowFrames)
        return RateMatrix(rows: rows, cells: all.cells,
                          valuesHz: rows == 0 ? [] : Array(all.valuesHz[(skip * all.cells)...]))
    }

    // MARK: Simulation

    /// Default worker count: the machine's active processors.
    public static var defaultThreadCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Noise-free firing rates (Hz), one row per frame:
    /// `r_j(t) = R_max · softplus(β·(v_j(t)/g_ref,j − θ_out)) / β`.
    public func ratesAllFrames(for movie: Movie, threads: Int = SimulatedRetina.defaultThreadCount) throws -> RateMatrix {
        let v = try drivesAllFrames(for: movie, threads: threads)
        let p = parameters
        var out = [Float](repeating: 0, count: v.count)
        let C = cells.count
        for i in v.indices {
            out[i] = Float(Self.softplusRate(drive: v[i], referenceDrive: cells[i % C].referenceDrive, parameters: p))
        }
        return RateMatrix(rows: movie.frames, cells: C, valuesHz: out)
    }

    /// `R_max · softplus(β·(v/g_ref − θ_out)) / β`, computed stably (`log1p(exp(−|z|)) + max(z, 0)`).
    @inline(__always)
    static func softplusRate(drive v: Double, referenceDrive g: Double, parameters p: RetinaParameters) -> Double {
        let z = p.softplusBeta * (v / g - p.outputThreshold)
        let softplus = max(z, 0) + log1p(exp(-abs(z)))
        return p.maximumRateHz * softplus / p.softplusBeta
    }

    /// The gain-controlled drive `v_j(t)` before the output nonlinearity, row-major `frames × cells`
    /// (index `t · cellCount + j`). Used for calibration (`g_ref` = its peak for reference stimuli).
    ///
    /// The movie is cut into time chunks run in parallel on `threads` workers; each chunk restarts
    /// `3 · (taps − 1)` frames early, which reproduces the sequential result exactly, so the output
    /// does not depend on `threads`.
    public func drivesAllFrames(for movie: Movie, threads: Int = SimulatedRetina.defaultThreadCount) throws -> [Double] {
        try validate(movie: movie)
        let engine = RetinaEngine(parameters: parameters, cells: cells, height: movie.height, width: movie.width)
        let T = movie.frames, C = cells.count
        var out = [Double](repeating: 0, count: T * C)
        if T == 0 || C == 0 { return out }
        let workers = max(1, threads)
        // Chunks long against the warm-up (≥ 1024 frames), at most 5000, about 2 per worker for short movies.
        let chunkLength = max(1024, min(5000, (T + 2 * workers - 1) / (2 * workers)))
        let chunks = (T + chunkLength - 1) / chunkLength
        movie.values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let shared = SharedPointers(movie: src.baseAddress!, output: dst.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { w in
                    var c = w
                    while c < chunks {
                        let lo = c * chunkLength, hi = min(T, lo + chunkLength)
                        engine.run(movie: shared.movie, frames: lo..<hi, output: shared.output + lo * C)
                        c += workers
                    }
                }
            }
        }
        return out
    }

    /// Checks parameters and that `movie` fits the screen (each axis equal to the screen's or 1).
    public func validate(movie: Movie) throws {
        try parameters.validate()
        for (i, c) in cells.enumerated() { try c.validate(index: i) }
        let okH = movie.height == screenHeight || movie.height == 1
        let okW = movie.width == screenWidth || movie.width == 1
        if !(okH && okW) {
            throw SimulationError.screenMismatch(
                expected: "\(screenHeight)x\(screenWidth) pixels, or 1 along a uniform axis",
                found: "\(movie.height)x\(movie.width)")
        }
    }
}

/// Raw pointers handed to the worker threads; each worker writes a disjoint range of `output`.
private struct SharedPointers: @unchecked Sendable {
    let movie: UnsafePointer<Float>
    let output: UnsafeMutablePointer<Double>
}
