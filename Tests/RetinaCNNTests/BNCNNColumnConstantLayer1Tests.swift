import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

final class BNCNNColumnConstantLayer1Tests: XCTestCase {
    /// Frames constant down each column: one random row per frame, repeated `height` times.
    func columnConstantMovie(frames: Int, height: Int, width: Int, seed: UInt64) -> Movie {
        let rows = TestNets.randomMovie(frames: frames, height: 1, width: width, seed: seed)
        var values: [Float] = []
        for f in 0..<frames {
            let row = rows.values[(f * width)..<((f + 1) * width)]
            for _ in 0..<height { values += row }
        }
        return Movie(frames: frames, height: height, width: width, values: values)
    }

    func testDetectsColumnConstantFramesOnly() {
        let m = columnConstantMovie(frames: 4, height: 6, width: 5, seed: 1)
        XCTAssertTrue(BNCNN.isColumnConstant(m))
        var changed = m
        changed.values[changed.values.count - 1] += 1e-6   // last pixel of the last frame
        XCTAssertFalse(BNCNN.isColumnConstant(changed))
        XCTAssertTrue(BNCNN.isColumnConstant(Movie(frames: 3, height: 4, width: 4)))   // gray
        XCTAssertFalse(BNCNN.isColumnConstant(Movie(frames: 3, height: 1, width: 4)))  // one row: nothing to gain
    }

    func testMatchesDirectConvolutionOverSeveralChunks() throws {
        // 150 windows: three 64-window chunks over two workers; non-square screen.
        for mode in [BatchNormMode.perUnit, .perChannel] {
            let a = BNCNNArchitecture(cells: 2, historyFrames: 3, height: 9, width: 8, conv1Channels: 2, conv1Kernel: 3,
                                      conv2Channels: 2, conv2Kernel: 3, batchNorm: mode)
            let model = try TestNets.randomModel(a, seed: 21)
            let movie = columnConstantMovie(frames: 152, height: 9, width: 8, seed: 22)
            let z = model.layer1Preactivations(of: movie)
            let ref = ReferenceBNCNN(model)
            for i in [0, 63, 64, 127, 149] {
                let expected = ref.conv1(TestNets.window(movie, i, history: 3))
                XCTAssertLessThan(TestNets.maxRelativeError(Array(z[(i * a.layer1Units)..<((i + 1) * a.layer1Units)]), expected),
                                  1e-5, "\(mode) window \(i)")
            }
            let rates = try model.rates(for: movie)
            for i in [0, 100, 149] {
                XCTAssertLessThan(TestNets.maxRelativeError(Array(rates.valuesHz[(i * 2)..<(i * 2 + 2)]),
                                                            ref.rates(window: TestNets.window(movie, i, history: 3))),
                                  1e-5, "\(mode) rates window \(i)")
            }
        }
    }

    func testPaperSizedBarsAndFullFieldAgreeWithTheSpectralPath() throws {
        let a = BNCNNArchitecture.paper(cells: 3)
        let model = try TestNets.randomModel(a, seed: 23)
        let bars = columnConstantMovie(frames: 45, height: 50, width: 50, seed: 24)
        var flicker = Movie(frames: 45, height: 50, width: 50)
        var rng = SeededRandom(seed: 25)
        for f in 0..<45 {
            let v = Float(rng.normal())
            for p in 0..<2500 { flicker.values[f * 2500 + p] = v }
        }
        for (name, movie) in [("bars", bars), ("full field", flicker)] {
            XCTAssertTrue(BNCNN.isColumnConstant(movie))
            let fast = model.layer1Preactivations(of: movie)
            var spectral = [Float](repeating: 0, count: fast.count)
            spectral.withUnsafeMutableBufferPointer { o in
                model.forEachSpectralLayer1Chunk(of: movie) { range, z, _ in
                    (o.baseAddress! + range.lowerBound * a.layer1Units).update(from: z, count: range.count * a.layer1Units)
                }
            }
            let scale = spectral.map(abs).max()!
            let gap = zip(fast, spectral).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(gap / scale, 1e-5, name)
            XCTAssertGreaterThan(scale, 0.1, name)
        }
    }
}
