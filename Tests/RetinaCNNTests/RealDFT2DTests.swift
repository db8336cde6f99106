import XCTest
@testable import RetinaCNN

final class RealDFT2DTests: XCTestCase {
    /// Forward transform of a zero-padded block against the textbook DFT in Double.
    func testForwardMatchesDirectDFT() {
        for (h, w, rows, cols) in [(6, 5, 4, 3), (8, 8, 8, 8), (7, 10, 7, 10)] {
            let grid = DFTGrid(height: h, width: w)
            let plan = ForwardRealDFT(grid: grid, inputRows: rows, inputCols: cols)
            let maps = 3
            let x = (0..<(maps * rows * cols)).map { Float(sin(Double($0) * 1.7) + 0.1 * Double($0 % 5)) }
            var out = [Float](repeating: 0, count: maps * grid.spectrumFloats)
            var scratch = [Float](repeating: 0, count: plan.scratchCount)
            x.withUnsafeBufferPointer { xp in
                plan.transform(maps: maps, input: xp.baseAddress!, output: &out, scratch: &scratch)
            }
            for m in 0..<maps {
                for ky in 0..<h { for kx in 0..<grid.halfWidth {
                    var re = 0.0, im = 0.0
                    for y in 0..<rows { for xx in 0..<cols {
                        let phase = -2 * Double.pi * (Double(ky * y) / Double(h) + Double(kx * xx) / Double(w))
                        let v = Double(x[(m * rows + y) * cols + xx])
                        re += v * cos(phase); im += v * sin(phase)
                    }}
                    let bin = ky * grid.halfWidth + kx, base = m * grid.spectrumFloats
                    XCTAssertEqual(Double(out[base + bin]), re, accuracy: 1e-4, "\(h)x\(w) map \(m) bin \(ky),\(kx)")
                    XCTAssertEqual(Double(out[base + grid.bins + bin]), im, accuracy: 1e-4)
                }}
            }
        }
    }

    /// inverse(forward(x)) = x, also for odd widths, and a cropped inverse returns the block.
    func testInverseRoundTripAndCrop() {
        for (h, w) in [(9, 7), (10, 12)] {
            let grid = DFTGrid(height: h, width: w)
            let fwd = ForwardRealDFT(grid: grid, inputRows: h, inputCols: w)
            let full = InverseRealDFT(grid: grid, outputRows: h, outputCols: w)
            let crop = InverseRealDFT(grid: grid, outputRows: 3, outputCols: 4, rowOffset: 2, colOffset: 1)
            let x = (0..<(2 * h * w)).map { Float(cos(Double($0) * 0.37)) }
            var spec = [Float](repeating: 0, count: 2 * grid.spectrumFloats)
            var scratch = [Float](repeating: 0, count: max(fwd.scratchCount, full.scratchCount, crop.scratchCount))
            var back = [Float](repeating: 0, count: 2 * h * w), part = [Float](repeating: 0, count: 2 * 12)
            x.withUnsafeBufferPointer { fwd.transform(maps: 2, input: $0.baseAddress!, output: &spec, scratch: &scratch) }
            spec.withUnsafeBufferPointer { s in
                full.transform(maps: 2, input: s.baseAddress!, output: &back, scratch: &scratch)
                crop.transform(maps: 2, input: s.baseAddress!, output: &part, scratch: &scratch)
            }
            for i in 0..<x.count { XCTAssertEqual(back[i], x[i], accuracy: 1e-5) }
            for m in 0..<2 { for y in 0..<3 { for c in 0..<4 {
                XCTAssertEqual(part[(m * 3 + y) * 4 + c], x[(m * h + y + 2) * w + c + 1], accuracy: 1e-5)
            }}}
        }
    }

    /// More maps than one row-product chunk and a partial FFT group, read with a map stride larger
    /// than the block: the paper's conv2 grid (36 × 36, 26 × 26 block), against a Double DFT of
    /// sampled maps, and the inverse round trip of the same spectra.
    func testManyMapsWithStride() {
        let grid = DFTGrid(height: 36, width: 36)
        let plan = ForwardRealDFT(grid: grid, inputRows: 26, inputCols: 26)
        let back = InverseRealDFT(grid: grid, outputRows: 26, outputCols: 26)
        let maps = ForwardRealDFT.chunk + ForwardRealDFT.fftGroup + 5, stride = 26 * 26 + 7
        let x = (0..<(maps * stride)).map { Float(sin(Double($0) * 0.61) * cos(Double($0 % 97) * 0.13)) }
        var out = [Float](repeating: 0, count: maps * grid.spectrumFloats)
        var scratch = [Float](repeating: 0, count: max(plan.scratchCount, back.scratchCount))
        x.withUnsafeBufferPointer { plan.transform(maps: maps, input: $0.baseAddress!, mapStride: stride, output: &out, scratch: &scratch) }
        for m in [0, 1, ForwardRealDFT.fftGroup, ForwardRealDFT.chunk - 1, ForwardRealDFT.chunk, maps - 1] {
            for (ky, kx) in [(0, 0), (1, 3), (17, 18), (35, 7), (20, 0)] {
                var re = 0.0, im = 0.0
                for y in 0..<26 { for xx in 0..<26 {
                    let phase = -2 * Double.pi * (Double(ky * y) + Double(kx * xx)) / 36
                    let v = Double(x[m * stride + y * 26 + xx])
                    re += v * cos(phase); im += v * sin(phase)
                }}
                let bin = ky * grid.halfWidth + kx, base = m * grid.spectrumFloats
                XCTAssertEqual(Double(out[base + bin]), re, accuracy: 1e-4, "map \(m) bin \(ky),\(kx)")
                XCTAssertEqual(Double(out[base + grid.bins + bin]), im, accuracy: 1e-4, "map \(m) bin \(ky),\(kx)")
            }
        }
        var restored = [Float](repeating: 0, count: maps * 26 * 26)
        out.withUnsafeBufferPointer { back.transform(maps: maps, input: $0.baseAddress!, output: &restored, scratch: &scratch) }
        var worst: Float = 0
        for m in 0..<maps { for i in 0..<(26 * 26) { worst = max(worst, abs(restored[m * 676 + i] - x[m * stride + i])) } }
        XCTAssertLessThan(worst, 1e-5)
    }
}
