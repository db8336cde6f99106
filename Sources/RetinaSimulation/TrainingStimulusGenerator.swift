import Dispatch
import RetinaCore

/// Builds the training movie of a ``TrainingStimulusRecipe``.
///
/// Determinism: block kinds are fixed by the shares (largest remainder) and shuffled with
/// `SeededRandom.stream(seed:index: UInt64.max)`; block i is drawn from
/// `SeededRandom.stream(seed:index: i)` alone. Blocks are generated in parallel, and the movie does not
/// depend on the number of threads. The last block is cut short when `frames` is not a multiple of
/// `blockFrames` (its content equals the first frames of the full block).
public struct TrainingStimulusGenerator: Sendable {
    public let recipe: TrainingStimulusRecipe

    public init(recipe: TrainingStimulusRecipe) throws {
        try recipe.validate()
        self.recipe = recipe
    }

    /// Number of blocks for a movie of `frames` frames.
    public func blockCount(frames: Int) -> Int { (frames + recipe.blockFrames - 1) / recipe.blockFrames }

    /// The kind of every block (exact shares by largest remainder, seeded shuffle).
    public func blockKinds(blocks: Int, seed: UInt64) -> [TrainingBlockKind] {
        let shares = [recipe.naturalShare, recipe.whiteNoiseShare, recipe.fullFieldFlickerShare]
        let total = shares.reduce(0, +)
        let exact = shares.map { $0 / total * Double(blocks) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = (0..<3).sorted { (exact[$0] - Double(counts[$0])) > (exact[$1] - Double(counts[$1])) }
        var missing = blocks - counts.reduce(0, +)
        for k in order where missing > 0 { counts[k] += 1; missing -= 1 }
        var kinds: [TrainingBlockKind] = []
        for (k, kind) in TrainingBlockKind.allCases.enumerated() {
            kinds += Array(repeating: kind, count: counts[k])
        }
        var rng = SeededRandom.stream(seed: seed, index: UInt64.max)
        if kinds.count > 1 {
            for i in stride(from: kinds.count - 1, to: 0, by: -1) {
                let j = Int(rng.uniform() * Double(i + 1))
                kinds.swapAt(i, min(j, i))
            }
        }
        return kinds
    }

    /// The training movie: `frames × screenHeight × screenWidth` contrast in [−1, 1].
    public func movie(frames: Int, seed: UInt64, threads: Int = SimulatedRetina.defaultThreadCount) -> Movie {
        let H = recipe.screenHeight, W = recipe.screenWidth, P = H * W
        let B = recipe.blockFrames
        let blocks = blockCount(frames: frames)
        let kinds = blockKinds(blocks: blocks, seed: seed)
        var values = [Float](repeating: 0, count: frames * P)
        let recipe = self.recipe
        values.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(base: buffer.baseAddress)
            let workers = max(1, min(threads, blocks))
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var b = w
                while b < blocks {
                    let n = min(B, frames - b * B)
                    var rng = SeededRandom.stream(seed: seed, index: UInt64(b))
                    let dst = out.base! + b * B * P
                    switch kinds[b] {
                    case .natural:
                        NaturalSceneBlock.fill(dst, frames: n, height: H, width: W, settings: recipe.natural, random: &rng)
                    case .whiteNoise:
                        WhiteNoiseBlock.fill(dst, frames: n, height: H, width: W, settings: recipe.whiteNoise, random: &rng)
                    case .fullFieldFlicker:
                        FullFieldFlickerBlock.fill(dst, frames: n, height: H, width: W, settings: recipe.fullFieldFlicker,
                                                   imageSizePixels: recipe.natural.imageSizePixels, random: &rng)
                    }
                    b += workers
                }
            }
        }
        return Movie(frames: frames, height: H, width: W, values: values)
    }
}

/// The training movie of `recipe` (see ``TrainingStimulusGenerator``), 50 × 50 unless the recipe
/// says otherwise; deterministic for a seed, independent of `threads`.
public func trainingMovie(recipe: TrainingStimulusRecipe, frames: Int, seed: UInt64,
                          threads: Int = SimulatedRetina.defaultThreadCount) throws -> Movie {
    try TrainingStimulusGenerator(recipe: recipe).movie(frames: frames, seed: seed, threads: threads)
}

/// A raw output pointer shared by the block workers; each writes a disjoint block range.
struct SendablePointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>?
}

extension SeededRandom {
    /// Uniform integer in `lo…hi` (inclusive).
    mutating func integer(_ lo: Int, _ hi: Int) -> Int {
        if hi <= lo { return lo }
        return min(hi, lo + Int(uniform() * Double(hi - lo + 1)))
    }
}
