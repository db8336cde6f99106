import XCTest
import RetinaCore
@testable import Mechanisms

final class Conv1CorrelationTests: XCTestCase {
    let g = Conv1Geometry(channels: 3, history: 4, kernel: 3, screenHeight: 6, screenWidth: 7)

    private func randomArray(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        return (0..<n).map { _ in Float(rng.normal()) }
    }

    /// Direct 7-loop definition, independent of the optimised loop order.
    private func naive(_ movie: Movie, _ w: [Float], _ b: [Float]) -> [Float] {
        let windows = movie.windowCount(history: g.history)
        var z: [Float] = []
        for win in 0..<windows { for c in 0..<g.channels { for y in 0..<g.mapHeight { for x in 0..<g.mapWidth {
            var s = Double(b[c])
            for t in 0..<g.history { for u in 0..<g.kernel { for v in 0..<g.kernel {
                s += Double(w[((c * g.history + t) * g.kernel + u) * g.kernel + v]) * Double(movie[win + t, y + u, x + v])
            } } }
            z.append(Float(s))
        } } } }
        return z
    }

    func testForwardMatchesTheDefinition() throws {
        let w = randomArray(g.channels * g.weightsPerChannel, seed: 1), b = randomArray(g.channels, seed: 2)
        let movie = Movie(frames: 9, height: 6, width: 7, values: randomArray(9 * 42, seed: 3))
        let z = try Conv1Correlation.forward(movie: movie, weights: w, bias: b, geometry: g)
        let reference = naive(movie, w, b)
        XCTAssertEqual(z.count, 6 * g.unitsPerWindow)
        XCTAssertEqual(reference.count, z.count)
        for i in z.indices { XCTAssertEqual(z[i], reference[i], accuracy: 1e-5) }
    }

    func testTransposeIsTheAdjoint() throws {
        let w = randomArray(g.channels * g.weightsPerChannel, seed: 4), zero = [Float](repeating: 0, count: g.channels)
        let movie = Movie(frames: g.history, height: 6, width: 7, values: randomArray(g.pixelsPerWindow, seed: 5))
        let gradient = randomArray(g.unitsPerWindow, seed: 6)
        let forward = try Conv1Correlation.forward(movie: movie, weights: w, bias: zero, geometry: g)
        let backward = Conv1Correlation.transposed(gradient, weights: w, geometry: g)
        let lhs = zip(forward, gradient).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(movie.values, backward).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        XCTAssertEqual(lhs, rhs, accuracy: 1e-4 * max(1, abs(lhs)))
        XCTAssertGreaterThan(abs(lhs), 0.1)
    }

    func testShapeErrorsNameTheParameter() {
        let w = [Float](repeating: 0, count: 5), b = [Float](repeating: 0, count: 3)
        let movie = Movie(frames: 5, height: 6, width: 7)
        XCTAssertThrowsError(try Conv1Correlation.forward(movie: movie, weights: w, bias: b, geometry: g)) {
            XCTAssertTrue("\($0)".contains("conv1Weights"))
        }
        let good = [Float](repeating: 0, count: g.channels * g.weightsPerChannel)
        XCTAssertThrowsError(try Conv1Correlation.forward(movie: Movie(frames: 5, height: 5, width: 7), weights: good, bias: b, geometry: g)) {
            XCTAssertTrue("\($0)".contains("movie"))
        }
    }

    func testDefaultPreactivationsAndDerivedSizes() throws {
        let net = ToyNetwork.random(geometry: g, hidden: 2, cells: 1, seed: 7)
        XCTAssertEqual(net.layer1Channels, 3); XCTAssertEqual(net.conv1KernelSize, 3)
        XCTAssertEqual(net.layer1Height, 4); XCTAssertEqual(net.layer1Width, 5)
        let movie = ToyNetwork.randomMovie(frames: 6, geometry: g, seed: 8)
        let z = try net.layer1Preactivations(of: movie)
        let reference = naive(movie, net.conv1Weights, net.conv1Bias)
        XCTAssertEqual(z.count, 3 * g.unitsPerWindow)
        XCTAssertEqual(reference.count, z.count)
        for i in z.indices { XCTAssertEqual(z[i], reference[i], accuracy: 1e-5) }
    }
}
