import Foundation
import RetinaCore

/// What `EngineBenchmark.run` measures, and on which sizes.
public struct EngineBenchmarkConfiguration: Codable, Sendable, Equatable {
    public var architecture: BNCNNArchitecture
    /// Training batch size.
    public var batchSize: Int
    /// Timed training steps (after one warm-up step).
    public var trainingSteps: Int
    /// Windows of the inference movie (`rates(for:)`).
    public var inferenceWindows: Int
    /// Windows and α-steps of the layer-1 integrated-gradients measurement.
    public var integratedGradientWindows: Int
    public var alphaSteps: Int
    /// Frames of the random training movie.
    public var trainingMovieFrames: Int
    public var workers: Int
    public var seed: UInt64

    /// The brief's figures: full-size network, 8 cells, batch 64.
    public init(architecture: BNCNNArchitecture = .paper(cells: 8), batchSize: Int = 64, trainingSteps: Int = 10,
                inferenceWindows: Int = 1000, integratedGradientWindows: Int = 8, alphaSteps: Int = 100,
                trainingMovieFrames: Int = 5000, workers: Int = 2, seed: UInt64 = 1) {
        self.architecture = architecture; self.batchSize = batchSize; self.trainingSteps = trainingSteps
        self.inferenceWindows = inferenceWindows; self.integratedGradientWindows = integratedGradientWindows
        self.alphaSteps = alphaSteps; self.trainingMovieFrames = trainingMovieFrames; self.workers = workers; self.seed = seed
    }
}

/// Throughputs measured by `EngineBenchmark.run` (wall-clock, this process only).
public struct EngineBenchmarkResult: Codable, Sendable, Equatable {
    public var configuration: EngineBenchmarkConfiguration
    /// Inference windows per second (`rates(for:)` on a contiguous movie, frame spectra included).
    public var inferenceSamplesPerSecond: Double
    /// Training samples per second (batch size / median step time; forward + backward + Adam).
    public var trainingSamplesPerSecond: Double
    /// Median and fastest training step, seconds.
    public var trainingStepSecondsMedian: Double
    public var trainingStepSecondsBest: Double
    /// Layer-1 integrated gradients: (window × α-step) evaluations per second, conv1 computed once
    /// per window and `layer1Gradient` called with all α-steps of a window as one batch.
    public var integratedGradientStepsPerSecond: Double
    /// One-off cost of the training movie's frame-spectrum cache, seconds.
    public var spectrumCacheSeconds: Double
}

/// Measures the engine's throughput on random data (prints nothing; the CLI formats the result).
public enum EngineBenchmark {
    public static func run(_ c: EngineBenchmarkConfiguration = .init()) throws -> EngineBenchmarkResult {
        let a = c.architecture
        var rng = SeededRandom(seed: c.seed)
        let model = try BNCNN(architecture: a, seed: c.seed)
        func movie(_ frames: Int) -> Movie {
            Movie(frames: frames, height: a.height, width: a.width,
                  values: (0..<(frames * a.height * a.width)).map { _ in Float(rng.uniform(-1, 1)) })
        }

        // Inference.
        let inferenceMovie = movie(c.inferenceWindows + a.historyFrames - 1)
        _ = try model.rates(for: inferenceMovie.slice(frames: 0..<min(inferenceMovie.frames, a.historyFrames + 31)))
        var t0 = now()
        _ = try model.rates(for: inferenceMovie)
        let inference = Double(c.inferenceWindows) / (now() - t0)

        // Training.
        let trainMovie = movie(c.trainingMovieFrames)
        t0 = now()
        let trainer = try BNCNNTrainer(model: model, movie: trainMovie, l2: 1e-4, seed: c.seed,
                                       options: BNCNNTrainerOptions(workers: c.workers))
        let cacheSeconds = now() - t0
        let lastStart = c.trainingMovieFrames - a.historyFrames
        func batch() -> TrainingBatch {
            TrainingBatch(windowStarts: (0..<c.batchSize).map { _ in Int(rng.uniform(0, Double(lastStart + 1))) },
                          targets: (0..<(c.batchSize * a.cells)).map { _ in Float(rng.poisson(2)) })
        }
        try trainer.step(batch(), learningRate: 1e-3)
        var times: [Double] = []
        for _ in 0..<max(1, c.trainingSteps) {
            let b = batch()
            let t = now()
            try trainer.step(b, learningRate: 1e-3)
            times.append(now() - t)
        }
        times.sort()
        let median = times[times.count / 2]

        // Integrated gradients to layer 1.
        let igMovie = movie(c.integratedGradientWindows + a.historyFrames - 1)
        let weights = [Float](repeating: 1 / Float(a.cells), count: a.cells)
        t0 = now()
        let z = model.layer1Preactivations(of: igMovie)
        let u = a.layer1Units, mapSize = a.layer1MapSize
        // The baseline (gray screen) per unit, then α·(z − b) + b for every α (as the PyTorch harness).
        let baseline = (0..<u).map { model.conv1Bias[$0 / mapSize] }
        var batch = [Float](repeating: 0, count: c.alphaSteps * u)
        for w in 0..<c.integratedGradientWindows {
            batch.withUnsafeMutableBufferPointer { out in z.withUnsafeBufferPointer { zp in baseline.withUnsafeBufferPointer { b in
                for k in 0..<c.alphaSteps {
                    let alpha = c.alphaSteps == 1 ? 1 : Float(k) / Float(c.alphaSteps - 1)
                    let row = out.baseAddress! + k * u, zw = zp.baseAddress! + w * u
                    for i in 0..<u { row[i] = alpha * (zw[i] - b[i]) + b[i] }
                }
            }}}
            _ = model.layer1Gradient(batch, count: c.alphaSteps, cellWeights: weights)
        }
        let ig = Double(c.integratedGradientWindows * c.alphaSteps) / (now() - t0)

        return EngineBenchmarkResult(configuration: c, inferenceSamplesPerSecond: inference,
                                     trainingSamplesPerSecond: Double(c.batchSize) / median,
                                     trainingStepSecondsMedian: median, trainingStepSecondsBest: times[0],
                                     integratedGradientStepsPerSecond: ig, spectrumCacheSeconds: cacheSeconds)
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
