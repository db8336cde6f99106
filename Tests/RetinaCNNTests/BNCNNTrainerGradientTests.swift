import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

/// The whole training pass against central finite differences of the Double-precision direct
/// reference (same weights, same noise, batch statistics in every batch norm).
final class BNCNNTrainerGradientTests: XCTestCase {
    struct Setup {
        var model: BNCNN
        var movie: Movie
        var batch: TrainingBatch
        var noise1: [Float], noise2: [Float]
    }

    func makeSetup(_ mode: BatchNormMode, seed: UInt64) throws -> Setup {
        let a = TestNets.tiny(mode)
        let model = try TestNets.randomModel(a, seed: seed)
        let movie = TestNets.randomMovie(frames: 14, height: a.height, width: a.width, seed: seed + 1)
        var rng = SeededRandom(seed: seed + 2)
        let starts = [0, 4, 5, 9, 11]
        let targets = (0..<(starts.count * a.cells)).map { _ in Float(rng.poisson(1.5)) }
        let n1 = (0..<(starts.count * a.layer1Units)).map { _ in Float(0.05 * rng.normal()) }
        let n2 = (0..<(starts.count * a.layer2Units)).map { _ in Float(0.05 * rng.normal()) }
        return Setup(model: model, movie: movie, batch: TrainingBatch(windowStarts: starts, targets: targets), noise1: n1, noise2: n2)
    }

    /// Central differences of the reference loss w.r.t. selected entries of one tensor.
    func finiteDifferences(_ s: Setup, l2: Double, indices: [Int], h: Double = 1e-5,
                           perturb: (inout ReferenceBNCNN, Int, Double) -> Void) -> [Double] {
        let a = s.model.architecture
        let windows = s.batch.windowStarts.map { TestNets.window(s.movie, $0, history: a.historyFrames) }
        let targets = s.batch.windowStarts.indices.map { b in (0..<a.cells).map { Double(s.batch.targets[b * a.cells + $0]) } }
        let n1 = s.batch.windowStarts.indices.map { b in (0..<a.layer1Units).map { Double(s.noise1[b * a.layer1Units + $0]) } }
        let n2 = s.batch.windowStarts.indices.map { b in (0..<a.layer2Units).map { Double(s.noise2[b * a.layer2Units + $0]) } }
        return indices.map { i in
            var plus = ReferenceBNCNN(s.model), minus = plus
            perturb(&plus, i, h); perturb(&minus, i, -h)
            return (plus.loss(windows: windows, targets: targets, noise1: n1, noise2: n2, l2: l2)
                - minus.loss(windows: windows, targets: targets, noise1: n1, noise2: n2, l2: l2)) / (2 * h)
        }
    }

