import XCTest
import RetinaCore
@testable import Mechanisms

final class LeastSquaresTests: XCTestCase {
    func testCholeskySolvesASymmetricSystem() throws {
        let a: [Double] = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]
        let x: [Double] = [1, -2, 0.5]
        let b = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * x[$1] } }
        let s = try XCTUnwrap(LeastSquares.solveSPD(a, b, ridge: 0))
        for i in 0..<3 { XCTAssertEqual(s[i], x[i], accuracy: 1e-12) }
        XCTAssertNil(LeastSquares.solveSPD([1, 2, 2, 1], [1, 1], ridge: 0))   // indefinite
    }

    /// Checks the Karush–Kuhn–Tucker conditions of the non-negative solution with a free intercept.
    func testNonNegativeLeastSquaresSatisfiesKKT() {
        var rng = SeededRandom(seed: 5)
        let n = 60
        let columns: [[Double]] = [[Double](repeating: 1, count: n)] + (0..<4).map { _ in (0..<n).map { _ in rng.normal() } }
        // y favours a negative coefficient on column 2, which the constraint must clamp to 0.
        let y = (0..<n).map { t in -3 + 2 * columns[1][t] - 1.5 * columns[2][t] + 0.5 * columns[3][t] + 0.1 * rng.normal() }
        let (a, b) = LeastSquares.normalEquations(columns: columns, y: y)
        let x = LeastSquares.nonNegative(a, b, free: [0])
        XCTAssertEqual(x[2], 0)
        XCTAssertLessThan(x[0], -1, "the intercept is free to be negative")
        let gradient = (0..<5).map { i in b[i] - (0..<5).reduce(0.0) { $0 + a[i * 5 + $1] * x[$1] } }
        for i in 0..<5 {
            if i == 0 || x[i] > 0 { XCTAssertEqual(gradient[i], 0, accuracy: 1e-8 * Double(n)) }
            else { XCTAssertLessThanOrEqual(gradient[i], 1e-8 * Double(n)); XCTAssertEqual(x[i], 0) }
            if i > 0 { XCTAssertGreaterThanOrEqual(x[i], 0) }
        }
        XCTAssertGreaterThan(x[1], 1)
    }

    /// The normal equations equal the textbook triple loop bit for bit (each entry one sequential sum
    /// over t), for designs of 1–7 columns (the four-lane path and its remainder), and are symmetric.
    func testNormalEquationsMatchTheSequentialSumsExactly() {
        var rng = SeededRandom(seed: 17)
        for p in 1...7 {
            let n = 53
            let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() * 3 } }
            let y = (0..<n).map { _ in rng.normal() }
            let (a, b) = LeastSquares.normalEquations(columns: columns, y: y)
            for i in 0..<p {
                for j in 0..<p {
                    var s = 0.0
                    for t in 0..<n { s += columns[min(i, j)][t] * columns[max(i, j)][t] }
                    XCTAssertEqual(a[i * p + j], s, "p \(p) entry \(i),\(j)")
                }
                var s = 0.0
                for t in 0..<n { s += columns[i][t] * y[t] }
                XCTAssertEqual(b[i], s, "p \(p) b[\(i)]")
            }
        }
    }
}
