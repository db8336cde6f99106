import XCTest
import RetinaCore
import RetinaSimulation
import RetinaCNN
import Phenomena
import TestSupport
@testable import Mechanisms

final class ConditionExplainerTests: XCTestCase {
    /// The simulated retina gives the same rates on a 1 × 1 (full field) or 1 × W (bars) screen as
    /// on its 50 × 50 screen, so the analyses show it the reduced movie.
    func testGroundTruthOnTheReducedScreenMatchesTheFullScreen() throws {
        let retina = SimulatedRetina()
        let screen = StimulusScreen(heightPixels: 50, widthPixels: 50)
        let osr = try OSRProtocol(periodsMs: [60]).conditions(screen: screen, historyFrames: 40)[0].movie
        let bar = try ReversalProtocol.tanaka.condition(speed: 0.19, reversalPointPixels: 20, reverses: true, screen: screen,
                                                        historyFrames: 40).movie
        for (movie, symmetry) in [(osr, PoolingSymmetry.fullField), (bar, .verticalBars)] {
            let reduced = ConditionExplainer<ToyNetwork>.groundTruthMovie(movie, truth: retina, symmetry: symmetry)
            XCTAssertEqual(reduced.height, 1)
            XCTAssertEqual(reduced.width, symmetry == .fullField ? 1 : 50)
            let a = try retina.rates(for: movie), b = try retina.rates(for: reduced)
            XCTAssertEqual(a.rows, b.rows)
            let peak = a.valuesHz.max()!
            XCTAssertGreaterThan(peak, 1)
            for i in a.valuesHz.indices { XCTAssertEqual(a.valuesHz[i], b.valuesHz[i], accuracy: 1e-4 * max(1, peak)) }
        }
        let toy = ToyResponseModel(net: PlantedCircuit.network())
        XCTAssertEqual(ConditionExplainer<ToyNetwork>.groundTruthMovie(osr, truth: toy, symmetry: .fullField).height, 50,
                       "other models see the movie as is")
    }

    /// The layer-1 preactivations computed on the symmetric reduction of a full-field or bar movie
    /// equal the direct correlation (``Conv1Correlation``) of the full movie.
    func testSymmetricPreactivationsMatchTheDirectCorrelation() throws {
        let g = Conv1Geometry(channels: 3, history: 6, kernel: 3, screenHeight: 5, screenWidth: 7)
        var rng = SeededRandom(seed: 9)
        let weights = (0..<(g.channels * g.weightsPerChannel)).map { _ in Float(rng.normal()) }
        let bias: [Float] = [0.1, -0.2, 0.3]
        let frames = 9
        let trace = (0..<frames).map { _ in Float(rng.normal()) }
        let rows = (0..<(frames * g.screenWidth)).map { _ in Float(rng.normal()) }
        let fullField = Movie.fullField(trace, height: g.screenHeight, width: g.screenWidth)
        let bars = Movie(frames: frames, height: g.screenHeight, width: g.screenWidth,
                         values: (0..<frames).flatMap { t in (0..<g.screenHeight).flatMap { _ in rows[(t * g.screenWidth)..<((t + 1) * g.screenWidth)] } })
        for (movie, symmetry) in [(fullField, PoolingSymmetry.fullField), (bars, .verticalBars)] {
            try symmetry.check(movie)
            let direct = try Conv1Correlation.forward(movie: movie, weights: weights, bias: bias, geometry: g)
            let reduced = ConditionExplainer<ToyNetwork>.symmetricPreactivations(movie, symmetry: symmetry, weights: weights, bias: bias, geometry: g)
            XCTAssertEqual(reduced.count, 4 * g.unitsPerWindow)
            XCTAssertEqual(direct.count, reduced.count)
            for i in direct.indices { XCTAssertEqual(reduced[i], direct[i], accuracy: 1e-5 * max(1, abs(direct[i])), "\(symmetry) \(i)") }
        }
    }

    /// For the BN-CNN the analyses use the symmetric z; it agrees with the engine's spectral conv1.
    func testSymmetricPreactivationsMatchTheBNCNNEngine() throws {
        let net = try BNCNN(architecture: TinyBNCNN.architecture(cells: 2), seed: 4)
        let movie = try ReversalProtocol(barWidthPixels: 2, speedsPixelsPerFrame: [0.3], approachDistancePixels: 6, framesAfterReversal: 46,
                                         reversalOffsetsPixels: [0], recordBeforeReversalMs: 100)
            .condition(speed: 0.3, reversalPointPixels: 8, reverses: true, screen: StimulusScreen(heightPixels: 8, widthPixels: 16),
                       historyFrames: 20).movie
        let engine = net.layer1Preactivations(of: movie)
        let reduced = ConditionExplainer<BNCNN>.symmetricPreactivations(movie, symmetry: .verticalBars, weights: net.conv1Weights,
                                                                         bias: net.conv1Bias, geometry: net.conv1Geometry)
        let scale = engine.map(abs).max()!
        XCTAssertGreaterThan(scale, 0)
        XCTAssertEqual(reduced.count, engine.count)
        for i in engine.indices { XCTAssertEqual(reduced[i], engine[i], accuracy: 1e-5 * scale) }
    }
}
