import XCTest
@testable import RetinaCore

final class MovieTests: XCTestCase {
    func testFullFieldAndWindows() {
        let m = Movie.fullField([0, -1, 0.5], height: 2, width: 3)
        XCTAssertEqual(m[1, 1, 2], -1)
        XCTAssertEqual(m[2, 0, 0], 0.5)
        XCTAssertEqual(m.windowCount(history: 2), 2)
        XCTAssertEqual(m.windowCount(history: 5), 0)
    }

    func testVerticallyUniform() {
        let m = Movie.verticallyUniform([[0, 1], [2, 3]], height: 3)
        XCTAssertEqual(m.width, 2)
        XCTAssertEqual(m[1, 2, 1], 3)
        XCTAssertEqual(m.slice(frames: 1..<2).values, [2, 3, 2, 3, 2, 3])
    }

    func testUnitConversions() {
        XCTAssertEqual(Units.millimetresPerSecond(pixelsPerFrame: 0.08), 0.44, accuracy: 1e-12)
        XCTAssertEqual(Units.microns(pixels: 4), 220)
    }
}
