import XCTest
import RetinaCore
@testable import Mechanisms

final class SymmetryPoolingTests: XCTestCase {
    let g = Conv1Geometry(channels: 3, history: 5, kernel: 3, screenHeight: 6, screenWidth: 7)

    private func net() -> ToyNetwork { ToyNetwork.random(geometry: g, hidden: 3, cells: 2, seed: 41, weightScale: 2) }

    private func flashes() -> Movie {
        Movie.fullField([0, 0, -1, -1, 0, 0.5, 0.5, 0, 0, -0.3, 0, 0], height: 6, width: 7)
    }

    private func bar() -> Movie {
        let strip: [[Float]] = (0..<12).map { t in (0..<7).map { x in abs(Double(x) - Double(t) * 0.5) < 1 ? -1 : 0 } }
        return Movie.verticallyUniform(strip, height: 6)
    }

    func testFullFieldPoolingIsExact() throws {
        let model = net(), movie = flashes()
        let z = try model.layer1Preactivations(of: movie)
        let result = try IntegratedGradients(model: model, settings: .init(steps: 20, quadrature: .trapezoid, target: .cell(1)))
            .attributeToLayer1(movie)
        let pooled = try SymmetryPooling.pool(result, stimulus: movie, symmetry: .fullField, preactivations: z)
        XCTAssertEqual(pooled.columns, 1)
        XCTAssertEqual(pooled.units, [PooledUnit(channel: 0), PooledUnit(channel: 1), PooledUnit(channel: 2)])
        XCTAssertEqual(pooled.attributions.count, result.windows * 3)
        // The temporal filter of channel c applied to the flash trace gives the common drive (Eq. 3).
        let filters = try ChannelTyping.classify(model: model).types.map(\.temporalFilter)
        for w in 0..<result.windows {
            XCTAssertEqual(pooled.total(window: w), result.total(window: w), accuracy: 1e-5)
            for c in 0..<3 {
                let drive = (0..<5).reduce(0.0) { $0 + filters[c][$1] * Double(movie[w + $1, 0, 0]) }
                XCTAssertEqual(Double(pooled.drive![w * 3 + c]), drive, accuracy: 1e-5)
                let a = pooled.attributions[w * 3 + c], product = pooled.effectiveWeights![w * 3 + c] * pooled.drive![w * 3 + c]
                XCTAssertEqual(a, product, accuracy: 1e-5 * max(1, abs(a)))
            }
        }
        XCTAssertEqual(pooled.trace(PooledUnit(channel: 2)).count, result.windows)
    }

    func testBarPoolingOverRowsIsExact() throws {
        let model = net(), movie = bar()
        let z = try model.layer1Preactivations(of: movie)
        let result = try IntegratedGradients(model: model, settings: .init(steps: 8, quadrature: .gaussLegendre, target: .cell(0)))
            .attributeToLayer1(movie)
        let pooled = try SymmetryPooling.pool(result, stimulus: movie, symmetry: .verticalBars, preactivations: z)
        XCTAssertEqual(pooled.columns, g.mapWidth)
        XCTAssertEqual(pooled.units.count, 3 * g.mapWidth)
        XCTAssertEqual(pooled.units[6], PooledUnit(channel: 1, column: 1))
        for w in 0..<result.windows {
            XCTAssertEqual(pooled.total(window: w), result.total(window: w), accuracy: 1e-5)
            for c in 0..<3 {
                for x in 0..<g.mapWidth {
                    var sum = 0.0
                    for y in 0..<g.mapHeight { sum += Double(result.attributions[((w * 3 + c) * g.mapHeight + y) * g.mapWidth + x]) }
                    let i = (w * 3 + c) * g.mapWidth + x
                    XCTAssertEqual(Double(pooled.attributions[i]), sum, accuracy: 1e-5)
                    XCTAssertEqual(pooled.attributions[i], pooled.effectiveWeights![i] * pooled.drive![i], accuracy: Float(1e-5 * max(1, abs(sum))))
                }
            }
        }
        let hidden = try SymmetryPooling.poolPreactivations(z, stimulus: movie, geometry: g, symmetry: .verticalBars)
        XCTAssertEqual(hidden.values[5 + 1], z[1 * 20 + 2 * 5 + 1], accuracy: 1e-6)   // (c 1, x 1): every row y has the same z
        XCTAssertEqual(hidden.trace(PooledUnit(channel: 1, column: 2)).count, result.windows)
    }

    func testNonUniformStimulusIsRejectedWithTheFirstOffendingPixel() throws {
        let model = net()
        var movie = flashes()
        movie[6, 2, 3] += 0.01
        movie[8, 0, 1] += 0.5
        let result = try IntegratedGradients(model: model, settings: .init(steps: 4)).attributeToLayer1(movie)
        XCTAssertThrowsError(try SymmetryPooling.pool(result, stimulus: movie, symmetry: .fullField)) { error in
            guard case let .symmetryViolated(symmetry, frame, y, x, _, _, _) = error as? MechanismsError else { return XCTFail("\(error)") }
            XCTAssertEqual(symmetry, "fullField"); XCTAssertEqual(frame, 6); XCTAssertEqual(y, 2); XCTAssertEqual(x, 3)
            XCTAssertTrue("\(error)".contains("frame 6"))
        }
        // A bar movie is not full field, a full-field movie is vertically uniform.
        XCTAssertThrowsError(try PoolingSymmetry.fullField.check(bar()))
        XCTAssertNoThrow(try PoolingSymmetry.verticalBars.check(flashes()))
        var skewed = bar()
        skewed[3, 4, 2] = 0.7
        XCTAssertThrowsError(try PoolingSymmetry.verticalBars.check(skewed)) {
            guard case let .symmetryViolated(_, frame, y, x, _, _, _) = $0 as? MechanismsError else { return XCTFail() }
            XCTAssertEqual([frame, y, x], [3, 4, 2])
        }
    }

    func testToleranceIsRelativeToTheLargestContrast() throws {
        var movie = flashes()
        movie[2, 5, 6] += 5e-7     // below 1e-6 · max|s| = 1e-6
        XCTAssertNoThrow(try PoolingSymmetry.fullField.check(movie))
        movie[2, 5, 6] += 2e-6
        XCTAssertThrowsError(try PoolingSymmetry.fullField.check(movie))
        XCTAssertNoThrow(try PoolingSymmetry.fullField.check(movie, relativeTolerance: 1e-5))
        XCTAssertNoThrow(try PoolingSymmetry.fullField.check(Movie(frames: 3, height: 4, width: 4)))
    }

    func testPoolingRejectsAStimulusOfAnotherLength() throws {
        let model = net(), movie = flashes()
        let result = try IntegratedGradients(model: model, settings: .init(steps: 4)).attributeToLayer1(movie)
        XCTAssertThrowsError(try SymmetryPooling.pool(result, stimulus: movie.slice(frames: 0..<10), symmetry: .fullField))
    }
}
