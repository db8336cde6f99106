import XCTest
@testable import Plotting

/// Issue #10, item 4: a model-card value of 1e300 reached `NiceTicks.linear` and trapped in a
/// Double → Int conversion (SIGILL). Extreme limits now give no ticks (or finite ticks), never a trap.
final class NiceTicksExtremeTests: XCTestCase {
    func testExtremeLinearLimitsDoNotTrap() {
        let cases: [(Double, Double)] = [(0, 1e300), (-1e308, 1e308), (-.greatestFiniteMagnitude, .greatestFiniteMagnitude),
                                         (1e300, 1e300), (0, .infinity), (.nan, 1), (-.infinity, .infinity), (1e18, 1e18 + 4096)]
        for (lo, hi) in cases {
            for snap in [true, false] {
                let ticks = NiceTicks.linear(lower: lo, upper: hi, maxCount: 6, snap: snap)
                XCTAssertEqual(ticks.values.count, ticks.labels.count)
                XCTAssertLessThanOrEqual(ticks.values.count, 7, "\(lo) … \(hi)")
                XCTAssertTrue(ticks.values.allSatisfy(\.isFinite))
            }
        }
        // An ordinary range still gets its ticks.
        XCTAssertEqual(NiceTicks.linear(lower: 0, upper: 1e300, maxCount: 6, snap: false).values.count, 6)
    }

    func testExtremeLogarithmicLimitsDoNotTrap() {
        for (lo, hi) in [(1e-300, Double.infinity), (0, 0), (1e300, .greatestFiniteMagnitude), (.nan, .nan)] {
            let ticks = NiceTicks.logarithmic(lower: lo, upper: hi, maxCount: 6, snap: true)
            XCTAssertEqual(ticks.values.count, ticks.labels.count)
            XCTAssertTrue(ticks.values.allSatisfy(\.isFinite))
        }
    }
}
