#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// An in-place iterative radix-2 complex FFT of one power-of-two length (Cooley–Tukey,
/// decimation in time, bit-reversed input order).
///
///     forward: X[k] = Σ_n x[n] · exp(−2πi·kn/N)      inverse: x[n] = (1/N) Σ_k X[k] · exp(+2πi·kn/N)
///
/// Accuracy: round-off grows like `log2(N) · ε` (≈ 1e-15 relative for N = 256 in Double).
public struct FFT: Sendable {
    public let count: Int
    private let cosTable: [Double]
    private let sinTable: [Double]
    private let bitReversed: [Int]

    /// `count` must be a power of two (≥ 1).
    public init(count: Int) {
        precondition(count > 0 && count & (count - 1) == 0, "FFT length must be a power of two, found \(count)")
        self.count = count
        cosTable = (0..<max(1, count / 2)).map { cos(2 * Double.pi * Double($0) / Double(count)) }
        sinTable = (0..<max(1, count / 2)).map { sin(2 * Double.pi * Double($0) / Double(count)) }
        var bits = 0
        while (1 << bits) < count { bits += 1 }
        bitReversed = (0..<count).map { i in
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            return r
        }
    }

    /// Transforms `count` complex samples at `re[offset + i·stride]`, `im[…]` in place.
    /// The inverse includes the 1/N factor.
    public func transform(re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>,
                          stride s: Int = 1, inverse: Bool = false) {
        let n = count
        for i in 0..<n {
            let j = bitReversed[i]
            if j > i {
                swap(&re[i * s], &re[j * s]); swap(&im[i * s], &im[j * s])
            }
        }
        let sign: Double = inverse ? 1 : -1
        var half = 1
        while half < n {
            let step = n / (2 * half)
            var start = 0
            while start < n {
                for k in 0..<half {
                    let wr = cosTable[k * step], wi = sign * sinTable[k * step]
                    let a = (start + k) * s, b = (start + k + half) * s
                    let tr = wr * re[b] - wi * im[b]
                    let ti = wr * im[b] + wi * re[b]
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                }
                start += 2 * half
            }
            half *= 2
        }
        if inverse {
            let scale = 1 / Double(n)
            for i in 0..<n { re[i * s] *= scale; im[i * s] *= scale }
        }
    }
}

/// A 2-D complex FFT of a row-major `height × width` array (both powers of two): rows, then columns.
/// The inverse includes the 1/(height·width) factor.
public struct FFT2D: Sendable {
    public let height: Int
    public let width: Int
    private let rowFFT: FFT
    private let columnFFT: FFT

    public init(height: Int, width: Int) {
        self.height = height; self.width = width
        rowFFT = FFT(count: width); columnFFT = FFT(count: height)
    }

    /// Transforms `re`, `im` (each `height·width`, row-major) in place.
    public func transform(re: inout [Double], im: inout [Double], inverse: Bool = false) {
        precondition(re.count == height * width && im.count == height * width, "FFT2D buffer size mismatch")
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { i in
                for y in 0..<height {
                    rowFFT.transform(re: r.baseAddress! + y * width, im: i.baseAddress! + y * width, inverse: inverse)
                }
                for x in 0..<width {
                    columnFFT.transform(re: r.baseAddress! + x, im: i.baseAddress! + x, stride: width, inverse: inverse)
                }
            }
        }
    }
}
