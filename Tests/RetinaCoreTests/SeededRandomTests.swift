import XCTest
@testable import RetinaCore

final class SeededRandomTests: XCTestCase {
    func testSameSeedSameStream() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let xa = (0..<8).map { _ in a.next() }, xb = (0..<8).map { _ in b.next() }, xc = (0..<8).map { _ in c.next() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, xc)
    }

    func testUniformAndNormalMoments() {
        var r = SeededRandom(seed: 7)
        let n = 200_000
        var su = 0.0, sn = 0.0, sn2 = 0.0
        for _ in 0..<n { su += r.uniform(); let z = r.normal(); sn += z; sn2 += z * z }
        XCTAssertEqual(su / Double(n), 0.5, accuracy: 0.005)
        XCTAssertEqual(sn / Double(n), 0, accuracy: 0.01)
        XCTAssertEqual(sn2 / Double(n), 1, accuracy: 0.02)
    }

    func testPoissonMeanAndVariance() {
        var r = SeededRandom(seed: 9)
        for lambda in [0.14, 3.0, 50.0] {
            let n = 100_000
            var s = 0.0, s2 = 0.0
            for _ in 0..<n { let k = Double(r.poisson(lambda)); s += k; s2 += k * k }
            let mean = s / Double(n), variance = s2 / Double(n) - mean * mean
            XCTAssertEqual(mean, lambda, accuracy: 0.02 * max(1, lambda))
            XCTAssertEqual(variance, lambda, accuracy: 0.05 * max(1, lambda))
        }
    }
}
