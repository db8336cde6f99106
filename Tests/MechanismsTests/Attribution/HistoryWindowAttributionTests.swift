import XCTest
import RetinaCore
import RetinaCNN
import TestSupport
@testable import Mechanisms

/// Integrated gradients to layer 1 at two windows (7 and 12 frames): completeness (the sum of the
/// attributions is the rate change from the gray baseline, up to the quadrature gap, which the result
/// reports exactly), and the window count and geometry follow the model's window.
final class HistoryWindowAttributionTests: XCTestCase {
    func testCompletenessAtTwoWindows() throws {
        for window in [7, 12] {
            let a = BNCNNArchitecture(cells: 3, historyFrames: window, height: 14, width: 14, conv1Channels: 4, conv1Kernel: 5,
                                      conv2Channels: 3, conv2Kernel: 3)
            let net = try BNCNN(architecture: a, parameters: TinyBNCNN.responsiveParameters(a, seed: 7, outputBeta: 0.5))
            XCTAssertEqual(net.conv1Geometry.history, window)
            let movie = ToyNetwork.randomMovie(frames: window + 14, geometry: net.conv1Geometry, seed: 4, sd: 1)
            let r = try IntegratedGradients(model: net, settings: .init(steps: 64, quadrature: .gaussLegendre, target: .meanOfCells([0, 1, 2])))
                .attributeToLayer1(movie)
            XCTAssertEqual(r.windows, 15, "T \(window)")
            let range = Double(r.targetRatesHz.max()! - r.targetRatesHz.min()!)
            XCTAssertGreaterThan(range, 0.5, "the network must respond (T \(window))")
            XCTAssertLessThan(r.maxAbsoluteGap, 0.01 * range, "T \(window)")
            for w in 0..<r.windows {
                // Completeness, with the reported gap: Σ attributions = f(x) − f(baseline) − gap, exactly.
                XCTAssertEqual(r.total(window: w) - (Double(r.targetRatesHz[w]) - Double(r.baselineRateHz)), r.gaps[w], accuracy: 1e-6)
            }
        }
    }
}
