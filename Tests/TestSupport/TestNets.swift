import Foundation
import RetinaCNN
import RetinaCore

/// Tiny architectures, random parameters with non-trivial batch-norm statistics, random movies and
/// error measures for the engine tests.
public enum TestNets {
    /// 12 × 10 screen, 3 frames of history, 3 first-layer channels of 5 × 5, 2 second-layer channels of 3 × 3.
    public static func tiny(_ mode: BatchNormMode = .perUnit, cells: Int = 3) -> BNCNNArchitecture {
        BNCNNArchitecture(cells: cells, historyFrames: 3, height: 12, width: 10, conv1Channels: 3, conv1Kernel: 5,
                          conv2Channels: 2, conv2Kernel: 3, batchNorm: mode)
    }

    /// A model with random weights and BN statistics chosen so that roughly half the ReLUs are on.
    public static func randomModel(_ a: BNCNNArchitecture, seed: UInt64) throws -> BNCNN {
        var p = BNCNNParameters(architecture: a, seed: seed)
        var rng = SeededRandom(seed: seed &+ 99)
        func bn(_ n: Int, meanScale: Double, varScale: Double) -> BatchNormParameters {
            BatchNormParameters(gamma: (0..<n).map { _ in Float(rng.uniform(0.5, 1.5)) },
                                beta: (0..<n).map { _ in Float(rng.uniform(-0.3, 0.5)) },
                                runningMean: (0..<n).map { _ in Float(rng.uniform(-meanScale, meanScale)) },
                                runningVariance: (0..<n).map { _ in Float(varScale * rng.uniform(0.5, 2)) })
        }
        p.bn1 = bn(a.bn1Count, meanScale: 0.2, varScale: 0.3)
        p.bn2 = bn(a.bn2Count, meanScale: 0.2, varScale: 0.2)
        p.bn3 = bn(a.cells, meanScale: 0.1, varScale: 0.1)
        return try BNCNN(architecture: a, parameters: p)
    }

    /// A movie of independent standard-normal pixels.
    public static func randomMovie(frames: Int, height: Int, width: Int, seed: UInt64) -> Movie {
        var rng = SeededRandom(seed: seed)
        return Movie(frames: frames, height: height, width: width,
                     values: (0..<(frames * height * width)).map { _ in Float(rng.normal()) })
    }

    /// Window `i` of `movie` (`[T][H][W]`) as Doubles.
    public static func window(_ movie: Movie, _ i: Int, history: Int) -> [Double] {
        let n = movie.pixelsPerFrame
        return movie.values[(i * n)..<((i + history) * n)].map(Double.init)
    }

    /// max |x − y| / max(|y|, floor).
    public static func maxRelativeError(_ x: [Float], _ y: [Double], floor: Double = 1e-3) -> Double {
        precondition(x.count == y.count)
        let scale = max(floor, y.map(abs).max() ?? 0)
        return zip(x, y).map { abs(Double($0) - $1) }.max().map { $0 / scale } ?? 0
    }
}
