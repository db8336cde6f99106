import XCTest
@testable import RetinaCore

final class NumberTextTests: XCTestCase {
    func testSignificantDigits() {
        XCTAssertEqual(NumberText.significant(0.98123), "0.981")
        XCTAssertEqual(NumberText.significant(0.98), "0.980", "trailing zeros are kept")
        XCTAssertEqual(NumberText.significant(25.74), "25.7")
        XCTAssertEqual(NumberText.significant(238.4), "238")
        XCTAssertEqual(NumberText.significant(-99_999.6), "\u{2212}100000")
        XCTAssertEqual(NumberText.significant(1234.4), "1234", "whole integers are never rounded to 1230")
        XCTAssertEqual(NumberText.significant(9.996), "10.0", "decimals follow the rounded value")
        XCTAssertEqual(NumberText.significant(-0.0421), "\u{2212}0.0421")
        XCTAssertEqual(NumberText.significant(0.00001234), "1.23e-5")
        XCTAssertEqual(NumberText.significant(-0), "0")
        XCTAssertEqual(NumberText.significant(1.26, 2), "1.3")
        XCTAssertEqual(NumberText.significant(0), "0")
    }

    func testMissingValuesReadNotAvailable() {
        for x in [nil, .nan, .infinity, -.infinity] as [Double?] {
            XCTAssertEqual(NumberText.significant(x), "n/a")
            XCTAssertEqual(NumberText.fixed(x, decimals: 2), "n/a")
            XCTAssertEqual(NumberText.percent(x), "n/a")
            XCTAssertEqual(UnitText.measured(x, "ms"), "n/a", "no dangling unit")
        }
        XCTAssertEqual(NumberText.parameter(.nan), "n/a")
    }

    func testFixedAndPercent() {
        XCTAssertEqual(NumberText.fixed(0.97345, decimals: 3), "0.973")
        XCTAssertEqual(NumberText.fixed(-0.0004, decimals: 3), "0.000", "no negative zero")
        XCTAssertEqual(NumberText.percent(0.9412), "94.1")
        XCTAssertEqual(NumberText.percent(-0.352), "\u{2212}35.2")
        XCTAssertEqual(UnitText.measured(12.345, "ms"), "12.3 ms")
    }

    func testParametersReadAsSet() {
        XCTAssertEqual(NumberText.parameter(0.15000000000000002), "0.15")
        XCTAssertEqual(NumberText.parameter(0.19), "0.19")
        XCTAssertEqual(NumberText.parameter(40), "40")
        XCTAssertEqual(NumberText.parameter(1e-4), "0.0001")
        XCTAssertEqual(NumberText.parameter(1e-5), "1e-5")
        XCTAssertEqual(NumberText.parameter(-1), "\u{2212}1")
        XCTAssertEqual(NumberText.parameterList([30, 40, 50]), "30, 40, 50")
        XCTAssertEqual(NumberText.parameterList((-9...2).map(Double.init)), "\u{2212}9 … 2 in steps of 1 (12 values)")
        XCTAssertEqual(NumberText.parameterList((1...18).map { Double($0) * 0.05 }), "0.05 … 0.9 in steps of 0.05 (18 values)")
        XCTAssertEqual(NumberText.parameterList([0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0]), "0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1")
        XCTAssertEqual(NumberText.integer(600_000), "600\u{202F}000")
        XCTAssertEqual(NumberText.integer(1250), "1250")
    }

    func testUnitConversions() {
        XCTAssertEqual(UnitText.micronsText(pixels: 2), "110")
        XCTAssertEqual(UnitText.millimetresPerSecondText(pixelsPerFrame: 0.08), "0.44")
        XCTAssertEqual(UnitText.milliseconds(frames: 2), 20)
    }
}
