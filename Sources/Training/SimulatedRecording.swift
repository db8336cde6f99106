import Foundation
import RetinaCore
import RetinaSimulation
import Recordings

/// The simulated retina's data as a ``Recording`` on an 8-bit screen, for `simulate --export-h5`.
///
/// Luminance: raw = clamp(round(meanLuminance · (1 + c)), 0, 255) with meanLuminance 128; the
/// retina is simulated on the quantised contrast raw/128 − 1, so file and responses agree exactly.
/// Responses are Poisson spike counts per 10 ms bin, one row per frame (bin t is the response to
/// frames ≤ t: the tool's window-end pairing); the test movie is shown `repeats` times with
/// independent spikes and its `responses` are the mean count over repeats.
public enum SimulatedRecording {
    public static let meanLuminance: Float = 128

    public static func make(retina: SimulatedRetina = SimulatedRetina(), stimulus: TrainingStimulusRecipe = .recommendedMix,
                            trainFrames: Int, testFrames: Int, repeats: Int, seed: UInt64) throws -> Recording {
        func quantised(_ frames: Int, _ purpose: UInt64) throws -> (raw: Movie, contrast: Movie) {
            let m = try trainingMovie(recipe: stimulus, frames: frames, seed: sub(purpose))
            let raw = m.values.map { min(255, max(0, (meanLuminance * (1 + $0)).rounded())) }
            return (Movie(frames: frames, height: m.height, width: m.width, values: raw),
                    Movie(frames: frames, height: m.height, width: m.width, values: raw.map { $0 / meanLuminance - 1 }))
        }
        func sub(_ k: UInt64) -> UInt64 { var r = SeededRandom.stream(seed: seed, index: k); return r.next() }
        let train = try quantised(trainFrames, 1)
        let trainCounts = try retina.spikeCountsAllFrames(for: train.contrast, seed: sub(2)).asFloats()
        let test = try quantised(testFrames, 3)
        let rates = try retina.ratesAllFrames(for: test.contrast)
        var repeatValues = [Float]()
        for k in 0..<repeats { repeatValues += SpikeSampler.sample(rates, seed: sub(10 + UInt64(k))).asFloats() }
        let n = testFrames * retina.cellCount
        let mean = (0..<n).map { i in (0..<repeats).reduce(Float(0)) { $0 + repeatValues[$1 * n + i] } / Float(max(1, repeats)) }
        return Recording(
            train: .init(stimulus: train.raw, responses: trainCounts),
            test: .init(stimulus: test.raw, responses: mean, repeats: repeats > 0 ? repeatValues : nil, repeatCount: repeats),
            cellIDs: (1...retina.cellCount).map { String(format: "cell%02d", $0) }, responseUnit: .spikeCountsPerBin,
            sourceFramePeriodSeconds: Units.frameSeconds,
            provenance: RecordingProvenance(file: "retina-report simulated retina, seed \(seed)", format: "deep-retina-hdf5"))
    }
}
