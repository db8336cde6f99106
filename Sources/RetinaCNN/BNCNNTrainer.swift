import RetinaCore

/// Trains a `BNCNN` on windows of one long movie (docs/method.md §3.2): training-mode forward
/// pass (batch statistics in every batch norm, Gaussian noise σ after BN1 and BN2), Poisson loss,
/// L2 penalty on both conv kernels, exact backward pass, Adam.
///
/// Owns the optimiser state, the workspaces and the frame-spectrum cache of the movie
/// (`FrameSpectrumCache`): batches are given as window start frames, never as materialised
/// windows. Work is split into `options.workers` fixed parts (samples, units or frequency bins
/// depending on the phase), so a step is deterministic for a given seed and worker count.
///
/// Objective: `mean_{b,j}(r − y·log(r + 1e-8)) + l2·(Σ W1² + Σ W2²) + s·Σ_τ (W1[τ+1] − W1[τ])²` (Keras `l2(l2)` regulariser
/// convention; PyTorch's `weight_decay = λ` corresponds to l2 = λ/2). The noise of step s, sample
/// b comes from `SeededRandom.stream(seed: seed, index: s·2²⁰ + b)`.
public final class BNCNNTrainer {
    public let architecture: BNCNNArchitecture
    public let l2: Float
    /// Weight s of the conv1 temporal-smoothness penalty s·Σ (W[c,τ+1,u,v] − W[c,τ,u,v])² (0 = off).
    /// Set before the first step; part of the objective like `l2`.
    public var temporalSmoothness: Float = 0
    /// Learning-rate factor for the output batch norm's γ₃ and β₃ (1 = plain Adam). Adam moves a
    /// parameter by about one learning rate per step, and these two alone set the rate scale in Hz,
    /// so reaching tens of Hz from γ₃ = 1 would otherwise take ~10⁴ steps.
    public var outputScaleLearningRateMultiplier: Float = 1
    public let seed: UInt64
    public let options: BNCNNTrainerOptions
    /// Number of optimisation steps taken.
    public internal(set) var stepCount = 0

    var parameters: BNCNNParameters
    var adam: AdamOptimizer
    private let movie: Movie
    let plans: ConvolutionPlans
    let cache: FrameSpectrumCache
    let buffers = TrainingBuffers()
    let workspaces: [Workspace]
    private let cellCentres: [(y: Double, x: Double)]?

    /// Prepares training of `model` on `movie` (computing the movie's frame spectra when they fit
    /// in `options.spectrumCacheLimitBytes`). Throws when the movie's frame size differs from the
    /// model's screen, the movie is shorter than one window, or l2 is negative.
    public init(model: BNCNN, movie: Movie, l2: Float, seed: UInt64, options: BNCNNTrainerOptions = .init()) throws {
        try model.checkScreen(movie)
        let a = model.architecture
        guard movie.frames >= a.historyFrames else {
            throw RetinaCNNError.stimulusMismatch("training movie has \(movie.frames) frames, fewer than one window of \(a.historyFrames)")
        }
        guard l2 >= 0, l2.isFinite else { throw RetinaCNNError.invalidArchitecture("l2 must be ≥ 0, found \(l2)") }
        architecture = a
        self.l2 = l2; self.seed = seed; self.options = options
        parameters = model.parameters
        cellCentres = model.cellCentres
        adam = AdamOptimizer(sizes: BNCNNGradients.sizes(a))
        self.movie = movie
        plans = model.engine.plans
        workspaces = (0..<options.workers).map { _ in Workspace() }
        cache = FrameSpectrumCache(movie: movie, plans: plans, limitBytes: options.spectrumCacheLimitBytes,
                                   workspaces: workspaces)
    }

    /// The current network (inference mode uses the running statistics).
    public var model: BNCNN {
        // Parameters are validated at init and stay finite unless training diverged; a
        // non-finite update is reported by `step` (its loss is then not finite).
        (try? BNCNN(architecture: architecture, parameters: parameters, cellCentres: cellCentres))
            ?? BNCNN(unchecked: architecture, parameters: parameters, cellCentres: cellCentres)
    }

    /// Whether the whole movie's frame spectra are cached.
    public var cachesWholeMovie: Bool { cache.isWholeMovieCached }