    func checkWholeNetwork(_ mode: BatchNormMode) throws {
        let s = try makeSetup(mode, seed: mode == .perUnit ? 21 : 31)
        let l2: Float = 0.01
        let trainer = try BNCNNTrainer(model: s.model, movie: s.movie, l2: l2, seed: 1)
        let pass = trainer.runPass(s.batch, noise: .given(layer1: s.noise1, layer2: s.noise2))
        let g = pass.gradients
        let a = s.model.architecture

        // Training-mode forward pass.
        let windows = s.batch.windowStarts.map { TestNets.window(s.movie, $0, history: a.historyFrames) }
        let ref = ReferenceBNCNN(s.model)
        let refRates = ref.trainingRates(windows: windows,
            noise1: s.batch.windowStarts.indices.map { b in (0..<a.layer1Units).map { Double(s.noise1[b * a.layer1Units + $0]) } },
            noise2: s.batch.windowStarts.indices.map { b in (0..<a.layer2Units).map { Double(s.noise2[b * a.layer2Units + $0]) } })
        XCTAssertLessThan(TestNets.maxRelativeError(pass.rates, refRates.flatMap { $0 }), 1e-5, "training-mode rates \(mode)")

        func check(_ name: String, analytic: [Float], indices: [Int], zeroGradient: Bool = false,
                   perturb: @escaping (inout ReferenceBNCNN, Int, Double) -> Void) {
            let fd = finiteDifferences(s, l2: Double(l2), indices: indices, perturb: perturb)
            let an = indices.map { Double(analytic[$0]) }
            let scale = fd.map(abs).max()!
            let err = zip(an, fd).map { abs($0 - $1) }.max()!
            if zeroGradient {
                // BN right after the conv cancels its bias: the exact gradient is 0.
                XCTAssertLessThan(err, 1e-5, "\(name) \(mode): \(an) vs \(fd)")
            } else {
                XCTAssertGreaterThan(scale, 1e-6, "\(name) \(mode): finite differences vanish")
                XCTAssertLessThan(err / scale, 2e-3, "\(name) \(mode): analytic \(an) vs FD \(fd)")
            }
        }
        let pick = { (n: Int, k: Int) -> [Int] in (0..<min(n, k)).map { ($0 * 7919 + 3) % n } }
        check("conv1Weight", analytic: g.conv1Weight, indices: pick(a.conv1WeightCount, 24)) { r, i, h in r.w1[i] += h }
        check("conv1Bias", analytic: g.conv1Bias, indices: Array(0..<a.conv1Channels), zeroGradient: true) { r, i, h in r.b1[i] += h }
        check("bn1.gamma", analytic: g.bn1Gamma, indices: pick(a.bn1Count, 16)) { r, i, h in r.bn[0][0][i] += h }
        check("bn1.beta", analytic: g.bn1Beta, indices: pick(a.bn1Count, 16)) { r, i, h in r.bn[0][1][i] += h }
        check("conv2Weight", analytic: g.conv2Weight, indices: pick(a.conv2WeightCount, 24)) { r, i, h in r.w2[i] += h }
        check("conv2Bias", analytic: g.conv2Bias, indices: Array(0..<a.conv2Channels), zeroGradient: true) { r, i, h in r.b2[i] += h }
        check("bn2.gamma", analytic: g.bn2Gamma, indices: pick(a.bn2Count, 16)) { r, i, h in r.bn[1][0][i] += h }
        check("bn2.beta", analytic: g.bn2Beta, indices: pick(a.bn2Count, 16)) { r, i, h in r.bn[1][1][i] += h }
        check("denseWeight", analytic: g.denseWeight, indices: pick(a.denseWeightCount, 24)) { r, i, h in r.dense[i] += h }
        check("bn3.gamma", analytic: g.bn3Gamma, indices: Array(0..<a.cells)) { r, i, h in r.bn[2][0][i] += h }
        check("bn3.beta", analytic: g.bn3Beta, indices: Array(0..<a.cells)) { r, i, h in r.bn[2][1][i] += h }
    }

    func testWholeNetworkGradientsPerUnitBN() throws { try checkWholeNetwork(.perUnit) }
    func testWholeNetworkGradientsPerChannelBN() throws { try checkWholeNetwork(.perChannel) }

    func testLossValueMatchesReference() throws {
        let s = try makeSetup(.perUnit, seed: 41)
        let trainer = try BNCNNTrainer(model: s.model, movie: s.movie, l2: 0.02, seed: 1)
        let pass = trainer.runPass(s.batch, noise: .given(layer1: s.noise1, layer2: s.noise2))
        let a = s.model.architecture
        let windows = s.batch.windowStarts.map { TestNets.window(s.movie, $0, history: a.historyFrames) }
        let targets = s.batch.windowStarts.indices.map { b in (0..<a.cells).map { Double(s.batch.targets[b * a.cells + $0]) } }
        let n1 = s.batch.windowStarts.indices.map { b in (0..<a.layer1Units).map { Double(s.noise1[b * a.layer1Units + $0]) } }
        let n2 = s.batch.windowStarts.indices.map { b in (0..<a.layer2Units).map { Double(s.noise2[b * a.layer2Units + $0]) } }
        let expected = ReferenceBNCNN(s.model).loss(windows: windows, targets: targets, noise1: n1, noise2: n2, l2: 0.02)
        XCTAssertEqual(pass.loss + pass.penalty, expected, accuracy: 1e-5 * abs(expected))
        XCTAssertGreaterThan(pass.penalty, 0)
    }

    func testUncachedFrameSpectraGiveTheSameGradients() throws {
        let s = try makeSetup(.perUnit, seed: 51)
        let cached = try BNCNNTrainer(model: s.model, movie: s.movie, l2: 0, seed: 1)
        let uncached = try BNCNNTrainer(model: s.model, movie: s.movie, l2: 0, seed: 1,
                                        options: BNCNNTrainerOptions(workers: 2, spectrumCacheLimitBytes: 0))
        XCTAssertTrue(cached.cachesWholeMovie); XCTAssertFalse(uncached.cachesWholeMovie)
        let p1 = cached.runPass(s.batch, noise: .given(layer1: s.noise1, layer2: s.noise2))
        let p2 = uncached.runPass(s.batch, noise: .given(layer1: s.noise1, layer2: s.noise2))
        XCTAssertEqual(p1.loss, p2.loss, accuracy: 1e-9)
        let scale = p1.gradients.conv1Weight.map(abs).max()!
        XCTAssertLessThan(zip(p1.gradients.conv1Weight, p2.gradients.conv1Weight).map { abs($0 - $1) }.max()!, 1e-6 * scale)
    }
}
