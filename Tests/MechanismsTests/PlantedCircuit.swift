import Foundation
import RetinaCore
@testable import Mechanisms

/// A toy network with a planted two-pathway mechanism: OFF-fast excitation (channel 0, lobe 60 ms
/// before the response) minus delayed ON inhibition (channel 1, lobe 150 ms), plus four distractor
/// channels read out with weights 60× smaller:
///
///     r = 20 Hz · softplus( 3 relu(z̄_0) − 2.5 relu(z̄_1) + Σ_d 0.05 relu(z̄_d) − 0.5 )
///
/// Kernels are spatially uniform over 3 × 3, so the full-field drive of channel c is its temporal
/// filter applied to the flash trace.
enum PlantedCircuit {
    static let geometry = Conv1Geometry(channels: 6, history: 40, kernel: 3, screenHeight: 5, screenWidth: 5)

    /// A biphasic lobe in lag order (frames before the response): peak at `lag`, rebound at `lag + 8`.
    static func filter(peakLag: Int, amplitude: Double) -> [Double] {
        (0..<40).map { lag in
            let d = Double(lag - peakLag), e = Double(lag - peakLag - 8)
            return amplitude * (exp(-d * d / 4) - 0.3 * exp(-e * e / 9))
        }
    }

    static let filters: [[Double]] = [
        filter(peakLag: 6, amplitude: -0.5),    // OFF fast
        filter(peakLag: 15, amplitude: 0.5),    // ON slow (delayed)
        filter(peakLag: 3, amplitude: 0.4),     // distractors
        filter(peakLag: 9, amplitude: -0.3),
        filter(peakLag: 20, amplitude: 0.35),
        filter(peakLag: 25, amplitude: -0.45),
    ]

    static func network() -> ToyNetwork {
        let g = geometry
        var w = [Float](repeating: 0, count: g.channels * g.weightsPerChannel)
        for c in 0..<g.channels {
            for tau in 0..<40 {
                let value = Float(filters[c][39 - tau] / 9)
                for i in 0..<9 { w[(c * 40 + tau) * 9 + i] = value }
            }
        }
        let v: [Double] = [3, -2.5, 0.05, 0.05, 0.05, 0.05]
        return ToyNetwork.channelMeanReadout(weights: w, bias: [-0.02, -0.02, 0, 0, 0, 0], geometry: g, v: [v],
                                             hidden: .relu, output: .softplus, outputBias: [-0.5], scale: 20)
    }

    /// Conditions: dark and bright steps, and two seeded full-field flicker sequences (values held 3 frames).
    static func stimuli() -> [(label: String, movie: Movie)] {
        var out: [(String, Movie)] = []
        for c in [-1.0, -0.5, 0.5, 1.0] {
            out.append(("step \(c)", Movie.fullField((0..<90).map { $0 < 45 ? 0 : Float(c) }, height: 5, width: 5)))
        }
        for seed in [UInt64(1), 2] {
            var rng = SeededRandom(seed: seed)
            var trace: [Float] = []
            while trace.count < 150 { let v = Float(rng.normal() * 0.6); trace += [v, v, v] }
            out.append(("flicker \(seed)", Movie.fullField(trace, height: 5, width: 5)))
        }
        return out
    }
}
