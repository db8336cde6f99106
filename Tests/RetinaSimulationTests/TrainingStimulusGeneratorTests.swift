import XCTest
import RetinaCore
@testable import RetinaSimulation

final class TrainingStimulusGeneratorTests: XCTestCase {
    /// A small, fast version of a recipe (short blocks, small screen and images).
    func small(_ base: TrainingStimulusRecipe, blockFrames: Int = 100, screen: Int = 12, image: Int = 64) -> TrainingStimulusRecipe {
        var r = base
        r.blockFrames = blockFrames; r.screenHeight = screen; r.screenWidth = screen
        r.natural.imageSizePixels = image
        return r
    }

    func frame(_ m: Movie, _ t: Int) -> ArraySlice<Float> { m.values[(t * m.pixelsPerFrame)..<((t + 1) * m.pixelsPerFrame)] }

    func testDeterministicAndIndependentOfThreads() throws {
        let recipe = small(.recommendedMix)
        let gen = try TrainingStimulusGenerator(recipe: recipe)
        let a = gen.movie(frames: 450, seed: 3, threads: 1)
        XCTAssertEqual(a.frames, 450); XCTAssertEqual(a.height, 12); XCTAssertEqual(a.width, 12)
        XCTAssertEqual(a, gen.movie(frames: 450, seed: 3, threads: 2))
        XCTAssertEqual(a, try trainingMovie(recipe: recipe, frames: 450, seed: 3, threads: 3))
        XCTAssertNotEqual(a, gen.movie(frames: 450, seed: 4, threads: 2))
        // A cut-short last block equals the start of the full block.
        let b = gen.movie(frames: 500, seed: 3)
        XCTAssertEqual(a.values[...], b.values[0..<(450 * 144)])
        XCTAssertTrue(a.values.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    func testBlockKindsFollowTheSharesInSeededOrder() throws {
        func counts(_ k: [TrainingBlockKind]) -> [Int] { TrainingBlockKind.allCases.map { c in k.filter { $0 == c }.count } }
        let nat = try TrainingStimulusGenerator(recipe: .naturalistic)
        XCTAssertEqual(counts(nat.blockKinds(blocks: 20, seed: 1)), [16, 4, 0])
        XCTAssertEqual(counts(nat.blockKinds(blocks: 7, seed: 1)), [6, 1, 0])
        let mix = try TrainingStimulusGenerator(recipe: .recommendedMix)
        XCTAssertEqual(counts(mix.blockKinds(blocks: 10, seed: 1)), [6, 2, 2])
        XCTAssertEqual(mix.blockKinds(blocks: 10, seed: 1), mix.blockKinds(blocks: 10, seed: 1))
        let orders = Set((0..<8).map { mix.blockKinds(blocks: 10, seed: UInt64($0)).map(\.rawValue).joined() })
        XCTAssertGreaterThan(orders.count, 4)
    }

    func testPresets() {
        let n = TrainingStimulusRecipe.naturalistic, m = TrainingStimulusRecipe.recommendedMix
        XCTAssertEqual([n.naturalShare, n.whiteNoiseShare, n.fullFieldFlickerShare], [0.8, 0.2, 0])
        XCTAssertEqual(n.blockFrames, 1000)
        XCTAssertEqual(n.natural.luminanceOffsetSD, 0.25); XCTAssertEqual(n.natural.imageSizePixels, 256)
        XCTAssertEqual(n.whiteNoise.refreshFramesMaximum, 1)
        XCTAssertEqual([m.naturalShare, m.whiteNoiseShare, m.fullFieldFlickerShare], [0.6, 0.2, 0.2])
        XCTAssertEqual(m.natural.luminanceOffsetSD, 0.45)
        XCTAssertEqual([m.whiteNoise.refreshFramesMinimum, m.whiteNoise.refreshFramesMaximum], [2, 3])
        let decoded = try! JSONDecoder().decode(TrainingStimulusRecipe.self, from: JSONEncoder().encode(m))
        XCTAssertEqual(decoded, m)
        var bad = n; bad.natural.imageSizePixels = 200
        XCTAssertThrowsError(try TrainingStimulusGenerator(recipe: bad)) { XCTAssertTrue("\($0)".contains("imageSizePixels")) }
    }

    /// The 80/20 ensemble of docs/ground-truth-retina.md §4.2 has an overall SD of about 0.45 (natural ≈ 0.42 after clipping, noise 0.6).
    func testNaturalisticEnsembleStandardDeviation() throws {
        var recipe = TrainingStimulusRecipe.naturalistic
        recipe.blockFrames = 500; recipe.screenHeight = 24; recipe.screenWidth = 24
        let m = try trainingMovie(recipe: recipe, frames: 20 * 500, seed: 21)
        let n = Double(m.values.count)
        let mean = m.values.reduce(0.0) { $0 + Double($1) } / n
        let sd = (m.values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.05)
        XCTAssertEqual(sd, 0.45, accuracy: 0.03)
    }

    /// White noise: 2 px checks of ±0.6, each frame held 2–3 frames in the recommended mix.
    func testWhiteNoiseChecksAndRefresh() throws {
        var recipe = small(TrainingStimulusRecipe(naturalShare: 0, whiteNoiseShare: 1, fullFieldFlickerShare: 0), blockFrames: 300)
        recipe.whiteNoise.refreshFramesMinimum = 2; recipe.whiteNoise.refreshFramesMaximum = 3
        let m = try trainingMovie(recipe: recipe, frames: 300, seed: 2)
        XCTAssertTrue(m.values.allSatisfy { $0 == 0.6 || $0 == -0.6 })
        for t in [0, 17, 299] { for y in stride(from: 0, to: 12, by: 2) { for x in stride(from: 0, to: 12, by: 2) {
            XCTAssertEqual(Set([m[t, y, x], m[t, y + 1, x], m[t, y, x + 1], m[t, y + 1, x + 1]]).count, 1)
        } } }
        var runs: [Int] = [], run = 1
        for t in 1..<300 { if frame(m, t) == frame(m, t - 1) { run += 1 } else { runs.append(run); run = 1 } }
        XCTAssertTrue(runs.allSatisfy { $0 == 2 || $0 == 3 }, "\(runs)")
        XCTAssertTrue(runs.contains(2) && runs.contains(3))
    }

    /// Natural scenes without image contrast expose the saccade schedule: each fixation is a uniform
    /// frame at its luminance offset, lasting ≥ 20 frames, 80 frames on average.
    func testSaccadeSchedule() throws {
        var recipe = small(TrainingStimulusRecipe(naturalShare: 1, whiteNoiseShare: 0, fullFieldFlickerShare: 0),
                           blockFrames: 2000, screen: 3, image: 16)
        recipe.natural.rmsContrast = 0
        let m = try trainingMovie(recipe: recipe, frames: 40_000, seed: 8)
        var lengths: [Int] = [], levels: [Double] = [], run = 1
        for t in 1..<m.frames {
            if m[t, 0, 0] == m[t - 1, 0, 0] && t % 2000 != 0 { run += 1 } else {
                if t % 2000 != 0 { lengths.append(run) }   // drop fixations cut by the block end
                levels.append(Double(m[t - 1, 0, 0])); run = 1
            }
        }
        XCTAssertGreaterThanOrEqual(lengths.min()!, 20)
        let meanLength = Double(lengths.reduce(0, +)) / Double(lengths.count)
        XCTAssertEqual(meanLength, 80, accuracy: 8)
        let sd = (levels.reduce(0) { $0 + $1 * $1 } / Double(levels.count)).squareRoot()
        XCTAssertEqual(sd, 0.25, accuracy: 0.03)
        XCTAssertTrue(Set(frame(m, 100)).count == 1)
    }

    /// Fixational jitter moves the image smoothly: consecutive frames within a fixation are highly
    /// correlated but not identical; without jitter they are identical.
    func testFixationalJitter() throws {
        var recipe = small(TrainingStimulusRecipe(naturalShare: 1, whiteNoiseShare: 0, fullFieldFlickerShare: 0), blockFrames: 60, screen: 20)
        recipe.natural.fixationMinimumSeconds = 10; recipe.natural.fixationMeanSeconds = 10
        let m = try trainingMovie(recipe: recipe, frames: 60, seed: 5)
        func corr(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
            let x = a.map(Double.init), y = b.map(Double.init)
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
            return sxy / (sxx * syy).squareRoot()
        }
        XCTAssertNotEqual(frame(m, 10), frame(m, 11))
        XCTAssertGreaterThan(corr(frame(m, 10), frame(m, 11)), 0.8)
        recipe.natural.jitterPixelsPerFrame = 0
        let still = try trainingMovie(recipe: recipe, frames: 60, seed: 5)
        XCTAssertEqual(frame(still, 10), frame(still, 59))
    }

    /// Flicker steps: spatially uniform levels held ≥ 100 ms; flash bursts: brief flashes on a static
    /// background at irregular intervals.
    func testFullFieldFlicker() throws {
        var recipe = small(TrainingStimulusRecipe(naturalShare: 0, whiteNoiseShare: 0, fullFieldFlickerShare: 1), blockFrames: 600)
        recipe.fullFieldFlicker.segmentMinimumSeconds = 100; recipe.fullFieldFlicker.segmentMaximumSeconds = 100
        recipe.fullFieldFlicker.flashBurstShare = 0
        let steps = try trainingMovie(recipe: recipe, frames: 600, seed: 1)
        XCTAssertTrue((0..<600).allSatisfy { Set(frame(steps, $0)).count == 1 })
        var changes: [Int] = []
        for t in 1..<600 where steps[t, 0, 0] != steps[t - 1, 0, 0] { changes.append(t) }
        XCTAssertGreaterThan(changes.count, 8)
        XCTAssertGreaterThanOrEqual(zip(changes.dropFirst(), changes).map { $0 - $1 }.min()!, 10)

        recipe.fullFieldFlicker.flashBurstShare = 1
        recipe.fullFieldFlicker.flashContrastMaximum = 0.5
        let bursts = try trainingMovie(recipe: recipe, frames: 600, seed: 1)
        var onsets: [Int] = [], durations: [Int] = []
        var inFlash = false, start = 0
        let baseline = baselineShift(bursts)
        for t in 0..<600 {
            let d = (0..<144).map { bursts.values[t * 144 + $0] - bursts.values[$0] }
            let uniformShift = d.allSatisfy { abs($0 - d[0]) < 1e-5 }
            XCTAssertTrue(uniformShift, "frame \(t) is not background + a full-field shift")
            let isFlash = abs(d[0] - baseline) > 1e-5
            if isFlash && !inFlash { onsets.append(t); start = t }
            if !isFlash && inFlash { durations.append(t - start) }
            inFlash = isFlash
        }
        XCTAssertGreaterThan(onsets.count, 10)
        XCTAssertGreaterThanOrEqual(durations.count, onsets.count - 1, "every flash but perhaps the last ends")
        XCTAssertTrue(durations.allSatisfy { (1...3).contains($0) }, "\(durations)")
        let intervals = zip(onsets.dropFirst(), onsets).map { $0 - $1 }
        XCTAssertGreaterThan(Set(intervals).count, 5)   // not periodic
    }

    /// Shift of the background relative to frame 0 (0 unless frame 0 is a flash): the modal shift.
    private func baselineShift(_ m: Movie) -> Float {
        var counts: [Float: Int] = [:]
        for t in 0..<m.frames { counts[m.values[t * m.pixelsPerFrame] - m.values[0], default: 0] += 1 }
        return counts.max { $0.value < $1.value }!.key
    }
}
