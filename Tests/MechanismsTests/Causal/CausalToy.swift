import Foundation
import RetinaCore
@testable import Mechanisms

/// A toy with a planted latency code whose causal answer is known in closed form:
///
///     r = 20 Hz · softplus( relu(z̄_0) − 3 relu(z̄_1) + Σ_{d=2…5} 0 · relu(z̄_d) )
///
/// Channel 0: sustained OFF excitation (Gaussian lobe 80 ms before the response); channel 1: OFF
/// inhibition 120 ms back, thresholded by its bias (−0.5), so strong steps recruit it earlier and cut
/// the excitation's rise short (latency coding). Channels 2–5 have kernels but readout weight 0.
/// Hence, exactly: silencing any of 2–5 leaves every rate bit-identical; silencing 0 and 1 makes the
/// rate constant (no latency shift); keeping only 0 and 1 is the full model.
struct CausalToy: SilenceableModel {
    var net: ToyNetwork
    var cellCentres: [(y: Double, x: Double)]? { nil }
    var conv1Weights: [Float] { net.conv1Weights }
    var conv1Bias: [Float] { net.conv1Bias }
    var historyFrames: Int { net.historyFrames }
    var screen: (height: Int, width: Int) { net.screen }
    var cellCount: Int { net.cellCount }

    func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float] { try net.ratesFromLayer1(z, count: count) }
    func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float]) {
        try net.layer1Gradient(z, count: count, cellWeights: cellWeights)
    }
    func rates(for movie: Movie) throws -> RateMatrix {
        let n = movie.windowCount(history: historyFrames)
        return RateMatrix(rows: n, cells: cellCount, valuesHz: try net.ratesFromLayer1(layer1Preactivations(of: movie), count: n))
    }

    static let geometry = Conv1Geometry(channels: 6, history: 40, kernel: 1, screenHeight: 3, screenWidth: 3)

    /// A Gaussian lobe in lag order (frames before the response).
    static func lobe(lag: Double, sd: Double, amplitude: Double) -> [Double] {
        (0..<40).map { l in amplitude * exp(-0.5 * pow((Double(l) - lag) / sd, 2)) }
    }

    static func make() -> CausalToy {
        let g = geometry
        let filters = [lobe(lag: 8, sd: 3, amplitude: -0.2), lobe(lag: 12, sd: 3, amplitude: -0.2),
                       lobe(lag: 3, sd: 2, amplitude: 0.3), lobe(lag: 9, sd: 2, amplitude: -0.3),
                       lobe(lag: 20, sd: 4, amplitude: 0.2), lobe(lag: 25, sd: 4, amplitude: -0.2)]
        var w = [Float](repeating: 0, count: g.channels * g.weightsPerChannel)
        for c in 0..<g.channels { for tau in 0..<40 { w[c * 40 + tau] = Float(filters[c][39 - tau]) } }
        let net = ToyNetwork.channelMeanReadout(weights: w, bias: [0, -0.5, 0, 0, 0, 0], geometry: g, v: [[1, -3, 0, 0, 0, 0]],
                                                hidden: .relu, output: .softplus, outputBias: [0], scale: 20)
        return CausalToy(net: net)
    }
}
