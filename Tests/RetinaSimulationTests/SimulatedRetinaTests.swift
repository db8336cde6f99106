import XCTest
import RetinaCore
@testable import RetinaSimulation

final class SimulatedRetinaTests: XCTestCase {
    let retina = SimulatedRetina.salamander

    func testSalamanderParametersAreTheSpecTable() {
        XCTAssertEqual(retina.cellCount, 8)
        XCTAssertEqual(retina.historyFrames, 40)
        XCTAssertEqual(retina.screen.height, 50); XCTAssertEqual(retina.screen.width, 50)
        let centres = retina.cellCentres!.map { [$0.y, $0.x] }
        XCTAssertEqual(centres, [[19, 22], [23, 22], [27, 22], [31, 22], [19, 28], [23, 28], [27, 28], [31, 28]])
        XCTAssertEqual(retina.cells[5].amacrineWeight, 1.97180)
        XCTAssertEqual(retina.cells[7].gainControlTauMilliseconds, 50.255)
        XCTAssertEqual(retina.parameters.amacrineThreshold, 0.0315)
        let data = try! JSONEncoder().encode(retina)
        XCTAssertEqual(try JSONDecoder().decode(SimulatedRetina.self, from: data), retina)
    }

    /// A full-field stimulus as one pixel equals the same stimulus on the 50 × 50 screen (all 8 cells).
    func testOnePixelFullFieldEqualsFullScreen() throws {
        let trace = TestStimuli.flashTrain(period: 6, count: 6, frames: 120)
        let small = try retina.ratesAllFrames(for: Movie.fullField(trace, height: 1, width: 1))
        let full = try retina.ratesAllFrames(for: Movie.fullField(trace, height: 50, width: 50))
        XCTAssertGreaterThan(full.valuesHz.max()!, 50)
        XCTAssertEqual(small.valuesHz.count, full.valuesHz.count)
        for (a, b) in zip(small.valuesHz, full.valuesHz) { XCTAssertEqual(a, b, accuracy: 1e-3) }
    }

    /// A full-height bar as a 1 × 50 strip equals the same bar on the 50 × 50 screen.
    func testStripEqualsFullHeightBarOnScreen() throws {
        let strip = SimulatedRetina.referenceBar(centreXPixels: 25, width: 50).slice(frames: 150..<330)
        let rows = (0..<strip.frames).map { t in (0..<50).map { strip[t, 0, $0] } }
        let screen = Movie.verticallyUniform(rows, height: 50)
        let a = try retina.ratesAllFrames(for: strip)
        let b = try retina.ratesAllFrames(for: screen)
        XCTAssertGreaterThan(b.valuesHz.max()!, 20)
        XCTAssertEqual(a.valuesHz.count, b.valuesHz.count)
        for (x, y) in zip(a.valuesHz, b.valuesHz) { XCTAssertEqual(x, y, accuracy: 1e-3) }
    }

    /// Chunked, multi-threaded runs reproduce one sequential pass bit for bit.
    func testResultDoesNotDependOnThreadsOrChunks() throws {
        var rng = SeededRandom(seed: 3)
        let T = 2600, W = 12
        let movie = Movie(frames: T, height: 1, width: W, values: (0..<(T * W)).map { _ in Float(rng.uniform(-1, 1)) })
        let r = SimulatedRetina(cells: [0.0, 5.5, 11].map { GanglionCellParameters.reference.moved(toYPixels: 0, xPixels: $0) },
                                screenHeight: 1, screenWidth: W)
        let engine = RetinaEngine(parameters: r.parameters, cells: r.cells, height: 1, width: W)
        var sequential = [Double](repeating: 0, count: T * 3)
        movie.values.withUnsafeBufferPointer { m in sequential.withUnsafeMutableBufferPointer { o in
            engine.run(movie: m.baseAddress!, frames: 0..<T, output: o.baseAddress!)
        } }
        XCTAssertEqual(try r.drivesAllFrames(for: movie, threads: 1), sequential)
        XCTAssertEqual(try r.drivesAllFrames(for: movie, threads: 3), sequential)
    }

    func testRatesRowConventionMatchesTheCNN() throws {
        let trace = TestStimuli.step(-0.5, frames: 90)
        let movie = Movie.fullField(trace, height: 1, width: 1)
        let all = try retina.ratesAllFrames(for: movie)
        let windows = try retina.rates(for: movie)
        XCTAssertEqual(all.rows, 90)
        XCTAssertEqual(windows.rows, 51)
        for i in 0..<windows.rows { for j in 0..<8 { XCTAssertEqual(windows[i, j], all[i + 39, j]) } }
        XCTAssertEqual(try retina.rates(for: movie.slice(frames: 0..<30)).rows, 0)
    }

    func testCausality() throws {
        var a = [Float](repeating: 0, count: 80)
        let ra = try TestStimuli.fullFieldRate(TestStimuli.referenceRetina, a)
        a[60] = -1
        let rb = try TestStimuli.fullFieldRate(TestStimuli.referenceRetina, a)
        XCTAssertEqual(Array(ra[0..<61]), Array(rb[0..<61]))   // k(0) = 0: frame 60 only acts from 61 on
        XCTAssertGreaterThan(rb[61..<80].max()! - ra[61..<80].max()!, 10)
    }

    func testScreenMismatchAndInvalidParametersThrow() {
        XCTAssertThrowsError(try retina.rates(for: Movie(frames: 50, height: 40, width: 50))) { error in
            XCTAssertTrue("\(error)".contains("40x50"))
        }
        var bad = retina
        bad.parameters.bipolarGainControl = 0.5
        XCTAssertThrowsError(try bad.rates(for: Movie(frames: 50, height: 1, width: 1))) { error in
            XCTAssertTrue("\(error)".contains("bipolarGainControl"))
        }
        bad = retina
        bad.cells[2].referenceDrive = 0
        XCTAssertThrowsError(try bad.rates(for: Movie(frames: 50, height: 1, width: 1))) { error in
            XCTAssertEqual((error as? SimulationError)?.exitCode, ExitStatus.usage)
            XCTAssertTrue("\(error)".contains("cells[2].referenceDrive"))
        }
    }

    func testSpikeCountsArePoissonAndSeeded() throws {
        let rates = RateMatrix(rows: 5000, cells: 2, valuesHz: (0..<10000).map { $0 % 2 == 0 ? 50 : 200 })
        let a = SpikeSampler.sample(rates, seed: 11)
        XCTAssertEqual(a, SpikeSampler.sample(rates, seed: 11))
        XCTAssertNotEqual(a, SpikeSampler.sample(rates, seed: 12))
        for (cell, lambda) in [(0, 0.5), (1, 2.0)] {
            let n = (0..<5000).map { Double(a[$0, cell]) }
            let mean = n.reduce(0, +) / 5000
            let variance = n.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5000
            XCTAssertEqual(mean, lambda, accuracy: 5 * (lambda / 5000).squareRoot())
            XCTAssertEqual(variance, lambda, accuracy: 0.1 * lambda)   // Poisson: variance = mean
        }
        let counts = try TestStimuli.referenceRetina.spikeCounts(for: Movie(frames: 60, height: 1, width: 1), seed: 1)
        XCTAssertEqual(counts.rows, 21); XCTAssertEqual(counts.cells, 1)
    }
}
