import XCTest
@testable import RetinaSimulation

/// Expected values computed with `scipy.ndimage.gaussian_filter1d(x, σ, mode='nearest', truncate=3.0)`.
final class GaussianBlurTests: XCTestCase {
    func blur(_ x: [Float], _ sigma: Double) -> [Float] {
        let b = GaussianBlur1D(sigmaPixels: sigma)
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { i in y.withUnsafeMutableBufferPointer { o in
            b.apply(i.baseAddress!, o.baseAddress!, count: x.count, stride: 1)
        } }
        return y
    }

    func testRadiusFollowsScipyRule() {
        XCTAssertEqual(GaussianBlur1D.radius(sigmaPixels: 1), 3)
        XCTAssertEqual(GaussianBlur1D.radius(sigmaPixels: 8), 24)
        XCTAssertEqual(GaussianBlur1D.radius(sigmaPixels: 0.5), 2)
        XCTAssertEqual(GaussianBlur1D(sigmaPixels: 8).weights.count, 49)
        XCTAssertEqual(GaussianBlur1D(sigmaPixels: 8).weights.reduce(0, +), 1, accuracy: 1e-6)
    }

    func testMatchesScipyNearestMode() {
        let x: [Float] = [0, 0, 1, 0, 0, 0, 0, 2, 0, -1, 0, 0]
        let s1: [Float] = [0.05400558, 0.24203623, 0.39905028, 0.24203623, 0.06287168, 0.11244421, 0.47963941,
                           0.74409498, 0.24203623, -0.29103911, -0.23317013, -0.05400558]
        let s05: [Float] = [0.00026387, 0.10645077, 0.78657073, 0.10645077, 0.00026387, 0.00052773, 0.21290154,
                            1.57287759, 0.10645077, -0.786043, -0.10645077, -0.00026387]
        XCTAssertEqual(blur(x, 1).count, s1.count)
        XCTAssertEqual(blur(x, 0.5).count, s05.count)
        for (g, w) in zip(blur(x, 1), s1) { XCTAssertEqual(g, w, accuracy: 1e-6) }
        for (g, w) in zip(blur(x, 0.5), s05) { XCTAssertEqual(g, w, accuracy: 1e-6) }
        var x2 = [Float](repeating: 0, count: 60); x2[3] = 1; x2[40] = -1; x2[59] = 0.5
        let y2 = blur(x2, 8)
        let want: [(Int, Float)] = [(0, 0.04658346), (3, 0.04997675), (10, 0.03408118), (20, 0.00303069),
                                    (30, -0.02288103), (40, -0.04534491), (50, 0.04865351), (59, 0.25951621)]
        for (i, w) in want { XCTAssertEqual(y2[i], w, accuracy: 1e-6, "x = \(i)") }
    }

    func testSeparableBlurOfUniformFrameIsUniformAndLineOfOneIsIdentity() {
        let blur = SeparableGaussianBlur(sigmaPixels: 8, height: 10, width: 7)
        let input = [Float](repeating: 0.3, count: 70)
        var out = [Float](repeating: 0, count: 70)
        var scratch = [Float](repeating: 0, count: blur.scratchCount)
        input.withUnsafeBufferPointer { i in out.withUnsafeMutableBufferPointer { o in scratch.withUnsafeMutableBufferPointer { s in
            blur.apply(i.baseAddress!, o.baseAddress!, scratch: s.baseAddress!)
        } } }
        for v in out { XCTAssertEqual(v, 0.3, accuracy: 1e-6) }
        XCTAssertEqual(blur1(Float(-0.7)), -0.7)
    }

    private func blur1(_ v: Float) -> Float { blur([v], 3)[0] }

    func testPoolingWeightsAreNormalisedAndCentred() {
        let w = gaussianPoolingWeights(count: 50, centrePixels: 22, sigmaPixels: 3)
        XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(w.indices.max { w[$0] < w[$1] }, 22)
        XCTAssertEqual(w[19], w[25], accuracy: 1e-15)
        XCTAssertEqual(gaussianPoolingWeights(count: 1, centrePixels: 22, sigmaPixels: 3), [1])
    }
}
