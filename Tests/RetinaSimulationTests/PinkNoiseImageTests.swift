import XCTest
import RetinaCore
@testable import RetinaSimulation

final class PinkNoiseImageTests: XCTestCase {
    func testContrastAndSpectrum() {
        var rng = SeededRandom(seed: 9)
        let n = 64
        let image = PinkNoiseImage(sizePixels: n, spectralExponent: 1, rmsContrast: 0.35, random: &rng)
        let v = image.values.map(Double.init)
        let mean = v.reduce(0, +) / Double(n * n)
        let rms = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n * n)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 1e-6)
        XCTAssertEqual(rms, 0.35, accuracy: 1e-5)
        // Radially averaged amplitude falls as 1/f: log-log slope ≈ −1 between f = 2 and 16.
        var re = v, im = [Double](repeating: 0, count: n * n)
        FFT2D(height: n, width: n).transform(re: &re, im: &im)
        func ringAmplitude(_ f: Double) -> Double {
            var s = 0.0, c = 0.0
            for ky in 0..<n { for kx in 0..<n {
                let fy = Double(ky <= n / 2 ? ky : ky - n), fx = Double(kx <= n / 2 ? kx : kx - n)
                if abs((fx * fx + fy * fy).squareRoot() - f) < 0.5 {
                    s += (re[ky * n + kx] * re[ky * n + kx] + im[ky * n + kx] * im[ky * n + kx]).squareRoot(); c += 1
                }
            } }
            return s / c
        }
        let slope = log(ringAmplitude(16) / ringAmplitude(2)) / log(8.0)
        XCTAssertEqual(slope, -1, accuracy: 0.15)
    }

    func testBilinearSamplingWrapsAndInterpolates() {
        var rng = SeededRandom(seed: 1)
        let image = PinkNoiseImage(sizePixels: 8, rmsContrast: 0.3, random: &rng)
        XCTAssertEqual(image.sample(y: 2, x: 3), image.values[2 * 8 + 3])
        XCTAssertEqual(image.sample(y: 2 + 8, x: 3 - 16), image.values[2 * 8 + 3])
        XCTAssertEqual(image.sample(y: 2, x: 7.5), 0.5 * (image.values[2 * 8 + 7] + image.values[2 * 8]), accuracy: 1e-6)
    }
}
