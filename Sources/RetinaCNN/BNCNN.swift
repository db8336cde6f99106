import RetinaCore

/// The paper's 3-layer BN-CNN (docs/method.md §3.1) as a `ResponseModel`.
///
/// Row `i` of `rates(for:)` is the inference-mode rate (Hz; batch norms use their running
/// statistics, no noise) for the window of `historyFrames` frames ending at frame
/// `i + historyFrames − 1`. The frames of a window are the input channels, oldest first.
///
/// Convolutions are cross-correlations (PyTorch `Conv2d`), valid, stride 1, computed in the
/// frequency domain (see `DFTGrid`, `ForwardRealDFT`); they agree with the direct sums to
/// about 1e-6 of the magnitude of the terms (Float32).
public struct BNCNN: ResponseModel, Equatable {
    public let architecture: BNCNNArchitecture
    /// The learned tensors (immutable: build a new model with `init(architecture:parameters:)`,
    /// which validates them and pre-transforms the kernels in about a millisecond).
    public let parameters: BNCNNParameters
    /// Receptive-field centres (y, x) in pixels of the cells the model was trained on, if known
    /// (kept in the weights file's metadata).
    public var cellCentres: [(y: Double, x: Double)]?

    let engine: InferenceEngine

    /// A freshly initialised network (PyTorch default initialisation from `seed`, see
    /// `BNCNNParameters.init(architecture:seed:)`).
    public init(architecture: BNCNNArchitecture, seed: UInt64) throws {
        try architecture.validate()
        self.architecture = architecture
        let p = BNCNNParameters(architecture: architecture, seed: seed)
        parameters = p
        engine = InferenceEngine(architecture: architecture, parameters: p)
    }

    /// A network with given tensors; throws if a size does not match the architecture or a value
    /// is not finite.
    public init(architecture: BNCNNArchitecture, parameters: BNCNNParameters,
                cellCentres: [(y: Double, x: Double)]? = nil) throws {
        try architecture.validate()
        try parameters.validate(for: architecture)
        if let c = cellCentres, c.count != architecture.cells {
            throw RetinaCNNError.shapeMismatch(name: "cellCentres", expected: "\(architecture.cells) centres", found: "\(c.count)")
        }
        self.architecture = architecture
        self.parameters = parameters
        self.cellCentres = cellCentres
        engine = InferenceEngine(architecture: architecture, parameters: parameters)
    }

    public static func == (l: BNCNN, r: BNCNN) -> Bool {
        guard l.architecture == r.architecture, l.parameters == r.parameters else { return false }
        switch (l.cellCentres, r.cellCentres) {
        case (nil, nil): return true
        case let (a?, b?): return a.count == b.count && zip(a, b).allSatisfy { $0.y == $1.y && $0.x == $1.x }
        default: return false
        }
    }

    // MARK: ResponseModel

    public var cellCount: Int { architecture.cells }
    public var historyFrames: Int { architecture.historyFrames }
    public var screen: (height: Int, width: Int) { (architecture.height, architecture.width) }

    /// Inference rates for every complete window of `movie` (`movie.windowCount(history:)` rows).
    /// Throws `RetinaCNNError.stimulusMismatch` when the movie's frame size differs from the
    /// model's screen.
    public func rates(for movie: Movie) throws -> RateMatrix {
        try checkScreen(movie)
        let n = movie.windowCount(history: architecture.historyFrames)
        var out = [Float](repeating: 0, count: n * architecture.cells)
        out.withUnsafeMutableBufferPointer { o in
            forEachLayer1Chunk(of: movie) { range, z, w in
                engine.aboveLayer1(z: z, count: range.count, rates: o.baseAddress! + range.lowerBound * architecture.cells,
                                   cellWeights: nil, weightsPerMap: false, gradient: nil, workspace: w)
            }
        }
        return RateMatrix(rows: n, cells: architecture.cells, valuesHz: out)
    }

    func checkScreen(_ movie: Movie) throws {
        guard movie.height == architecture.height, movie.width == architecture.width else {
            throw RetinaCNNError.stimulusMismatch(
                "movie frames are \(movie.height)×\(movie.width) pixels, the model expects \(architecture.height)×\(architecture.width)")
        }
    }

    /// Computes z = conv1 + bias for the windows of `movie` in chunks, two workers in parallel,
    /// and hands each chunk (window range, `[count][C1][H1][W1]` maps, workspace) to `body`.
    /// Each chunk transforms its frames once; a frame's spectrum serves every window containing it.
    /// Movies of vertical bars or full-field frames take the 1-D route
    /// (``forEachColumnConstantLayer1Chunk(of:_:)``).
    func forEachLayer1Chunk(of movie: Movie, _ body: (Range<Int>, UnsafePointer<Float>, Workspace) -> Void) {
        if Self.isColumnConstant(movie) { return forEachColumnConstantLayer1Chunk(of: movie, body) }
        forEachSpectralLayer1Chunk(of: movie, body)
    }

    /// ``forEachLayer1Chunk(of:_:)`` through the frame spectra, for any movie.
    func forEachSpectralLayer1Chunk(of movie: Movie, _ body: (Range<Int>, UnsafePointer<Float>, Workspace) -> Void) {
        let a = architecture
        let n = movie.windowCount(history: a.historyFrames)
        guard n > 0 else { return }
        let chunk = 64
        let chunks = (n + chunk - 1) / chunk
        movie.values.withUnsafeBufferPointer { pixels in
            Parallel.forEachPart(count: chunks) { _, part in
                engine.withWorkspace { w in
                    for c in part {
                        let lo = c * chunk, hi = min(n, lo + chunk), count = hi - lo
                        let frames = count + a.historyFrames - 1
                        let spectra = w.frames.reserve(engine.frameSpectraFloats(frames))
                        engine.frameSpectra(pixels.baseAddress! + lo * movie.pixelsPerFrame, frames: frames,
                                            output: spectra, workspace: w)
                        let z = w.layer1.reserve(count * a.layer1Units)
                        engine.conv1(spectra: spectra, frameCount: frames, frameStarts: { $0 }, count: count, output: z, workspace: w)
                        body(lo..<hi, z, w)
                    }
                }
            }
        }
    }
}
