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

/// A bar toy with a planted spatial mechanism: OFF excitation from channel 0 at map columns 4 and 5,
/// inhibition from a delayed OFF channel 1 (amacrine-like) at column 2, and a weak distractor channel 2 everywhere:
///
///     r = 20 Hz · softplus( 3 (ẑ_{0,4} + ẑ_{0,5}) − 2.5 ẑ_{1,2} + 0.02 Σ_x ẑ_{2,x} − 0.5 ),   ẑ = mean_y relu(z)
enum PlantedBarCircuit {
    static let geometry = Conv1Geometry(channels: 3, history: 30, kernel: 3, screenHeight: 4, screenWidth: 12)
    static let planted: Set<PooledUnit> = [PooledUnit(channel: 0, column: 4), PooledUnit(channel: 0, column: 5),
                                           PooledUnit(channel: 1, column: 2)]

    static func network() -> ToyNetwork {
        let g = geometry
        let filters = [PlantedCircuit.filter(peakLag: 5, amplitude: -0.5), PlantedCircuit.filter(peakLag: 12, amplitude: -0.5),
                       PlantedCircuit.filter(peakLag: 3, amplitude: 0.4)]
        var w = [Float](repeating: 0, count: g.channels * g.weightsPerChannel)
        for c in 0..<3 { for tau in 0..<30 { for i in 0..<9 { w[(c * 30 + tau) * 9 + i] = Float(filters[c][29 - tau] / 9) } } }
        let selectors: [(Int, Int, Double)] = [(0, 4, 3), (0, 5, 3), (1, 2, -2.5)] + (0..<g.mapWidth).map { (2, $0, 0.02) }
        var mix = [Double](repeating: 0, count: selectors.count * g.unitsPerWindow)
        for (m, s) in selectors.enumerated() {
            for y in 0..<g.mapHeight { mix[m * g.unitsPerWindow + (s.0 * g.mapHeight + y) * g.mapWidth + s.1] = 1 / Double(g.mapHeight) }
        }
        return ToyNetwork(conv1Weights: w, conv1Bias: [-0.02, -0.02, 0], historyFrames: 30, screen: (4, 12), cellCount: 1,
                          phi1: .relu, mix: mix, mixBias: [Double](repeating: 0, count: selectors.count), phi2: .identity,
                          readout: selectors.map(\.2), readoutBias: [-0.5], psi: .softplus, scale: 20)
    }

    /// Dark 2-px bars sweeping right and left at two speeds (px/frame), and a reversing bar.
    static func stimuli() -> [(label: String, movie: Movie)] {
        func strip(_ centres: [Double]) -> [[Float]] {
            centres.map { c in (0..<12).map { x in abs(Double(x) + 0.5 - c) < 1 ? -1 : 0 } }
        }
        var out: [(String, Movie)] = []
        for speed in [0.15, 0.3] {
            let n = Int(14 / speed)
            let right = (0..<n).map { -1 + Double($0) * speed }
            out.append(("right \(speed)", Movie.verticallyUniform(strip([Double](repeating: -5, count: 30) + right), height: 4)))
            out.append(("left \(speed)", Movie.verticallyUniform(strip([Double](repeating: -5, count: 30) + right.reversed()), height: 4)))
        }
        let go = (0..<40).map { -1 + Double($0) * 0.2 }
        out.append(("reversal", Movie.verticallyUniform(strip([Double](repeating: -5, count: 30) + go + go.reversed()), height: 4)))
        return out
    }
}
