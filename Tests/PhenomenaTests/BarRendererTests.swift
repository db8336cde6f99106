import XCTest
import RetinaCore
@testable import Phenomena

final class BarRendererTests: XCTestCase {
    func testCoverageSumsToWidthTimesContrastAtSubPixelCentres() {
        let bar = BarRenderer(widthPixels: 4, contrast: -1)
        for k in 0..<23 {
            let c = 20 + Double(k) * 0.137
            let row = bar.row(centrePixels: c, screenWidthPixels: 50)
            XCTAssertEqual(row.reduce(0) { $0 + Double($1) }, -4, accuracy: 1e-5, "centre \(c)")
            XCTAssertTrue(row.allSatisfy { $0 <= 0 && $0 >= -1 })
        }
        let thin = BarRenderer(widthPixels: 2, contrast: 0.5)
        XCTAssertEqual(thin.row(centrePixels: 10.3, screenWidthPixels: 20).reduce(0) { $0 + Double($1) }, 1, accuracy: 1e-6)
    }

    func testEdgePixelsGetTheirCoveredFraction() {
        let row = BarRenderer(widthPixels: 4, contrast: -1).row(centrePixels: 22, screenWidthPixels: 50)
        // [20, 24]: pixels 21–23 full, 20 and 24 half.
        XCTAssertEqual(Array(row[19...25]), [0, -0.5, -1, -1, -1, -0.5, 0])
        let shifted = BarRenderer(widthPixels: 4, contrast: -1).row(centrePixels: 22.25, screenWidthPixels: 50)
        XCTAssertEqual(shifted[20], -0.25, accuracy: 1e-6)
        XCTAssertEqual(shifted[24], -0.75, accuracy: 1e-6)
    }

    func testBarOffScreenIsClippedAndNilIsGray() {
        let bar = BarRenderer(widthPixels: 4, contrast: -1)
        XCTAssertEqual(bar.row(centrePixels: -10, screenWidthPixels: 8), [Float](repeating: 0, count: 8))
        XCTAssertEqual(bar.row(centrePixels: 0, screenWidthPixels: 8).reduce(0, +), -2.5, accuracy: 1e-6)
        XCTAssertEqual(bar.row(centrePixels: nil, screenWidthPixels: 3), [0, 0, 0])
    }

    func testMovieIsUniformAlongY() {
        let movie = BarRenderer(widthPixels: 3, contrast: -1).movie(centresPixels: [nil, 5.5], screen: .init(heightPixels: 4, widthPixels: 10))
        XCTAssertEqual(movie.frames, 2)
        for y in 0..<4 {
            XCTAssertEqual(movie[0, y, 5], 0)
            XCTAssertEqual(movie[1, y, 5], -1)
            XCTAssertEqual(movie[1, y, 4], -0.5)
        }
    }
}
