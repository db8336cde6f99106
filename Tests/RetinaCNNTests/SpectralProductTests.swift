import XCTest
@testable import RetinaCNN

final class SpectralProductTests: XCTestCase {
    /// The three product modes against complex arithmetic written out, with accumulation, an
    /// output count that is not a multiple of 4 and a bin count with a scalar tail.
    func testModesMatchComplexArithmetic() {
        let P = 6, Q = 5, bins = 11, plane = 13      // plane > bins: padding between planes
        func spectrum(_ seed: Int) -> [Float] { (0..<(2 * plane)).map { Float(sin(Double($0 * 31 + seed * 17) * 0.71)) } }
        let us = (0..<Q).map { spectrum($0) }
        let vs = (0..<(P * Q)).map { spectrum(100 + $0) }   // V[p][q] at v[q] + p·vStride
        for mode in [SpectralProduct.Mode.conjV, .conjU, .plain] {
            for accumulate in [false, true] {
                let start = (0..<(P * 2 * plane)).map { Float($0 % 3) }
                var out = start
                let vFlat = (0..<P).flatMap { p in (0..<Q).flatMap { q in vs[p * Q + q] } }  // [p][q]
                let uFlat = us.flatMap { $0 }
                uFlat.withUnsafeBufferPointer { ub in vFlat.withUnsafeBufferPointer { vb in
                    let u = (0..<Q).map { ub.baseAddress! + $0 * 2 * plane }
                    let v = (0..<Q).map { vb.baseAddress! + $0 * 2 * plane }
                    SpectralProduct.run(mode, p: P, q: Q, count: bins, u: u, uPlane: plane, v: v, vStride: Q * 2 * plane,
                                        vPlane: plane, out: &out, outStride: 2 * plane, outPlane: plane, accumulate: accumulate)
                }}
                for p in 0..<P { for x in 0..<bins {
                    var re = accumulate ? Double(start[p * 2 * plane + x]) : 0
                    var im = accumulate ? Double(start[p * 2 * plane + plane + x]) : 0
                    for q in 0..<Q {
                        let ur = Double(us[q][x]), ui = Double(us[q][plane + x])
                        let vr = Double(vs[p * Q + q][x]), vi = Double(vs[p * Q + q][plane + x])
                        switch mode {
                        case .conjV: re += vr * ur + vi * ui; im += vr * ui - vi * ur
                        case .conjU: re += ur * vr + ui * vi; im += ur * vi - ui * vr
                        case .plain: re += ur * vr - ui * vi; im += ur * vi + ui * vr
                        }
                    }
                    XCTAssertEqual(Double(out[p * 2 * plane + x]), re, accuracy: 1e-5, "\(mode) p\(p) x\(x)")
                    XCTAssertEqual(Double(out[p * 2 * plane + plane + x]), im, accuracy: 1e-5, "\(mode) p\(p) x\(x)")
                }}
                // Bins beyond `count` are untouched.
                XCTAssertEqual(out[bins], start[bins])
            }
        }
    }

    /// The paired product (two U sets sharing V) equals two single products, for every mode, with
    /// accumulation, an odd output count and a bin count with a vector part and a scalar tail.
    func testPairEqualsTwoSingleProducts() {
        let P = 5, Q = 7, bins = 21, plane = 24
        func spectrum(_ seed: Int) -> [Float] { (0..<(2 * plane)).map { Float(cos(Double($0 * 13 + seed * 29) * 0.37)) } }
        let u0 = (0..<Q).flatMap { spectrum($0) }, u1 = (0..<Q).flatMap { spectrum(50 + $0) }
        let vFlat = (0..<(P * Q)).flatMap { spectrum(100 + $0) }          // [p][q]
        for mode in [SpectralProduct.Mode.conjV, .conjU, .plain] {
            for accumulate in [false, true] {
                let start = (0..<(P * 2 * plane)).map { Float($0 % 7) * 0.1 }
                var a = start, b = start, ra = start, rb = start
                u0.withUnsafeBufferPointer { p0 in u1.withUnsafeBufferPointer { p1 in vFlat.withUnsafeBufferPointer { vb in
                    let x = (0..<Q).map { p0.baseAddress! + $0 * 2 * plane }, y = (0..<Q).map { p1.baseAddress! + $0 * 2 * plane }
                    let v = (0..<Q).map { vb.baseAddress! + $0 * 2 * plane }
                    SpectralProduct.runPair(mode, p: P, q: Q, count: bins, u0: x, u1: y, uPlane: plane, v: v, vStride: Q * 2 * plane,
                                            vPlane: plane, out0: &a, out1: &b, outStride: 2 * plane, outPlane: plane, accumulate: accumulate)
                    SpectralProduct.run(mode, p: P, q: Q, count: bins, u: x, uPlane: plane, v: v, vStride: Q * 2 * plane,
                                        vPlane: plane, out: &ra, outStride: 2 * plane, outPlane: plane, accumulate: accumulate)
                    SpectralProduct.run(mode, p: P, q: Q, count: bins, u: y, uPlane: plane, v: v, vStride: Q * 2 * plane,
                                        vPlane: plane, out: &rb, outStride: 2 * plane, outPlane: plane, accumulate: accumulate)
                }}}
                for i in a.indices {
                    XCTAssertEqual(a[i], ra[i], accuracy: 1e-5, "\(mode) \(i)"); XCTAssertEqual(b[i], rb[i], accuracy: 1e-5, "\(mode) \(i)")
                }
                XCTAssertNotEqual(a, b)
            }
        }
    }
}
