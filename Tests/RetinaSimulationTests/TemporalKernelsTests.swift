import XCTest
@testable import RetinaSimulation

/// Kernel shapes against the facts listed in docs/ground-truth-retina.md §3.1 (peak / trough times, net areas).
final class TemporalKernelsTests: XCTestCase {
    func argmax(_ h: [Double]) -> Int { h.indices.max { h[$0] < h[$1] }! }
    func argmin(_ h: [Double]) -> Int { h.indices.min { h[$0] < h[$1] }! }

    func testGammaKernelIsCausalWithUnitSum() {
        for (n, tau) in [(1.0, 28.0), (6.0, 15.0), (1.0, 52.0)] {
            let k = TemporalKernel.gamma(order: n, tauMilliseconds: tau)
            XCTAssertEqual(k.count, 60)
            XCTAssertEqual(k[0], 0)
            XCTAssertEqual(k.reduce(0, +), 1, accuracy: 1e-12)
        }
        // Amacrine alpha kernel k(1, 28 ms): peak at 30 ms (docs/ground-truth-retina.md §3.1).
        XCTAssertEqual(argmax(TemporalKernel.gamma(order: 1, tauMilliseconds: 28)) * 10, 30)
        // Gain-control kernel k(1, 52 ms): peak at 50 ms.
        XCTAssertEqual(argmax(TemporalKernel.gamma(order: 1, tauMilliseconds: 52)) * 10, 50)
    }

    func testBiphasicKernelsMatchSpecShapes() {
        let p = RetinaParameters.salamander
        let cases: [(BiphasicKernelParameters, Int, Int, Double)] = [
            (p.offKernel, 80, 210, -0.12), (p.onFastKernel, 40, 140, 0.03), (p.onSlowKernel, 110, 300, -0.03),
        ]
        for (k, peak, trough, area) in cases {
            let h = k.taps()
            XCTAssertEqual(h[0], 0)
            XCTAssertEqual(argmax(h) * 10, peak, "\(k)")
            XCTAssertEqual(argmin(h) * 10, trough, "\(k)")
            XCTAssertEqual(h.reduce(0, +), area, accuracy: 1e-9)
        }
    }

    func testCausalFilterIsAConvolutionWithZeroHistory() {
        let y = TemporalKernel.causalFilter([1, 0, 0, 2], kernel: [0.5, 0.25, 0.125])
        XCTAssertEqual(y, [0.5, 0.25, 0.125, 1.0])
    }
}
