import XCTest
@testable import Mechanisms

final class GroundTruthReferenceKernelsTests: XCTestCase {
    /// Peaks of the planted kernels (docs/ground-truth-retina.md §3): OFF 80 ms (dark), ON fast 40 ms,
    /// ON slow 110 ms; the linearised amacrine is OFF-like and later than the OFF bipolar.
    func testKernelShapes() {
        let k = GroundTruthReferenceKernels.kernels()
        XCTAssertEqual(Set(k.keys), ["OFF fast", "ON fast", "ON slow", "amacrine"])
        func peak(_ f: [Double]) -> Int { f.indices.max { abs(f[$0]) < abs(f[$1]) }! }
        XCTAssertEqual(peak(k["OFF fast"]!), 8); XCTAssertLessThan(k["OFF fast"]![8], 0)
        XCTAssertEqual(peak(k["ON fast"]!), 4); XCTAssertGreaterThan(k["ON fast"]![4], 0)
        XCTAssertEqual(peak(k["ON slow"]!), 11)
        XCTAssertGreaterThan(peak(k["amacrine"]!), 8); XCTAssertLessThan(k["amacrine"]![peak(k["amacrine"]!)], 0)
        XCTAssertTrue(k.values.allSatisfy { $0.count == 60 })
    }

    /// A first layer whose channels carry the planted filters is typed and matched to them.
    func testChannelsCarryingThePlantedFiltersAreMatched() throws {
        let k = GroundTruthReferenceKernels.kernels()
        let names = ["OFF fast", "ON fast", "ON slow", "amacrine"]
        let g = Conv1Geometry(channels: 4, history: 40, kernel: 1, screenHeight: 1, screenWidth: 1)
        var w = [Float](repeating: 0, count: 4 * 40)
        for (c, name) in names.enumerated() { for lag in 0..<40 { w[c * 40 + 39 - lag] = Float(k[name]![lag]) } }
        let table = try ChannelTyping.classify(weights: w, geometry: g, references: k, scope: .withinPolarity)
        XCTAssertEqual(table.types.map(\.bestReference), names)
        XCTAssertEqual(table.types.map(\.polarity), [.off, .on, .on, .off])
        XCTAssertEqual(table.types[1].speed, .fast); XCTAssertEqual(table.types[2].speed, .slow)
        XCTAssertEqual(table.types[0].speed, .fast); XCTAssertEqual(table.types[3].speed, .slow)
    }
}
