import Foundation
import RetinaCore
@testable import RetinaCNN

/// An independent, direct (no DFT), Double-precision implementation of the BN-CNN used as the
/// correctness reference in tests: direct cross-correlation sums, batch norms written out, and the
/// training-mode forward pass with explicit noise.
struct ReferenceBNCNN {
    let a: BNCNNArchitecture
    var w1: [Double], b1: [Double], w2: [Double], b2: [Double], dense: [Double]
    var bn: [[[Double]]]  // bn[layer][field] with fields gamma, beta, mean, var

    init(_ model: BNCNN) {
        a = model.architecture
        let p = model.parameters
        func d(_ x: [Float]) -> [Double] { x.map(Double.init) }
        w1 = d(p.conv1Weight); b1 = d(p.conv1Bias); w2 = d(p.conv2Weight); b2 = d(p.conv2Bias); dense = d(p.denseWeight)
        bn = [p.bn1, p.bn2, p.bn3].map { [d($0.gamma), d($0.beta), d($0.runningMean), d($0.runningVariance)] }
    }

    /// Direct valid cross-correlation: out[o, y, x] = Σ_{i,u,v} k[o,i,u,v]·in[i, y+u, x+v] + bias[o].
    static func correlate(_ input: [Double], channels ci: Int, height h: Int, width w: Int,
                          kernel: [Double], outputs co: Int, size k: Int, bias: [Double]) -> [Double] {
        let oh = h - k + 1, ow = w - k + 1
        var out = [Double](repeating: 0, count: co * oh * ow)
        for o in 0..<co { for y in 0..<oh { for x in 0..<ow {
            var s = bias[o]
            for i in 0..<ci { for u in 0..<k { for v in 0..<k {
                s += kernel[((o * ci + i) * k + u) * k + v] * input[(i * h + y + u) * w + x + v]
            }}}
            out[(o * oh + y) * ow + x] = s
        }}}
        return out
    }

    func conv1(_ window: [Double]) -> [Double] {
        Self.correlate(window, channels: a.historyFrames, height: a.height, width: a.width,
                       kernel: w1, outputs: a.conv1Channels, size: a.conv1Kernel, bias: b1)
    }

    /// Index of the BN parameter for unit `i` of a layer with `mapSize` positions per channel.
    func bnIndex(_ i: Int, mapSize: Int) -> Int { a.batchNorm == .perUnit ? i : i / mapSize }

    /// Inference from z (one window) to rates.
    func rates(fromLayer1 z: [Double]) -> [Double] {
        let eps = Double(a.bnEpsilon)
        func bnEval(_ x: [Double], layer: Int, mapSize: Int) -> [Double] {
            x.indices.map { i in
                let j = layer == 2 ? i : bnIndex(i, mapSize: mapSize)
                let f = bn[layer]
                return f[0][j] * (x[i] - f[2][j]) / (f[3][j] + eps).squareRoot() + f[1][j]
            }
        }
        let h1 = bnEval(z, layer: 0, mapSize: a.layer1MapSize).map { max(0, $0) }
        let z2 = Self.correlate(h1, channels: a.conv1Channels, height: a.layer1Height, width: a.layer1Width,
                                kernel: w2, outputs: a.conv2Channels, size: a.conv2Kernel, bias: b2)
        let h2 = bnEval(z2, layer: 1, mapSize: a.layer2MapSize).map { max(0, $0) }
        let u = (0..<a.cells).map { j in (0..<a.layer2Units).reduce(0.0) { $0 + dense[j * a.layer2Units + $1] * h2[$1] } }
        return bnEval(u, layer: 2, mapSize: 1).map(Self.softplus)
    }

    func rates(window: [Double]) -> [Double] { rates(fromLayer1: conv1(window)) }

    static func softplus(_ x: Double) -> Double { x > 30 ? x : log1p(exp(x)) }

    /// Training-mode batch norm over a batch `[B][units]`: batch mean and biased variance per
    /// unit (or per channel), then γ·x̂ + β.
    func bnTrain(_ x: [[Double]], layer: Int, mapSize: Int) -> [[Double]] {
        let eps = Double(a.bnEpsilon), units = x[0].count
        let groups = layer == 2 ? units : (a.batchNorm == .perUnit ? units : units / mapSize)
        var mean = [Double](repeating: 0, count: groups), count = [Double](repeating: 0, count: groups)
        func g(_ i: Int) -> Int { layer == 2 ? i : bnIndex(i, mapSize: mapSize) }
        for row in x { for i in 0..<units { mean[g(i)] += row[i]; count[g(i)] += 1 } }
        for j in 0..<groups { mean[j] /= count[j] }
        var v = [Double](repeating: 0, count: groups)
        for row in x { for i in 0..<units { v[g(i)] += (row[i] - mean[g(i)]) * (row[i] - mean[g(i)]) } }
        for j in 0..<groups { v[j] /= count[j] }
        return x.map { row in (0..<units).map { i in
            bn[layer][0][g(i)] * (row[i] - mean[g(i)]) / (v[g(i)] + eps).squareRoot() + bn[layer][1][g(i)]
        } }
    }

    /// Training-mode forward of a batch of windows with the given noise (`noise1[b]` over layer-1
    /// units, `noise2[b]` over layer-2 units) → rates `[B][cells]`.
    func trainingRates(windows: [[Double]], noise1: [[Double]], noise2: [[Double]]) -> [[Double]] {
        let z = windows.map(conv1)
        let y1 = bnTrain(z, layer: 0, mapSize: a.layer1MapSize)
        let h1 = y1.indices.map { b in y1[b].indices.map { max(0, y1[b][$0] + noise1[b][$0]) } }
        let z2 = h1.map { Self.correlate($0, channels: a.conv1Channels, height: a.layer1Height, width: a.layer1Width,
                                         kernel: w2, outputs: a.conv2Channels, size: a.conv2Kernel, bias: b2) }
        let y2 = bnTrain(z2, layer: 1, mapSize: a.layer2MapSize)
        let h2 = y2.indices.map { b in y2[b].indices.map { max(0, y2[b][$0] + noise2[b][$0]) } }
        let u = h2.map { h in (0..<a.cells).map { j in (0..<a.layer2Units).reduce(0.0) { $0 + dense[j * a.layer2Units + $1] * h[$1] } } }
        return bnTrain(u, layer: 2, mapSize: 1).map { $0.map(Self.softplus) }
    }

    /// Poisson loss mean over batch and cells of (r − y·log(r + ε)) plus l2·(Σw1² + Σw2²).
    func loss(windows: [[Double]], targets: [[Double]], noise1: [[Double]], noise2: [[Double]], l2: Double) -> Double {
        let r = trainingRates(windows: windows, noise1: noise1, noise2: noise2)
        var s = 0.0
        for b in r.indices { for j in 0..<a.cells { s += r[b][j] - targets[b][j] * log(r[b][j] + Double(PoissonLoss.epsilon)) } }
        let penalty = l2 * (w1.reduce(0) { $0 + $1 * $1 } + w2.reduce(0) { $0 + $1 * $1 })
        return s / Double(r.count * a.cells) + penalty
    }
}
