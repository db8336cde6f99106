import XCTest
import RetinaCore
@testable import RetinaSimulation

final class FFT2DTests: XCTestCase {
    /// Forward transform against a direct O(N²) DFT, then the round trip.
    func testMatchesDirectDFTAndInverts() {
        var rng = SeededRandom(seed: 5)
        let n = 16
        let xr = (0..<n).map { _ in rng.normal() }, xi = (0..<n).map { _ in rng.normal() }
        var re = xr, im = xi
        let fft = FFT(count: n)
        re.withUnsafeMutableBufferPointer { r in im.withUnsafeMutableBufferPointer { i in
            fft.transform(re: r.baseAddress!, im: i.baseAddress!)
        } }
        for k in 0..<n {
            var sr = 0.0, si = 0.0
            for t in 0..<n {
                let a = -2 * Double.pi * Double(k * t) / Double(n)
                sr += xr[t] * cos(a) - xi[t] * sin(a); si += xr[t] * sin(a) + xi[t] * cos(a)
            }
            XCTAssertEqual(re[k], sr, accuracy: 1e-10); XCTAssertEqual(im[k], si, accuracy: 1e-10)
        }
        re.withUnsafeMutableBufferPointer { r in im.withUnsafeMutableBufferPointer { i in
            fft.transform(re: r.baseAddress!, im: i.baseAddress!, inverse: true)
        } }
        for t in 0..<n { XCTAssertEqual(re[t], xr[t], accuracy: 1e-12); XCTAssertEqual(im[t], xi[t], accuracy: 1e-12) }
    }

    /// 2-D: a single plane wave lands in one bin; the round trip restores the input.
    func testTwoDimensionalPlaneWave() {
        let h = 8, w = 16, ky = 3, kx = 5
        var re = [Double](repeating: 0, count: h * w), im = re
        for y in 0..<h { for x in 0..<w {
            re[y * w + x] = cos(2 * Double.pi * (Double(ky * y) / Double(h) + Double(kx * x) / Double(w)))
        } }
        let original = re
        let fft = FFT2D(height: h, width: w)
        fft.transform(re: &re, im: &im)
        for y in 0..<h { for x in 0..<w {
            let magnitude = (re[y * w + x] * re[y * w + x] + im[y * w + x] * im[y * w + x]).squareRoot()
            let expected = (y == ky && x == kx) || (y == h - ky && x == w - kx) ? Double(h * w) / 2 : 0
            XCTAssertEqual(magnitude, expected, accuracy: 1e-9)
        } }
        fft.transform(re: &re, im: &im, inverse: true)
        for i in re.indices { XCTAssertEqual(re[i], original[i], accuracy: 1e-12); XCTAssertEqual(im[i], 0, accuracy: 1e-12) }
    }
}
