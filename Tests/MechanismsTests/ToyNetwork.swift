import Foundation
import RetinaCore
@testable import Mechanisms

/// A tiny network with an affine first layer and closed-form gradients, for testing IG:
///
///     r_j = scale · ψ( Σ_m R[j, m] · φ2( Σ_u M[m, u] · φ1(z_u) + c_m ) + d_j )
///
/// with `z` the layer-1 preactivations of one window (`u` runs over `[C1, H1, W1]`). Computed in Double.
struct ToyNetwork: LayerOneDifferentiable {
    enum Activation: Sendable {
        case identity, relu, softplus
        func value(_ x: Double) -> Double {
            switch self {
            case .identity: return x
            case .relu: return max(0, x)
            case .softplus: return x > 30 ? x : log1p(exp(x))
            }
        }
        func derivative(_ x: Double) -> Double {
            switch self {
            case .identity: return 1
            case .relu: return x > 0 ? 1 : 0
            case .softplus: return 1 / (1 + exp(-x))
            }
        }
    }

    var conv1Weights: [Float]
    var conv1Bias: [Float]
    var historyFrames: Int
    var screen: (height: Int, width: Int)
    var cellCount: Int
    var phi1: Activation
    var mix: [Double]          // [M, U]
    var mixBias: [Double]      // [M]
    var phi2: Activation
    var readout: [Double]      // [cells, M]
    var readoutBias: [Double]  // [cells]
    var psi: Activation
    var scale: Double = 1

    var hiddenCount: Int { mixBias.count }

    /// Forward pass of one window; returns rates and the intermediate pre-activations.
    private func forward(_ z: ArraySlice<Float>) -> (rates: [Double], a: [Double], o: [Double]) {
        let units = layer1UnitsPerWindow
        let p1 = z.map { phi1.value(Double($0)) }
        var a = mixBias
        for m in 0..<hiddenCount {
            var s = 0.0
            for u in 0..<units where mix[m * units + u] != 0 { s += mix[m * units + u] * p1[u] }
            a[m] += s
        }
        var o = readoutBias
        for j in 0..<cellCount { for m in 0..<hiddenCount { o[j] += readout[j * hiddenCount + m] * phi2.value(a[m]) } }
        return (o.map { scale * psi.value($0) }, a, o)
    }

    func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float] {
        let u = layer1UnitsPerWindow
        return (0..<count).flatMap { i in forward(z[(i * u)..<((i + 1) * u)]).rates.map(Float.init) }
    }

    func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float]) {
        let units = layer1UnitsPerWindow
        var rates: [Float] = [], grad = [Float](repeating: 0, count: count * units)
        for i in 0..<count {
            let slice = z[(i * units)..<((i + 1) * units)]
            let (r, a, o) = forward(slice)
            rates += r.map(Float.init)
            var dA = [Double](repeating: 0, count: hiddenCount)
            for j in 0..<cellCount where cellWeights[j] != 0 {
                let dO = Double(cellWeights[j]) * scale * psi.derivative(o[j])
                for m in 0..<hiddenCount { dA[m] += dO * readout[j * hiddenCount + m] * phi2.derivative(a[m]) }
            }
            for u in 0..<units {
                var s = 0.0
                for m in 0..<hiddenCount { s += dA[m] * mix[m * units + u] }
                grad[i * units + u] = Float(s * phi1.derivative(Double(slice[slice.startIndex + u])))
            }
        }
        return (rates, grad)
    }
}

extension ToyNetwork {
    /// `r_j = scale · ψ(Σ_c v[j][c] · φ2(z̄_c) + d_j)` with `z̄_c` the spatial mean of channel c.
    static func channelMeanReadout(weights: [Float], bias: [Float], geometry g: Conv1Geometry, v: [[Double]],
                                   hidden: Activation, output: Activation, outputBias: [Double]? = nil, scale: Double = 1) -> ToyNetwork {
        var mix = [Double](repeating: 0, count: g.channels * g.unitsPerWindow)
        for c in 0..<g.channels { for p in 0..<g.mapSize { mix[c * g.unitsPerWindow + c * g.mapSize + p] = 1 / Double(g.mapSize) } }
        return ToyNetwork(conv1Weights: weights, conv1Bias: bias, historyFrames: g.history,
                          screen: (g.screenHeight, g.screenWidth), cellCount: v.count, phi1: .identity, mix: mix,
                          mixBias: [Double](repeating: 0, count: g.channels), phi2: hidden, readout: v.flatMap { $0 },
                          readoutBias: outputBias ?? [Double](repeating: 0, count: v.count), psi: output, scale: scale)
    }

    /// A random two-hidden-layer network (Gaussian weights, seeded).
    static func random(geometry g: Conv1Geometry, hidden: Int, cells: Int, seed: UInt64,
                       activations: (Activation, Activation, Activation) = (.softplus, .softplus, .softplus),
                       weightScale: Double = 0.3) -> ToyNetwork {
        var rng = SeededRandom(seed: seed)
        func normals(_ n: Int, _ s: Double) -> [Double] { (0..<n).map { _ in rng.normal() * s } }
        let w = normals(g.channels * g.weightsPerChannel, weightScale / Double(g.weightsPerChannel).squareRoot()).map(Float.init)
        let b = normals(g.channels, 0.2).map(Float.init)
        return ToyNetwork(conv1Weights: w, conv1Bias: b, historyFrames: g.history, screen: (g.screenHeight, g.screenWidth),
                          cellCount: cells, phi1: activations.0, mix: normals(hidden * g.unitsPerWindow, 1 / Double(g.unitsPerWindow).squareRoot()),
                          mixBias: normals(hidden, 0.3), phi2: activations.1, readout: normals(cells * hidden, 1),
                          readoutBias: normals(cells, 0.3), psi: activations.2, scale: 10)
    }

    /// A random movie of `frames` frames (Gaussian contrast, SD `sd`).
    static func randomMovie(frames: Int, geometry g: Conv1Geometry, seed: UInt64, sd: Double = 0.5) -> Movie {
        var rng = SeededRandom(seed: seed)
        return Movie(frames: frames, height: g.screenHeight, width: g.screenWidth,
                     values: (0..<(frames * g.screenHeight * g.screenWidth)).map { _ in Float(rng.normal() * sd) })
    }
}

/// The toy as a `ResponseModel` (rates through the layer-1 path), e.g. to stand in as its own
/// ground truth: any analysis must then give identical full and ground-truth traces.
struct ToyResponseModel: ResponseModel {
    var net: ToyNetwork
    var cellCentres: [(y: Double, x: Double)]?
    var cellCount: Int { net.cellCount }
    var historyFrames: Int { net.historyFrames }
    var screen: (height: Int, width: Int) { net.screen }
    func rates(for movie: Movie) throws -> RateMatrix {
        let n = movie.windowCount(history: historyFrames)
        return RateMatrix(rows: n, cells: cellCount, valuesHz: try net.ratesFromLayer1(net.layer1Preactivations(of: movie), count: n))
    }
}
