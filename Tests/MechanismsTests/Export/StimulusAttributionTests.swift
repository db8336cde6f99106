import XCTest
import RetinaCore
import RetinaCNN
import TestSupport
@testable import Mechanisms

final class StimulusAttributionTests: XCTestCase {
    private func model() throws -> BNCNN { try SmallBNCNN.make() }

    /// The target is the summed rate of the listed cells: each window's attributions sum to
    /// r(s) − r(0) of that sum up to the reported gap, the gap is below 1 % of the response range at
    /// 100 right-Riemann steps, and both sites have the documented shapes and the same totals.
    func testLayer1AndInputAttributionsOfASummedTarget() throws {
        let net = try model()
        let movie = ToyNetwork.randomMovie(frames: 24, geometry: net.conv1Geometry, seed: 4, sd: 1)
        let cells = [0, 2]
        let layer1 = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: cells)
        XCTAssertEqual(layer1.shape, [15, 4, 10, 10])
        XCTAssertEqual(layer1.attributions.count, 15 * 400)
        XCTAssertEqual(layer1.gaps.count, 15)
        let rates = try net.rates(for: movie)
        let gray = try net.rates(for: Movie(frames: 10, height: 14, width: 14, values: [Float](repeating: 0, count: 10 * 196)))
        let r0 = Double(gray[0, 0] + gray[0, 2])
        var targets: [Double] = []
        for w in 0..<15 {
            let target = Double(rates[w, 0] + rates[w, 2])
            targets.append(target)
            XCTAssertEqual(Double(layer1.targetRatesHz[w]), target, accuracy: 1e-3)
            XCTAssertEqual(layer1.total(window: w) - layer1.gaps[w], target - r0, accuracy: 1e-3)
        }
        let range = targets.max()! - targets.min()!
        XCTAssertGreaterThan(range, 1, "the network must respond")
        XCTAssertLessThan(layer1.maxAbsoluteGap, 0.01 * range)

        let input = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: cells, site: .input)
        XCTAssertEqual(input.shape, [15, 10, 14, 14])
        for w in [0, 7, 14] {
            XCTAssertEqual(input.total(window: w), layer1.total(window: w), accuracy: 1e-3 * max(1, abs(layer1.total(window: w))))
            XCTAssertEqual(input.gaps[w], layer1.gaps[w], accuracy: 1e-3)
        }
        // More steps shrink the gap (O(1/N) at ReLU kinks).
        let fine = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: cells, steps: 400)
        XCTAssertLessThan(fine.maxAbsoluteGap, layer1.maxAbsoluteGap)
    }

    func testErrorsNameTheParameterExpectedAndFound() throws {
        let net = try model()
        let movie = ToyNetwork.randomMovie(frames: 12, geometry: net.conv1Geometry, seed: 1)
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message { _ = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: [3]) },
                       "invalid setting cells: expected indices in 0..<3, found 3")
        XCTAssertEqual(message { _ = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: []) },
                       "invalid setting cells: expected at least one cell index, found an empty list")
        XCTAssertEqual(message { _ = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: [1, 0, 1]) },
                       "invalid setting cells: expected distinct indices, found 1 twice")
        let small = Movie(frames: 12, height: 10, width: 14, values: [Float](repeating: 0, count: 12 * 140))
        XCTAssertEqual(message { _ = try StimulusAttribution.attribute(model: net, stimulus: small, cells: [0]) },
                       "shape mismatch for stimulus: expected frames of 14x14 pixels, found 10x14")
        XCTAssertEqual(message { _ = try StimulusAttribution.attribute(model: net, stimulus: movie.slice(frames: 0..<9), cells: [0]) },
                       "shape mismatch for stimulus: expected at least 10 frames (one window), found 9 frames")
        XCTAssertEqual(message { _ = try StimulusAttribution.attribute(model: net, stimulus: movie, cells: [0], steps: 1) },
                       "invalid setting steps: expected ≥ 2 for rightRiemann, found 1")
    }
}
