@testable import Plotting
import XCTest

final class TickFormatterTests: XCTestCase {
    func testUsesTypographicMinusAndNoNegativeZero() {
        XCTAssertEqual(TickFormatter.decimal(-2, digits: 0), "\u{2212}2")
        XCTAssertEqual(TickFormatter.decimal(-0.0001, digits: 2), "0.00")
        XCTAssertEqual(TickFormatter.decimal(-0.0, digits: 0), "0")
    }

    func testScientificForHugeAndTinyMagnitudes() {
        let huge = TickFormatter.labels(for: [0, 2e6, 4e6], step: TickStep(mantissa: 2, exponent: 6))
        XCTAssertEqual(huge, ["0", "2×10⁶", "4×10⁶"])
        let tiny = TickFormatter.labels(for: [1e-9, 1.5e-9, 2e-9], step: TickStep(mantissa: 5, exponent: -10))
        XCTAssertEqual(tiny, ["1.0×10⁻⁹", "1.5×10⁻⁹", "2.0×10⁻⁹"])
    }

    func testDecimalsFollowTheStep() {
        XCTAssertEqual(TickFormatter.labels(for: [0, 0.25, 0.5], step: TickStep(mantissa: 5, exponent: -2)), ["0.00", "0.25", "0.50"])
        XCTAssertEqual(TickFormatter.labels(for: [100, 200], step: TickStep(mantissa: 1, exponent: 2)), ["100", "200"])
    }

    func testSuperscript() {
        XCTAssertEqual(TickFormatter.superscript(-12), "⁻¹²")
        XCTAssertEqual(TickFormatter.superscript(7), "⁷")
    }
}