    /// One optimisation step on `batch` (≥ 2 windows): forward and backward in training mode,
    /// running-statistics update (momentum `bnMomentum`), Adam update with `learningRate`.
    /// Throws `RetinaCNNError.shapeMismatch` for a malformed batch.
    @discardableResult
    public func step(_ batch: TrainingBatch, learningRate: Float) throws -> TrainingStepResult {
        try validate(batch)
        let pass = runPass(batch, noise: .seeded(step: stepCount))
        var p = parameters
        pass.gradients.apply(to: &p, adam: &adam, learningRate: learningRate,
                             outputScaleMultiplier: outputScaleLearningRateMultiplier)
        let a = architecture, n = batch.count
        BatchNormKernels.updateRunning(&p.bn1, mean: pass.mean1, variance: pass.variance1,
                                       valuesPerGroup: n * (a.batchNorm == .perUnit ? 1 : a.layer1MapSize), momentum: a.bnMomentum)
        BatchNormKernels.updateRunning(&p.bn2, mean: pass.mean2, variance: pass.variance2,
                                       valuesPerGroup: n * (a.batchNorm == .perUnit ? 1 : a.layer2MapSize), momentum: a.bnMomentum)
        BatchNormKernels.updateRunning(&p.bn3, mean: pass.mean3, variance: pass.variance3, valuesPerGroup: n, momentum: a.bnMomentum)
        parameters = p
        stepCount += 1
        return TrainingStepResult(step: stepCount, poissonLoss: pass.loss, l2Penalty: pass.penalty, meanRateHz: pass.meanRate)
    }

    /// Inference-mode rates `[n, cells]` (running statistics, no noise) of the windows starting at
    /// `windowStarts`, using the cached frame spectra.
    public func evaluate(windowStarts: [Int]) throws -> [Float] {
        try validateStarts(windowStarts)
        let engine = InferenceEngine(architecture: architecture, parameters: parameters)
        let a = architecture
        var rates = [Float](repeating: 0, count: windowStarts.count * a.cells)
        let chunk = 256
        var lo = 0
        while lo < windowStarts.count {
            let hi = min(windowStarts.count, lo + chunk)
            let starts = Array(windowStarts[lo..<hi])
            let (base, frameCount, first) = cache.spectra(forWindowStarts: starts, history: a.historyFrames,
                                                          buffer: buffers.batchSpectra)
            let box = UncheckedSendable(base)
            rates.withUnsafeMutableBufferPointer { r in
                Parallel.forEachPart(count: starts.count, workers: options.workers) { part, range in
                    let w = workspaces[part]
                    let z = w.layer1.reserve(range.count * a.layer1Units)
                    engine.conv1Spectra.withUnsafeBufferPointer { k in
                        plans.conv1Forward(kernelSpectra: k.baseAddress!, bias: engine.conv1Bias, frameSpectra: box.value,
                                           frameCount: frameCount, firstFrame: { first[range.lowerBound + $0] }, count: range.count,
                                           output: z, workspace: w)
                    }
                    engine.aboveLayer1(z: z, count: range.count, rates: r.baseAddress! + (lo + range.lowerBound) * a.cells,
                                       cellWeights: nil, weightsPerMap: false, gradient: nil, workspace: w)
                }
            }
            lo = hi
        }
        return rates
    }

    private func validateStarts(_ starts: [Int]) throws {
        let last = movie.frames - architecture.historyFrames
        if let bad = starts.first(where: { $0 < 0 || $0 > last }) {
            throw RetinaCNNError.shapeMismatch(name: "windowStarts", expected: "starts in 0…\(last)", found: "\(bad)")
        }
    }

    private func validate(_ batch: TrainingBatch) throws {
        guard batch.count >= 2 else {
            throw RetinaCNNError.shapeMismatch(name: "TrainingBatch.windowStarts", expected: "at least 2 windows (batch statistics)",
                                               found: "\(batch.count)")
        }
        guard batch.targets.count == batch.count * architecture.cells else {
            throw RetinaCNNError.shapeMismatch(name: "TrainingBatch.targets", expected: "\(batch.count)×\(architecture.cells) values",
                                               found: "\(batch.targets.count)")
        }
        if let i = batch.targets.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw RetinaCNNError.shapeMismatch(name: "TrainingBatch.targets", expected: "finite values ≥ 0",
                                               found: "\(batch.targets[i]) at index \(i)")
        }
        try validateStarts(batch.windowStarts)
    }
}

extension BNCNN {
    /// Builds a model without validation (used only when training produced non-finite values, so
    /// the caller can still inspect them).
    init(unchecked architecture: BNCNNArchitecture, parameters: BNCNNParameters, cellCentres: [(y: Double, x: Double)]?) {
        self.architecture = architecture
        self.parameters = parameters
        self.cellCentres = cellCentres
        engine = InferenceEngine(architecture: architecture, parameters: parameters)
    }
}
