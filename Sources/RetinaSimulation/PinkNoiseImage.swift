import RetinaCore
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Square images with a `1/f^α` amplitude spectrum ("pink" / natural-image-like noise), the
/// natural-scene stand-in of the training ensemble (docs/ground-truth-retina.md §4.2).
///
/// Construction: white Gaussian noise → 2-D FFT → multiply by `1/|f|^α` (DC set to 0) → inverse
/// FFT → real part → shift to zero mean and scale to the requested RMS contrast. The filter is
/// symmetric in ±f, so the result is real to round-off. The image is periodic (it tiles the plane),
/// which lets a viewing window wrap around its edges seamlessly.
public struct PinkNoiseImage: Sendable {
    /// Side length in pixels (a power of two).
    public let sizePixels: Int
    /// Row-major `size × size` contrast values; mean 0, RMS `rmsContrast` (not clipped).
    public let values: [Float]

    public init(sizePixels n: Int, spectralExponent alpha: Double = 1, rmsContrast: Double,
                random rng: inout SeededRandom) {
        sizePixels = n
        var re = (0..<(n * n)).map { _ in rng.normal() }
        var im = [Double](repeating: 0, count: n * n)
        let fft = FFT2D(height: n, width: n)
        fft.transform(re: &re, im: &im)
        for ky in 0..<n {
            let fy = Double(ky <= n / 2 ? ky : ky - n)
            for kx in 0..<n {
                let fx = Double(kx <= n / 2 ? kx : kx - n)
                let f = (fx * fx + fy * fy).squareRoot()
                let gain = f == 0 ? 0 : pow(f, -alpha)
                re[ky * n + kx] *= gain; im[ky * n + kx] *= gain
            }
        }
        fft.transform(re: &re, im: &im, inverse: true)
        let mean = re.reduce(0, +) / Double(n * n)
        let rms = (re.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n * n)).squareRoot()
        let scale = rms > 0 ? rmsContrast / rms : 0
        values = re.map { Float(($0 - mean) * scale) }
    }

    /// Bilinear sample at fractional pixel coordinates (row `y`, column `x`), wrapping periodically.
    @inline(__always)
    public func sample(y: Double, x: Double) -> Float {
        let n = sizePixels
        let fy = y - floor(y), fx = x - floor(x)
        var y0 = Int(floor(y)) % n; if y0 < 0 { y0 += n }
        var x0 = Int(floor(x)) % n; if x0 < 0 { x0 += n }
        let y1 = y0 + 1 == n ? 0 : y0 + 1, x1 = x0 + 1 == n ? 0 : x0 + 1
        let a = values[y0 * n + x0], b = values[y0 * n + x1]
        let c = values[y1 * n + x0], d = values[y1 * n + x1]
        let top = a + Float(fx) * (b - a), bottom = c + Float(fx) * (d - c)
        return top + Float(fy) * (bottom - top)
    }
}
