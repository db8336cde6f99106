import Plotting
import RetinaCNN
import RetinaCore
import Training
import XCTest
@testable import Figures

/// The per-cell spatiotemporal-filter figure of a recording-trained model.
final class CatalogueCellFiltersTests: XCTestCase {
    func testFiltersOfAModelWithAKnownReceptiveFieldBecomeAValidFigure() throws {
        // A network whose conv1 kernels read only their centre pixel: the gradient can only live on
        // the pixels those centres cover.
        let a = BNCNNArchitecture(cells: 2, historyFrames: 6, height: 9, width: 9, conv1Channels: 2, conv1Kernel: 5,
                                  conv2Channels: 2, conv2Kernel: 3)
        var p = BNCNNParameters(architecture: a, seed: 4)
        p.conv1Weight = p.conv1Weight.enumerated().map { i, _ in
            let k = i % 25, t = (i / 25) % 6
            return k == 2 * 5 + 2 ? Float(t == 4 ? 1.5 : 0.2) : 0  // kernel centre only, peak at frame 4
        }
        let model = try BNCNN(architecture: a, parameters: p)
        var rng = SeededRandom(seed: 2)
        let movie = Movie(frames: 60, height: 9, width: 9, values: (0..<(60 * 81)).map { _ in Float(rng.normal()) })
        let filters = CellFilterEstimation.filters(model, movie: movie, cellIDs: ["a", "b"])
        XCTAssertEqual(filters.count, 2)
        for f in filters {
            XCTAssertEqual(f.temporal.count, 6); XCTAssertEqual(f.spatial.count, 81)
            // conv1 reads only each kernel's centre, so the sensitivity stays inside the 5 × 5 central
            // block covered by the 3 × 3 conv2 over the 5 × 5 layer-1 map: pixels 2…6.
            XCTAssertTrue((2...6).contains(Int(f.centreY.rounded())) && (2...6).contains(Int(f.centreX.rounded())), "\(f.centreY), \(f.centreX)")
            let border = f.spatial.enumerated().filter { i, _ in i / 9 < 2 || i / 9 > 6 || i % 9 < 2 || i % 9 > 6 }.map { abs($0.1) }
            // Zero up to the frequency-domain convolutions' rounding (~1e-6 of the largest value).
            XCTAssertLessThan(border.max() ?? 1, 1e-5 * (f.spatial.map(abs).max() ?? 0))
            XCTAssertEqual(f.temporal.indices.max { abs(f.temporal[$0]) < abs(f.temporal[$1]) }, 4, "peak at the heavy frame")
        }
        let spec = try XCTUnwrap(try CatalogueCellFilters.figure(filters))
        XCTAssertEqual(spec.id, "model-cell-filters")
        XCTAssertNoThrow(try FigureValidator.validate(spec))
        XCTAssertNil(try CatalogueCellFilters.figure([]))
    }
}
