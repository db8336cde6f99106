#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A normalised, truncated 1-D Gaussian with edge replication, matching
/// `scipy.ndimage.gaussian_filter1d(x, σ, mode='nearest', truncate=3.0)`.
///
/// Radius rule (scipy): `radius = Int(truncate · σ + 0.5)`, so σ = 1 → 3 taps each side and σ = 8 → 24.
/// Weights `exp(−x²/2σ²)` for `x = −radius…radius`, normalised to unit sum. Samples outside the
/// line repeat the nearest edge sample. A line of length 1 is returned unchanged.
public struct GaussianBlur1D: Sendable, Equatable {
    public let sigmaPixels: Double
    public let radius: Int
    /// `2·radius + 1` weights, unit sum.
    public let weights: [Float]

    public init(sigmaPixels: Double, truncate: Double = 3.0) {
        precondition(sigmaPixels >= 0, "sigmaPixels must be ≥ 0")
        self.sigmaPixels = sigmaPixels
        radius = Self.radius(sigmaPixels: sigmaPixels, truncate: truncate)
        if sigmaPixels == 0 {
            weights = [1]
        } else {
            let raw = (-radius...radius).map { exp(-0.5 * Double($0 * $0) / (sigmaPixels * sigmaPixels)) }
            let sum = raw.reduce(0, +)
            weights = raw.map { Float($0 / sum) }
        }
    }

    /// scipy's truncation radius: `Int(truncate · σ + 0.5)`.
    public static func radius(sigmaPixels: Double, truncate: Double = 3.0) -> Int {
        Int(truncate * sigmaPixels + 0.5)
    }

    /// Blurs `count` samples read at `input[offset + i·stride]` into `output` (same layout).
    @inline(__always)
    func apply(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
               count: Int, stride: Int) {
        if count == 1 || radius == 0 {
            for i in 0..<count { output[i * stride] = input[i * stride] }
            return
        }
        let r = radius
        weights.withUnsafeBufferPointer { w in
            for i in 0..<count {
                var acc: Float = 0
                if i >= r && i + r < count {
                    for j in 0...(2 * r) { acc += w[j] * input[(i - r + j) * stride] }
                } else {
                    for j in 0...(2 * r) {
                        let k = min(max(i - r + j, 0), count - 1)
                        acc += w[j] * input[k * stride]
                    }
                }
                output[i * stride] = acc
            }
        }
    }
}

/// Separable 2-D Gaussian blur of one `height × width` frame (y pass, then x pass), scipy
/// `mode='nearest'`, `truncate=3` semantics on each axis. Axes of length 1 are left unchanged.
/// Both passes are written tap-outer / pixel-inner so the compiler vectorises them.
struct SeparableGaussianBlur: Sendable {
    let blur: GaussianBlur1D
    let height: Int
    let width: Int

    init(sigmaPixels: Double, height: Int, width: Int) {
        blur = GaussianBlur1D(sigmaPixels: sigmaPixels); self.height = height; self.width = width
    }

    /// Floats of scratch space ``apply(_:_:scratch:)`` needs: one frame plus one padded row.
    var scratchCount: Int { height * width + width + 2 * blur.radius }

    /// Blurs `input` into `output` (distinct `height·width` buffers) using `scratch` (``scratchCount``).
    func apply(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
               scratch: UnsafeMutablePointer<Float>) {
        let r = blur.radius, W = width, H = height
        let tmp = scratch, pad = scratch + H * W
        blur.weights.withUnsafeBufferPointer { w in
            // y pass: tmp[y] = Σ_j w[j] · in[clamp(y − r + j)], vectorised across x.
            if H > 1 && r > 0 {
                for y in 0..<H {
                    let row = tmp + y * W
                    for x in 0..<W { row[x] = 0 }
                    for j in 0...(2 * r) {
                        let src = input + min(max(y - r + j, 0), H - 1) * W
                        let wj = w[j]
                        for x in 0..<W { row[x] += wj * src[x] }
                    }
                }
            } else {
                tmp.update(from: input, count: H * W)
            }
            // x pass on an edge-replicated padded copy of each row.
            if W > 1 && r > 0 {
                for y in 0..<H {
                    let row = tmp + y * W, out = output + y * W
                    for k in 0..<r { pad[k] = row[0]; pad[r + W + k] = row[W - 1] }
                    for x in 0..<W { pad[r + x] = row[x] }
                    for x in 0..<W { out[x] = 0 }
                    for j in 0...(2 * r) {
                        let wj = w[j], src = pad + j
                        for x in 0..<W { out[x] += wj * src[x] }
                    }
                }
            } else {
                output.update(from: tmp, count: H * W)
            }
        }
    }
}

/// Normalised (untruncated) Gaussian weights over a line of pixels, the ganglion pooling profile:
/// `w[i] = exp(−(i − c)²/2σ²) / Σ_i (…)`, `i = 0…count−1`. A line of length 1 gives `[1]`
/// (a uniform axis: full-field or vertically uniform stimuli).
public func gaussianPoolingWeights(count: Int, centrePixels c: Double, sigmaPixels s: Double) -> [Double] {
    if count == 1 { return [1] }
    let raw = (0..<count).map { exp(-0.5 * pow((Double($0) - c) / s, 2)) }
    let sum = raw.reduce(0, +)
    return raw.map { $0 / sum }
}
