import XCTest
@testable import RetinaCNN

final class LaneFFTTests: XCTestCase {
    /// Every radix path (4, 2, 3, 5, a direct prime butterfly, mixed) and the trivial length 1,
    /// forward and inverse, for several maps read and written through strided layouts, against the
    /// DFT summed in Double, with lane counts below, at and above the vector width. Tolerance:
    /// 2e-6 of the column's L1 norm.
    func testMatchesDoubleDFT() {
        for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 16, 25, 26, 36, 49, 50] {
            for lanes in [1, 8, 19, 33] {
                for inverse in [false, true] {
                    let fft = LaneFFT(length: n, inverse: inverse)
                    let maps = 3, rowStride = 2 * lanes + 1, mapStride = n * rowStride + 3   // re | im | pad
                    let x = (0..<(maps * mapStride)).map { Float(sin(Double($0) * 0.913 + Double(n))) }
                    let outMap = 2 * n * lanes + 5
                    var out = [Float](repeating: .nan, count: maps * outMap)
                    var scratch = [Float](repeating: .nan, count: fft.scratchCount(maps: maps, lanes: lanes))
                    x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op in
                        let i = xp.baseAddress!, o = op.baseAddress!
                        fft.transform(maps: maps, lanes: lanes,
                                      input: .init(re: i, im: i + lanes, rowStride: rowStride, mapStride: mapStride, validRows: n),
                                      output: .init(re: o, im: o + n * lanes, rowStride: lanes, mapStride: outMap,
                                                    firstRow: 0, rowCount: n),
                                      scratch: &scratch)
                    }}
                    let sign: Double = inverse ? 1 : -1
                    for g in 0..<maps { for l in 0..<lanes {
                        func xr(_ j: Int) -> Double { Double(x[g * mapStride + j * rowStride + l]) }
                        func xi(_ j: Int) -> Double { Double(x[g * mapStride + j * rowStride + lanes + l]) }
                        let norm = (0..<n).reduce(0.0) { $0 + abs(xr($1)) + abs(xi($1)) }
                        for k in 0..<n {
                            var sr = 0.0, si = 0.0
                            for j in 0..<n {
                                let a = sign * 2 * Double.pi * Double((j * k) % n) / Double(n)
                                sr += xr(j) * cos(a) - xi(j) * sin(a); si += xr(j) * sin(a) + xi(j) * cos(a)
                            }
                            XCTAssertEqual(Double(out[g * outMap + k * lanes + l]), sr, accuracy: 2e-6 * norm, "n \(n) lanes \(lanes) map \(g) k \(k)")
                            XCTAssertEqual(Double(out[g * outMap + n * lanes + k * lanes + l]), si, accuracy: 2e-6 * norm, "n \(n) lanes \(lanes) map \(g) k \(k)")
                        }
                    }}
                }
            }
        }
    }

    /// Zero padding (rows ≥ validRows read as zeros, whatever the memory holds) and cropping (only
    /// rows firstRow ..< firstRow + rowCount are written; the rest of the output is untouched).
    func testZeroPaddingAndCropping() {
        let n = 12, lanes = 10, valid = 7, first = 3, count = 5
        let fft = LaneFFT(length: n, inverse: false)
        var x = (0..<(2 * n * lanes)).map { Float(cos(Double($0) * 0.31)) }
        for j in valid..<n { for l in 0..<lanes { x[j * lanes + l] = 1e30; x[n * lanes + j * lanes + l] = -1e30 } }
        var out = [Float](repeating: 7, count: 2 * (count + 2) * lanes)
        var scratch = [Float](repeating: .nan, count: fft.scratchCount(maps: 1, lanes: lanes))
        x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { op in
            let i = xp.baseAddress!, o = op.baseAddress!
            fft.transform(maps: 1, lanes: lanes,
                          input: .init(re: i, im: i + n * lanes, rowStride: lanes, mapStride: 0, validRows: valid),
                          output: .init(re: o, im: o + (count + 2) * lanes, rowStride: lanes, mapStride: 0,
                                        firstRow: first, rowCount: count),
                          scratch: &scratch)
        }}
        for l in 0..<lanes {
            for k in first..<(first + count) {
                var sr = 0.0, si = 0.0
                for j in 0..<valid {
                    let a = -2 * Double.pi * Double(j * k) / Double(n)
                    let r = Double(x[j * lanes + l]), i = Double(x[n * lanes + j * lanes + l])
                    sr += r * cos(a) - i * sin(a); si += r * sin(a) + i * cos(a)
                }
                XCTAssertEqual(Double(out[(k - first) * lanes + l]), sr, accuracy: 1e-5)
                XCTAssertEqual(Double(out[(count + 2) * lanes + (k - first) * lanes + l]), si, accuracy: 1e-5)
            }
            for k in count..<(count + 2) {   // beyond the kept rows: untouched
                XCTAssertEqual(out[k * lanes + l], 7); XCTAssertEqual(out[(count + 2) * lanes + k * lanes + l], 7)
            }
        }
    }

    /// The radices multiply back to the length; 4s come first, then primes in increasing order.
    func testRadices() {
        XCTAssertEqual(LaneFFT.radices(of: 36), [4, 3, 3])
        XCTAssertEqual(LaneFFT.radices(of: 50), [2, 5, 5])
        XCTAssertEqual(LaneFFT.radices(of: 1), [])
        XCTAssertEqual(LaneFFT.radices(of: 97), [97])
        for n in 1...200 { XCTAssertEqual(LaneFFT.radices(of: n).reduce(1, *), n) }
    }
}
