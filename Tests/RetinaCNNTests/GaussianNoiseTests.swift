import XCTest
import RetinaCore
@testable import RetinaCNN

final class GaussianNoiseTests: XCTestCase {
    func testMomentsAndDeterminism() {
        let n = 200_001
        var x = [Float](repeating: 1, count: n)
        var rng = SeededRandom(seed: 12)
        GaussianNoise.add(to: &x, count: n, sigma: 0.05, rng: &rng)
        let d = x.map { Double($0) - 1 }
        let mean = d.reduce(0, +) / Double(n)
        let sd = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        let kurtosis = d.reduce(0) { $0 + pow(($1 - mean) / sd, 4) } / Double(n)
        XCTAssertEqual(mean, 0, accuracy: 0.05 * 4 / Double(n).squareRoot())
        XCTAssertEqual(sd, 0.05, accuracy: 0.0005)
        XCTAssertEqual(kurtosis, 3, accuracy: 0.05)
        var y = [Float](repeating: 1, count: n)
        var rng2 = SeededRandom(seed: 12)
        GaussianNoise.add(to: &y, count: n, sigma: 0.05, rng: &rng2)
        XCTAssertEqual(x, y)
    }
}
