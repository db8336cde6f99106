@testable import Plotting
import XCTest

final class NiceTicksTests: XCTestCase {
    /// Ranges covering positive, negative, straddling zero, tiny, huge and degenerate data.
    static let ranges: [(String, Double, Double)] = [
        ("unit", 0, 1), ("rate", 0, 97.3), ("straddling", -3.7, 1.2), ("negative", -250, -10),
        ("small", -0.0042, 0.0131), ("tiny", 1.2e-9, 3.4e-9), ("huge", 2.3e6, 9.1e7), ("degenerate", 5, 5),
        ("zero", 0, 0), ("time-ms", 0, 990), ("latency", 122.4, 188.1),
    ]

    struct Case: Codable {
        var name: String
        var lower: Double
        var upper: Double
        var maxCount: Int
        var snapped: TickSet
        var inside: TickSet
    }

    func testTicksForManyRangesMatchGolden() throws {
        var cases: [Case] = []
        for (name, lo, hi) in Self.ranges {
            for maxCount in [4, 7] {
                cases.append(Case(name: name, lower: lo, upper: hi, maxCount: maxCount,
                                  snapped: NiceTicks.linear(lower: lo, upper: hi, maxCount: maxCount, snap: true),
                                  inside: NiceTicks.linear(lower: lo, upper: hi, maxCount: maxCount, snap: false)))
            }
        }
        try GoldenFile.check(cases, named: "ticks-linear")
    }

    func testSnappedTicksCoverDataWithOneTwoFiveSteps() {
        for (name, lo, hi) in Self.ranges where lo < hi {
            for maxCount in 3...8 {
                let set = NiceTicks.linear(lower: lo, upper: hi, maxCount: maxCount, snap: true)
                XCTAssertLessThanOrEqual(set.values.count, maxCount, name)
                XCTAssertGreaterThanOrEqual(set.values.count, 2, name)
                XCTAssertLessThanOrEqual(set.lower, lo, name)
                XCTAssertGreaterThanOrEqual(set.upper, hi, name)
                XCTAssertEqual(set.lower, set.values.first, name)
                XCTAssertEqual(set.upper, set.values.last, name)
                let step = set.values[1] - set.values[0]
                let exponent = floor(log10(step))
                let mantissa = (step / pow(10, exponent) * 1000).rounded() / 1000
                XCTAssertTrue([1, 2, 5].contains(mantissa), "\(name): step \(step)")
                for (a, b) in zip(set.values, set.values.dropFirst()) {
                    XCTAssertEqual(b - a, step, accuracy: abs(step) * 1e-9, name)
                }
            }
        }
    }

    func testInsideTicksStayWithinLimits() {
        let set = NiceTicks.linear(lower: 0.15, upper: 0.95, maxCount: 5, snap: false)
        XCTAssertEqual(set.values, [0.2, 0.4, 0.6, 0.8])
        XCTAssertEqual(set.labels, ["0.2", "0.4", "0.6", "0.8"])
        XCTAssertEqual(set.lower, 0.15)
        XCTAssertEqual(set.upper, 0.95)
    }

    func testDecimalTicksAreExactDecimals() {
        let set = NiceTicks.linear(lower: 0, upper: 0.7, maxCount: 8, snap: true)
        XCTAssertEqual(set.values, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        XCTAssertEqual(set.values[3], 0.3) // not 0.30000000000000004
    }

    func testLogTicks() throws {
        let decades = NiceTicks.logarithmic(lower: 0.08, upper: 950, maxCount: 6, snap: true)
        XCTAssertEqual(decades.lower, 0.05)
        XCTAssertEqual(decades.upper, 1000)
        XCTAssertEqual(decades.values, [0.1, 1, 10, 100, 1000])
        XCTAssertEqual(decades.labels, ["0.1", "1", "10", "100", "1000"])
        let narrow = NiceTicks.logarithmic(lower: 0.1, upper: 1, maxCount: 6, snap: true)
        XCTAssertEqual(narrow.values, [0.1, 0.2, 0.5, 1])
        let wide = NiceTicks.logarithmic(lower: 1e-6, upper: 1e6, maxCount: 5, snap: true)
        XCTAssertLessThanOrEqual(wide.values.count, 5)
        XCTAssertEqual(wide.labels, ["10⁻⁶", "10⁻³", "10⁰", "10³", "10⁶"])
        try GoldenFile.check([decades, narrow, wide], named: "ticks-log")
    }
}
