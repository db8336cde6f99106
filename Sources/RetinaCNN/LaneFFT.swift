import CKernels
import Foundation

/// A plan for the complex DFT of length `length` down the columns of several maps at once
/// (`ck_fft_maps`, Sources/CKernels): each map's `lanes` columns are independent sequences, the
/// butterflies run over rows of lanes, so they vectorise (AVX2/FMA when the CPU has it, the
/// portable baseline otherwise, chosen at load time), and the first and last passes read and write
/// the caller's layout directly (zero padding and cropping included; no copies).
///
///     X[k][g][l] = Σ_j x[j][g][l] · exp(∓2πi · j·k / length)     (− forward, + inverse; no 1/length)
///
/// Self-sorting Stockham passes over the prime factors (4s first, then 2, 3, 5, any other prime by a
/// direct butterfly): `length · Σ radices` complex multiply-adds per lane, against `length²` for the
/// dense DFT matrix (36: 360 against 1,296). Twiddles are computed in Double and rounded once;
/// error ~ 1e-7 · log(length) of the sequence's norm (tests compare with a Double DFT).
struct LaneFFT: Sendable {
    let length: Int
    let inverse: Bool
    private let radices: [Int32]
    private let twiddleRe: [Float]
    private let twiddleIm: [Float]

    init(length: Int, inverse: Bool) {
        precondition(length >= 1, "LaneFFT length \(length) must be ≥ 1")
        self.length = length; self.inverse = inverse
        let radices = Self.radices(of: length)
        let sign: Double = inverse ? 1 : -1
        var re: [Float] = [], im: [Float] = []
        var len = length
        for p in radices {
            let m = len / p
            for t in 0..<m {
                for k in 0..<p {
                    let angle = sign * 2 * Double.pi * Double((t * k) % len) / Double(len)
                    re.append(Float(cos(angle))); im.append(Float(sin(angle)))
                }
            }
            if !Self.dedicated.contains(p) {
                for j in 0..<p {
                    let angle = sign * 2 * Double.pi * Double(j) / Double(p)
                    re.append(Float(cos(angle))); im.append(Float(sin(angle)))
                }
            }
            len = m
        }
        self.radices = radices.map { Int32($0) }
        twiddleRe = re; twiddleIm = im
    }

    /// Radices with a dedicated butterfly in `ck_lane_fft`.
    private static let dedicated: Set<Int> = [2, 3, 4, 5]

    /// The passes' radices: as many 4s as fit, then the remaining prime factors in increasing order.
    static func radices(of n: Int) -> [Int] {
        var n = n, out: [Int] = []
        while n % 4 == 0 { out.append(4); n /= 4 }
        var p = 2
        while n > 1 {
            if p * p > n { out.append(n); break }
            while n % p == 0 { out.append(p); n /= p }
            p += 1
        }
        return out
    }

    /// Scratch floats ``transform(maps:lanes:input:output:scratch:)`` needs.
    func scratchCount(maps: Int, lanes: Int) -> Int { 4 * length * maps * lanes + 2 * lanes }

    /// Where a transform reads its input: row j of map g starts at `re + j·rowStride + g·mapStride`
    /// (imaginary parts likewise from `im`); rows j ≥ `validRows` are zeros.
    struct Input {
        var re: UnsafePointer<Float>, im: UnsafePointer<Float>
        var rowStride: Int, mapStride: Int, validRows: Int
    }

    /// Where a transform writes: row k of map g at `re + (k − firstRow)·rowStride + g·mapStride`, for
    /// k in `firstRow ..< firstRow + rowCount` (the other rows are dropped).
    struct Output {
        var re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>
        var rowStride: Int, mapStride: Int, firstRow: Int, rowCount: Int
    }

    /// Transforms the `lanes` columns of each of `maps` maps (`ck_fft_maps`); the output must not
    /// overlap the input.
    func transform(maps: Int, lanes: Int, input: Input, output: Output, scratch: UnsafeMutablePointer<Float>) {
        guard maps > 0, lanes > 0 else { return }
        let status = radices.withUnsafeBufferPointer { r in twiddleRe.withUnsafeBufferPointer { tr in
            twiddleIm.withUnsafeBufferPointer { ti in
                ck_fft_maps(Int32(length), Int32(r.count), r.baseAddress, tr.baseAddress, ti.baseAddress,
                            inverse ? 1 : -1, input.re, input.im, input.rowStride, input.mapStride, Int32(input.validRows),
                            output.re, output.im, output.rowStride, output.mapStride, Int32(output.firstRow),
                            Int32(output.rowCount), Int32(maps), Int32(lanes), scratch)
            }
        }}
        precondition(status == 0, "LaneFFT: invalid radices \(radices)")
    }

    /// True when the AVX2/FMA versions of the C kernels run on this CPU (for the benchmark's record).
    static var usesAVX2: Bool { ck_uses_avx2() != 0 }
}
