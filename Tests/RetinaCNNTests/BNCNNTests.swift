import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

final class BNCNNTests: XCTestCase {
    func testPaperArchitectureSizes() throws {
        let a = BNCNNArchitecture.paper(cells: 8)
        XCTAssertEqual(a.layer1Height, 36); XCTAssertEqual(a.layer1Width, 36)
        XCTAssertEqual(a.layer2Height, 26); XCTAssertEqual(a.layer2Width, 26)
        XCTAssertEqual(a.layer1Units, 10_368); XCTAssertEqual(a.layer2Units, 5_408)
        XCTAssertEqual(a.conv1WeightCount, 72_000); XCTAssertEqual(a.conv2WeightCount, 7_744)
        XCTAssertEqual(a.bnEpsilon, 1e-3); XCTAssertEqual(a.bnMomentum, 0.01); XCTAssertEqual(a.noiseSigma, 0.05)
        let json = try JSONEncoder().encode(a)
        XCTAssertEqual(try JSONDecoder().decode(BNCNNArchitecture.self, from: json), a)
    }

    func testInvalidArchitectureIsRejected() {
        var a = TestNets.tiny()
        a.conv2Kernel = 9   // layer 1 is 8×6
        XCTAssertThrowsError(try a.validate()) { e in
            XCTAssertTrue("\(e)".contains("conv2Kernel"), "\(e)")
        }
        XCTAssertThrowsError(try BNCNN(architecture: a, seed: 1))
    }

    func testWrongParameterSizeIsRejected() throws {
        let a = TestNets.tiny()
        var p = BNCNNParameters(architecture: a, seed: 3)
        p.conv2Bias = [1]
        XCTAssertThrowsError(try BNCNN(architecture: a, parameters: p)) { e in
            XCTAssertTrue("\(e)".contains("conv2Bias"), "\(e)")
        }
        p = BNCNNParameters(architecture: a, seed: 3)
        p.denseWeight[4] = .nan
        XCTAssertThrowsError(try BNCNN(architecture: a, parameters: p)) { e in
            XCTAssertTrue("\(e)".contains("denseWeight"), "\(e)")
        }
    }

    func testInitialisationIsDeterministic() throws {
        let a = TestNets.tiny()
        XCTAssertEqual(try BNCNN(architecture: a, seed: 5), try BNCNN(architecture: a, seed: 5))
        XCTAssertNotEqual(try BNCNN(architecture: a, seed: 5), try BNCNN(architecture: a, seed: 6))
        let p = BNCNNParameters(architecture: a, seed: 5)
        let bound = 1 / Float(a.historyFrames * a.conv1Kernel * a.conv1Kernel).squareRoot()
        XCTAssertLessThanOrEqual(p.conv1Weight.map(abs).max()!, bound)
        XCTAssertGreaterThan(p.conv1Weight.map(abs).max()!, 0.8 * bound)
    }

    func testRatesMatchDirectReference() throws {
        for mode in [BatchNormMode.perUnit, .perChannel] {
            let a = TestNets.tiny(mode)
            let model = try TestNets.randomModel(a, seed: 11)
            let movie = TestNets.randomMovie(frames: 9, height: a.height, width: a.width, seed: 2)
            let rates = try model.rates(for: movie)
            XCTAssertEqual(rates.rows, 7); XCTAssertEqual(rates.cells, a.cells)
            let ref = ReferenceBNCNN(model)
            var expected: [Double] = []
            for i in 0..<rates.rows { expected += ref.rates(window: TestNets.window(movie, i, history: a.historyFrames)) }
            XCTAssertLessThan(TestNets.maxRelativeError(rates.valuesHz, expected), 1e-5, "\(mode)")
            XCTAssertGreaterThan(Set(rates.valuesHz).count, 10, "rates should vary")
        }
    }

    func testLayer1PreactivationsMatchDirectConvolution() throws {
        let a = TestNets.tiny()
        let model = try TestNets.randomModel(a, seed: 12)
        let movie = TestNets.randomMovie(frames: 5, height: a.height, width: a.width, seed: 3)
        let z = model.layer1Preactivations(of: movie)
        XCTAssertEqual(z.count, 3 * a.layer1Units)
        let ref = ReferenceBNCNN(model)
        let expected = (0..<3).flatMap { ref.conv1(TestNets.window(movie, $0, history: a.historyFrames)) }
        XCTAssertLessThan(TestNets.maxRelativeError(z, expected), 1e-5)
        // ratesFromLayer1 is the rest of the network.
        XCTAssertLessThan(TestNets.maxRelativeError(model.ratesFromLayer1(z, count: 3),
                                                    try model.rates(for: movie).valuesHz.map(Double.init)), 1e-6)
    }

    func testLongMovieUsesSeveralChunksConsistently() throws {
        // 150 windows span three 64-window chunks split over two workers.
        let a = BNCNNArchitecture(cells: 2, historyFrames: 2, height: 8, width: 8, conv1Channels: 2, conv1Kernel: 3,
                                  conv2Channels: 2, conv2Kernel: 3)
        let model = try TestNets.randomModel(a, seed: 4)
        let movie = TestNets.randomMovie(frames: 151, height: 8, width: 8, seed: 5)
        let rates = try model.rates(for: movie)
        let ref = ReferenceBNCNN(model)
        for i in [0, 63, 64, 100, 149] {
            let e = ref.rates(window: TestNets.window(movie, i, history: 2))
            XCTAssertLessThan(TestNets.maxRelativeError(Array(rates.valuesHz[(i * 2)..<(i * 2 + 2)]), e), 1e-5, "window \(i)")
        }
    }

    func testWrongScreenThrowsAndShortMovieGivesNoRows() throws {
        let a = TestNets.tiny()
        let model = try TestNets.randomModel(a, seed: 1)
        XCTAssertThrowsError(try model.rates(for: Movie(frames: 5, height: 10, width: 10))) { e in
            XCTAssertEqual((e as? RetinaCNNError)?.exitCode, ExitStatus.usage)
        }
        XCTAssertEqual(try model.rates(for: Movie(frames: 2, height: 12, width: 10)).rows, 0)
    }

    func testPaperSizedNetworkOneWindow() throws {
        let a = BNCNNArchitecture.paper(cells: 4)
        let model = try TestNets.randomModel(a, seed: 8)
        let movie = TestNets.randomMovie(frames: 40, height: 50, width: 50, seed: 9)
        let z = model.layer1Preactivations(of: movie)
        XCTAssertEqual(z.count, 10_368)
        // A few units against the direct sum.
        let p = model.parameters
        for (c, y, x) in [(0, 0, 0), (3, 17, 29), (7, 35, 35)] {
            var s = Double(p.conv1Bias[c])
            for t in 0..<40 { for u in 0..<15 { for v in 0..<15 {
                s += Double(p.conv1Weight[((c * 40 + t) * 15 + u) * 15 + v]) * Double(movie[t, y + u, x + v])
            }}}
            XCTAssertEqual(Double(z[(c * 36 + y) * 36 + x]), s, accuracy: 1e-5 * max(1, abs(s)) + 2e-5)
        }
        let r = try model.rates(for: movie)
        XCTAssertEqual(r.rows, 1)
        XCTAssertTrue(r.valuesHz.allSatisfy { $0.isFinite && $0 >= 0 })
    }
}
